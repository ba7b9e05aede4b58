"""What kind of document this is: policy / contract / minutes / judgment / other.

Each type collects weighted pieces of evidence (the title's type word, 甲方/乙方, 会议议定 paragraphs, a
case number …); the best score of at least ``THRESHOLD`` wins, and the reason names the evidence
(``标题含'协议'且有甲方/乙方``). Ties go to the more specific type (judgment > minutes > contract > policy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Document
from ..reading.normalize import normalize
from .header import TITLE_WORDS, find_doc_number, find_title
from .parties import find_parties

THRESHOLD = 3
PRIORITY = ("judgment", "minutes", "contract", "policy")

_TYPE_WORDS = {
    "judgment": ("执行通知书", "判决书", "裁定书", "裁决书", "调解书"),
    "minutes": ("会议纪要", "纪要"),
    "contract": ("协议书", "合同书", "备忘录", "协议", "合同"),
    "policy": (
        "若干措施",
        "实施方案",
        "实施意见",
        "实施细则",
        "办法",
        "规定",
        "细则",
        "措施",
        "意见",
        "方案",
        "规划",
        "条例",
        "政策",
        "通知",
        "决定",
        "通告",
        "公告",
    ),
}
# (2019)黑01民初123号 / (2019)黑0123执456号
_CASE_NUMBER = re.compile(
    r"\(\s*(?:19|20)\d{2}\s*\)\s*[\u4e00-\u9fff]{0,3}\d{0,4}\s*[\u4e00-\u9fff]{1,4}\d+号"
)
_LITIGANTS = re.compile(r"原告|被告|申请执行人|被执行人|上诉人|被上诉人|申请人|被申请人")
# A status report (情况说明 / 有关情况的说明) about unpaid sums or judgments counts as a judgment-type
# document: the campaign reads it for arrears (C1) and refused enforcement (C6).
_STATUS_TITLE = re.compile(r"情况的?说明|有关问题的说明|的说明$|复函$|的回复$|的答复$|情况(?:的)?报告$|整改报告$")
_ARREARS_WORDS = re.compile(r"尚欠|拖欠|欠付|未支付|未拨付|未兑现|未付清|工程款|欠款|兑现|拨付")
_STATUS_END = re.compile(r"(?:说明|复函|回复|答复)$")
_COURT_WORDS = re.compile(r"判决|裁定|裁决|执行|法院|仲裁")
_MINUTES_PARAGRAPH = re.compile(r"^\s*会议(?:原则同意|研究决定|议定|同意|决定|要求|指出|强调|明确)", re.M)
_MEETING_WORDS = re.compile(r"参会人员|出席人员|出席:|参加人员|列席|主持召开|会议由")
_ARTICLE_LINE = re.compile(r"^\s*第[一二三四五六七八九十百\d]+条", re.M)


@dataclass
class _Score:
    points: int = 0
    evidence: list[str] = field(default_factory=list)

    def add(self, points: int, why: str) -> None:
        self.points += points
        self.evidence.append(why)


def _strip_quoted(title: str) -> str:
    """A title without the names it quotes: 关于印发《…协议》的通知 is a notice, not a contract."""
    return re.sub(r"《[^》]*》", "", title)


def _end_word(title: str) -> str | None:
    bare = re.sub(r"\([^)]{1,15}\)$", "", title.strip())
    for word in TITLE_WORDS:
        if bare.endswith(word):
            return word
    return None


def classify(doc: Document) -> tuple[str, str]:
    """``(doc_type, reason)``; the reason is a sentence a reviewer can check."""
    scores = {name: _Score() for name in PRIORITY}
    title = normalize(find_title(doc) or "")
    bare_title = _strip_quoted(title)
    end_word = _end_word(title)
    for doc_type, words in _TYPE_WORDS.items():
        if end_word and end_word in words:
            scores[doc_type].add(4, f"标题以'{end_word}'结尾")
            continue
        for word in words:
            if word in bare_title:
                scores[doc_type].add(2, f"标题含'{word}'")
                break
    norm = doc.norm

    parties = {party.role for party in find_parties(doc)}
    if {"甲方", "乙方"} <= parties:
        scores["contract"].add(3, "有甲方/乙方")
    if "违约责任" in norm:
        scores["contract"].add(1, "含'违约责任'")
    if re.search(r"(?:甲乙)?双方(?:经)?(?:友好|平等)?协商", norm):
        scores["contract"].add(1, "含'双方协商'")

    decisions = len(_MINUTES_PARAGRAPH.findall(norm))
    if decisions:
        scores["minutes"].add(min(decisions, 3), f"有{decisions}处'会议议定/同意/决定…'段落")
    if _MEETING_WORDS.search(norm):
        scores["minutes"].add(1, "有参会/主持信息")

    case = _CASE_NUMBER.search(norm)
    if case:
        scores["judgment"].add(2, f"有案号{case.group(0).replace(' ', '')}")
    if _STATUS_TITLE.search(title):
        # a letter or report named by its end word (…的说明, …的复函) is what its end word says, even when
        # its title mentions the policy it answers about
        points = 5 if _STATUS_END.search(title) else 3
        if _COURT_WORDS.search(norm):
            scores["judgment"].add(points, "情况说明/复函涉及判决、裁决执行")
        elif _ARREARS_WORDS.search(norm):
            scores["judgment"].add(points, "情况说明/复函涉及欠款、兑现事项")
    litigants = set(_LITIGANTS.findall(norm))
    if len(litigants) >= 2:
        scores["judgment"].add(1, "有当事人称谓" + "/".join(sorted(litigants)[:2]))
    if "本院" in norm:
        scores["judgment"].add(1, "含'本院'")
    if "仲裁委员会" in norm and "裁决" in norm:
        scores["judgment"].add(2, "有仲裁裁决")

    number = find_doc_number(doc)
    if number:
        scores["policy"].add(2, f"有文号{number.text}")
    if len(_ARTICLE_LINE.findall(norm)) >= 2 and not {"甲方", "乙方"} <= parties:
        scores["policy"].add(1, "按条款编排且无甲乙方")

    best = max(PRIORITY, key=lambda name: (scores[name].points, -PRIORITY.index(name)))
    if scores[best].points < THRESHOLD:
        hint = "；".join(f"{name}:{scores[name].points}" for name in PRIORITY if scores[name].points)
        return "other", "无足够类型特征" + (f"（{hint}）" if hint else "")
    return best, "且".join(scores[best].evidence)
