"""findings.xlsx: one row per finding under Chinese headers, filterable; every input on the 文件 sheet."""

from __future__ import annotations

import openpyxl
import pytest

from qinglai_rules.reports import xlsx_report
from qinglai_rules.reports.xlsx_report import write_xlsx_report

from .builders import FAILED_ERROR, finding

REQUIRED = [
    "文件", "文号", "发文机关", "地区", "文件类型", "条款", "页码", "问题类型", "类别", "严重程度", "置信度", "证据",
    "法律依据", "修改建议", "规则", "审查状态", "指纹",
]


def load(report, tmp_path):
    [path] = write_xlsx_report(report, tmp_path)
    assert path.name == "findings.xlsx"
    return openpyxl.load_workbook(path)


def rows(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_findings_sheet_has_chinese_headers_in_order_and_one_row_per_finding(report, tmp_path):
    book = load(report, tmp_path)
    assert book.sheetnames == ["发现", "文件"]
    sheet = book["发现"]
    headers = [cell.value for cell in sheet[1]]
    assert [h for h in headers if h in REQUIRED] == REQUIRED
    assert sheet.max_row == 1 + 3
    found = {row["规则"]: row for row in rows(sheet)}
    assert set(found) == {"DEMO-TAX-SHARE", "DEMO-GOV-GUARANTEE", "DEMO-PAY-TERM"}
    tax, pay = found["DEMO-TAX-SHARE"], found["DEMO-PAY-TERM"]
    assert tax["文件"] == "宝清县人民政府关于支持<重点>产业发展的若干措施"
    assert (tax["文号"], tax["地区"], tax["文件类型"]) == ("宝政发〔2019〕5号", "宝清县", "政策文件")
    assert (tax["问题类型"], tax["类别"], tax["严重程度"]) == ("税收优惠与返还", "LC", "违法")
    assert tax["证据"] == finding(report, "DEMO-TAX-SHARE")["evidence"]["text"]
    assert "《中华人民共和国税收征收管理法》第三条第二款：任何机关" in tax["法律依据"]
    assert tax["审查状态"] == "待审核" and not tax["指纹"]
    assert (pay["审查状态"], pay["指纹"], pay["严重程度"]) == ("已确认", "f" * 64, "高风险")
    assert pay["条款"] == "第一条" and pay["置信度"] == pytest.approx(0.85)
    assert found["DEMO-GOV-GUARANTEE"]["审查状态"] == "已驳回"


def test_filter_frozen_header_widths_and_wrapping(report, tmp_path):
    sheet = load(report, tmp_path)["发现"]
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(sheet.max_column)}4"
    assert sheet.freeze_panes == "A2"
    evidence_column = [cell.value for cell in sheet[1]].index("证据") + 1
    letter = openpyxl.utils.get_column_letter(evidence_column)
    assert sheet.column_dimensions[letter].width >= 30
    assert sheet.cell(row=2, column=evidence_column).alignment.wrap_text


def test_files_sheet_lists_every_input_with_status_and_error(report, tmp_path):
    sheet = load(report, tmp_path)["文件"]
    listed = rows(sheet)
    assert [row["文件"] for row in listed] == [doc["path"] for doc in report["documents"]]
    by_path = {row["文件"]: row for row in listed}
    assert by_path["in/scanned.pdf"]["状态"] == "审查失败"
    assert by_path["in/scanned.pdf"]["错误或跳过原因"] == FAILED_ERROR
    assert by_path["in/scanned.pdf"]["错误代码"] == "encrypted"
    assert by_path["in/old.docx"]["状态"] == "已跳过"
    assert (by_path["in/policy-宝清.txt"]["发现数"], by_path["in/policy-宝清.txt"]["未驳回"]) == (2, 1)
    assert by_path["in/clean.txt"]["状态"] == "已审查" and by_path["in/clean.txt"]["发现数"] == 0
    assert sheet.auto_filter.ref and sheet.freeze_panes == "A2"


def test_text_that_looks_like_a_formula_stays_text(report, tmp_path):
    finding(report, "DEMO-TAX-SHARE")["message"] = '=HYPERLINK("x","点我")'
    finding(report, "DEMO-TAX-SHARE")["suggestion"] = "删除\x0b该条款"
    sheet = load(report, tmp_path)["发现"]
    found = {row["规则"]: row for row in rows(sheet)}
    assert found["DEMO-TAX-SHARE"]["问题说明"] == '=HYPERLINK("x","点我")'
    assert found["DEMO-TAX-SHARE"]["修改建议"] == "删除该条款"
    column = [cell.value for cell in sheet[1]].index("问题说明") + 1
    assert all(sheet.cell(row=r, column=column).data_type == "s" for r in range(2, sheet.max_row + 1))


def test_an_empty_run_still_has_headers_and_a_filter(tmp_path):
    book = load({"documents": []}, tmp_path)
    assert book["发现"].max_row == 1 and book["发现"].auto_filter.ref.startswith("A1:")
