"""findings.xlsx: one row per finding (sheet 发现), every input with its status (sheet 文件).

The commerce bureau filters and sorts this sheet and pastes rows into its own ledgers, so every cell
holds plain text or a number (no formulas), the header row is frozen and filtered, and long texts
wrap. The campaign ledgers 附件1–3 are added by ``add_ledger_sheets`` (a hook for now).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import view

# (header, width in characters, value of a finding row)
Column = tuple[str, float, Callable[[dict[str, Any], dict[str, Any]], Any]]

FINDING_COLUMNS: list[Column] = [
    ("文件", 28, lambda d, _f: view.doc_title(d)),
    ("文号", 18, lambda d, _f: view.metadata(d).get("doc_number") or ""),
    ("发文机关", 20, lambda d, _f: view.metadata(d).get("issuer") or ""),
    ("地区", 14, lambda d, _f: view.doc_region(d) or ""),
    ("文件类型", 10, lambda d, _f: view.doc_type_title(d)),
    ("条款", 16, lambda _d, f: view.clause_location(f)),
    ("页码", 6, lambda _d, f: view.clause_pages(f)),
    ("问题类型", 18, lambda _d, f: view.family_title(f["family"])),
    ("类别", 8, lambda _d, f: view.categories_text(f)),
    ("严重程度", 8, lambda _d, f: f["severity"]),
    ("置信度", 7, lambda _d, f: f.get("confidence")),
    ("证据", 36, lambda _d, f: f["evidence"].get("text", "")),
    ("问题说明", 36, lambda _d, f: f["message"]),
    ("法律依据", 48, lambda _d, f: view.laws_text(f)),
    ("修改建议", 40, lambda _d, f: f["suggestion"]),
    ("规则", 22, lambda _d, f: f["rule_id"]),
    ("审查状态", 8, lambda _d, f: view.finding_status_title(f)),
    ("指纹", 18, lambda _d, f: f.get("fingerprint") or ""),
]

DOCUMENT_COLUMNS: list[tuple[str, float, Callable[[dict[str, Any]], Any]]] = [
    ("序号", 6, lambda d: None),  # filled with the row number
    ("文件", 44, lambda d: d["path"]),
    ("状态", 9, view.doc_status_title),
    ("标题", 32, lambda d: view.metadata(d).get("title") or ""),
    ("文号", 18, lambda d: view.metadata(d).get("doc_number") or ""),
    ("发文机关", 20, lambda d: view.metadata(d).get("issuer") or ""),
    ("地区", 14, lambda d: view.doc_region(d) or ""),
    ("日期", 11, lambda d: view.metadata(d).get("date") or ""),
    ("文件类型", 10, lambda d: view.doc_type_title(d) if d["status"] == "ok" else ""),
    ("页数", 6, lambda d: d.get("pages") or None),
    ("条款数", 7, lambda d: d.get("clauses") or None),
    ("发现数", 7, lambda d: len(d.get("findings", []))),
    ("未驳回", 7, lambda d: len(view.active_findings(d))),
    ("错误代码", 12, lambda d: d.get("error_code") or ""),
    ("错误或跳过原因", 48, view.doc_problem),
    ("SHA-256", 20, lambda d: d.get("sha256") or ""),
]

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="23395D")
ERROR_FILL = PatternFill("solid", fgColor="FDE7E5")
SEVERITY_FONTS = {"违法": Font(color="B3261E", bold=True), "高风险": Font(color="B8650F", bold=True)}
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def _append(sheet: Worksheet, values: list[Any]) -> int:
    """Append a row of plain values: no control characters (Excel refuses them), and text that starts
    with ``=`` stays text instead of becoming a formula. Returns the row number."""
    cleaned = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values]
    sheet.append(cleaned)
    row = sheet.max_row
    for index, value in enumerate(cleaned, start=1):
        if isinstance(value, str) and value.startswith("="):
            sheet.cell(row=row, column=index).data_type = "s"
    return row


def _header(sheet: Worksheet, columns: Sequence[tuple[str, float, Any]]) -> None:
    sheet.append([name for name, _, _ in columns])
    for index, (_, width, _) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 22


def _finish(sheet: Worksheet, columns: int) -> None:
    """Autofilter over the whole table (also when it has only the header row)."""
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(sheet.max_row, 1)}"


def findings_sheet(sheet: Worksheet, report: dict[str, Any]) -> None:
    sheet.title = "发现"
    _header(sheet, FINDING_COLUMNS)
    severity_column = [name for name, _, _ in FINDING_COLUMNS].index("严重程度") + 1
    for doc, finding in view.all_findings(report):
        row = _append(sheet, [value(doc, finding) for _, _, value in FINDING_COLUMNS])
        for index in range(1, len(FINDING_COLUMNS) + 1):
            sheet.cell(row=row, column=index).alignment = WRAP
        font = SEVERITY_FONTS.get(finding["severity"])
        if font:
            sheet.cell(row=row, column=severity_column).font = font
        confidence = sheet.cell(row=row, column=severity_column + 1)
        confidence.number_format = "0.00"
    _finish(sheet, len(FINDING_COLUMNS))


def documents_sheet(sheet: Worksheet, report: dict[str, Any]) -> None:
    _header(sheet, DOCUMENT_COLUMNS)
    for number, doc in enumerate(report["documents"], start=1):
        values = [value(doc) for _, _, value in DOCUMENT_COLUMNS]
        values[0] = number
        row = _append(sheet, values)
        for index in range(1, len(DOCUMENT_COLUMNS) + 1):
            cell = sheet.cell(row=row, column=index)
            cell.alignment = WRAP
            if doc["status"] == "error":
                cell.fill = ERROR_FILL
    _finish(sheet, len(DOCUMENT_COLUMNS))


def add_ledger_sheets(workbook: Workbook, ledger_entries: list[Any] | None) -> None:
    """The campaign ledgers 附件1–3 (政府及其部门 / 中省直部门 / 实行垂直管理部门失信违诺事项清单), once the
    review store holds ledger entries (``qinglai ledger sync`` turns confirmed findings into entries)."""
    if ledger_entries:
        from ..ledger.sheets import ledger_sheets

        ledger_sheets(workbook, ledger_entries)


def build_workbook(report: dict[str, Any], ledger_entries: list[Any] | None = None) -> Workbook:
    workbook = Workbook()
    findings_sheet(workbook.active, report)
    documents_sheet(workbook.create_sheet("文件"), report)
    add_ledger_sheets(workbook, ledger_entries)
    return workbook


def write_xlsx_report(report: dict[str, Any], out_dir: Path, ledger_entries: list[Any] | None = None) -> list[Path]:
    path = out_dir / "findings.xlsx"
    build_workbook(report, ledger_entries).save(path)
    return [path]
