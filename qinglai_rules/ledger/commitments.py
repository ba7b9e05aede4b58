"""Commitments a government side makes to market entities (自查建账: 逐条逐项列出承诺).

Rule-like reading of the clause tree, not a model. Per clause, each sentence is cut into segments at
commas; a segment with a committing verb is a commitment when

- its actor is the government side: the nearest actor before the verb (甲方 resolved through the
  parties, 县政府/管委会/…局, a state-owned or financing company, 会议, 我局) — or no actor at all in a
  policy, minutes or status report, whose issuer speaks;
- or its verb *gives* to the firm (给予/返还/拨付 …), whatever the topic of the sentence;
- or it states (non-)performance (尚欠/暂缓兑现/不再执行 …), a record of an existing commitment;
- and nothing marks it as something else: a liability clause, a right reserved, a prohibition, a
  national entitlement (依法享受…), help with applying (协助申报), an internal work order, a
  procedure for paying out policy benefits.

Minutes add one constraint: an item that only *directs* departments (会议要求) counts when it names
a firm or project; decisions (议定/同意/决定) and facts (尚欠…) count also for classes of firms.

Commitments of one kind in one clause are merged; amounts, deadline and status come from their
sentences, and for money/payment in minutes and status reports also from the whole clause (the
amount is often in the fact sentence, the decision in the next).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..features.numbers import extract_quantities
from ..features.sentences import sentence_spans
from ..model import Clause, Document, Span
from ..reading.normalize import normalize
from ..structure.orgs import party_kind
from . import terms as t

IMPLICIT_GOVERNMENT = ("policy", "minutes", "judgment", "other")
_SEGMENT_END = re.compile(r"[，,：:]")


@dataclass
class Commitment:
    """One commitment: who promises what to whom, where it is written, and what became of it."""

    doc_path: str
    clause_id: str
    clause_label: str
    clause_path: list[str]
    pages: list[int]
    start: int  # span of the committing sentences in Document.text
    end: int
    text: str  # those sentences, in the document's own characters
    kind: str
    promisor: str
    promisee: str
    promisee_is_class: bool = False
    amount: float | None = None  # 元
    deadline: str | None = None  # ISO date, or a period such as 30日内
    status: str = ""  # 已兑现 / 部分兑现 / 未兑现, "" when the text does not say
    outstanding: float | None = None  # 元 still owed, when the text says
    doc_title: str | None = None
    doc_number: str | None = None
    doc_type: str = "other"
    verbs: list[str] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return (self.start, self.end)

    @property
    def kind_title(self) -> str:
        return t.KIND_TITLES[self.kind]

    @property
    def status_text(self) -> str:
        """兑现状态 as a person reads it: 部分兑现（尚欠214万元）."""
        if self.outstanding and self.status in ("部分兑现", "未兑现"):
            return f"{self.status or '未兑现'}（尚欠{format_amount(self.outstanding)}）"
        return self.status

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.doc_path,
            "doc_title": self.doc_title,
            "doc_number": self.doc_number,
            "doc_type": self.doc_type,
            "clause": {"id": self.clause_id, "label": self.clause_label, "path": self.clause_path,
                       "pages": self.pages},
            "span": [self.start, self.end],
            "text": self.text,
            "promisor": self.promisor,
            "promisee": self.promisee,
            "promisee_is_class": self.promisee_is_class,
            "kind": self.kind,
            "kind_title": self.kind_title,
            "amount": self.amount,
            "deadline": self.deadline,
            "status": self.status,
            "outstanding": self.outstanding,
        }


def format_amount(value: float) -> str:
    """4360000 → 436万元; 8364200 → 836.42万元; 5000 → 5000元."""
    if value >= 10_000:
        return f"{value / 10_000:.4f}".rstrip("0").rstrip(".") + "万元"
    return f"{value:.2f}".rstrip("0").rstrip(".") + "元"


@dataclass
class Context:
    """What the extractor needs to know about the document around a clause."""

    doc_type: str
    path: str = ""
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    region: str | None = None
    parties: dict[str, tuple[str, str]] = field(default_factory=dict)  # role → (name, kind)
    doc_firm: str | None = None  # the firm a status report or letter is about

    @classmethod
    def of(cls, doc: Document) -> Context:
        meta = doc.metadata
        parties = {p.role: (p.name, p.kind if p.kind != "unknown" else party_kind(p.name)) for p in meta.parties}
        return cls(meta.doc_type, doc.path, meta.title, meta.doc_number, meta.issuer, meta.region, parties,
                   _first_firm(meta.title or "") or _first_firm(doc.norm[:400]))

    @classmethod
    def from_metadata(cls, metadata: dict[str, Any], path: str = "") -> Context:
        """From the JSON of model.Metadata the store keeps with each document."""
        parties = {
            p["role"]: (p["name"], p.get("kind") if p.get("kind") not in (None, "unknown") else party_kind(p["name"]))
            for p in metadata.get("parties") or []
        }
        title = metadata.get("title")
        return cls(metadata.get("doc_type") or "other", path, title, metadata.get("doc_number"),
                   metadata.get("issuer"), metadata.get("region"), parties, _first_firm(title or ""))

    def role_kind(self, role: str) -> str:
        if role in self.parties:
            return self.parties[role][1]
        return "government" if role == "甲方" else "enterprise"

    def government_party(self) -> str | None:
        return next((name for name, kind in self.parties.values() if kind == "government"), None)

    def firm_party(self) -> str | None:
        return next((name for name, kind in self.parties.values() if kind != "government"), None)


def _is_gov_company(name: str) -> bool:
    return bool(t.GOV_COMPANY.search(name))


_GENERIC_FIRM = ("该公司", "贵公司", "你公司", "本公司", "我公司")


def _first_firm(text: str) -> str | None:
    for match in t.COMPANY.finditer(text):
        name = _trim_company(match.group())
        if name and not _is_gov_company(name) and not name.endswith(_GENERIC_FIRM):
            return name
    return None


_NAME_LEAD = re.compile(
    r"^.*?(?:关于|对|为|向|与|给|由|将|同意|决定|确定|支付|裁决|判决|判令|诉|和|及|支持|督促|要求|协调|委托|通过|经|所属的|所属)"
    r"(?=[\u4e00-\u9fff])"
)


def _trim_company(name: str) -> str:
    """Strip what a greedy match caught before the name (关于…/为…/同意由…)."""
    trimmed = _NAME_LEAD.sub("", name)
    while True:
        shorter = _NAME_LEAD.sub("", trimmed)
        if shorter == trimmed:
            break
        trimmed = shorter
    return trimmed if len(trimmed) >= 4 else name


# --- actors -------------------------------------------------------------------------------------
@dataclass
class _Actor:
    side: str  # government / enterprise
    start: int
    text: str


def _actors(text: str, ctx: Context) -> list[_Actor]:
    """Government and firm mentions in ``text`` (sentence-relative offsets), companies classified."""
    found: list[_Actor] = []
    taken: list[Span] = []
    for match in t.COMPANY.finditer(text):
        name = _trim_company(match.group())
        if name.endswith(_GENERIC_FIRM):
            name = name[-3:]
        side = "government" if _is_gov_company(name) else "enterprise"
        found.append(_Actor(side, match.end() - len(name), name))
        taken.append((match.end() - len(name), match.end()))

    def free(span: Span) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    for pattern, side in ((t.FIRM_ACTOR, "enterprise"), (t.GOV_ACTOR, "government")):
        for match in pattern.finditer(text):
            if not free(match.span()):
                continue
            word = match.group()
            actual = side
            if word in ("甲方", "乙方", "丙方"):
                actual = ctx.role_kind(word)
            found.append(_Actor(actual, match.start(), word))
            taken.append(match.span())
    found.sort(key=lambda a: a.start)
    return found


_NUMBERING = re.compile(
    r"^(?:第[一二三四五六七八九十百\d]{1,4}条|[（(]?[一二三四五六七八九十\d]{1,3}[)）]?[、.．]?)\s*"
)
_PIVOT = re.compile(r"(?:由|要求|请求|责令|判令|裁决|判决)$")


def _can_act(sentence: str, actor: _Actor, verb_at: int) -> bool:
    """A mention is a candidate actor when it opens its segment (由…/经… allowed), follows 由/判令/要求…,
    or stands right before a modal or the verb; 对新认定的…企业 or 建立企业用工平台 are objects."""
    lead = re.split(r"[，,。；;：:]", sentence[: actor.start])[-1].strip()
    lead = _NUMBERING.sub("", lead)
    if t.SUBJECT_LEAD.match(lead) or _PIVOT.search(lead):
        return True
    if re.search(r"[为向给对与]$", lead):
        return False
    end = actor.start + len(actor.text)
    if verb_at - end <= 1 and not re.search(r"[，,。；;：:]", sentence[end:verb_at]):
        return True
    return bool(re.match(r"(?:应当|应|须|必须|可以|可|将|已|要)", sentence[end : end + 3]))


def _government_acts(sentence: str, verb_at: int, verb_kind: str, ctx: Context) -> tuple[bool, _Actor | None]:
    """Whether the government side is the one committing with the verb at ``verb_at``."""
    before = [a for a in _actors(sentence[:verb_at], ctx) if _can_act(sentence, a, verb_at)]
    nearest = before[-1] if before else None
    if nearest is None:
        return verb_kind in ("give", "trigger") or ctx.doc_type in IMPLICIT_GOVERNMENT, None
    if nearest.side == "government":
        return True, nearest
    if verb_kind == "trigger":
        return True, None
    if verb_kind == "give":
        between = sentence[nearest.start : verb_at]
        return not t.MODAL.search(between), None
    return False, nearest


# --- kinds ---------------------------------------------------------------------------------------
def _classify(text: str) -> str | None:
    if t.LAND_PRICE.search(text):
        return "land"
    if t.FEE.search(text):
        return "tax-fee"
    if t.MONEY.search(text):
        return "money"
    if t.PAYMENT.search(text):
        return "payment"
    if t.LAND_STRONG.search(text):
        return "land"
    if t.INFRA.search(text):
        return "infrastructure"
    if t.SERVICE.search(text):
        return "service"
    if t.LAND.search(text):
        return "land"
    return None


def _classify_hit(segment: str, sentence: str, pay_verb: bool, inherited: str | None,
                  trigger: bool = False) -> str | None:
    """The kind of one committing segment: signals of the whole sentence first (a guarantee, a land-fee
    refund, a reward computed from tax), then the segment's own words, then the sentence's."""
    if t.OTHER_SIGNAL.search(sentence):
        return "other"
    if t.LAND_PRICE.search(sentence) and re.search(r"返还|奖励|以奖代补|零地价|不再增收", sentence):
        return "land"
    if t.TAX_BASE.search(sentence) and (t.MONEY.search(sentence) or t.FEE.search(segment)):
        return "tax-fee"
    if t.FEE.search(segment):
        return "tax-fee"
    if pay_verb or trigger:
        for text in (segment, sentence):
            if t.LAND_PRICE.search(text):
                return "land"
            if t.MONEY.search(text):
                return "money"
        if trigger and not pay_verb:
            # 尚欠…/暂停执行: a statement about the commitment in context, else about what it names
            return inherited or _classify(segment) or _classify(sentence) or "payment"
        return inherited or "payment"
    return _classify(segment) or _classify(sentence) or inherited


# --- sentence exclusions ------------------------------------------------------------------------
def _excluded(sentence: str, ctx: Context) -> bool:
    if t.META.search(sentence) or t.RIGHTS.search(sentence) or t.CLEANUP.search(sentence):
        return True
    if t.LIGHT_HELP.search(sentence) or t.NATIONAL.search(sentence) or t.TALENT.search(sentence):
        return True
    if t.CONTACT.search(sentence) or t.TRANSFER.search(sentence) or t.OTHER_RULES.search(sentence):
        return True
    if ctx.doc_type == "policy" and t.PROCEDURE.search(sentence):
        return True  # how policy benefits are applied for and paid out, not a further benefit
    return ctx.doc_type in ("contract", "policy") and bool(t.REMEDY.search(sentence))


@dataclass
class _Hit:
    sentence: Span
    kind: str
    verb: str
    actor: _Actor | None
    scope: Span  # from the committing segment to the next committing segment (amounts are read here)


def _verbs(segment: str) -> list[tuple[int, str, str]]:
    """(offset, verb, give|duty|trigger) in a segment, in order."""
    found = [(m.start(), m.group(), "trigger") for m in t.TRIGGER.finditer(segment)]
    found += [(m.start(), m.group(), "give") for m in t.GIVE.finditer(segment)]
    found += [(m.start(), m.group(), "duty") for m in t.DUTY.finditer(segment)]
    for m in t.OTHER_SIGNAL.finditer(segment):
        found.append((m.start(), m.group(), "give"))
    found += [(m.start(), m.group(), "duty") for m in t.SERVICE_ACT.finditer(segment)]
    found += [(m.start(), m.group(), "give") for m in re.finditer("零地价", segment)]
    return sorted(found)


def _mask_titles(sentence: str) -> str:
    """《保障中小企业款项支付条例》: words inside a title neither commit nor classify (same length kept)."""
    return re.sub(r"《[^》]{1,60}》", lambda m: "《" + "＿" * (len(m.group()) - 2) + "》", sentence)


def _segments(sentence: str) -> list[tuple[int, str]]:
    out = []
    cursor = 0
    for match in _SEGMENT_END.finditer(sentence):
        out.append((cursor, sentence[cursor : match.end()]))
        cursor = match.end()
    if cursor < len(sentence):
        out.append((cursor, sentence[cursor:]))
    return out


def _minutes_mode(doc: Document, clause: Clause, at: int, parents: dict[str, Clause]) -> str:
    """decision / direction / fact: the last 会议… marker up to ``at`` (the end of the sentence) in the
    clause, else in its ancestors."""
    node: Clause | None = clause
    limit = at
    while node is not None:
        marks = list(t.MINUTES_MARK.finditer(doc.norm, node.body_start, min(limit, node.body_end)))
        if marks:
            word = marks[-1].group()
            if "要求" in word or "强调" in word:
                return "direction"
            if "听取" in word or "认为" in word:
                return "fact"
            return "decision"
        node = parents.get(node.parent) if node.parent else None
        limit = node.body_end if node else 0
    return "fact"


def _named_party(doc: Document, clause: Clause, parents: dict[str, Clause]) -> str | None:
    """A firm or a named project the minutes item is about (its heading first, then its text)."""
    node: Clause | None = clause
    while node is not None:
        heading = normalize(node.heading or "")
        for text in (heading, doc.norm[node.body_start : node.body_end]):
            firm = _first_firm(text)
            if firm:
                return firm
            project = t.NAMED_PROJECT.search(text)
            if project and not t.GENERIC_PROJECT.match(project.group(1)) and text is heading:
                return project.group(1)
        node = parents.get(node.parent) if node.parent else None
    return None


def _heading_skipped(clause: Clause, parents: dict[str, Clause]) -> bool:
    node: Clause | None = clause
    while node is not None:
        if node.heading and t.SKIPPED_HEADING.search(normalize(node.heading)):
            return True
        node = parents.get(node.parent) if node.parent else None
    return False


def _is_heading_sentence(doc: Document, clause: Clause, span: Span) -> bool:
    if not clause.heading:
        return False
    text = doc.norm[span[0] : span[1]].strip().rstrip("。.:：")
    heading = normalize(clause.heading)
    return len(text) <= len(clause.label) + len(heading) + 2 and heading[:4] in text


def _clause_hits(doc: Document, clause: Clause, ctx: Context, parents: dict[str, Clause]) -> list[_Hit]:
    hits: list[_Hit] = []
    if clause.kind == "preamble" or _heading_skipped(clause, parents):
        return hits
    body_end = clause.body_end
    attachments = t.ATTACHMENTS.search(doc.norm, clause.body_start, body_end)
    if attachments:
        body_end = attachments.start()  # the 附件 list after the text is titles, not promises
    if clause.kind == "table-row" and not re.search(r"\d", doc.norm[clause.body_start : body_end]):
        return hits  # a header row
    inherited: str | None = None
    for span in sentence_spans(doc.norm, clause.body_start, body_end):
        if _is_heading_sentence(doc, clause, span):
            continue
        sentence = _mask_titles(doc.norm[span[0] : span[1]])
        if _excluded(sentence, ctx):
            continue
        if ctx.doc_type == "minutes":
            mode = _minutes_mode(doc, clause, span[1], parents)
            if mode == "direction" and not _named_party(doc, clause, parents):
                continue
        prohibition = t.PROHIBITION.search(sentence)
        found: list[tuple[int, str, str, _Actor | None]] = []
        for offset, segment in _segments(sentence):
            if segment.rstrip("，,：: ").endswith(("时", "的")):
                continue  # a condition (甲方支付补助资金时，…): the main clause follows
            if t.INTERNAL.search(segment) or t.TABLE_REF.search(segment):
                continue
            for verb_at, verb, verb_kind in _verbs(segment):
                at = offset + verb_at
                if prohibition and prohibition.start() < at:
                    break
                acts, actor = _government_acts(sentence, at, verb_kind, ctx)
                if not acts:
                    continue
                if verb_kind == "duty" and actor is None and ctx.doc_type == "contract":
                    continue
                pay_verb = bool(t.PAY.search(verb) or t.PAY.search(segment))
                kind = _classify_hit(segment, sentence, pay_verb, inherited, verb_kind == "trigger")
                if kind is None:
                    continue
                inherited = kind
                found.append((offset, kind, verb, actor))
                break  # one commitment per segment
        for index, (offset, kind, verb, actor) in enumerate(found):
            stop = found[index + 1][0] if index + 1 < len(found) else len(sentence)
            scope = (span[0], span[1]) if kind == "other" else (span[0] + offset, span[0] + stop)
            hits.append(_Hit(span, kind, verb, actor, scope))
    return hits


# --- promisor and promisee ------------------------------------------------------------------------
def government_name(name: str, ctx: Context) -> str:
    """市城市管理局 in 宁安市's minutes → 宁安市城市管理局; 某某人民政府办公室 → 某某人民政府."""
    name = re.sub(r"(人民政府|管委会|管理委员会)(?:办公室|办公厅)$", r"\1", name)
    region = ctx.region or ""
    if region and name and name[0] in "省市县区" and region.endswith(name[0]) and not name.startswith(region):
        return region + name[1:]
    return name


