"""Strict YAML for rule files: every value keeps its line and column, and YAML's traps are errors.

PyYAML's safe loader silently accepts duplicate keys (the last wins), reads ``no``/``on``/``y`` as
booleans and unquoted ``2024-08-01`` as a date. In a rule file each of these is a bug that would
change a legal finding without anyone noticing, so this loader refuses them with the file, line
and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import RuleError

PathKey = tuple[str | int, ...]

_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"


@dataclass
class Loaded:
    """YAML data plus the (line, column) of every path in it (1-based)."""

    file: str
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: PathKey) -> tuple[int | None, int | None]:
        """Position of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if path in self.marks:
                return self.marks[path]
            if not path:
                return (None, None)
            path = path[:-1]

    def error(self, path: PathKey, message: str) -> RuleError:
        line, column = self.where(path)
        return RuleError(self.file, message, line, column)


def _mark(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def load_yaml(path: str | Path, text: str | None = None) -> Loaded:
    """Parse a YAML file strictly. Raises RuleError with file:line:column."""
    file = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise RuleError(file, f"not UTF-8: {exc.reason} at byte {exc.start}") from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise RuleError(file, f"invalid YAML: {exc.problem}", line, column) from exc
    loaded = Loaded(file, None)
    loaded.data = _construct(node, (), loaded) if node is not None else None
    return loaded


def _construct(node: Node, path: PathKey, loaded: Loaded) -> Any:
    loaded.marks[path] = _mark(node)
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                line, column = _mark(key_node)
                raise RuleError(loaded.file, "keys must be plain strings (no merge keys)", line, column)
            key = key_node.value
            if key in out:
                line, column = _mark(key_node)
                first = loaded.marks.get((*path, key), (None, None))[0]
                raise RuleError(loaded.file, f"duplicate key '{key}' (first at line {first})", line, column)
            loaded.marks[(*path, key)] = _mark(key_node)
            out[key] = _construct(value_node, (*path, key), loaded)
            loaded.marks[(*path, key)] = _mark(key_node)
        return out
    if isinstance(node, SequenceNode):
        return [_construct(child, (*path, index), loaded) for index, child in enumerate(node.value)]
    return _scalar(node, loaded)


def _scalar(node: ScalarNode, loaded: Loaded) -> Any:
    value = node.value
    if node.style is not None:  # quoted or block scalar: always a string
        return value
    line, column = _mark(node)
    tag = node.tag
    if tag == _BOOL:
        if value in ("true", "false"):
            return value == "true"
        raise RuleError(
            loaded.file,
            f"'{value}' is read as a boolean by YAML 1.1; write true/false, or quote it if you mean text",
            line,
            column,
        )
    if tag == _TIMESTAMP:
        raise RuleError(loaded.file, f"unquoted date '{value}': quote dates, e.g. '{value}'", line, column)
    if tag == _INT:
        if value.startswith(("0x", "0o", "0b")) or (value.startswith("0") and len(value) > 1) or ":" in value:
            raise RuleError(loaded.file, f"ambiguous number '{value}' (YAML 1.1 octal/sexagesimal); quote it",
                            line, column)
        return int(value.replace("_", ""))
    if tag == _FLOAT:
        if value.lower() in (".nan", ".inf", "-.inf", "+.inf"):
            raise RuleError(loaded.file, f"'{value}' is not a usable number here", line, column)
        return float(value.replace("_", ""))
    if tag == _NULL:
        return None
    if tag == _STR:
        if value.lower() in ("yes", "no", "on", "off", "y", "n"):
            raise RuleError(loaded.file, f"'{value}' is ambiguous in YAML; quote it or write true/false",
                            line, column)
        return value
    raise RuleError(loaded.file, f"unsupported YAML tag {tag}", line, column)
