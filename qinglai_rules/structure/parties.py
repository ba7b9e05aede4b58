"""Contract parties: ``甲方：某某县人民政府`` / ``乙方（投资方）：某某有限公司``."""

from __future__ import annotations

import re

from ..model import Document, Party
from .lines import content_lines
from .orgs import party_kind

ROLES = ("甲方", "乙方", "丙方", "丁方")
_PARTY = re.compile(r"(?:^|(?<=\s))([甲乙丙丁])\s*方\s*(?:\([^)]{0,15}\))?\s*:\s*")
# Things after 甲方： that are not a name: an empty signature field or another field label.
_NOT_NAME = re.compile(
    r"^(?:\(?(?:盖章|签章|签字|公章)\)?|法定代表人|授权代表|地址|住所|联系|电话|签订|日期|年\s*月)"
)
_TAIL = re.compile(r"\s*(?:\((?:以下简称|下称|盖章|签章)[^)]*\)|\s{2,}.*|\t.*)$")


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
            following = _PARTY.search(segment, match.end())
            end = line.content_start + (following.start() if following else len(segment))
            name_norm = norm[start:end]
            tail = _TAIL.search(name_norm)
            if tail:
                end = start + tail.start()
                name_norm = norm[start:end]
            name_norm = name_norm.strip().rstrip(",;。")
            if not name_norm or _NOT_NAME.match(name_norm) or len(name_norm) > 50:
                continue
            name = re.sub(r"\s+", "", text[start : start + len(name_norm.rstrip())]).rstrip(",;，；。")
            found[role] = Party(role, name, party_kind(name_norm))
    return [found[role] for role in ROLES if role in found]
