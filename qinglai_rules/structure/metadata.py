"""Document metadata: title, 文号, issuing body and its level, region, the document's own date, parties.

The issuer comes from the signature (organisation lines right above a date line standing alone: the
成文日期), else from a header line (某某人民政府文件), the title (某某市人民政府关于…), or, for a
contract, the government party. The date is the one that dates the document — the signing date of a
contract, the meeting date of minutes, the 成文日期 of a policy — never a date from the running text.
"""

from __future__ import annotations

import re

from ..model import DOC_TYPES, Document, Metadata
from .header import find_doc_number, find_title
from .lines import Line, content_lines
from .numerals import DATE_LINE, DATE_RE, find_dates, to_iso
from .orgs import is_org_line, issuer_level, place_of
from .parties import find_parties

_ORG_AND_DATE = re.compile(r"^(.{2,40}?)\s+" + DATE_RE.pattern + r"\s*$")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})")
_LABELLED_DATE = re.compile(r"(成文日期|发文日期|印发日期|发布日期|签发日期)\s*:\s*")
_SIGNING = re.compile(r"签订日期|签约日期|签署日期|签字日期|签订时间|签约时间|签署时间")
_SIGNED_ON = re.compile(DATE_RE.pattern + r"\s*(?:在[^\s,。]{1,15})?(?:正式)?签(?:订|署|约)")
_MEETING_TIME = re.compile(r"^(?:会议)?时\s*间\s*:")
_MEETING_HELD = re.compile(DATE_RE.pattern + r"[^。]{0,40}?(?:召开|主持)")
_ATTACHMENT = re.compile(r"^附\s*件\s*\d*\s*[:：]?")
_HEADER_FILE = re.compile(r"^(.{2,40}?)(?:文件|公文)$")
_TITLE_ORG = re.compile(
    r"人民政府办公厅|人民政府办公室|人民政府|政府|行署|管理委员会|管委会|办公厅|办公室|委员会|局|厅"
)


def _line(doc: Document, line: Line) -> str:
    return doc.norm[line.content_start : line.content_end]