def _promisor(hits: list[_Hit], ctx: Context) -> str:
    for hit in hits:
        actor = hit.actor
        if actor is None:
            continue
        if actor.text in ("甲方", "乙方", "丙方") and actor.text in ctx.parties:
            return ctx.parties[actor.text][0]
        if t.COMPANY.fullmatch(actor.text) or len(actor.text) >= 4:
            return government_name(_trim_company(actor.text), ctx)
    if ctx.doc_type == "contract":
        government = ctx.government_party()
        if government:
            return government
    return government_name(ctx.issuer or "", ctx) or "（未识别）"


_CLASS = re.compile(r"^(?:[^，,]{0,12}?)对((?:[^，,]){2,40}?)[，,]")


def _promisee(doc: Document, clause: Clause, sentences: list[str], ctx: Context,
              parents: dict[str, Clause]) -> tuple[str, bool]:
    for sentence in sentences:
        firm = _first_firm(sentence)
        if firm:
            return firm, False
    if ctx.doc_type == "contract":
        firm = ctx.firm_party()
        if firm:
            return firm, False
    if ctx.doc_type in ("minutes", "judgment", "other"):
        named = _named_party(doc, clause, parents)
        if named:
            return named, False
        if ctx.doc_type != "minutes" and ctx.doc_firm:
            return ctx.doc_firm, False
    for sentence in sentences:
        match = _CLASS.match(sentence.strip())
        if match:
            return match.group(1), True
    return "符合条件的企业", True


