"""Batch review: inputs → review processes → results → review store → the report dictionary.

``run_batch(BatchOptions)`` is everything ``qinglai review`` does except printing and writing files:

* every input path gets exactly one report entry: reviewed (ok), error (not found, empty folder,
  unreadable, unknown format, timeout, crash) or skipped (unchanged since an earlier review, or not
  reached because the run was interrupted);
* unchanged documents (same sha256, ruleset version and law-corpus version as a completed review in
  the store) are skipped unless ``force``; their findings come from the store, so the report of a
  re-run still shows every finding;
* results are recorded in the store one transaction per document, **in input order** (a result that
  arrives early waits for the ones before it), so finding ids — and findings.json — are the same
  whatever ``jobs`` is and whichever process finishes first;
* a run the store still marks ``running`` (a crash) with the same inputs, rules and laws is resumed:
  what it recorded is kept and only the rest is reviewed;
* Ctrl-C stops the processes at once, records what was done, marks the run ``interrupted`` and
  reports the rest as skipped (``interrupted``); a later run skips what was done.

Timings go to ``BatchReport.timing`` (run.json), never into the report dictionary.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .model import DocumentResult, RunInfo
from .pool import InlinePool, Outcome, ReviewerSetup, WorkerPool, prepare, rss_bytes
from .reports.serialize import report_of, result_dict, stored_finding_dict

INTERRUPTED = "interrupted"
# Results held back while an earlier input is still being reviewed (input-order recording). When
# this many are waiting, no new work is handed out until the earlier one finishes or times out.
MAX_WAITING = 256
DEFAULT_TIMEOUT = 120.0
CHUNK = 200  # documents per store query when the report is assembled


@dataclass
class BatchOptions:
    paths: Sequence[str]
    jobs: int | None = None  # None: one per available core; 1: in this process
    timeout: float | None = DEFAULT_TIMEOUT  # seconds per file; None: no limit
    force: bool = False  # review unchanged documents again
    use_store: bool = True
    db: str | None = None  # None: $QINGLAI_DB or ./qinglai.sqlite
    doc_type: str | None = None
    as_of: str | None = None
    rules_dir: str | None = None
    engine: str = "durable"
    include_drafts: bool = False
    user: str | None = None
    start_method: str = "forkserver"  # or "spawn" (see pool.py)
    exclude: Sequence[str] = ()  # what the run writes (the report folder): never an input of a folder walk


@dataclass
class BatchReport:
    report: dict[str, Any]  # findings.json
    run: RunInfo
    timing: dict[str, Any]  # run.json: timings, workers, memory
    run_id: int | None = None
    store_location: str | None = None
    resumed: bool = False
    interrupted: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 130 if self.interrupted else 0


class Progress:
    """What the batch tells a progress display; this base class shows nothing."""

    def start(self, total: int) -> None:
        return None

    def advance(self, count: int = 1) -> None:
        return None

    def stop(self) -> None:
        return None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# inputs --------------------------------------------------------------------------------------
def collect_inputs(paths: Sequence[str], exclude: Sequence[str] = ()) -> tuple[list[str], dict[str, DocumentResult]]:
    """Every input, in a stable order, and the results already known without reading them.

    Folders are expanded (``reading.iter_inputs``, leaving out ``exclude``); a missing path is
    ``not-found`` and a folder with nothing to review is ``empty`` — each still one entry of the report.
    """
    from .reading import iter_inputs

    inputs: list[str] = []
    known: dict[str, DocumentResult] = {}
    seen: set[Path] = set()  # as reading.iter_inputs deduplicates: resolved, else absolute
    for given in paths:
        found = iter_inputs([given], exclude)
        if not found and Path(given).is_dir() and Path(given).resolve() not in seen:
            seen.add(Path(given).resolve())
            name = str(given)
            inputs.append(name)
            known[name] = DocumentResult(
                path=name, status="error", error=f"{name}: 文件夹中没有可审查的文件 (empty folder)", error_code="empty"
            )
        for path in found:
            key = path.resolve() if path.exists() else path.absolute()
            if key in seen:
                continue
            seen.add(key)
            name = str(path)
            inputs.append(name)
            if not path.exists():
                known[name] = DocumentResult(
                    path=name, status="error", error=f"{name}: 文件不存在 (not found)", error_code="not-found"
                )
    return inputs, known


def _store_files(options: BatchOptions) -> list[str]:
    """The SQLite store and its journal files: written by the run, so never read as its inputs."""
    if not options.use_store:
        return []
    from .store.db import default_location, is_url

    location = options.db or default_location()
    if is_url(location):
        return []
    return [location + suffix for suffix in ("", "-wal", "-shm", "-journal")]


def _shown(location: str) -> str:
    """A store file under the working folder as a relative path: run.json is kept with sample reports."""
    try:
        return Path(location).relative_to(Path.cwd()).as_posix()
    except ValueError:  # elsewhere, or a database URL
        return location


def _sha256(path: str) -> str | None:
    from .reading.assemble import sha256_of

    try:
        return sha256_of(path)
    except OSError:
        return None  # unreadable: the review reports why


# the run -------------------------------------------------------------------------------------
class _Interrupt:
    """SIGINT sets ``requested``; an in-process review is stopped at once when that is safe."""

    def __init__(self) -> None:
        self.requested = False
        self.pool: Any = None

    def handler(self, signum: int, frame: Any) -> None:
        self.requested = True
        if isinstance(self.pool, InlinePool) and self.pool.safe_to_stop():
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = signal.signal(signal.SIGINT, self.handler)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)


@dataclass
class _Prior:
    """An input whose entry comes from the store: skipped as unchanged, or recorded before a resume."""

    row_status: str
    sha256: str | None
    document_id: int | None
    findings_run: int | None  # the run whose findings to show
    error: str | None = None
    error_code: str | None = None
    skip_reason: str | None = None


def run_batch(options: BatchOptions, progress: Progress | None = None) -> BatchReport:
    """Review every input of ``options``; see the module docstring for what is promised."""
    from .laws import load_laws
    from .review import RuleLoadError
    from .rules.compiler import ruleset_version
    from .rules.loader import load_rulebook

    progress = progress or Progress()
    clock, cpu_started = time.perf_counter(), time.process_time()
    started_at = dt.datetime.now().isoformat(timespec="seconds")
    if (options.jobs or default_jobs()) > 1:
        prepare(options.start_method)  # the fork server imports while we load rules and hash inputs
    inputs, known = collect_inputs(options.paths, [*options.exclude, *_store_files(options)])
    laws = load_laws()
    book = load_rulebook(options.rules_dir, laws=laws, include_drafts=options.include_drafts)
    if book.errors:
        raise RuleLoadError(book.errors)
    setup = ReviewerSetup(book=book, laws=laws, engine=options.engine, as_of=options.as_of)
    run = RunInfo(
        ruleset_version=ruleset_version(book),
        laws_version=laws.version,
        started_at=started_at,
        user=options.user or getpass.getuser(),
        as_of=options.as_of,
        tool_version=__version__,
        inputs=inputs,
    )
    store = None
    if options.use_store:
        from .store import open_store

        store = open_store(options.db)
    try:
        batch = _Batch(options, run, inputs, known, setup, store, progress, clock)
        batch.cpu_started = cpu_started
        return batch.run()
    finally:
        if store is not None:
            store.close()


class _Batch:
    def __init__(self, options: BatchOptions, run: RunInfo, inputs: list[str], known: dict[str, DocumentResult],
                 setup: ReviewerSetup, store: Any, progress: Progress, clock: float) -> None:
        self.options = options
        self.run_info = run
        self.inputs = inputs
        self.known = known
        self.setup = setup
        self.store = store
        self.progress = progress
        self.clock = clock
        self.notes: list[str] = []
        self.run_id: int | None = None
        self.resumed = False
        self.entries: dict[int, dict[str, Any]] = {}
        self.priors: dict[int, _Prior] = {}
        self.live_ok: dict[int, dict[str, Any]] = {}  # index → entry reviewed in this run (status ok)
        self.ready: dict[int, DocumentResult | Outcome] = {}
        self.recorded: set[int] = set()  # recorded in the store before a resume
        self.next_commit = 0
        self.store_seconds = 0.0
        self.pages = 0
        self.clauses = 0
        self.characters = 0
        self.reviewed = 0
        self.rss_marks: list[dict[str, Any]] = []
        self.pool_created = self.first_submit = self.last_result = 0.0
        self.cpu_started = self.cpu_first = self.cpu_last = time.process_time()
        self.interrupt = _Interrupt()
        self.pool: Any = None
        self.strings = _Strings()

    # planning ------------------------------------------------------------------------------
    def _open_run(self) -> set[int]:
        """Begin a run, or resume the crashed one with the same inputs; the paths already recorded."""
        if self.store is None:
            return set()
        unfinished = self.store.unfinished_run()
        info = self.run_info
        if unfinished is not None:
            same = (unfinished.inputs == self.inputs and unfinished.ruleset_version == info.ruleset_version
                    and unfinished.laws_version == info.laws_version)
            if same:
                self.run_id = unfinished.id
                self.resumed = True
                info.started_at = unfinished.started_at
                rows = self.store.run_documents(unfinished.id)
                self.notes.append(f"继续未完成的运行 {unfinished.id}：已记录 {len(rows)} 个，"
                                  f"剩余 {len(self.inputs) - len(rows)} 个")
                return self._load_recorded(rows)
            self.notes.append(f"运行 {unfinished.id}（{unfinished.started_at}）未完成，输入不同，未接续；"
                              "若没有其他审查在进行，它已中断")
        self.run_id = self.store.begin_run(info)
        return set()

    def _load_recorded(self, rows: list[Any]) -> set[int]:
        index_of = {path: index for index, path in enumerate(self.inputs)}
        for row in rows:
            index = index_of.get(row.path)
            if index is None:
                continue
            findings_run: int | None = None
            if row.status == "ok":
                findings_run = self.run_id
            elif row.status == "skipped" and row.sha256:
                previous = self.store.previous_result(
                    row.sha256, self.run_info.ruleset_version, self.run_info.laws_version
                )
                findings_run = previous.run_id if previous else None
            self.priors[index] = _Prior(row.status, row.sha256, row.document_id, findings_run, row.error,
                                        row.error_code, row.skip_reason)
        return {index_of[row.path] for row in rows if row.path in index_of}

    def _plan(self, recorded: set[int]) -> deque[int]:
        """Decide each input: already recorded, known without reading, unchanged, or to review."""
        queue: deque[int] = deque()
        info = self.run_info
        for index, path in enumerate(self.inputs):
            if self.interrupt.requested:  # the rest stays unplanned and is reported as interrupted
                break
            if index in recorded:
                continue
            if path in self.known:
                self.ready[index] = self.known[path]
                continue
            if self.store is not None and not self.options.force:
                sha = _sha256(path)
                previous = self.store.previous_result(sha, info.ruleset_version, info.laws_version) if sha else None
                if previous is not None:
                    self.ready[index] = DocumentResult(
                        path=path, status="skipped", sha256=sha, skip_reason=previous.skip_reason
                    )
                    self.priors[index] = _Prior("skipped", sha, previous.document_id, previous.run_id,
                                                skip_reason=previous.skip_reason)
                    continue
            queue.append(index)
        return queue

    # recording -----------------------------------------------------------------------------
    def _commit(self, index: int, item: DocumentResult | Outcome) -> None:
        result = item.result() if isinstance(item, Outcome) else item
        if self.store is not None:
            started = time.perf_counter()
            self.store.record_document(self.run_id, result)
            self.store_seconds += time.perf_counter() - started
        if index in self.priors:  # skipped as unchanged: the entry is built from the store at the end
            return
        entry = self.strings.compact(result_dict(result))
        self.entries[index] = entry
        if result.status == "ok" and result.document is not None:
            self.live_ok[index] = entry
            self.reviewed += 1
            self.pages += len(result.document.pages)
            self.clauses += len(result.document.clauses)
            self.characters += len(result.document.text)

    def _flush(self, *, everything: bool = False) -> None:
        """Record results in input order; ``everything`` also records those still behind a gap."""
        while self.next_commit < len(self.inputs):
            if self.next_commit in self.ready:
                self._commit(self.next_commit, self.ready.pop(self.next_commit))
            elif self.next_commit not in self.recorded:
                break
            self.next_commit += 1
        if everything:
            for index in sorted(self.ready):
                self._commit(index, self.ready.pop(index))

    # the loop ------------------------------------------------------------------------------
    def run(self) -> BatchReport:
        # From here on Ctrl-C stops cleanly: what was done is recorded and reported, exit status 130.
        # (A second Ctrl-C while the report is written is ignored: the report is what it protects.)
        with self.interrupt.installed():
            jobs = 0
            try:
                self.recorded = self._open_run()
                queue = self._plan(self.recorded)
                self.progress.start(len(self.inputs))
                self.progress.advance(len(self.recorded) + len(self.ready))
                jobs = min(self.options.jobs or default_jobs(), len(queue))
                try:
                    self._review(queue, jobs)
                except KeyboardInterrupt:  # raised inside an in-process review (InlinePool)
                    self.interrupt.requested = True
                interrupted = self.interrupt.requested
                if self.pool is not None:
                    self.pool.close(terminate=interrupted)
                self._flush(everything=interrupted)
            except BaseException:
                if self.pool is not None:
                    self.pool.close(terminate=True)
                raise
            finally:
                self.progress.stop()
            self.interrupt.pool = None  # no in-process review any more: Ctrl-C only sets the flag
            if self.store is not None:
                self.store.finish_run(self.run_id, INTERRUPTED if interrupted else "finished")
            return BatchReport(
                report=self._report(),
                run=self.run_info,
                timing=self._timing(self.pool, jobs, interrupted),
                run_id=self.run_id,
                store_location=self.store.location if self.store is not None else None,
                resumed=self.resumed,
                interrupted=interrupted,
                notes=self.notes,
            )

    def _review(self, queue: deque[int], jobs: int) -> None:
        """Hand the queue to the review processes; record results as they come, in input order."""
        self._flush()
        if not queue or self.interrupt.requested:
            return
        marks = {max(1, round(len(queue) * share)): share for share in (0.1, 0.5, 1.0)}
        done = 0
        self.pool_created = time.perf_counter()
        if jobs == 1:
            pool: Any = InlinePool(self.setup, timeout=self.options.timeout, doc_type=self.options.doc_type)
        else:
            pool = WorkerPool(jobs, self.setup, timeout=self.options.timeout, doc_type=self.options.doc_type,
                              context=self.options.start_method)
        self.pool = self.interrupt.pool = pool
        pool.start()
        while (queue or pool.busy) and not self.interrupt.requested:
            self._hand_out(pool, queue)
            for outcome in pool.poll(0.1):
                self.last_result, self.cpu_last = time.perf_counter(), time.process_time()
                self.ready[outcome.index] = outcome
                done += 1
                self.progress.advance()
                if done in marks:
                    self._mark_memory(pool, marks[done], done)
            self._hand_out(pool, queue)  # before recording: a worker should not wait for the store
            self._flush()

    def _hand_out(self, pool: Any, queue: deque[int]) -> None:
        queue.extendleft(sorted(pool.take_back(), reverse=True))  # from a replaced worker, in order
        pool.top_up(len(queue))
        while queue and pool.idle() and len(self.ready) < MAX_WAITING:
            index = queue.popleft()
            pool.submit(index, self.inputs[index])
            if not self.first_submit:
                self.first_submit, self.cpu_first = time.perf_counter(), time.process_time()

    def _mark_memory(self, pool: Any, share: float, done: int) -> None:
        self.rss_marks.append({
            "share": share,
            "documents": done,
            "parent_rss": rss_bytes(),
            "workers_rss": {str(stats.id): stats.rss for stats in pool.stats if not stats.ended},
        })

    # the report ----------------------------------------------------------------------------
    def _report(self) -> dict[str, Any]:
        if self.store is not None:
            self._enrich_live()
            self._entries_from_store()
        for index, path in enumerate(self.inputs):
            if index not in self.entries:  # never reached: the run was interrupted
                self.entries[index] = result_dict(
                    DocumentResult(path=path, status="skipped", skip_reason=INTERRUPTED)
                )
        documents = [self.entries[index] for index in range(len(self.inputs))]
        for entry in documents:
            entry["region"] = (entry.get("metadata") or {}).get("region")
        return report_of(self.run_info, documents)

    def _enrich_live(self) -> None:
        """Give the findings reviewed in this run their store id, fingerprint and review status."""
        if not self.live_ok:
            return
        ids = {row.path: row.document_id for row in self.store.run_documents(self.run_id)}
        indexes = sorted(self.live_ok)
        for chunk in _chunks(indexes, CHUNK):  # bounded: a long run has tens of thousands of findings
            by_index = {index: ids.get(self.inputs[index]) for index in chunk}
            rows = self.store.findings_of(self.run_id, [i for i in by_index.values() if i is not None])
            for index in chunk:
                stored: dict[tuple, list[Any]] = {}
                for row in rows.get(by_index[index], []):
                    key = (row.rule_id, row.clause_key, row.evidence_start, row.evidence_end)
                    stored.setdefault(key, []).append(row)
                for finding in self.live_ok[index]["findings"]:
                    key = (finding["rule_id"], finding["clause"]["id"], finding["evidence"]["start"],
                           finding["evidence"]["end"])
                    matches = stored.get(key)
                    if matches:
                        _add_review_state(finding, matches.pop(0))

    def _entries_from_store(self) -> None:
        """Entries of inputs not read in this run: skipped as unchanged, or recorded before a resume."""
        for chunk in _chunks(sorted(self.priors), CHUNK):
            priors = {index: self.priors[index] for index in chunk}
            summaries = self.store.document_summaries(
                [p.document_id for p in priors.values() if p.document_id is not None]
            )
            by_run: dict[int, list[int]] = {}
            for prior in priors.values():
                if prior.document_id is not None and prior.findings_run is not None:
                    by_run.setdefault(prior.findings_run, []).append(prior.document_id)
            found = {run: self.store.findings_of(run, ids) for run, ids in by_run.items()}
            for index, prior in priors.items():
                summary = summaries.get(prior.document_id or -1, {})
                findings = []
                for row in found.get(prior.findings_run or -1, {}).get(prior.document_id or -1, []):
                    finding = stored_finding_dict(row)
                    _add_review_state(finding, row)
                    findings.append(finding)
                self.entries[index] = self.strings.compact({
                    "path": self.inputs[index],
                    "sha256": prior.sha256,
                    "status": prior.row_status,
                    "error": prior.error,
                    "error_code": prior.error_code,
                    "skip_reason": prior.skip_reason,
                    "format": summary.get("format"),
                    "encoding": None,
                    "script": None,
                    "warnings": [],
                    "doc_type": summary.get("doc_type"),
                    "metadata": summary.get("metadata"),
                    "pages": summary.get("pages", 0),
                    "clauses": summary.get("clauses", 0),
                    "findings": findings,
                })

    def _timing(self, pool: Any, jobs: int, interrupted: bool) -> dict[str, Any]:
        seconds = time.perf_counter() - self.clock
        workers = [asdict(stats) for stats in pool.stats] if pool is not None else []
        stages: dict[str, float] = {}
        for worker in workers:
            for stage, value in worker["stages"].items():
                stages[stage] = stages.get(stage, 0.0) + value
        stages["store"] = self.store_seconds
        statuses: dict[str, int] = {}
        for entry in self.entries.values():
            statuses[entry["status"]] = statuses.get(entry["status"], 0) + 1
        return {
            "run_id": self.run_id,
            "status": INTERRUPTED if interrupted else "finished",
            "resumed": self.resumed,
            "store": _shown(self.store.location) if self.store is not None else None,
            "started_at": self.run_info.started_at,
            "finished_at": dt.datetime.now().isoformat(timespec="seconds"),
            "seconds": round(seconds, 3),
            # from the pool's creation to the first document handed out (process start-up)
            "startup_seconds": round(self.first_submit - self.pool_created, 3) if self.first_submit else None,
            # from the first document handed out to the last result: the steady-state review time
            "review_seconds": round(self.last_result - self.first_submit, 3) if self.last_result else None,
            "jobs": jobs,
            "timeout": self.options.timeout,
            "inputs": len(self.inputs),
            "statuses": statuses,
            "reviewed": self.reviewed,
            "pages": self.pages,
            "clauses": self.clauses,
            "characters": self.characters,
            "documents_per_second": round(self.reviewed / seconds, 2) if seconds else None,
            "stage_seconds": {stage: round(value, 3) for stage, value in stages.items()},
            "workers": workers,
            "memory": self.rss_marks,
            "parent_peak_rss": _peak_rss(),
            # CPU seconds of this process (with --jobs 1 it is also the reviewer) and of the review
            # processes; "reviewing": from the first document handed out to the last result
            "cpu_seconds": {
                "parent": round(time.process_time() - self.cpu_started, 3),
                "parent_reviewing": round(self.cpu_last - self.cpu_first, 3),
                "workers": round(sum(w["cpu_seconds"] for w in workers), 3) if jobs > 1 else 0.0,
                "workers_reviewing": round(sum(max(0.0, w["cpu_seconds"] - w["startup_cpu"]) for w in workers), 3)
                if jobs > 1 else 0.0,
            },
        }


class _Strings:
    """One copy of each string and law citation the report entries repeat.

    Report entries stay in memory until findings.json is written; most of their text repeats from
    finding to finding (law texts, rule messages, trace conditions), and results unpickled from
    workers never share objects. A law citation (all plain values, never modified) is shared whole.
    """

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}

    def compact(self, value: Any, key: str | None = None) -> Any:
        if isinstance(value, str):
            return self._seen.setdefault(value, value)
        if isinstance(value, dict):
            for name, item in value.items():
                value[name] = self.compact(item, name)
        elif isinstance(value, list):
            for position, item in enumerate(value):
                value[position] = self.compact(item)
            if key == "law":
                for position, ref in enumerate(value):
                    if isinstance(ref, dict):
                        value[position] = self._seen.setdefault(("law", *ref.items()), ref)
        return value


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _add_review_state(finding: dict[str, Any], row: Any) -> None:
    finding["finding_id"] = row.id
    finding["fingerprint"] = row.fingerprint
    finding["status"] = row.status


def _peak_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
