"""Rules, packs and examples as loaded from YAML (before compilation)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..features.signals import Signal
from .conditions import Node, signal_refs

FAMILIES = (
    "tax-rebate", "selective-subsidy", "land-price", "guarantee-return", "bidding", "local-protection",
    "normative-overreach", "payment-default", "new-official", "liability-exemption", "unilateral-change",
    "retroactive-repeal", "judgment-refusal",
)
LEGAL_CONFLICT_FAMILIES = FAMILIES[:7]
CATEGORIES = ("C1", "C2", "C3", "C4", "C5", "C6", "LC")
CATEGORY_TITLES = {
    "C1": "不履行有效合同、不兑现合法承诺、迟延履行",
    "C2": "因政府原因致合同不能履行、承诺不能兑现，不依法赔偿",
    "C3": "因公共利益等改变规划、决定或约定，不依法补偿",
    "C4": "政策调整后不按有利于市场主体原则执行",
    "C5": "违法签订合同、作出承诺致无效或被撤销，不返还、不赔偿",
    "C6": "拒不执行法院判决、仲裁裁决",
    "LC": "与现行法律、法规、规章相悖（违法冲突）",
}
FAMILY_TITLES = {
    "tax-rebate": "税收优惠与返还",
    "selective-subsidy": "选择性补贴与费用减免",
    "land-price": "土地出让金返还与低价供地",
    "guarantee-return": "政府担保、保底收益与回购",
    "bidding": "规避招标与指定供应商",
    "local-protection": "地方保护与市场准入限制",
    "normative-overreach": "规范性文件越权设定罚款、许可、收费",
    "payment-default": "拖欠与迟延支付",
    "new-official": "新官不理旧账",
    "liability-exemption": "政府方免除自身责任",
    "unilateral-change": "单方变更解除且不予补偿",
    "retroactive-repeal": "政策调整溯及既往、无过渡安排",
    "judgment-refusal": "拒不执行生效裁判",
}
SEVERITIES = ("违法", "高风险", "提示")
DOC_TYPES = ("policy", "contract", "minutes", "judgment", "other")

_MARK = re.compile(r"\[\[(.+?)\]\]", re.S)


@dataclass
class Example:
    text: str  # without the [[ ]] markers
    marked: list[tuple[int, int]]  # spans of the [[ ]] markers in ``text``
    doc_type: str | None = None
    date: str | None = None
    scope: str | None = None
    context: str | None = None
    document: str | None = None
    note: str | None = None
    issuer_level: str | None = None
    line: int | None = None

    @classmethod
    def parse(cls, data: Any, line: int | None = None) -> Example:
        if isinstance(data, str):
            data = {"text": data}
        raw = data["text"]
        spans: list[tuple[int, int]] = []
        plain: list[str] = []
        cursor = 0
        length = 0
        for match in _MARK.finditer(raw):
            before = raw[cursor : match.start()]
            plain.append(before)
            length += len(before)
            inner = match.group(1)
            spans.append((length, length + len(inner)))
            plain.append(inner)
            length += len(inner)
            cursor = match.end()
        plain.append(raw[cursor:])
        return cls(
            text="".join(plain),
            marked=spans,
            doc_type=data.get("doc_type"),
            date=data.get("date"),
            scope=data.get("scope"),
            context=data.get("context"),
            document=data.get("document"),
            note=data.get("note"),
            issuer_level=data.get("issuer_level"),
            line=line,
        )


@dataclass
class Pack:
    name: str
    version: str
    title: str
    folder: str
    description: str = ""
    default: bool = True
    defaults: dict[str, Any] = field(default_factory=dict)


@dataclass
class RuleSpec:
    id: str
    title: str
    family: str
    category: str
    severity: str
    confidence: float
    status: str
    kind: str
    doc_types: tuple[str, ...]
    scopes: tuple[str, ...]
    when: Node
    document: dict[str, Any]
    in_force: dict[str, str]
    basis: list[dict[str, int | str]]
    policy_refs: list[str]
    message: str
    suggestion: str
    suppresses: list[str]
    void_risk_doc_types: tuple[str, ...]
    hits: list[Example]
    cleans: list[Example]
    pack: str
    file: str
    raw: dict[str, Any]
    inline_signals: dict[str, list[str]] = field(default_factory=dict)
    version: str = ""

    @property
    def published(self) -> bool:
        return self.status == "published"

    def signal_names(self) -> set[str]:
        names = signal_refs(self.when)
        names.update(self.document.get("has", []))
        names.update(self.document.get("lacks", []))
        return names

    def compute_version(self, signals: dict[str, Signal]) -> str:
        """Content hash of everything that changes what the rule reports (not its examples)."""
        payload = {k: v for k, v in self.raw.items() if k not in ("examples", "notes")}
        payload["_signals"] = {
            name: [signals[name].terms, signals[name].patterns, signals[name].word]
            for name in sorted(self.signal_names())
            if name in signals
        }
        payload["_void_risk_doc_types"] = list(self.void_risk_doc_types)
        payload["_scopes"] = list(self.scopes)
        payload["_doc_types"] = list(self.doc_types)
        blob = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        self.version = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]
        return self.version