# --- amounts, deadline, status ------------------------------------------------------------------
def _amount(norm: str, spans: list[Span], kind: str) -> tuple[float | None, float | None]:
    """(amount, outstanding) in 元 from the amounts written in ``spans``."""
    amounts = [q for start, end in spans for q in extract_quantities(norm, start, end) if q.kind == "amount"]
    outstanding: list[float] = []
    totals: list[float] = []
    caps: list[float] = []
    plain: list[Any] = []
    paid: list[float] = []
    for q in amounts:
        value = float(q.value)
        before = norm[max(0, q.start - 16) : q.start]
        after = norm[q.end : q.end + 8]
        if t.CAP_BEFORE.search(before):
            caps.append(value)
            continue
        if t.CONDITION_AFTER.search(after) or t.CONDITION_BEFORE.search(before):
            continue
        if t.OUTSTANDING_BEFORE.search(before) or t.OUTSTANDING_AFTER.search(after):
            outstanding.append(value)
        elif t.TOTAL_BEFORE.search(before):
            totals.append(value)
        elif t.PAID_BEFORE.search(before) or t.PAID_AFTER.search(after):
            paid.append(value)
        else:
            plain.append(q)
    owed = outstanding[0] if outstanding else None
    if owed is not None:
        return owed, owed
    if totals:
        return totals[0], None
    if kind == "payment" and len(plain) >= 2 and t.SUM_JOIN.search(norm[plain[0].end : plain[1].start]):
        return float(plain[0].value) + float(plain[1].value), None
    values = caps + [float(q.value) for q in plain]
    if values:
        return max(values), None
    return (paid[0] if paid else None), None


