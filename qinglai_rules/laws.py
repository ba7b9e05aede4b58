"""The law corpus: exact article texts the rules cite, loaded once, looked up by id and number.

Versions: a superseded law file (``-2020`` suffix) and its successor form a lineage; a finding
cites the version that was in force on the document's own date (see ``pick_versions``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .model import LawRef
from .paths import laws_dir

_ITEM_PREFIX = "（"


@dataclass
class Law:
    id: str
    title: str
    version: str
    effective: str | None
    status: str
    superseded_by: str | None
    superseded_on: str | None
    articles: dict[int, dict] = field(default_factory=dict)

    def lineage_root(self, corpus: LawCorpus) -> str:
        law = self
        seen = {law.id}
        while law.superseded_by and law.superseded_by in corpus.laws and law.superseded_by not in seen:
            law = corpus.laws[law.superseded_by]
            seen.add(law.id)
        return law.id


def split_article(text: str) -> tuple[list[str], dict[tuple[int, int], str]]:
    """Paragraphs (款) and items (项) of an article text, as the law corpus README defines them:
    each line is a 款 unless it starts with （一）-style numbering, which makes it an item of the
    preceding 款."""
    paragraphs: list[str] = []
    items: dict[tuple[int, int], str] = {}
    item_counter = 0
    for line in text.split("\n"):
        if line.startswith(_ITEM_PREFIX) and paragraphs:
            item_counter += 1
            items[(len(paragraphs), item_counter)] = line
        else:
            paragraphs.append(line)
            item_counter = 0
    return paragraphs, items


class LawCorpus:
    """All law files of a folder, with a content hash as the corpus version."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.laws: dict[str, Law] = {}
        digest = hashlib.sha256()
        for path in sorted(folder.glob("*.yaml")):
            if path.name == "index.yaml":
                continue
            raw = path.read_bytes()
            digest.update(path.name.encode() + b"\0" + raw)
            data = yaml.safe_load(raw)
            self.laws[data["id"]] = Law(
                id=data["id"],
                title=data["title"],
                version=str(data.get("version") or ""),
                effective=data.get("effective"),
                status=data.get("status", "current"),
                superseded_by=data.get("superseded_by"),
                superseded_on=data.get("superseded_on"),
                articles={a["number"]: a for a in data.get("articles", [])},
            )
        self.version = digest.hexdigest()[:16]

    def check(
        self, law_id: str, article: int, paragraph: int | None = None, item: int | None = None
    ) -> tuple[str, str] | None:
        """None if the reference exists, else (the field that is wrong, what is wrong)."""
        law = self.laws.get(law_id)
        if law is None:
            return "law", f"unknown law id '{law_id}' (see rulesets/laws/index.yaml)"
        entry = law.articles.get(article)
        if entry is None:
            return "article", f"{law.title} ({law_id}) has no article {article} in the corpus"
        paragraphs, items = split_article(entry["text"])
        if paragraph is not None and not 1 <= paragraph <= len(paragraphs):
            return "paragraph", f"{law.title} 第{article}条 has {len(paragraphs)} paragraph(s), not {paragraph}"
        if item is not None and (paragraph or 1, item) not in items:
            return "item", f"{law.title} 第{article}条 has no item {item} in paragraph {paragraph or 1}"
        return None

    def ref(self, law_id: str, article: int, paragraph: int | None = None, item: int | None = None) -> LawRef:
        """The reference with the exact text of the article, or of the cited paragraph/item."""
        law = self.laws[law_id]
        entry = law.articles[article]
        text = entry["text"]
        if paragraph is not None or item is not None:
            paragraphs, items = split_article(text)
            text = items[(paragraph or 1, item)] if item is not None else paragraphs[paragraph - 1]
        return LawRef(
            law_id=law_id,
            title=law.title,
            article=article,
            label=entry["label"],
            paragraph=paragraph,
            item=item,
            text=text,
            version=law.version,
        )

    def in_force_on(self, law_id: str, date: str) -> bool:
        """Was this version the one in force on ``date`` (ISO)? Unknown dates count as in force."""
        law = self.laws[law_id]
        if law.effective and date < law.effective:
            return False
        return not (law.superseded_on and date >= law.superseded_on)

    def pick_versions(self, refs: list[LawRef], date: str) -> tuple[list[LawRef], list[str]]:
        """Keep, per law lineage, the cited version in force on ``date``.

        When the document predates every cited version of a law (a 2019 contract judged against
        a 2020 regulation), the earliest cited version is kept with a note: the rectification
        happens under today's law even if the text predates it.
        """
        by_lineage: dict[str, list[LawRef]] = {}
        for ref in refs:
            by_lineage.setdefault(self.laws[ref.law_id].lineage_root(self), []).append(ref)
        kept: list[LawRef] = []
        notes: list[str] = []
        for lineage_refs in by_lineage.values():
            in_force = [r for r in lineage_refs if self.in_force_on(r.law_id, date)]
            if in_force:
                kept.extend(in_force)
                continue
            earliest = min(lineage_refs, key=lambda r: self.laws[r.law_id].effective or "")
            chosen = [r for r in lineage_refs if r.law_id == earliest.law_id]
            kept.extend(chosen)
            law = self.laws[earliest.law_id]
            if law.effective and date < law.effective:
                notes.append(
                    f"文件日期 {date} 早于《{law.title}》施行日期 {law.effective}，该条作为整改依据参照适用"
                )
        order = {id(r): i for i, r in enumerate(refs)}
        kept.sort(key=lambda r: order[id(r)])
        return kept, notes


@lru_cache(maxsize=4)
def load_laws(folder: str | None = None) -> LawCorpus:
    """The law corpus, loaded once per process (bundled by default)."""
    return LawCorpus(Path(folder) if folder else laws_dir())
