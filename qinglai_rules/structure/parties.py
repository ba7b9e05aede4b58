"""Contract parties: ``甲方：某某县人民政府`` / ``乙方（投资方）：某某有限公司``."""

from __future__ import annotations

import re

from ..model import Document, Party
from .lines import content_lines, rstrip_offset
from .orgs import party_kind

ROLES = ("甲方", "乙方", "丙方", "丁方")
_PARTY = re.compile(r"(?:^|(?<=\s))([甲乙丙丁])\s*方\s*(?:\([^)]{0,15}\))?\s*:\s*")
# Things after 甲方： that are not a name: an empty signature field or another field label.
_NOT_NAME = re.compile(
    r"^(?:\(?(?:盖章|签章|签字|公章)\)?|法定代表人|授权代表|地址|住所|联系|电话|签订|日期|年\s*月)"
)
# Where a name ends: (以下简称…), (盖章), a wide gap, a sentence mark, or the next party's label.
_NAME_END = re.compile(
    r"\((?:以下简称|下称|简称|盖章|签章|公章)|\s{2,}|\t|[,;。]|[甲乙丙丁]\s*方\s*(?:\([^)]{0,15}\))?\s*:"
)


def find_parties(doc: Document) -> list[Party]:
    """The first named 甲方/乙方/丙方/丁方 of the document, in role order."""
    found: dict[str, Party] = {}
    norm, text = doc.norm, doc.text
    for line in content_lines(doc):
        segment = norm[line.content_start : line.content_end]
        for match in _PARTY.finditer(segment):
            role = f"{match.group(1)}方"
            if role in found:
                continue
            start = line.content_start + match.end()
            cut = _NAME_END.search(norm, start, line.content_end)
            end = rstrip_offset(norm, cut.start() if cut else line.content_end, start)
            name_norm = norm[start:end]
            if not name_norm or _NOT_NAME.match(name_norm) or len(name_norm) > 50:
                continue
            name = re.sub(r"\s+", "", text[start:end])
            found[role] = Party(role, name, party_kind(name_norm))
    return [found[role] for role in ROLES if role in found]
