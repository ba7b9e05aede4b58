"""One document through the pipeline: read → structure → facts → engine → findings.

``Reviewer`` loads the rules, the law corpus and the NLP pipeline once; then reviews any number
of files or documents. Reading errors become a ``DocumentResult`` with status ``error`` — one bad
file never stops a batch.

Each stage is timed with ``time.perf_counter`` (a few calls per document): ``last_stages`` holds the
seconds of the latest review, ``stage_totals`` the sum over this Reviewer's life, and ``stage`` the
stage running now (the batch uses it to interrupt a document only outside the rules engine).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import QinglaiError, ReadError, RuleError
from .features import nlp
from .laws import LawCorpus, load_laws
from .model import Document, DocumentResult, Finding
from .rules.compiler import CompiledRuleset, compile_rulebook
from .rules.engine import DurableEngine
from .rules.facts import DocumentFacts, build_facts
from .rules.findings import Suppressed, make_findings
from .rules.loader import RuleBook, load_rulebook
from .rules.reference import ReferenceEngine

ENGINES = {"durable": DurableEngine, "reference": ReferenceEngine}

# The stages of one review, in order (``facts`` covers signal matching, NLP word boundaries and facts).
STAGES: tuple[str, ...] = ("read", "structure", "facts", "engine", "findings")


class RuleLoadError(QinglaiError):
    """The rules folder has errors; each names its file, line and column."""

    def __init__(self, errors: list[RuleError]) -> None:
        self.errors = errors
        lines = "\n".join(f"  {error}" for error in errors[:20])
        more = f"\n  … and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} error(s) in the rules:\n{lines}{more}")


@dataclass
class Evaluation:
    """Everything a review of one document computed (kept for explain and the rule examples)."""

    document: Document
    facts: DocumentFacts
    fired: set[tuple[str, int]]
    findings: list[Finding]
    suppressed: list[Suppressed] = field(default_factory=list)


class Reviewer:
    def __init__(
        self,
        rules_dir: str | Path | None = None,
        *,
        engine: str = "durable",
        as_of: str | None = None,
        packs: list[str] | None = None,
        include_drafts: bool = False,
        laws: LawCorpus | None = None,
        book: RuleBook | None = None,
    ) -> None:
        self.laws = laws or load_laws()
        self.book = book or load_rulebook(rules_dir, laws=self.laws, packs=packs, include_drafts=include_drafts)
        if self.book.errors:
            raise RuleLoadError(self.book.errors)
        self.ruleset: CompiledRuleset = compile_rulebook(self.book)
        self.engine = ENGINES[engine](self.ruleset)
        self.as_of = as_of
        self.stage: str | None = None
        self.last_stages: dict[str, float] = {}
        self.stage_totals: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        nlp.pipeline()

    @contextmanager
    def _timed(self, stage: str) -> Iterator[None]:
        self.stage = stage
        started = time.perf_counter()
        try:
            yield
        finally:
            seconds = time.perf_counter() - started
            self.last_stages[stage] = self.last_stages.get(stage, 0.0) + seconds
            self.stage_totals[stage] += seconds
            self.stage = None

    @property
    def ruleset_version(self) -> str:
        return self.ruleset.version

    @property
    def laws_version(self) -> str:
        return self.laws.version

    def evaluate(self, doc: Document) -> Evaluation:
        with self._timed("facts"):
            facts = build_facts(doc, self.ruleset, as_of=self.as_of)
        with self._timed("engine"):
            fired = self.engine.run(facts)
        with self._timed("findings"):
            findings, suppressed = make_findings(doc, facts, fired, self.ruleset, self.laws)
        return Evaluation(doc, facts, fired, findings, suppressed)

    def review_document(self, doc: Document) -> list[Finding]:
        return self.evaluate(doc).findings

    def review_file(self, path: str | Path, doc_type: str | None = None) -> DocumentResult:
        from .reading import read
        from .structure import analyse

        started = time.perf_counter()
        path = str(path)
        self.last_stages = {}
        try:
            with self._timed("read"):
                doc = read(path)
            with self._timed("structure"):
                analyse(doc, doc_type=doc_type)
            findings = self.review_document(doc)
        except ReadError as error:
            return DocumentResult(path=path, status="error", error=str(error), error_code=error.code,
                                  seconds=time.perf_counter() - started)
        except Exception as error:
            return DocumentResult(path=path, status="error", error=f"{path}: internal error: {error!r}",
                                  error_code="internal", seconds=time.perf_counter() - started)
        return DocumentResult(path=path, status="ok", sha256=doc.sha256, document=doc, findings=findings,
                              seconds=time.perf_counter() - started)
