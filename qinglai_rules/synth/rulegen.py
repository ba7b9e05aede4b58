"""Synthetic rulebooks of any size, for the engine's stress tests and the rules benchmark.

The rules are random but well-formed combinations of every condition type over a fixed
vocabulary of terms, so a generated document hits many of them. They are drafts (no examples)
and are loaded with ``include_drafts=True``.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from ..rules.spec import FAMILIES

VOCABULARY = [
    "地方留成", "奖励", "返还", "土地出让金", "担保", "回购", "招标", "本地", "罚款", "拨付", "换届", "不承担",
    "单方", "停止执行", "判决", "补贴", "优先", "指定", "收益", "承建", "暂缓", "审计", "补偿", "违约",
]
PARAGRAPH_TEMPLATES = [
    "对新落户企业按其缴纳税收{a}部分的{p}%给予{b}。",
    "甲方负责{a}，并在验收后{d}日内{b}相关款项{n}万元。",
    "会议同意{a}，由县政府{b}，期限{y}年。",
    "乙方项目如{a}，甲方{b}，且不予{a}。",
]


def generate_rulebook(folder: Path, count: int, seed: int = 7) -> Path:
    """Write a pack of ``count`` draft rules plus their signals under ``folder``; return it."""
    rng = random.Random(seed)
    (folder / "signals").mkdir(parents=True, exist_ok=True)
    signals = {f"g-{i}": {"terms": [term]} for i, term in enumerate(VOCABULARY)}
    (folder / "signals" / "generated.yaml").write_text(
        yaml.safe_dump({"signals": signals}, allow_unicode=True), encoding="utf-8"
    )
    pack = folder / "generated"
    pack.mkdir(exist_ok=True)
    (pack / "pack.yaml").write_text("name: generated\nversion: '1'\ntitle: 生成的规则\n", encoding="utf-8")
    names = list(signals)
    for index in range(count):
        rule_id = f"GEN-{index:05d}"
        rule = {
            "id": rule_id,
            "title": f"生成规则{index}",
            "family": FAMILIES[index % len(FAMILIES)],
            "category": "LC",
            "severity": rng.choice(["违法", "高风险", "提示"]),
            "status": "draft",
            "when": _condition(rng, names),
            "basis": [{"law": "tax-collection-law", "article": 3}],
            "message": "生成的规则消息。",
            "suggestion": "生成的整改建议。",
            "examples": {},
        }
        if rng.random() < 0.2:
            rule["applies_to"] = {"doc_types": rng.sample(["policy", "contract", "minutes"], 2)}
        if rng.random() < 0.1:
            rule["document"] = {"lacks": [rng.choice(names)]}
        (pack / f"{rule_id}.yaml").write_text(yaml.safe_dump(rule, allow_unicode=True), encoding="utf-8")
    return folder


def _condition(rng: random.Random, names: list[str]) -> dict:
    a, b, c = rng.sample(names, 3)
    choice = rng.randrange(6)
    if choice == 0:
        return {"all": [{"signal": a}, {"signal": b}]}
    if choice == 1:
        return {"sentence": [a, b], "unless": [c]}
    if choice == 2:
        return {"near": [a, b], "within": rng.choice([5, 10, 30]), "ordered": rng.random() < 0.5}
    if choice == 3:
        return {"all": [{"signal": a}, {"number": {"kind": "percent", "op": ">", "value": rng.choice([10, 40])}}]}
    if choice == 4:
        return {"all": [{"any": [{"signal": a}, {"signal": b}]}, {"not": {"signal": c}}]}
    return {"all": [{"signal": a}, {"number": {"kind": "days", "op": ">=", "value": 60, "near": b, "within": 15}}]}


def generate_text(rng: random.Random, paragraphs: int) -> str:
    """A document-like text whose paragraphs mix the vocabulary and numbers."""
    lines = []
    for index in range(paragraphs):
        template = rng.choice(PARAGRAPH_TEMPLATES)
        lines.append(f"第{index + 1}条 " + template.format(
            a=rng.choice(VOCABULARY), b=rng.choice(VOCABULARY), p=rng.choice([5, 30, 50, 80]),
            d=rng.choice([15, 30, 90, 180]), n=rng.randrange(10, 900), y=rng.randrange(1, 12),
        ))
    return "\n".join(lines)
