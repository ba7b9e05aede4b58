"""The 附件1/2/3 lists as spreadsheets: export, and import back after people edited them.

Round trip: ``export`` writes one workbook with the three lists (title row, header row, one row per
entry, the entry id in 编号). People edit cells in a spreadsheet program; ``import_workbook`` reads
every row, validates every cell, and reports each problem by sheet, row and column. Only when the
whole workbook is valid are the changes applied — in ONE transaction, so nothing is ever half
applied — and rows whose values did not change write no history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..store import ledger as db
from ..store.schema import LEDGER_LISTS
from .book import Ledger, LedgerEntry, LedgerError, resolve_overdue
from .fields import BY_HEADER, FIELDS, LIST_TITLES, OVERDUE, Field, display, list_of, parse_value

HEADER_ROW = 2
README_TITLE = "填写说明"
_READ_ONLY_FILL = PatternFill("solid", fgColor="EEEEEE")
_OVERDUE_FILL = PatternFill("solid", fgColor="F8D7DA")


def ledger_sheets(workbook: Workbook, entries: Iterable[LedgerEntry], as_of: dt.date | None = None) -> None:
    """Write the three lists (附件1/2/3) as sheets of ``workbook``, entry ids in 编号.

    For other report writers: the sheets are appended; an empty default sheet is removed.
    """
    by_list: dict[str, list[LedgerEntry]] = {name: [] for name in LEDGER_LISTS}
    for entry in entries:
        by_list[entry.list_no].append(entry)
    if len(workbook.sheetnames) == 1 and workbook.active.max_row == 1 and workbook.active["A1"].value is None:
        workbook.remove(workbook.active)
    for list_no in LEDGER_LISTS:
        _write_sheet(workbook.create_sheet(LIST_TITLES[list_no]), list_no, by_list[list_no], as_of)


def _write_sheet(sheet: Any, list_no: str, entries: list[LedgerEntry], as_of: dt.date | None) -> None:
    sheet.cell(1, 1, LIST_TITLES[list_no]).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(FIELDS))
    for column, spec in enumerate(FIELDS, 1):
        cell = sheet.cell(HEADER_ROW, column, spec.header)
        cell.font = Font(bold=True)
        if not spec.editable:
            cell.fill = _READ_ONLY_FILL
        sheet.column_dimensions[get_column_letter(column)].width = spec.width
    for offset, entry in enumerate(entries, 1):
        row = HEADER_ROW + offset
        for column, spec in enumerate(FIELDS, 1):
            is_status = spec.name == "status"
            value = entry.effective_status(as_of) if is_status else display(spec, getattr(entry, spec.name))
            cell = sheet.cell(row, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if spec.name == "status" and value == OVERDUE:
                cell.fill = _OVERDUE_FILL
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"


def _readme(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(README_TITLE)
    lines = [
        "“清赖行动”失信违诺事项清单 填写说明",
        "1. 每个事项一行；“编号”是台账中的事项编号，请勿修改或删除（导入时按编号更新）。",
        "2. 灰色表头的列（编号、发现指纹、更新时间）只读，导入时不读取。",
        "3. 整改状态填“未整改”“整改中”或“已整改”；“逾期”是按整改期限推算的，保留不改即表示状态不变。",
        "4. 整改期限写成 2020-06-30；涉及金额单位为元，可写 4360000 或 436万。",
        "5. 是否纳入清欠范围填“是”或“否”；问题类别填 C1–C6 或 LC，多个用顿号分隔。",
        "6. 单位类型：地市、县区、地方部门（附件1），中省直（附件2），垂直管理（附件3）。",
        "7. 导入时任何一格有误都不会导入任何改动，错误会按工作表、行、列列出。",
    ]
    for index, line in enumerate(lines, 1):
        sheet.cell(index, 1, line)
    sheet.column_dimensions["A"].width = 100


def export_workbook(entries: Iterable[LedgerEntry], path: Path, as_of: dt.date | None = None) -> Path:
    workbook = Workbook()
    ledger_sheets(workbook, entries, as_of)
    _readme(workbook)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


# --- import ---------------------------------------------------------------------------------------
@dataclass
class CellError:
    sheet: str
    row: int
    column: str  # letter
    header: str
    problem: str

    def __str__(self) -> str:
        where = f"{self.sheet} 第{self.row}行"
        if self.column:
            where += f" {self.column}列「{self.header}」"
        return f"{where}：{self.problem}"


class LedgerImportError(LedgerError):
    """The workbook has errors; nothing was imported. ``errors`` name sheet, row and column."""

    def __init__(self, path: Path, errors: list[CellError]) -> None:
        self.errors = errors
        shown = "\n".join(f"  {error}" for error in errors[:50])
        more = f"\n  …另有 {len(errors) - 50} 处" if len(errors) > 50 else ""
        super().__init__(f"{path}：{len(errors)} 处错误，未导入任何改动：\n{shown}{more}")


@dataclass
class SheetRow:
    sheet: str
    row: int
    list_no: str
    entry_id: int | None
    values: dict[str, Any]
    columns: dict[str, str]  # field name → column letter


@dataclass
class ImportResult:
    updated: dict[int, list[str]] = field(default_factory=dict)  # entry id → changed fields
    created: list[int] = field(default_factory=list)
    unchanged: int = 0


def _list_of_sheet(title: str) -> str | None:
    for list_no in LEDGER_LISTS:
        if title.replace(" ", "").startswith(list_no):
            return list_no
    return None


def _find_header(sheet: Any) -> tuple[int, dict[int, Field]] | None:
    for row in range(1, min(sheet.max_row, 6) + 1):
        headers = {}
        for column in range(1, sheet.max_column + 1):
            value = sheet.cell(row, column).value
            spec = BY_HEADER.get(str(value).strip()) if value is not None else None
            if spec:
                headers[column] = spec
        if any(spec.name == "id" for spec in headers.values()):
            return row, headers
    return None


def read_workbook(path: Path) -> tuple[list[SheetRow], list[CellError]]:
    """Every data row of the 附件 sheets, parsed; and every problem found without the database."""
    try:
        workbook = load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise LedgerError(f"{path}：无法作为 XLSX 工作簿打开（{error}）") from error
    rows: list[SheetRow] = []
    errors: list[CellError] = []
    seen: dict[int, SheetRow] = {}
    sheets = [(sheet, _list_of_sheet(sheet.title)) for sheet in workbook.worksheets]
    if not any(list_no for _, list_no in sheets):
        errors.append(CellError(path.name, 0, "", "", "没有“附件1/附件2/附件3”工作表"))
    for sheet, list_no in sheets:
        if list_no is None:
            continue  # 填写说明 or a sheet of the user's own
        found = _find_header(sheet)
        if found is None:
            errors.append(CellError(sheet.title, 1, "", "", "找不到表头（需要“编号”列）"))
            continue
        header_row, headers = found
        missing = [spec.header for spec in FIELDS if spec.required and spec not in headers.values()]
        if missing:
            errors.append(CellError(sheet.title, header_row, "", "", f"缺少列：{'、'.join(missing)}"))
            continue
        for row in range(header_row + 1, sheet.max_row + 1):
            cells = {column: sheet.cell(row, column).value for column in headers}
            if all(value is None or (isinstance(value, str) and not value.strip()) for value in cells.values()):
                continue
            parsed = _parse_row(sheet.title, row, list_no, headers, cells, errors)
            if parsed is None:
                continue
            if parsed.entry_id is not None:
                if parsed.entry_id in seen:
                    first = seen[parsed.entry_id]
                    errors.append(CellError(sheet.title, row, parsed.columns["id"], "编号",
                                            f"编号 {parsed.entry_id} 重复（已在 {first.sheet} 第{first.row}行）"))
                    continue
                seen[parsed.entry_id] = parsed
            rows.append(parsed)
    return rows, errors


def _parse_row(title: str, row: int, list_no: str, headers: dict[int, Field], cells: dict[int, Any],
               errors: list[CellError]) -> SheetRow | None:
    values: dict[str, Any] = {}
    columns: dict[str, str] = {}
    entry_id: int | None = None
    ok = True
    for column, spec in headers.items():
        letter = get_column_letter(column)
        columns[spec.name] = letter
        raw = cells[column]
        if spec.name == "id":
            try:
                entry_id = parse_value(spec, raw)
            except ValueError as error:
                errors.append(CellError(title, row, letter, spec.header, str(error)))
                ok = False
            continue
        if not spec.editable:
            continue
        try:
            values[spec.name] = parse_value(spec, raw)
        except ValueError as error:
            errors.append(CellError(title, row, letter, spec.header, str(error)))
            ok = False
    unit_kind = values.get("unit_kind")
    if ok and unit_kind and list_of(unit_kind) != list_no:
        errors.append(CellError(title, row, columns["unit_kind"], "单位类型",
                                f"单位类型“{unit_kind}”属于{list_of(unit_kind)}，不能列在{list_no}"))
        ok = False
    return SheetRow(title, row, list_no, entry_id, values, columns) if ok else None


def import_workbook(ledger: Ledger, path: Path, by: str, allow_new: bool = False, note: str = "") -> ImportResult:
    """Validate the whole workbook, then apply it in one transaction (all or nothing)."""
    rows, errors = read_workbook(path)
    note = note or f"导入 {path.name}"
    result = ImportResult()
    database = ledger.store.database
    with database.write() as conn:
        who = db.require_ledger_user(conn, by)
        current = {entry.id: entry for entry in db.list_entries(conn)}
        planned: list[tuple[SheetRow, dict[str, Any]]] = []
        for sheet_row in rows:
            values = dict(sheet_row.values)
            if sheet_row.entry_id is None:
                if not allow_new:
                    errors.append(CellError(sheet_row.sheet, sheet_row.row, sheet_row.columns["id"], "编号",
                                            "编号为空：新增事项请用 `qinglai ledger add`，或导入时加 --allow-new"))
                    continue
                lacking = [name for name in ("unit_kind", "title") if not values.get(name)]
                if lacking:
                    header = {"unit_kind": "单位类型", "title": "事项名称"}[lacking[0]]
                    errors.append(CellError(sheet_row.sheet, sheet_row.row, sheet_row.columns.get(lacking[0], ""),
                                            header, "新增事项必须填写"))
                    continue
                if values.get("status") == OVERDUE:
                    errors.append(CellError(sheet_row.sheet, sheet_row.row, sheet_row.columns["status"], "整改状态",
                                            "新增事项不能直接标为“逾期”"))
                    continue
                planned.append((sheet_row, values))
                continue
            entry = current.get(sheet_row.entry_id)
            if entry is not None and values.get("status", entry.status) is None:
                errors.append(CellError(sheet_row.sheet, sheet_row.row, sheet_row.columns["status"], "整改状态",
                                        "不能为空"))
                continue
            if entry is None:
                errors.append(CellError(sheet_row.sheet, sheet_row.row, sheet_row.columns["id"], "编号",
                                        f"台账中没有编号为 {sheet_row.entry_id} 的事项"))
                continue
            try:
                values = resolve_overdue(values, entry)
            except LedgerError as error:
                errors.append(CellError(sheet_row.sheet, sheet_row.row, sheet_row.columns["status"], "整改状态",
                                        str(error)))
                continue
            planned.append((sheet_row, values))
        if errors:
            order = {title: index for index, title in enumerate(dict.fromkeys(e.sheet for e in errors))}
            errors.sort(key=lambda e: (order[e.sheet], e.row, e.column))
            raise LedgerImportError(path, errors)  # leaves the transaction: nothing written
        at = ledger.clock()
        for sheet_row, values in planned:
            where = f"{note}（{sheet_row.sheet} 第{sheet_row.row}行）"
            if sheet_row.entry_id is None:
                result.created.append(db.insert_entry(conn, values, who, at, where))
                continue
            changed = db.update_entry(conn, sheet_row.entry_id, values, who, at, where)
            if changed:
                result.updated[sheet_row.entry_id] = changed
            else:
                result.unchanged += 1
    return result