def _deadline(norm: str, spans: list[Span]) -> str | None:
    for start, end in spans:
        for q in extract_quantities(norm, start, end):
            if q.kind == "date" and norm[q.end : q.end + 1] == "前":
                return str(q.value)
    for start, end in spans:
        match = t.DURATION_DEADLINE.search(norm, start, end)
        if match:
            return match.group()
    return None


def _past_payment(sentence: str) -> bool:
    """开发区管委会于2019年支付580万元 / 2024年12月，…支付执行款500万元: a payment already made."""
    for match in re.finditer(r"\d{4}年(?!度)(?:\d{1,2}月)?(?:\d{1,2}日)?", sentence):
        rest = sentence[match.end() : match.end() + 16]
        pay = t.PAY.search(rest)
        if pay and not t.FUTURE.search(rest[: pay.start()]) and not t.FUTURE.search(sentence[: match.start()][-6:]):
            return True
    return False


def _status(sentences: list[str], outstanding: float | None) -> str:
    done = any(t.DONE.search(s) or _past_payment(s) for s in sentences)
    not_done = outstanding is not None or any(t.NOT_DONE.search(s) for s in sentences)
    if done and not_done:
        return "部分兑现"
    if not_done:
        return "未兑现"
    if done:
        return "已兑现"
    return ""


