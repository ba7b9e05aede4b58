"""The commitment inventory of a set of documents (自查建账): every commitment, its clause, and the
findings the Reviewer raised on that clause; written as XLSX (Chinese headers) and JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Document, DocumentResult, Finding
from .commitments import Commitment, extract_commitments, format_amount

HEADERS = ("序号", "文件", "文号", "承诺主体", "承诺对象", "承诺内容", "类型", "金额(元)", "期限", "条款", "页码",
           "兑现状态", "相关发现", "文件路径", "条款编号")
WIDTHS = (6, 30, 18, 22, 24, 60, 12, 14, 14, 18, 8, 18, 40, 30, 12)


@dataclass
class InventoryItem:
    number: int
    commitment: Commitment
    findings: list[Finding] = field(default_factory=list)

    def findings_text(self) -> str:
        return "\n".join(f"[{f.family}/{f.severity}] {f.title or f.rule_id}（{f.rule_id}）" for f in self.findings)

    def row(self) -> list[Any]:
        c = self.commitment
        return [
            self.number,
            c.doc_title or Path(c.doc_path).name,
            c.doc_number or "",
            c.promisor,
            c.promisee + ("（类）" if c.promisee_is_class else ""),
            c.text,
            c.kind_title,
            _number(c.amount),
            c.deadline or "",
            " › ".join(c.clause_path) or c.clause_label,
            "、".join(str(p) for p in c.pages),
            c.status_text,
            self.findings_text(),
            c.doc_path,
            c.clause_id,
        ]

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, **self.commitment.to_json(),
                "amount_text": format_amount(self.commitment.amount) if self.commitment.amount else None,
                "findings": [{"rule_id": f.rule_id, "family": f.family, "categories": f.categories,
                              "severity": f.severity, "title": f.title, "evidence": f.evidence_text}
                             for f in self.findings]}


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


@dataclass
class Inventory:
    items: list[InventoryItem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # inputs that could not be read, in words
    documents: int = 0


def items_for(document: Document, findings: Iterable[Finding], start: int = 1) -> list[InventoryItem]:
    """The document's commitments, numbered from ``start``, each with the findings on its clause."""
    by_clause: dict[str, list[Finding]] = {}
    for finding in findings:
        by_clause.setdefault(finding.clause_id, []).append(finding)
    return [InventoryItem(start + index, commitment, by_clause.get(commitment.clause_id, []))
            for index, commitment in enumerate(extract_commitments(document))]


def build_inventory(paths: Iterable[str | Path], review: Callable[[str], DocumentResult] | None = None) -> Inventory:
    """Read (and, with ``review``, review) every input; collect the commitments with their findings.

    ``review``: e.g. ``Reviewer(...).review_file``; without it documents are only read and structured.
    """
    from ..errors import ReadError
    from ..reading import read
    from ..structure import analyse

    inventory = Inventory()
    for path in paths:
        if review is not None:
            result = review(str(path))
        else:
            try:
                doc = analyse(read(path))
                result = DocumentResult(str(path), "ok", doc.sha256, doc)
            except ReadError as error:
                result = DocumentResult(str(path), "error", error=str(error), error_code=error.code)
        if result.document is None:
            inventory.errors.append(result.error or f"{path}: 无法读取")
            continue
        inventory.documents += 1
        inventory.items += items_for(result.document, result.findings, len(inventory.items) + 1)
    return inventory


def write_inventory_xlsx(inventory: Inventory, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "承诺清单"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in inventory.items:
        sheet.append(item.row())
    for index, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    if inventory.errors:
        errors = workbook.create_sheet("未读取的文件")
        errors.append(["文件与问题"])
        for error in inventory.errors:
            errors.append([error])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def write_inventory_json(inventory: Inventory, path: Path) -> None:
    payload = {"documents": inventory.documents, "commitments": [item.to_json() for item in inventory.items],
               "errors": inventory.errors}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
