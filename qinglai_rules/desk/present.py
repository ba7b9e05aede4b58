"""Turning store rows into what the pages show: words, highlighted clause text, law citations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..reading.numbering import chinese_number
from ..store import ClauseRow, FindingRow
from ..vocabulary import CATEGORY_TITLES, FAMILY_TITLES

STATUS_WORDS = {"pending": "待审", "confirmed": "已确认", "dismissed": "已驳回"}
ACTION_WORDS = {"confirm": "确认", "dismiss": "驳回", "amend": "修改后确认"}
DONE_WORDS = {"confirm": "已确认", "dismiss": "已驳回", "amend": "已修改并确认"}
DOC_TYPE_WORDS = {
    "policy": "政策文件",
    "contract": "合同协议",
    "minutes": "会议纪要",
    "judgment": "裁判文书与情况说明",
    "other": "其他",
}
SEVERITY_CLASSES = {"违法": "sev-illegal", "高风险": "sev-high", "提示": "sev-note"}
LEVEL_WORDS = {"province": "省级", "city": "市级", "county": "县级", "department": "部门", "unknown": "未知"}
FILTER_WORDS = {
    "status": "状态",
    "family": "问题类别",
    "category": "整治重点",
    "severity": "严重程度",
    "region": "地区",
    "doc_type": "文件类型",
    "rule": "规则",
}
CONTEXT_BEFORE = 2
CONTEXT_AFTER = 2


def family_word(family: str) -> str:
    return FAMILY_TITLES.get(family, family)


def category_word(category: str) -> str:
    return "违法冲突" if category == "LC" else category


def category_title(category: str) -> str:
    return CATEGORY_TITLES.get(category, category)


def excerpt(text: str | None, width: int = 60) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def local_time(value: str | None) -> str:
    """An ISO timestamp from the store (UTC) in the desk's local time, to the second."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def law_label(ref: dict) -> str:
    """第十条第一款第（一）项 from a finding's law reference."""
    label = ref.get("label") or (f"第{chinese_number(ref['article'])}条" if ref.get("article") else "")
    if ref.get("paragraph"):
        label += f"第{chinese_number(int(ref['paragraph']))}款"
    if ref.get("item"):
        label += f"第（{chinese_number(int(ref['item']))}）项"
    return label


@dataclass
class Segment:
    text: str
    kind: str | None  # None, "evidence" (what the finding is about) or "signal" (a matched condition)


def segments(text: str, base: int, marks: list[tuple[int, int, str]]) -> list[Segment]:
    """Cut ``text`` (starting at document offset ``base``) into runs; evidence wins over signals."""
    kinds: list[str | None] = [None] * len(text)
    for start, end, kind in sorted(marks, key=lambda mark: mark[2] == "evidence"):
        for index in range(max(start - base, 0), min(end - base, len(text))):
            kinds[index] = kind
    runs: list[Segment] = []
    for char, kind in zip(text, kinds, strict=True):
        if runs and runs[-1].kind == kind:
            runs[-1].text += char
        else:
            runs.append(Segment(char, kind))
    return runs


def evidence_span(row: FindingRow, clause: ClauseRow) -> tuple[int, int] | None:
    """The evidence as document offsets inside the clause's own text; found by text if offsets drifted."""
    start, end = row.evidence_start, row.evidence_end
    inside = clause.body_start <= start < end <= clause.body_end
    if inside and clause.text[start - clause.body_start : end - clause.body_start] == row.evidence_text:
        return start, end
    if row.evidence_text:
        found = clause.text.find(row.evidence_text)
        if found >= 0:
            return clause.body_start + found, clause.body_start + found + len(row.evidence_text)
    return None


@dataclass
class ContextClause:
    clause: ClauseRow
    runs: list[Segment]
    current: bool


def clause_context(row: FindingRow, clauses: list[ClauseRow]) -> list[ContextClause]:
    """The finding's clause with its evidence (and matched signals) marked, between its neighbours."""
    index = next((i for i, clause in enumerate(clauses) if clause.key == row.clause_key), None)
    if index is None:  # the store always has the clause; keep the page useful if it ever does not
        clause = ClauseRow(
            0,
            row.clause_key,
            "",
            row.clause_label,
            row.clause_path,
            None,
            row.clause_pages,
            0,
            len(row.clause_text),
            row.clause_text,
        )
        clauses, index = [clause], 0
    signals = [
        (span[0], span[1], "signal")
        for step in row.trace
        if step.get("matched")
        for span in step.get("spans") or []
        if len(span) == 2
    ]
    evidence = evidence_span(row, clauses[index])
    shown = []
    for position in range(max(index - CONTEXT_BEFORE, 0), min(index + CONTEXT_AFTER + 1, len(clauses))):
        clause = clauses[position]
        marks = list(signals)
        if position == index and evidence:
            marks.append((evidence[0], evidence[1], "evidence"))
        shown.append(ContextClause(clause, segments(clause.text, clause.body_start, marks), position == index))
    return shown


def span_texts(spans: list, clauses: list[ClauseRow]) -> list[str]:
    """The words a trace step matched, read back from the stored clause texts."""
    texts = []
    for span in spans:
        if len(span) != 2:
            continue
        start, end = span
        for clause in clauses:
            if clause.body_start <= start and end <= clause.body_end:
                texts.append(clause.text[start - clause.body_start : end - clause.body_start])
                break
    return texts