# --- the extractor --------------------------------------------------------------------------------
def extract_commitments(doc: Document, ctx: Context | None = None) -> list[Commitment]:
    """Every commitment of the government side in ``doc`` (structure already analysed), in clause order."""
    ctx = ctx or Context.of(doc)
    parents = {clause.id: clause for clause in doc.clauses}
    out: list[Commitment] = []
    for clause in doc.clauses:
        hits = _clause_hits(doc, clause, ctx, parents)
        by_kind: dict[str, list[_Hit]] = {}
        for hit in hits:
            by_kind.setdefault(hit.kind, []).append(hit)
        for kind, group in by_kind.items():
            out.append(_commitment(doc, clause, kind, group, ctx, parents))
    return out


def _commitment(doc: Document, clause: Clause, kind: str, group: list[_Hit], ctx: Context,
                parents: dict[str, Clause]) -> Commitment:
    spans = sorted({hit.sentence for hit in group})
    sentences = [doc.norm[s:e] for s, e in spans]
    owed = _amount(doc.norm, spans, kind)  # an outstanding sum anywhere in the sentences wins
    amount, outstanding = owed if owed[1] is not None else _amount(doc.norm, sorted({h.scope for h in group}), kind)
    whole = [(clause.body_start, clause.body_end)]
    if amount is None and kind in ("money", "payment"):
        amount, outstanding = _amount(doc.norm, spans, kind)
    if amount is None and kind in ("money", "payment") and ctx.doc_type in ("minutes", "judgment", "other"):
        amount, outstanding = _amount(doc.norm, whole, kind)
    status = _status(sentences, outstanding)
    if not status and ctx.doc_type in ("minutes", "judgment", "other") and kind in ("money", "payment"):
        status = _status([doc.norm[clause.body_start : clause.body_end]], outstanding)
    deadline = _deadline(doc.norm, spans) or (
        _deadline(doc.norm, whole) if ctx.doc_type == "minutes" else None
    )
    promisee, is_class = _promisee(doc, clause, sentences, ctx, parents)
    start, end = spans[0][0], spans[-1][1]
    text = " ".join(doc.text[s:e].strip() for s, e in spans)
    return Commitment(
        doc_path=doc.path,
        clause_id=clause.id,
        clause_label=clause.label,
        clause_path=list(clause.path),
        pages=doc.pages_of(start, end),
        start=start,
        end=end,
        text=text,
        kind=kind,
        promisor=_promisor(group, ctx),
        promisee=promisee,
        promisee_is_class=is_class,
        amount=amount,
        deadline=deadline,
        status=status,
        outstanding=outstanding,
        doc_title=ctx.title,
        doc_number=ctx.doc_number,
        doc_type=ctx.doc_type,
        verbs=[hit.verb for hit in group],
    )


def commitments_in_text(text: str, ctx: Context, label: str = "", clause_id: str = "c") -> list[Commitment]:
    """Commitments in one clause's text, e.g. a clause as the review store keeps it (ledger sync)."""
    from ..reading.assemble import document_from_text

    doc = document_from_text(text, ctx.path or "<clause>")
    kind = "minutes-item" if ctx.doc_type == "minutes" else "article"
    doc.clauses = [Clause(clause_id, kind, label or "条款", [label or "条款"], 0, len(doc.text), 0,
                          len(doc.text), [1])]
    doc.metadata.doc_type = ctx.doc_type
    return extract_commitments(doc, ctx)
