"""Load rule packs strictly: every problem is reported with its file, line and column.

A rules folder holds packs (folders with a ``pack.yaml``) and signal files (``signals/*.yaml``
anywhere in it). A pack holds one rule per YAML file, in any sub-folders; the file stem is the
rule id. ``laws/`` is the law corpus and is not a pack.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from ..errors import RuleError
from ..features.signals import Signal
from ..laws import LawCorpus, load_laws
from ..paths import bundled_rulesets_dir
from .conditions import ConditionParser, anchored
from .regexsafe import check_pattern
from .spec import FAMILIES, LEGAL_CONFLICT_FAMILIES, Example, Pack, RuleSpec
from .units import DEFAULT_SCOPES
from .yamlload import Loaded, load_yaml

ALL_DOC_TYPES = ("policy", "contract", "minutes", "judgment", "other")


@cache
def schema(name: str) -> dict[str, Any]:
    text = resources.files("qinglai_rules.rules").joinpath("schema", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@dataclass
class RuleBook:
    """Everything loaded from a rules folder, plus every error found (empty when valid)."""

    root: Path
    packs: dict[str, Pack] = field(default_factory=dict)
    rules: list[RuleSpec] = field(default_factory=list)
    signals: dict[str, Signal] = field(default_factory=dict)
    errors: list[RuleError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def rule(self, rule_id: str) -> RuleSpec:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def _validate(loaded: Loaded, schema_name: str, book: RuleBook) -> bool:
    validator = jsonschema.Draft202012Validator(schema(schema_name))
    errors = sorted(validator.iter_errors(loaded.data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors[:5]:
        path = tuple(error.absolute_path)
        book.errors.append(loaded.error(path, _schema_message(error)))
    return not errors


def _schema_message(error: jsonschema.ValidationError) -> str:
    where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"unknown field(s) {', '.join(extra)} at {where}"
    if error.validator == "required":
        return f"{error.message} at {where}"
    if error.validator == "oneOf" and isinstance(error.instance, dict):
        return f"not a valid condition or example at {where}: {sorted(error.instance)}"
    return f"{error.message} at {where}"


def discover(root: Path) -> tuple[list[Path], list[Path]]:
    """(pack folders, signal files) under ``root``, sorted."""
    packs = sorted(p.parent for p in root.rglob("pack.yaml") if "laws" not in p.relative_to(root).parts)
    signal_files = sorted(
        p for p in root.rglob("*.yaml") if p.parent.name == "signals" and "laws" not in p.relative_to(root).parts
    )
    return packs, signal_files


def load_rulebook(
    root: str | Path | None = None,
    *,
    laws: LawCorpus | None = None,
    packs: list[str] | None = None,
    include_drafts: bool = False,
    default_only: bool = True,
) -> RuleBook:
    """Load all packs under ``root`` (bundled rulesets by default).

    ``root`` may also be one pack folder, or a folder with ``pack.yaml`` files below it; signal
    files are collected from ``root`` and, when ``root`` is inside the bundled rulesets, from the
    bundled shared ``signals/`` too. Only packs marked ``default: true`` load unless ``root`` names
    a pack directly or ``default_only`` is False.
    """
    root = Path(root) if root else bundled_rulesets_dir()
    laws = laws or load_laws()
    book = RuleBook(root=root)
    pack_dirs, signal_files = discover(root)
    if (root / "pack.yaml").is_file():
        default_only = False
        shared = root.parent / "signals"
        if shared.is_dir():
            signal_files = sorted({*signal_files, *shared.glob("*.yaml")})
    for path in signal_files:
        _load_signal_file(path, book)
    seen_ids: dict[str, str] = {}
    for pack_dir in pack_dirs:
        pack = _load_pack(pack_dir, book)
        if pack is None:
            continue
        if packs is not None and pack.name not in packs:
            continue
        if packs is None and default_only and not pack.default:
            continue
        book.packs[pack.name] = pack
        for rule_path in sorted(pack_dir.rglob("*.yaml")):
            if rule_path.name == "pack.yaml" or rule_path.parent.name == "signals":
                continue
            if any(part.startswith(".") for part in rule_path.relative_to(pack_dir).parts):
                continue
            rule = _load_rule(rule_path, pack, book, laws)
            if rule is None:
                continue
            if rule.id in seen_ids:
                book.errors.append(RuleError(str(rule_path), f"duplicate rule id {rule.id} (also in "
                                                             f"{seen_ids[rule.id]})", 1, 1))
                continue
            seen_ids[rule.id] = str(rule_path)
            if rule.published or include_drafts:
                book.rules.append(rule)
    _check_references(book)
    for rule in book.rules:
        rule.compute_version(book.signals)
    return book


def _load_signal_file(path: Path, book: RuleBook) -> None:
    try:
        loaded = load_yaml(path)
    except RuleError as error:
        book.errors.append(error)
        return
    if not _validate(loaded, "signals", book):
        return
    for name, data in loaded.data["signals"].items():
        where = ("signals", name)
        if name in book.signals:
            book.errors.append(loaded.error(where, f"duplicate signal '{name}' (also in {book.signals[name].source})"))
            continue
        for index, pattern in enumerate(data.get("patterns", [])):
            reason = check_pattern(pattern)
            if reason:
                book.errors.append(loaded.error((*where, "patterns", index), f"unsafe pattern: {reason}"))
        line, _ = loaded.where(where)
        book.signals[name] = Signal(
            id=name,
            title=data.get("title", ""),
            terms=list(data.get("terms", [])),
            patterns=list(data.get("patterns", [])),
            word=bool(data.get("word", False)),
            not_after=list(data.get("not_after", [])),
            source=f"{path}:{line}",
        )


def _load_pack(pack_dir: Path, book: RuleBook) -> Pack | None:
    path = pack_dir / "pack.yaml"
    try:
        loaded = load_yaml(path)
    except RuleError as error:
        book.errors.append(error)
        return None
    if not _validate(loaded, "pack", book):
        return None
    data = loaded.data
    return Pack(
        name=data["name"],
        version=str(data["version"]),
        title=data["title"],
        folder=str(pack_dir),
        description=data.get("description", ""),
        default=data.get("default", True),
        defaults=data.get("defaults", {}),
    )


def _load_rule(path: Path, pack: Pack, book: RuleBook, laws: LawCorpus) -> RuleSpec | None:
    try:
        loaded = load_yaml(path)
    except RuleError as error:
        book.errors.append(error)
        return None
    if not isinstance(loaded.data, dict):
        book.errors.append(RuleError(str(path), "a rule file must be a mapping", 1, 1))
        return None
    if not _validate(loaded, "rule", book):
        return None
    data = loaded.data
    errors_before = len(book.errors)
    if data["id"] != path.stem:
        book.errors.append(loaded.error(("id",), f"rule id {data['id']} must equal the file name stem {path.stem}"))
    parser = ConditionParser(loaded, data["id"])
    try:
        when = parser.parse(data["when"], ("when",))
    except RuleError as error:
        book.errors.append(error)
        return None
    if not anchored(when):
        book.errors.append(loaded.error(("when",), "every way to satisfy 'when' must need some words in the "
                                                   "clause (a signal, sentence, near or number-near condition)"))
    for index, ref in enumerate(data["basis"]):
        problem = laws.check(ref["law"], ref["article"], ref.get("paragraph"), ref.get("item"))
        if problem:
            book.errors.append(loaded.error(("basis", index, problem[0]), problem[1]))
    defaults = pack.defaults
    status = data.get("status", "published")
    examples = data.get("examples", {})
    hits = [Example.parse(e, loaded.where(("examples", "hit", i))[0]) for i, e in enumerate(examples.get("hit", []))]
    cleans = [
        Example.parse(e, loaded.where(("examples", "clean", i))[0]) for i, e in enumerate(examples.get("clean", []))
    ]
    if status == "published" and (not hits or not cleans):
        book.errors.append(loaded.error(("examples",), "a published rule needs at least one 'hit' and one "
                                                       "'clean' example (or status: draft)"))
    for index, example in enumerate(hits):
        if not example.marked:
            book.errors.append(loaded.error(("examples", "hit", index), "mark the offending span with [[ ]]"))
    for index, example in enumerate(cleans):
        if example.marked:
            book.errors.append(loaded.error(("examples", "clean", index), "clean examples have no [[ ]] marks"))
    window = data.get("in_force", {})
    if window.get("from") and window.get("until") and window["from"] >= window["until"]:
        book.errors.append(loaded.error(("in_force",), "in_force.from must be before in_force.until"))
    if len(book.errors) > errors_before:
        return None
    family = data["family"]
    void_default = family in LEGAL_CONFLICT_FAMILIES
    void_types = tuple(defaults.get("void_risk_doc_types", ("contract", "minutes")))
    applies = data.get("applies_to", {})
    rule = RuleSpec(
        id=data["id"],
        title=cjk_text(data["title"]),
        family=family,
        category=data["category"],
        severity=data["severity"],
        confidence=float(data.get("confidence", defaults.get("confidence", 0.8))),
        status=status,
        kind=data.get("kind", "finding"),
        doc_types=tuple(applies.get("doc_types", defaults.get("doc_types", ALL_DOC_TYPES))),
        scopes=tuple(applies.get("scopes", defaults.get("scopes", DEFAULT_SCOPES))),
        when=when,
        document=data.get("document", {}),
        in_force=window,
        basis=data["basis"],
        policy_refs=data.get("policy_refs", []),
        message=cjk_text(data["message"]),
        suggestion=cjk_text(data["suggestion"]),
        suppresses=data.get("suppresses", []),
        void_risk_doc_types=void_types if data.get("void_risk", void_default) else (),
        hits=hits,
        cleans=cleans,
        pack=pack.name,
        file=str(path),
        raw=data,
        inline_signals=parser.inline_signals,
    )
    rule._loaded = loaded  # type: ignore[attr-defined]  # positions for later reference errors
    return rule


_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


def cjk_text(text: str) -> str:
    """Message text as written, minus the spaces YAML folding (``>-``) puts between Chinese characters."""
    return _CJK_GAP.sub("", text.strip())


def _check_references(book: RuleBook) -> None:
    """Signals and suppressed rules named by rules must exist."""
    ids = {rule.id for rule in book.rules}
    valid: list[RuleSpec] = []
    for rule in book.rules:
        loaded: Loaded = rule._loaded  # type: ignore[attr-defined]
        ok = True
        for name, terms in rule.inline_signals.items():
            book.signals.setdefault(name, Signal(id=name, terms=terms, source=rule.file))
        for name in sorted(rule.signal_names()):
            if name not in book.signals:
                book.errors.append(loaded.error(_find_value(loaded, name), f"unknown signal '{name}'"))
                ok = False
        for index, target in enumerate(rule.suppresses):
            if target not in ids:
                book.errors.append(loaded.error(("suppresses", index), f"suppresses unknown rule '{target}'"))
                ok = False
        if rule.family not in FAMILIES:  # pragma: no cover - the schema already refuses it
            ok = False
        if ok:
            valid.append(rule)
    book.rules = valid


def _find_value(loaded: Loaded, value: str) -> tuple:
    """The path of the first occurrence of a string value (to point an error at it)."""

    def walk(node: Any, path: tuple) -> tuple | None:
        if node == value:
            return path
        if isinstance(node, dict):
            for key, child in node.items():
                found = walk(child, (*path, key))
                if found is not None:
                    return found
        elif isinstance(node, list):
            for index, child in enumerate(node):
                found = walk(child, (*path, index))
                if found is not None:
                    return found
        return None

    return walk(loaded.data, ()) or ()