def _signature(doc: Document, lines: list[Line]) -> tuple[str | None, str | None]:
    """(issuer, iso date) of the signature block: organisation lines right above a date standing alone."""
    candidates: list[tuple[int, str | None, str]] = []
    for index, line in enumerate(lines):
        text = _line(doc, line)
        alone = DATE_LINE.match(text)
        joined = None if alone else _ORG_AND_DATE.match(text)
        if not alone and not (joined and is_org_line(joined.group(1))):
            continue
        match = alone or joined
        assert match is not None
        groups = match.groups()[-3:]
        iso = to_iso(*groups)
        if not iso:
            continue
        orgs: list[str] = []
        if joined:
            orgs.append(re.sub(r"\s+", "", joined.group(1)))
        else:
            back = index - 1
            while back >= 0 and index - back <= 3 and is_org_line(_line(doc, lines[back])):
                orgs.insert(0, re.sub(r"\s+|\((?:盖章|章|印)\)", "", _line(doc, lines[back])))
                back -= 1
        candidates.append((index, "、".join(orgs) or None, iso))
    if not candidates:
        return None, None
    attachment = next(
        (index for index, line in enumerate(lines) if _ATTACHMENT.match(_line(doc, line))
         and index > len(lines) // 3),
        None,
    )
    with_org = [c for c in candidates if c[1]]
    pool = with_org or candidates
    before = [c for c in pool if attachment is None or c[0] < attachment]
    _, issuer, iso = (before or pool)[-1]
    return issuer, iso


def _header_issuer(doc: Document, lines: list[Line], title: str | None) -> str | None:
    for line in lines[:5]:
        header = _HEADER_FILE.match(_line(doc, line))
        if header and is_org_line(header.group(1)):
            return re.sub(r"\s+", "", header.group(1))
    for line in lines[:3]:
        text = re.sub(r"\s+", "", _line(doc, line))
        if is_org_line(text) and re.search(r"人民法院$|仲裁委员会$", text):
            return text
    if title:
        return _title_issuer(title)
    return None


def _title_issuer(title: str) -> str | None:
    """某某市人民政府关于… / 某某县人民政府常务会议纪要 → the body named at the start of the title."""
    from ..reading.normalize import normalize

    bare = re.sub(r"\s+", "", normalize(title))
    if bare.startswith("关于"):
        return None
    for match in _TITLE_ORG.finditer(bare):
        name = bare[: match.end()]
        rest = bare[match.end() :]
        if rest and not _TITLE_ORG.match(rest) and place_of(name) and is_org_line(name):
            return name
    return None


def _labelled_date(doc: Document, lines: list[Line], pattern: re.Pattern[str]) -> str | None:
    for line in lines:
        text = _line(doc, line)
        label = pattern.search(text)
        if not label:
            continue
        rest = text[label.end() :]
        dates = find_dates(rest)
        if dates:
            return dates[0][2]
        iso = _ISO_DATE.search(rest)
        if iso:
            return to_iso(*iso.groups())
    return None


def _contract_date(doc: Document, lines: list[Line]) -> str | None:
    """签订日期：… first, then the date of the signature block; a running-text 双方于…签订 comes last
    because a 补充协议 recites the date of the agreement it amends (双方于2018年6月8日签订了《…》)."""
    labelled = _labelled_date(doc, lines, _SIGNING)
    if labelled:
        return labelled
    signature = _signature(doc, lines)[1]
    if signature:
        return signature
    signed = _SIGNED_ON.search(doc.norm)
    return to_iso(*signed.groups()[:3]) if signed else None


def _meeting_date(doc: Document, lines: list[Line]) -> str | None:
    labelled = _labelled_date(doc, lines[:15], _MEETING_TIME)
    if labelled:
        return labelled
    head_end = lines[min(len(lines), 12) - 1].content_end if lines else 0
    held = _MEETING_HELD.search(doc.norm, 0, head_end)
    return to_iso(*held.groups()[:3]) if held else None


def _title_place(title: str) -> str | None:
    """The place a title starts with (黑龙江省“清赖行动”…实施方案 → 黑龙江省); cautious: short names only."""
    from ..reading.normalize import normalize

    bare = normalize(title).lstrip("《")
    if bare.startswith(("关于", "印发", "中共")):
        return None
    place = place_of(bare)
    return place if place and len(place) <= 8 else None


def find_date(doc: Document, doc_type: str, lines: list[Line] | None = None) -> str | None:
    """The document's own date as ISO ``YYYY-MM-DD`` (signing, meeting or 成文 date)."""
    lines = lines if lines is not None else [line for line in content_lines(doc) if line.row is None]
    if doc_type == "contract":
        found = _contract_date(doc, lines)
        if found:
            return found
    if doc_type == "minutes":
        found = _meeting_date(doc, lines)
        if found:
            return found
    found = _labelled_date(doc, lines, _LABELLED_DATE)
    if found:
        return found
    return _signature(doc, lines)[1]


def extract_metadata(doc: Document, doc_type: str | None = None) -> Metadata:
    """All metadata, the document type included (``doc_type`` overrides the classification)."""
    from .doctype import classify

    if doc_type is not None and doc_type not in DOC_TYPES:
        raise ValueError(f"unknown document type {doc_type!r}; expected one of {', '.join(DOC_TYPES)}")
    detected, reason = classify(doc)
    lines = [line for line in content_lines(doc) if line.row is None]
    title = find_title(doc)
    number = find_doc_number(doc)
    parties = find_parties(doc)
    kind = doc_type or detected
    issuer, _ = _signature(doc, lines)
    if kind == "contract":
        government = next((party for party in parties if party.kind == "government"), None)
        issuer = government.name if government else issuer
    issuer = issuer or _header_issuer(doc, lines, title)
    region = place_of(issuer) if issuer else None
    if region is None and title:
        region = _title_place(title)
    if region is None and parties:
        places = [place_of(party.name) for party in parties if party.kind == "government"]
        region = next((place for place in places if place), None)
    return Metadata(
        title=title,
        doc_number=number.text if number else None,
        issuer=issuer,
        issuer_level=issuer_level(issuer, region),
        region=region,
        date=find_date(doc, kind, lines),
        doc_type=kind,
        doc_type_reason="用户指定" if doc_type is not None else reason,
        doc_type_overridden=doc_type is not None,
        parties=parties,
    )
