"""Organisations and places: what kind of body a name is, how high it sits, where it is.

Small word lists, no gazetteer beyond Heilongjiang's county-level cities (to tell them from
prefecture-level ones). Names are matched in normalised form (Simplified, half-width).
"""

from __future__ import annotations

import re

# Bodies a signature line or header may name (a name must end with one of these).
ORG_SUFFIX = (
    "人民政府办公厅",
    "人民政府办公室",
    "人民政府",
    "政府办公室",
    "政府办公厅",
    "政府",
    "行政公署",
    "行署",
    "管理委员会",
    "管委会",
    "委员会",
    "办公厅",
    "办公室",
    "办事处",
    "人民法院",
    "法院",
    "局",
    "厅",
    "委",
    "中心",
    "公司",
    "集团",
)
ORG_LINE = re.compile(
    r"^(?:中共)?[\u4e00-\u9fff()]{2,40}?(?:" + "|".join(ORG_SUFFIX) + r")(?:\((?:盖章|章|印)\))?$"
)

_GOVERNMENT_END = re.compile(
    r"(?:人民政府|政府|管理委员会|管委会|委员会|局|厅|委|办公室|办公厅|办事处|行署|行政公署|人民法院|街道|乡|镇)$"
)
_ENTERPRISE_END = re.compile(r"(?:公司|集团|企业|厂|合作社|商行|店|分公司|有限合伙\)?)$")
_ENTERPRISE_ANY = re.compile(r"有限|股份|公司|集团|企业")
_GOVERNMENT_ANY = re.compile(r"人民政府|管委会|管理委员会")

_PLACE = re.compile(
    r"[\u4e00-\u9fff]{1,10}?(?:自治区|自治州|自治县|省|市|地区|州|盟|县|旗|区)"
)
_NOT_PLACE_END = ("开发区", "新区", "园区", "示范区", "试验区", "合作区")

# Heilongjiang's county-level cities (any other 市 counts as a city).
HLJ_COUNTY_CITIES = (
    "五常",
    "尚志",
    "讷河",
    "海林",
    "宁安",
    "穆棱",
    "绥芬河",
    "东宁",
    "同江",
    "富锦",
    "抚远",
    "虎林",
    "密山",
    "铁力",
    "北安",
    "五大连池",
    "嫩江",
    "安达",
    "肇东",
    "海伦",
    "漠河",
)


def party_kind(name: str) -> str:
    """government / enterprise / unknown from the form of a name."""
    name = re.sub(r"\s+", "", name)
    if _ENTERPRISE_END.search(name):
        return "enterprise"
    if _GOVERNMENT_END.search(name):
        return "government"
    if _GOVERNMENT_ANY.search(name):
        return "government"
    if _ENTERPRISE_ANY.search(name):
        return "enterprise"
    return "unknown"


def is_org_line(text: str) -> bool:
    return bool(ORG_LINE.match(re.sub(r"\s+", "", text)))


def place_of(name: str) -> str | None:
    """The leading chain of place names (黑龙江省哈尔滨市 / 青冈县 / 哈尔滨市道里区), or None."""
    name = re.sub(r"\s+", "", name)
    if name.startswith("中共"):
        name = name[2:]
    position = 0
    while True:
        match = _PLACE.match(name, position)
        if not match or name[match.end() : match.end() + 1] in ("场", "域"):
            break  # 市场…, 区域…: the 市/区 starts a word here, it does not end a place
        position = match.end()
        if match.group(0).endswith("州") and name[position : position + 1] in ("市", "县"):
            position += 1  # 杭州 + 市, 肇州 + 县: the shortest match stopped at a 州 inside the name
    return name[:position] or None


def _place_level(place: str) -> str:
    """The level of the last (most specific) place of a chain such as 黑龙江省哈尔滨市道里区."""
    if not place:
        return "unknown"
    if place.endswith(_NOT_PLACE_END):
        return "county"  # a development zone: treated as county level
    if place.endswith(("省", "自治区")):
        return "province"
    if place.endswith(("地区", "州", "盟")):
        return "city"
    if place.endswith(("县", "旗", "区")):
        return "county"
    if place.endswith("市"):
        if any(place[:-1].endswith(city) for city in HLJ_COUNTY_CITIES):
            return "county"
        return "city"
    return "unknown"


def issuer_level(issuer: str | None, region: str | None = None) -> str:
    """province / city / county / department / unknown.

    Governments (and their general offices) take the level of their place; development-zone
    committees (管委会) count as county level; functional departments (局, 厅, 委 …) are ``department``.
    """
    if not issuer:
        return _place_level(region) if region else "unknown"
    name = re.sub(r"\s+", "", issuer)
    if "、" in name:
        name = name.split("、")[0]
    if re.search(r"管理委员会|管委会", name):
        return "county"
    if re.search(r"(?:人民政府|政府|行署|行政公署)(?:办公厅|办公室)?$|(?:省|市|县|区)委$|人民法院$", name):
        return _place_level(place_of(name) or "")
    if re.search(r"(?:局|厅|委|委员会|办公室|中心|办)$", name):
        return "department"
    place = place_of(name)
    return _place_level(place) if place else "unknown"
