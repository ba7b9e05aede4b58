"""The columns of a ledger entry: Chinese header, how a value is read from a person (command line or
spreadsheet cell) and how it is shown. One table so the CLI, the XLSX lists and the import agree."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..store.ledger import LIST_OF_UNIT_KIND
from ..store.schema import LEDGER_STATUSES, UNIT_KINDS
from ..vocabulary import CATEGORIES, FAMILIES, FAMILY_TITLES

OVERDUE = "逾期"
LIST_TITLES = {
    "附件1": "附件1 政府及其部门失信违诺事项清单",
    "附件2": "附件2 中省直部门失信违诺事项清单",
    "附件3": "附件3 实行垂直管理部门失信违诺事项清单",
}
UNIT_KIND_WORDS = {  # what people write → the stored unit kind
    "地市": "地市", "市(地)": "地市", "市（地）": "地市", "市地": "地市", "市政府": "地市", "行署": "地市",
    "县区": "县区", "县(市、区)": "县区", "县（市、区）": "县区", "县市区": "县区", "县区政府": "县区",
    "管委会": "县区", "地方部门": "地方部门", "政府部门": "地方部门", "部门": "地方部门",
    "中省直": "中省直", "中省直部门": "中省直", "垂直管理": "垂直管理", "垂直管理部门": "垂直管理",
    "实行垂直管理部门": "垂直管理",
}
_FAMILY_BY_TITLE = {title: family for family, title in FAMILY_TITLES.items()}


@dataclass(frozen=True)
class Field:
    name: str
    header: str
    kind: str  # text / int / date / amount / bool / status / category / family / unit_kind
    editable: bool = True
    required: bool = False
    width: int = 14

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


FIELDS: tuple[Field, ...] = (
    Field("id", "编号", "int", editable=False, width=7),
    Field("region", "地区", "text", width=12),
    Field("department", "单位", "text", width=18),
    Field("unit_kind", "单位类型", "unit_kind", required=True, width=10),
    Field("title", "事项名称", "text", required=True, width=28),
    Field("doc_title", "文件名称", "text", width=28),
    Field("doc_number", "文号", "text", width=16),
    Field("clause", "条款位置", "text", width=16),
    Field("page", "页码", "int", width=6),
    Field("content", "主要内容", "text", width=44),
    Field("category", "问题类别", "category", width=10),
    Field("family", "问题类型", "family", width=18),
    Field("legal_basis", "法律依据", "text", width=30),
    Field("amount", "涉及金额(元)", "amount", width=14),
    Field("market_entity", "市场主体", "text", width=24),
    Field("arrears_scope", "是否纳入清欠范围", "bool", width=10),
    Field("arrears_progress", "清欠完成情况", "text", width=16),
    Field("handling_opinion", "处理意见", "text", width=28),
    Field("written_agreement", "书面履行协议", "text", width=18),
    Field("budget_line", "预算安排", "text", width=18),
    Field("deadline", "整改期限", "date", width=12),
    Field("responsible_unit", "责任单位", "text", width=18),
    Field("status", "整改状态", "status", width=10),
    Field("finding_fingerprint", "发现指纹", "text", editable=False, width=18),
    Field("updated_at", "更新时间", "text", editable=False, width=20),
)
BY_NAME = {f.name: f for f in FIELDS}
BY_HEADER = {f.header: f for f in FIELDS}
EDITABLE = tuple(f for f in FIELDS if f.editable)


def list_of(unit_kind: str) -> str:
    return LIST_OF_UNIT_KIND[unit_kind]


def parse_date(raw: Any) -> str | None:
    """2020-06-30, 2020/6/30, 2020年6月30日, a spreadsheet date → ISO; ValueError otherwise."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = str(raw).strip()
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+00:00(?::00)?)?", text)
    if not match:
        raise ValueError(f"日期 {text!r} 无法识别（请写成 2020-06-30）")
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError as error:
        raise ValueError(f"日期 {text!r} 不存在") from error


