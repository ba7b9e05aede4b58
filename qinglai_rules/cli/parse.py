"""``qinglai parse FILE``: read a document and show its metadata and clause tree (or JSON)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import Any

import click

from ..errors import ReadError
from ..model import DOC_TYPES, Document
from ..structure import analyse
from . import main

_UNNUMBERED = ("preamble", "paragraph", "table-row")
_KIND_NAMES = {"government": "政府", "enterprise": "企业", "unknown": "未知"}


def load(path: str) -> Document:
    """Read ``path`` with the project's readers."""
    from ..reading import read

    return read(path)


def clause_json(doc: Document) -> list[dict[str, Any]]:
    return [
        {
            "id": clause.id,
            "kind": clause.kind,
            "label": clause.label,
            "path": clause.path_text,
            "path_list": list(clause.path),
            "page": clause.pages[0] if clause.pages else None,
            "pages": list(clause.pages),
            "start": clause.start,
            "end": clause.end,
            "body_start": clause.body_start,
            "body_end": clause.body_end,
            "text": doc.text[clause.start : clause.end],
            "heading": clause.heading,
            "parent": clause.parent,
            "children": list(clause.children),
        }
        for clause in doc.clauses
    ]


def document_json(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.path,
        "sha256": doc.sha256,
        "format": doc.format,
        "encoding": doc.encoding,
        "script": doc.script,
        "warnings": list(doc.warnings),
        "metadata": asdict(doc.metadata),
        "pages": len(doc.pages),
        "clauses": clause_json(doc),
    }


def _summary(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit] + "…"


def render_text(doc: Document) -> str:
    meta = doc.metadata
    rows = [
        ("文件", doc.path),
        ("类型", f"{meta.doc_type}（{meta.doc_type_reason}）"),
        ("标题", meta.title),
        ("文号", meta.doc_number),
        ("发文机关", meta.issuer),
        ("层级", meta.issuer_level),
        ("地区", meta.region),
        ("日期", meta.date),
        ("页数", str(len(doc.pages))),
        ("文字", f"{doc.format} {doc.encoding or ''} {doc.script}".replace("  ", " ")),
    ]
    out = [f"{name}：{value}" for name, value in rows if value]
    for party in meta.parties:
        out.append(f"{party.role}：{party.name}（{_KIND_NAMES.get(party.kind, party.kind)}）")
    for warning in doc.warnings:
        out.append(f"警告：{warning}")
    out.append("")
    out.append(f"条款（{len(doc.clauses)}）：")
    depth = {}
    for clause in doc.clauses:
        level = depth[clause.parent] + 1 if clause.parent in depth else 0
        depth[clause.id] = level
        if clause.heading:
            gist = clause.heading
        else:
            body = doc.text[clause.body_start : clause.body_end]
            if clause.kind not in _UNNUMBERED:
                body = body[len(clause.label) :]  # the marker; labels keep the marker's length
            gist = _summary(body)
        pages = ",".join(str(page) for page in clause.pages)
        out.append(f"{'  ' * (level + 1)}{clause.label} {gist}  [p{pages}] {clause.id}")
    return "\n".join(out)


@main.command("parse")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the document as JSON.")
@click.option("--doc-type", type=click.Choice(DOC_TYPES), help="Override the detected document type.")
def parse_command(file: str, as_json: bool, doc_type: str | None) -> None:
    """Show the metadata and the clause tree of FILE."""
    try:
        doc = load(file)
    except ReadError as error:
        click.echo(f"qinglai parse: {error}", err=True)
        sys.exit(2)
    except OSError as error:
        click.echo(f"qinglai parse: {file}: {error.strerror or error}", err=True)
        sys.exit(2)
    analyse(doc, doc_type)
    if as_json:
        click.echo(json.dumps(document_json(doc), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(doc))
