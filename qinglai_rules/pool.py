"""Review processes for a batch: one Reviewer per process, built once, and a time limit per file.

Workers are started with the ``forkserver`` method (``spawn`` on request): a clean single-threaded
server process imports the pipeline's modules once (``PRELOAD``: imports only — no jieba dictionary,
no durable-rules Host, nothing initialised) and forks each worker from that state, so a worker or a
replacement skips the ~1.3 s of imports a spawned interpreter pays. Each worker then receives the rule
book and law corpus the parent loaded — so every worker runs exactly the rules the run records —
builds its ``Reviewer`` (rules compiled, its own durable-rules Host and rulesets, spaCy + its own
jieba dictionary) and reviews one document at a time for as long as it lives.

The parent talks to each worker over its own pipe and knows what each one is doing, so it can
enforce the per-file time limit: a worker past its deadline is killed, its document reported as
``timeout``, and a fresh worker takes its place while work remains. A worker that dies (a crash in a
C library) is handled the same way, with error code ``internal``. Workers ignore SIGINT: Ctrl-C is
the parent's business (see ``batch.py``).

``InlinePool`` offers the same interface in the current process (``--jobs 1``); its time limit is a
SIGALRM timer that interrupts a document only outside the rules engine (durable-rules must finish
the document it is evaluating).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from multiprocessing.connection import Connection, wait
from typing import Any

from .model import DocumentResult

# Test hooks, read by the review process: ``QINGLAI_TEST_SLOW="*pattern*=SECONDS;…"`` makes files
# whose name matches sleep before review; ``QINGLAI_TEST_CRASH="*pattern*"`` makes the process exit.
SLOW_ENV = "QINGLAI_TEST_SLOW"
CRASH_ENV = "QINGLAI_TEST_CRASH"


# Documents in hand per worker: the one being reviewed and the next, already in its pipe.
PREFETCH = 2
# What a ``forkserver`` imports before forking workers (imports only: no jieba, no durable-rules Host).
PRELOAD = ("qinglai_rules.review", "qinglai_rules.reading", "qinglai_rules.structure")


class PoolError(RuntimeError):
    """The review processes cannot run at all (the Reviewer fails to build, workers die at start)."""


@dataclass
class ReviewerSetup:
    """What a worker needs to build its Reviewer: the loaded rule book and laws, engine, as-of date."""

    book: Any
    laws: Any
    engine: str = "durable"
    as_of: str | None = None
    # The test hooks in force when the batch started (a forkserver's children do not see later changes
    # to the parent's environment).
    hooks: dict[str, str] = field(default_factory=lambda: test_hooks_from(os.environ))

    def build(self):  # type: ignore[no-untyped-def]
        from .review import Reviewer

        return Reviewer(engine=self.engine, as_of=self.as_of, laws=self.laws, book=self.book)


@dataclass
class Outcome:
    """One reviewed input, as it comes back from a worker (the result still pickled)."""

    index: int
    path: str
    worker: int
    payload: bytes | None = None
    made: DocumentResult | None = None  # a result the pool made itself: timeout, crash
    stages: dict[str, float] = field(default_factory=dict)
    rss: int = 0  # the worker's resident memory after the document, bytes
    cpu: float = 0.0  # the worker's CPU seconds so far (user + system)

    def result(self) -> DocumentResult:
        if self.made is not None:
            return self.made
        assert self.payload is not None
        return pickle.loads(self.payload)


@dataclass
class WorkerStats:
    """Per worker process (a replaced worker gets a new id)."""

    id: int
    pid: int | None = None
    startup_seconds: float | None = None  # from process start to ready (interpreter, imports, Reviewer)
    build_seconds: float | None = None  # of which: imports and the Reviewer (rules compiled, jieba loaded)
    documents: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    rss: int = 0
    peak_rss: int = 0
    cpu_seconds: float = 0.0  # CPU used by the process (start-up included), as of its last document
    startup_cpu: float = 0.0  # of which: until it was ready
    idle_seconds: float = 0.0  # waiting for the next document after the first (the parent was busy)
    ended: str = ""  # "", "timeout", "crashed", "stopped"

    def add(self, outcome: Outcome) -> None:
        self.documents += 1
        for stage, seconds in outcome.stages.items():
            self.stages[stage] = self.stages.get(stage, 0.0) + seconds
        if outcome.rss:
            self.rss = outcome.rss
            self.peak_rss = max(self.peak_rss, outcome.rss)
        self.cpu_seconds = max(self.cpu_seconds, outcome.cpu)


def rss_bytes() -> int:
    """This process's resident memory now (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def test_hooks_from(environ: Any) -> dict[str, str]:
    return {name: environ[name] for name in (SLOW_ENV, CRASH_ENV) if environ.get(name)}