def parse_amount(raw: Any) -> float | None:
    """A number of 元; 436万 / 436万元 / 1,200,000 accepted; ValueError otherwise."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueError(f"金额 {raw!r} 不是数字")
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip().replace(",", "").replace("，", "").replace(" ", "")
        match = re.fullmatch(r"(-?\d+(?:\.\d+)?)(万|亿)?元?", text)
        if not match:
            raise ValueError(f"金额 {str(raw).strip()!r} 不是数字（单位：元）")
        value = float(match.group(1)) * {"万": 1e4, "亿": 1e8}.get(match.group(2) or "", 1.0)
    if value < 0:
        raise ValueError(f"金额 {raw!r} 不能为负数")
    return value


def parse_bool(raw: Any) -> bool | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("是", "yes", "y", "true", "1"):
        return True
    if text in ("否", "no", "n", "false", "0"):
        return False
    raise ValueError(f"{str(raw).strip()!r} 应填“是”或“否”")


def parse_category(raw: Any) -> str | None:
    if raw is None or not str(raw).strip():
        return None
    parts = [p.strip().upper() for p in re.split(r"[,，、;；/\s]+", str(raw).strip()) if p.strip()]
    unknown = [p for p in parts if p not in CATEGORIES]
    if unknown:
        raise ValueError(f"未知的问题类别 {'、'.join(unknown)}（可选 {'、'.join(CATEGORIES)}）")
    return ",".join(sorted(set(parts), key=CATEGORIES.index))


def parse_family(raw: Any) -> str | None:
    if raw is None or not str(raw).strip():
        return None
    text = str(raw).strip()
    if text in FAMILIES:
        return text
    if text in _FAMILY_BY_TITLE:
        return _FAMILY_BY_TITLE[text]
    raise ValueError(f"未知的问题类型 {text!r}（可写 {FAMILIES[0]} 或“{FAMILY_TITLES[FAMILIES[0]]}”等）")


def parse_unit_kind(raw: Any) -> str:
    text = re.sub(r"\s+", "", str(raw or ""))
    if text in UNIT_KIND_WORDS:
        return UNIT_KIND_WORDS[text]
    raise ValueError(f"未知的单位类型 {text!r}（可选 {'、'.join(UNIT_KINDS)}）")


def parse_status(raw: Any) -> str | None:
    text = str(raw or "").strip()
    if not text:
        return None  # a new row starts as 未整改; an existing row must keep a status (checked by the caller)
    if text in LEDGER_STATUSES or text == OVERDUE:
        return text
    raise ValueError(f"未知的整改状态 {text!r}（可选 {'、'.join(LEDGER_STATUSES)}；“逾期”由整改期限推算）")


def parse_value(field: Field, raw: Any) -> Any:
    """A person's value for ``field`` → the stored value; ValueError with the problem in words."""
    if field.kind == "date":
        return parse_date(raw)
    if field.kind == "amount":
        return parse_amount(raw)
    if field.kind == "bool":
        return parse_bool(raw)
    if field.kind == "category":
        return parse_category(raw)
    if field.kind == "family":
        return parse_family(raw)
    if field.kind == "unit_kind":
        return parse_unit_kind(raw)
    if field.kind == "status":
        return parse_status(raw)
    if field.kind == "int":
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        try:
            number = float(raw)
        except (TypeError, ValueError) as error:
            raise ValueError(f"{str(raw).strip()!r} 不是整数") from error
        if not number.is_integer():
            raise ValueError(f"{raw!r} 不是整数")
        return int(number)
    text = "" if raw is None else str(raw).strip()
    if field.required and not text:
        raise ValueError("不能为空")
    return text or None


def display(field: Field, value: Any) -> Any:
    """A stored value as a spreadsheet cell shows it."""
    if value is None:
        return None
    if field.kind == "bool":
        return "是" if value else "否"
    if field.kind == "family":
        return FAMILY_TITLES.get(value, value)
    if field.kind == "category":
        return "、".join(value.split(","))
    if field.kind == "amount":
        return int(value) if float(value).is_integer() else round(float(value), 2)
    return value
