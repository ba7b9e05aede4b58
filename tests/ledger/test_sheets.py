"""The 附件1/2/3 workbook round trip: export, edit the cells as a person would, import."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from qinglai_rules.ledger.book import Ledger
from qinglai_rules.ledger.fields import FIELDS, LIST_TITLES
from qinglai_rules.ledger.sheets import LedgerImportError, export_workbook, import_workbook, ledger_sheets
from qinglai_rules.store import Store

SHEET1 = LIST_TITLES["附件1"]
SHEET2 = LIST_TITLES["附件2"]


@pytest.fixture
def filled(ledger: Ledger) -> Ledger:
    ledger.add({"unit_kind": "县区", "region": "宾县", "title": "暂缓兑现扶持资金", "amount": 2_180_000,
                "deadline": "2019-12-31", "market_entity": "哈尔滨谷丰食品有限公司"}, by="wang")
    ledger.add({"unit_kind": "地方部门", "region": "宾县", "department": "宾县住房和城乡建设局",
                "title": "拒不履行生效判决", "category": "C6", "amount": 7_230_000}, by="wang")
    ledger.add({"unit_kind": "中省直", "department": "黑龙江省交通运输厅", "title": "拖欠工程款",
                "arrears_scope": "是", "deadline": "2020-06-30"}, by="wang")
    return ledger


def _columns(sheet) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {cell.value: cell.column for cell in sheet[2]}


def _row_of(sheet, entry_id: int) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value == entry_id)


def _snapshot(store: Store) -> str:
    with sqlite3.connect(store.location) as conn:
        rows = conn.execute("SELECT * FROM ledger_entries ORDER BY id").fetchall()
        rows += conn.execute("SELECT * FROM ledger_history ORDER BY id").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_ledger_sheets_writes_the_three_lists_with_ids(filled: Ledger) -> None:
    workbook = Workbook()
    ledger_sheets(workbook, filled.entries(), dt.date(2020, 1, 1))
    assert workbook.sheetnames == [LIST_TITLES["附件1"], LIST_TITLES["附件2"], LIST_TITLES["附件3"]]
    first = workbook[SHEET1]
    assert first["A1"].value == "附件1 政府及其部门失信违诺事项清单"
    assert [c.value for c in first[2]] == [f.header for f in FIELDS]
    assert [first.cell(r, 1).value for r in (3, 4)] == [1, 2]
    status = _columns(first)["整改状态"]
    assert first.cell(3, status).value == "逾期"  # deadline 2019-12-31 passed on 2020-01-01
    assert first.cell(4, status).value == "未整改"
    assert workbook[SHEET2].cell(3, _columns(workbook[SHEET2])["是否纳入清欠范围"]).value == "是"
    assert workbook[LIST_TITLES["附件3"]].max_row == 2  # headers only


def test_round_trip_edit_and_import(filled: Ledger, tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    path = export_workbook(filled.entries(), tmp_path / "lists.xlsx", dt.date(2020, 1, 1))
    untouched = len(filled.history(2)) + len(filled.history(3))
    workbook = load_workbook(path)
    sheet = workbook[SHEET1]
    col = _columns(sheet)
    row = _row_of(sheet, 1)  # status cell reads 逾期: left as it is
    sheet.cell(row, col["处理意见"], "签订书面履行协议，分两期兑现")
    sheet.cell(row, col["书面履行协议"], "已签订（2020年1月5日）")
    sheet.cell(row, col["整改期限"], dt.datetime(2020, 6, 30))  # a spreadsheet program stores a date
    sheet.cell(row, col["涉及金额(元)"], "218万")  # the same amount, written differently
    sheet.cell(row, col["预算安排"], "2020年县本级预算")
    sheet.cell(row, col["是否纳入清欠范围"], "否")
    workbook.save(path)
    clock.set("2020-01-08")
    result = import_workbook(filled, path, by="wang")
    assert result.updated == {1: ["arrears_scope", "handling_opinion", "written_agreement", "budget_line",
                                  "deadline"]}  # in the order of the ledger's columns
    assert result.unchanged == 2 and result.created == []
    entry = filled.get(1)
    assert (entry.deadline, entry.arrears_scope, entry.status, entry.amount) == ("2020-06-30", False, "未整改",
                                                                                2_180_000)
    changes = [h for h in filled.history(1) if h.changed_at.startswith("2020-01-08")]
    assert {h.field for h in changes} == set(result.updated[1])
    assert all(h.changed_by == "wang" and h.note == f"导入 lists.xlsx（{SHEET1} 第3行）" for h in changes)
    assert len(filled.history(2)) + len(filled.history(3)) == untouched  # unchanged rows: no history
    again = import_workbook(filled, path, by="wang")
    assert again.updated == {} and again.unchanged == 3  # importing the same file twice changes nothing


def test_status_change_and_unit_kind_move_within_the_right_sheet(filled: Ledger, tmp_path: Path) -> None:
    path = export_workbook(filled.entries(), tmp_path / "lists.xlsx", dt.date(2020, 1, 1))
    workbook = load_workbook(path)
    sheet = workbook[SHEET1]
    col = _columns(sheet)
    sheet.cell(_row_of(sheet, 2), col["整改状态"], "已整改")
    sheet.cell(_row_of(sheet, 2), col["单位类型"], "县（市、区）")
    workbook.save(path)
    result = import_workbook(filled, path, by="wang")
    assert result.updated == {2: ["unit_kind", "status"]}
    assert (filled.get(2).unit_kind, filled.get(2).status) == ("县区", "已整改")


def test_one_bad_cell_names_sheet_row_column_and_nothing_changes(filled: Ledger, tmp_path: Path) -> None:
    path = export_workbook(filled.entries(), tmp_path / "lists.xlsx", dt.date(2020, 1, 1))
    workbook = load_workbook(path)
    sheet = workbook[SHEET1]
    col = _columns(sheet)
    sheet.cell(_row_of(sheet, 1), col["处理意见"], "这一格是好的")
    sheet.cell(_row_of(sheet, 2), col["整改状态"], "基本完成")
    workbook.save(path)
    before = _snapshot(filled.store)
    with pytest.raises(LedgerImportError) as error:
        import_workbook(filled, path, by="wang")
    assert [str(e) for e in error.value.errors] == [
        f"{SHEET1} 第4行 W列「整改状态」：未知的整改状态 '基本完成'"
        "（可选 未整改、整改中、已整改；“逾期”由整改期限推算）"]
    assert "未导入任何改动" in str(error.value)
    assert _snapshot(filled.store) == before  # the good cell was not applied either


@pytest.mark.parametrize(("header", "value", "problem"), [
    ("编号", 99, "台账中没有编号为 99 的事项"),
    ("编号", 2, "编号 2 重复"),
    ("整改期限", "2020-02-30", "不存在"),
    ("整改期限", "下个月", "无法识别"),
    ("涉及金额(元)", "约两百万", "不是数字"),
    ("单位类型", "中省直", "属于附件2，不能列在附件1"),
    ("是否纳入清欠范围", "待定", "应填“是”或“否”"),
    ("问题类别", "C7", "未知的问题类别"),
    ("事项名称", None, "不能为空"),
])
def test_validation_errors(filled: Ledger, tmp_path: Path, header: str, value: object, problem: str) -> None:
    path = export_workbook(filled.entries(), tmp_path / "lists.xlsx", dt.date(2020, 1, 1))
    workbook = load_workbook(path)
    sheet = workbook[SHEET1]
    column = _columns(sheet)[header]
    sheet.cell(3, column).value = value  # (cell(r, c, None) would leave the cell as it was)
    workbook.save(path)
    before = _snapshot(filled.store)
    with pytest.raises(LedgerImportError) as error:
        import_workbook(filled, path, by="wang")
    message = str(error.value.errors[0])
    assert problem in message and f"{SHEET1} 第" in message and f"「{header}」" in message
    assert _snapshot(filled.store) == before


def test_new_rows_need_allow_new(filled: Ledger, tmp_path: Path) -> None:
    path = export_workbook(filled.entries(), tmp_path / "lists.xlsx", dt.date(2020, 1, 1))
    workbook = load_workbook(path)
    sheet = workbook[SHEET1]
    col = _columns(sheet)
    sheet.cell(5, col["单位类型"], "县区")
    sheet.cell(5, col["事项名称"], "热线反映：道路工程款未付")
    sheet.cell(5, col["地区"], "宾县")
    workbook.save(path)
    with pytest.raises(LedgerImportError, match="编号为空"):
        import_workbook(filled, path, by="wang")
    result = import_workbook(filled, path, by="wang", allow_new=True)
    assert result.created == [4] and filled.get(4).title == "热线反映：道路工程款未付"


def test_import_refuses_a_file_that_is_not_a_workbook(filled: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(Exception, match="无法作为 XLSX 工作簿打开"):
        import_workbook(filled, path, by="wang")


def test_findings_workbook_carries_the_ledger_sheets_once_the_ledger_exists(filled: Ledger, tmp_path: Path) -> None:
    import openpyxl

    from qinglai_rules.reports.xlsx_report import write_xlsx_report

    report = {"documents": [], "totals": {}}
    with_ledger, without = tmp_path / "with", tmp_path / "without"
    with_ledger.mkdir()
    without.mkdir()
    (path,) = write_xlsx_report(report, with_ledger, ledger_entries=filled.entries())
    names = openpyxl.load_workbook(path).sheetnames
    assert names[:2] == ["发现", "文件"]
    assert [name[:3] for name in names[2:]] == ["附件1", "附件2", "附件3"]
    (empty,) = write_xlsx_report(report, without, ledger_entries=[])
    assert openpyxl.load_workbook(empty).sheetnames == ["发现", "文件"]
