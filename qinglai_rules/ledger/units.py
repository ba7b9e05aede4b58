"""Which list (附件1/2/3) an issuing body belongs to: the unit kind from its name, level and region.

附件1 regional governments (地市, 县区; development-zone committees count as 县区) and their
departments (地方部门); 附件2 central and provincial departments in the province (中省直); 附件3
vertically managed departments (垂直管理: tax, customs, the central bank, statistics survey teams …).
"""

from __future__ import annotations

import re

from ..structure.orgs import issuer_level as level_of
from ..structure.orgs import place_of

_VERTICAL = re.compile(
    r"税务|海关|人民银行|中国人民银行|银保监|银监|证监|调查队|气象局|邮政管理局|烟草专卖|出入境|边检|海事局"
    r"|外汇管理|通信管理局|地震局|铁路|民航|国家电网|供电公司|电力公司|市场监管总局"
)
_GOVERNMENT = re.compile(r"(?:人民政府|政府|行署|行政公署)(?:办公室|办公厅)?$")


def unit_kind_for(issuer: str | None, issuer_level: str | None, region: str | None = None) -> str:
    """地市 / 县区 / 地方部门 / 中省直 / 垂直管理 for the body that made the commitment."""
    name = re.sub(r"\s+", "", issuer or "")
    if issuer_level in (None, "", "unknown"):
        issuer_level = level_of(name or None, region)
    if name and _VERTICAL.search(name):
        return "垂直管理"
    place = place_of(name) if name else None
    if issuer_level == "province" or (place or "").endswith("省") or name.startswith(("省", "国家")):
        return "中省直"
    if issuer_level == "department" or (name and not _GOVERNMENT.search(name) and re.search(r"[局委厅办]$", name)):
        return "地方部门"
    if issuer_level == "city":
        return "地市"
    if issuer_level == "county":
        return "县区"
    return "县区"