def _test_hooks(path: str, hooks: dict[str, str]) -> None:
    if not hooks:
        return
    name = os.path.basename(path)
    crash = hooks.get(CRASH_ENV)
    if crash and fnmatch(name, crash):
        os._exit(3)
    for item in filter(None, hooks.get(SLOW_ENV, "").split(";")):
        pattern, _, seconds = item.rpartition("=")
        if fnmatch(name, pattern):
            time.sleep(float(seconds))


def timeout_result(path: str, seconds: float) -> DocumentResult:
    return DocumentResult(
        path=path,
        status="error",
        error=f"{path}: 审查超过时间限制 {seconds:g} 秒，已停止（可能是异常复杂的文件）(timeout)",
        error_code="timeout",
        seconds=seconds,
    )


def crash_result(path: str, detail: str) -> DocumentResult:
    return DocumentResult(
        path=path,
        status="error",
        error=f"{path}: 审查进程意外退出（{detail}），已换用新进程继续 (internal error)",
        error_code="internal",
    )


def _worker_main(conn: Connection, doc_type: str | None) -> None:
    """The review process: build one Reviewer, then review what the parent sends until ``None``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    started = time.perf_counter()
    try:
        setup: ReviewerSetup = conn.recv()  # the rule book and laws: imports the pipeline while unpickling
        reviewer = setup.build()
    except BaseException as error:  # reported to the parent, which stops the batch
        conn.send(("failed", str(error)))
        return
    conn.send(("ready", time.perf_counter() - started, rss_bytes(), time.process_time()))
    first = True
    while True:
        waiting = time.perf_counter()
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        idle = 0.0 if first else time.perf_counter() - waiting
        first = False
        index, path = task
        _test_hooks(path, setup.hooks)
        result = reviewer.review_file(path, doc_type=doc_type)
        try:
            payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # an unpicklable value must not kill the batch
            payload = pickle.dumps(crash_result(path, f"结果无法传回：{error!r}"))
        info = {"stages": dict(reviewer.last_stages), "rss": rss_bytes(), "cpu": time.process_time(), "idle": idle}
        conn.send(("done", index, info, payload))


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Start children with SIGINT blocked (inherited through exec) so Ctrl-C only reaches the parent."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def prepare(context: str = "forkserver") -> None:
    """Start the fork server now, so its imports overlap whatever the caller does before ``start``."""
    if context != "forkserver":
        return
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(list(PRELOAD))
    with _sigint_blocked():
        forkserver.ensure_running()


class _Worker:
    def __init__(self, stats: WorkerStats, process: multiprocessing.process.BaseProcess, conn: Connection,
                 started_at: float) -> None:
        self.stats = stats
        self.process = process
        self.conn = conn
        self.ready = False
        # Sent and not yet done, in the order the worker takes them; the first is being reviewed.
        self.tasks: deque[tuple[int, str]] = deque()
        self.head_since = 0.0  # when the first task began (for the time limit)
        self.started_at = started_at


class WorkerPool:
    """``jobs`` review processes; ``submit`` a task to an idle one, ``poll`` for what came back."""

    def __init__(
        self,
        jobs: int,
        setup: ReviewerSetup,
        *,
        timeout: float | None = None,
        doc_type: str | None = None,
        context: str = "forkserver",
    ) -> None:
        self.jobs = max(1, jobs)
        self.setup = setup
        self.timeout = timeout
        self.doc_type = doc_type
        self.ctx = multiprocessing.get_context(context)
        if context == "forkserver":  # the server imports the pipeline once; each worker still builds its own
            self.ctx.set_forkserver_preload(list(PRELOAD))
        self.workers: list[_Worker] = []
        self.stats: list[WorkerStats] = []
        self._startup_failures = 0
        self._returned: list[int] = []
        self._setup = pickle.dumps(setup, protocol=pickle.HIGHEST_PROTOCOL)

    # life cycle ----------------------------------------------------------------------------
    def start(self) -> None:
        for _ in range(self.jobs):
            self._spawn()

    def _spawn(self) -> None:
        """Start a worker. The setup goes through the pipe, not the process arguments: ``spawn`` would
        block here while the child imports everything needed to unpickle it, one worker after another."""
        stats = WorkerStats(id=len(self.stats) + 1)
        started = time.perf_counter()
        parent_end, child_end = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(
            target=_worker_main, args=(child_end, self.doc_type), name=f"qinglai-review-{stats.id}", daemon=True
        )
        with _sigint_blocked():
            process.start()
        child_end.close()
        stats.pid = process.pid
        self.stats.append(stats)
        worker = _Worker(stats, process, parent_end, started)
        self.workers.append(worker)
        with contextlib.suppress(OSError):  # died at once: ``poll`` sees the closed pipe and reports it
            parent_end.send_bytes(self._setup)

    def _retire(self, worker: _Worker, why: str) -> None:
        """Kill a worker (past its deadline, or dead already); ``top_up`` replaces it if work remains.

        Documents it had in hand but not begun go back to the caller (``take_back``)."""
        worker.stats.ended = why
        self._stop_process(worker)
        self.workers.remove(worker)
        self._returned.extend(index for index, _ in worker.tasks)
        worker.tasks.clear()

    def top_up(self, pending: int) -> None:
        """Keep as many workers as there is work for (at most ``jobs``): replaces retired ones."""
        busy = self.busy
        while len(self.workers) < min(self.jobs, busy + pending):
            self._spawn()

    @staticmethod
    def _stop_process(worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def close(self, *, terminate: bool = False) -> None:
        """Stop every worker: politely (finish nothing new, exit) or at once (``terminate``)."""
        polite = [w for w in self.workers if not terminate and w.ready and not w.tasks]
        for worker in polite:
            with contextlib.suppress(OSError, BrokenPipeError):
                worker.conn.send(None)
        deadline = time.monotonic() + 5
        for worker in self.workers:
            if worker in polite:  # asked to exit: give it a moment; the others are stopped at once
                worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(2)
            worker.stats.ended = worker.stats.ended or "stopped"
            worker.conn.close()
        self.workers = []

    # work ----------------------------------------------------------------------------------
    @property
    def busy(self) -> int:
        """Workers with work in hand."""
        return sum(1 for worker in self.workers if worker.tasks)

    def idle(self) -> bool:
        return any(worker.ready and len(worker.tasks) < PREFETCH for worker in self.workers)

    def submit(self, index: int, path: str) -> None:
        """Give the document to the ready worker with the least in hand (a second one waits in its pipe,
        so the worker goes on while the parent records the previous result)."""
        worker = min((w for w in self.workers if w.ready and len(w.tasks) < PREFETCH), key=lambda w: len(w.tasks))
        if not worker.tasks:
            worker.head_since = time.monotonic()
        worker.tasks.append((index, path))
        worker.conn.send((index, path))

    def take_back(self) -> list[int]:
        """Documents sent to a worker that was then replaced before starting them: to be sent again."""
        returned, self._returned = self._returned, []
        return returned

    def poll(self, max_wait: float) -> list[Outcome]:
        """Wait up to ``max_wait`` seconds; return finished documents (including timeouts, crashes)."""
        outcomes: list[Outcome] = []
        wait_for = max_wait
        if self.timeout is not None:
            for worker in self.workers:
                if worker.tasks:
                    wait_for = min(wait_for, max(0.0, worker.head_since + self.timeout - time.monotonic()))
        ready = wait([worker.conn for worker in self.workers], timeout=wait_for)
        for worker in [w for w in self.workers if w.conn in ready]:
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                outcomes.extend(self._died(worker))
                continue
            outcomes.extend(self._handle(worker, message))
        if self.timeout is not None:
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.tasks and now - worker.head_since >= self.timeout:
                    index, path = worker.tasks.popleft()
                    outcomes.append(Outcome(index, path, worker.stats.id, made=timeout_result(path, self.timeout)))
                    self._retire(worker, "timeout")
        return outcomes

    def _handle(self, worker: _Worker, message: tuple) -> list[Outcome]:
        kind = message[0]
        if kind == "ready":
            worker.ready = True
            worker.stats.startup_seconds = time.perf_counter() - worker.started_at
            worker.stats.build_seconds = message[1]
            worker.stats.rss = worker.stats.peak_rss = message[2]
            worker.stats.startup_cpu = message[3]
            self._startup_failures = 0
            return []
        if kind == "failed":
            self.close(terminate=True)
            raise PoolError(f"审查进程无法启动：{message[1]}")
        _, index, info, payload = message
        done_index, path = worker.tasks.popleft()
        assert done_index == index, (done_index, index)
        worker.head_since = time.monotonic()  # the next one in hand starts now
        outcome = Outcome(index, path, worker.stats.id, payload=payload, stages=info["stages"], rss=info["rss"],
                          cpu=info["cpu"])
        worker.stats.idle_seconds += info["idle"]
        worker.stats.add(outcome)
        return [outcome]

    def _died(self, worker: _Worker) -> list[Outcome]:
        worker.process.join(5)
        code = worker.process.exitcode
        outcomes = []
        if worker.tasks:
            index, path = worker.tasks.popleft()
            outcomes.append(Outcome(index, path, worker.stats.id, made=crash_result(path, f"退出码 {code}")))
        elif not worker.ready:
            self._startup_failures += 1
            if self._startup_failures > 3:
                self.close(terminate=True)
                raise PoolError(f"审查进程启动后立即退出（退出码 {code}），已重试 3 次")
        self._retire(worker, "crashed")
        return outcomes


class InlinePool:
    """The ``WorkerPool`` interface in this process (``--jobs 1``): no start-up, no pickling.

    The time limit is a SIGALRM timer; it stops a document at once in reading, structure, facts and
    findings, and right after the rules engine when it fires inside it.
    """

    def __init__(self, setup: ReviewerSetup, *, timeout: float | None = None, doc_type: str | None = None) -> None:
        # SIGALRM can only be handled in the main thread; elsewhere (a server thread) there is no limit.
        self.timeout = timeout if threading.current_thread() is threading.main_thread() else None
        self.doc_type = doc_type
        self.stats = [WorkerStats(id=1, pid=os.getpid())]
        self.hooks = setup.hooks
        started = time.perf_counter()
        self.reviewer = setup.build()
        self.stats[0].startup_seconds = self.stats[0].build_seconds = time.perf_counter() - started
        self.stats[0].startup_cpu = time.process_time()
        self.stats[0].rss = self.stats[0].peak_rss = rss_bytes()
        self._task: tuple[int, str] | None = None
        self.interrupt_requested = False
        self._in_review = False
        self._overdue = False

    def start(self) -> None:
        return None

    def top_up(self, pending: int) -> None:
        return None

    def take_back(self) -> list[int]:
        return []

    @property
    def busy(self) -> int:
        return 1 if self._task else 0

    def idle(self) -> bool:
        return self._task is None

    def submit(self, index: int, path: str) -> None:
        self._task = (index, path)

    def safe_to_stop(self) -> bool:
        """Whether an exception may be raised in the review now (not inside durable-rules)."""
        return self._in_review and self.reviewer.stage != "engine"

    def poll(self, max_wait: float) -> list[Outcome]:
        if self._task is None:
            return []
        index, path = self._task
        self._task = None
        self._overdue = False
        previous = None
        if self.timeout is not None:
            previous = signal.signal(signal.SIGALRM, self._on_alarm)
            signal.setitimer(signal.ITIMER_REAL, self.timeout)
        self._in_review = True
        try:
            _test_hooks(path, self.hooks)
            result = self.reviewer.review_file(path, doc_type=self.doc_type)
            if self._overdue:
                raise _Overdue
        except _Overdue:
            assert self.timeout is not None
            result = timeout_result(path, self.timeout)
        finally:
            self._in_review = False
            if self.timeout is not None:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
        outcome = Outcome(index, path, 1, made=result, stages=dict(self.reviewer.last_stages), rss=rss_bytes(),
                          cpu=time.process_time())
        self.stats[0].add(outcome)
        return [outcome]

    def _on_alarm(self, signum: int, frame: Any) -> None:
        self._overdue = True
        if self.safe_to_stop():
            raise _Overdue

    def close(self, *, terminate: bool = False) -> None:
        return None


class _Overdue(BaseException):
    """Raised inside a review that ran past the time limit (in-process only).

    A BaseException, like KeyboardInterrupt, so ``review_file``'s catch-all does not turn it into an
    internal error.
    """
