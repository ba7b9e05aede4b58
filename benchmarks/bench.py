"""Review speed and memory, measured on a generated corpus: prints figures, asserts nothing.

Sections (``--sections``, default all):

* ``pipeline``  one Reviewer in one process (what each worker does): documents/s, pages/s,
  page-equivalents/s (1 page-equivalent = 1,800 characters) and clauses/s per format, the time split
  by stage, and the ratios PDF pages/s per worker (target ≥ 100) and DOCX/text page-equivalents/s
  vs PDF pages/s (target ≥ 3×). Wall-clock and CPU rates (the CPU rate ignores other load on the
  machine).
* ``startup``   review-process start-up with ``spawn`` and ``forkserver``: two workers until ready,
  and a replacement worker.
* ``batch``     ``run_batch`` (store on) with 1 and 2 workers: documents/s, pages/s, clauses/s, peak
  RSS per worker, stage split including the store writes; the ratio 2 workers vs 1 (target ≥ 1.6×).
* ``rules``     the same documents with 100 and with 1000 generated rules (``synth/rulegen.py``):
  the ratio of review time (target ≤ 1.5×).
* ``memory``    a long run (``--long-docs``, default 5,000) with 2 workers: RSS of each worker and of
  the parent at 10 %, 50 % and 100 % of the documents.

Every measurement runs in a fresh child process, as ``qinglai review`` would. The corpus is generated
once into ``--corpus`` (default: a folder in the system temp directory) and reused; needs the
``dev`` extra (reportlab)::

    python benchmarks/bench.py --docs 400 --long-docs 5000
    python benchmarks/bench.py --docs 100 --sections pipeline,batch     # quick
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGE_EQUIVALENT = 1800  # characters
STAGES = ("read", "structure", "facts", "engine", "findings")
SECTIONS = ("pipeline", "startup", "batch", "rules", "memory")


# child measurements ---------------------------------------------------------------------------
def child_pipeline(spec: dict[str, Any]) -> dict[str, Any]:
    """One Reviewer, every file in turn: per-document wall time, CPU time and stage times."""
    from qinglai_rules.review import Reviewer

    started = time.perf_counter()
    reviewer = Reviewer(spec.get("rules"), include_drafts=spec.get("drafts", False))
    build = time.perf_counter() - started
    files = spec["files"]
    for path in files[: spec.get("warmup", 3)]:  # imports of each reader, first-use caches
        reviewer.review_file(path)
    rows = []
    for path in files:
        wall, cpu = time.perf_counter(), time.process_time()
        result = reviewer.review_file(path)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        doc = result.document
        rows.append({
            "format": doc.format if doc else "error",
            "pages": len(doc.pages) if doc else 0,
            "chars": len(doc.text) if doc else 0,
            "clauses": len(doc.clauses) if doc else 0,
            "findings": len(result.findings),
            "wall": wall,
            "cpu": cpu,
            "stages": dict(reviewer.last_stages),
        })
    return {"build_seconds": build, "rules": len(reviewer.ruleset.rules), "rows": rows}


def child_batch(spec: dict[str, Any]) -> dict[str, Any]:
    from qinglai_rules.batch import BatchOptions, run_batch

    options = BatchOptions(paths=spec["files"], jobs=spec["jobs"], db=spec.get("db"),
                           use_store=spec.get("db") is not None, rules_dir=spec.get("rules"),
                           start_method=spec.get("start_method", "forkserver"))
    outcome = run_batch(options)
    return {"timing": outcome.timing, "totals": outcome.report["totals"]}


def child_startup(spec: dict[str, Any]) -> dict[str, Any]:
    from qinglai_rules.laws import load_laws
    from qinglai_rules.pool import ReviewerSetup, WorkerPool
    from qinglai_rules.rules.loader import load_rulebook

    laws = load_laws()
    setup = ReviewerSetup(load_rulebook(spec.get("rules"), laws=laws), laws)
    started = time.perf_counter()
    pool = WorkerPool(2, setup, context=spec["method"])
    pool.start()
    while not all(worker.ready for worker in pool.workers):
        pool.poll(0.02)
    ready = time.perf_counter() - started
    pool._retire(pool.workers[0], "benchmark")
    started = time.perf_counter()
    pool.top_up(10)
    while not all(worker.ready for worker in pool.workers):
        pool.poll(0.02)
    replacement = time.perf_counter() - started
    stats = [(s.startup_seconds, s.build_seconds) for s in pool.stats]
    pool.close()
    return {"ready": ready, "replacement": replacement, "workers": stats}


CHILDREN = {"pipeline": child_pipeline, "batch": child_batch, "startup": child_startup}


def in_child(kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Run one measurement in a fresh Python process; its last stdout line is the JSON result."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(spec, handle)  # thousands of paths do not fit on a command line
    try:
        completed = subprocess.run(
            [sys.executable, __file__, "--child", kind, handle.name],
            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    finally:
        os.unlink(handle.name)
    if completed.returncode != 0:
        raise SystemExit(f"measurement {kind} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


# printing ------------------------------------------------------------------------------------
def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    ram = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return (f"nproc {os.cpu_count()}, CPU {cpu}, RAM {ram / 1024 / 1024:.1f} GiB, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def load() -> str:
    return "load average " + " ".join(f"{value:.2f}" for value in os.getloadavg())


def mib(value: float) -> str:
    return f"{value / 1024 / 1024:.0f} MiB"


def pipeline_table(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    by_format: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        for key in ("all", row["format"]):
            agg = by_format[key]
            agg["docs"] += 1
            for name in ("pages", "chars", "clauses", "wall", "cpu"):
                agg[name] += row[name]
            for stage, seconds in row["stages"].items():
                agg[stage] += seconds
    print(f"  {'format':6} {'docs':>5} {'pages':>6} {'p-eq':>6} {'docs/s':>7} {'pages/s':>8} {'p-eq/s':>7} "
          f"{'clauses/s':>9} {'p/s CPU':>8} {'peq/s CPU':>9}   time by stage")
    for fmt in ("pdf", "docx", "text", "html", "all"):
        agg = by_format.get(fmt)
        if not agg:
            continue
        peq = agg["chars"] / PAGE_EQUIVALENT
        split = " ".join(f"{stage} {agg[stage] / agg['wall'] * 100:.0f}%" for stage in STAGES)
        print(f"  {fmt:6} {int(agg['docs']):5d} {int(agg['pages']):6d} {peq:6.0f} {agg['docs'] / agg['wall']:7.1f} "
              f"{agg['pages'] / agg['wall']:8.1f} {peq / agg['wall']:7.1f} {agg['clauses'] / agg['wall']:9.0f} "
              f"{agg['pages'] / agg['cpu']:8.1f} {peq / agg['cpu']:9.1f}   {split}")
    return by_format


def section_pipeline(files: list[str], rules: str | None) -> None:
    print(f"\n## pipeline: one Reviewer, {len(files)} documents ({load()})")
    result = in_child("pipeline", {"files": files, "rules": rules})
    print(f"  Reviewer built in {result['build_seconds']:.2f} s ({result['rules']} rules)")
    agg = pipeline_table(result["rows"])
    pdf = agg.get("pdf")
    if not pdf:
        return
    pdf_rate, pdf_cpu = pdf["pages"] / pdf["wall"], pdf["pages"] / pdf["cpu"]
    print(f"  PDF pages/s per worker: {pdf_rate:.1f} wall, {pdf_cpu:.1f} CPU   (target ≥ 100)")
    for fmt in ("docx", "text", "html"):
        other = agg.get(fmt)
        if not other:
            continue
        peq = other["chars"] / PAGE_EQUIVALENT
        same_unit = (other["chars"] / other["wall"]) / (pdf["chars"] / pdf["wall"])
        print(f"  {fmt} page-equivalents/s vs PDF pages/s: {peq / other['wall'] / pdf_rate:.2f}× wall, "
              f"{peq / other['cpu'] / pdf_cpu:.2f}× CPU   (target ≥ 3×; per character: {same_unit:.2f}×)")


def section_startup(rules: str | None) -> None:
    print(f"\n## start-up of review processes ({load()})")
    for method in ("spawn", "forkserver"):
        result = in_child("startup", {"method": method, "rules": rules})
        workers = ", ".join(f"{total:.2f} s (build {build:.2f} s)" for total, build in result["workers"])
        print(f"  {method:10} two workers ready in {result['ready']:.2f} s; replacement ready in "
              f"{result['replacement']:.2f} s   [{workers}]")


def batch_line(label: str, timing: dict[str, Any]) -> None:
    steady = timing["review_seconds"] or timing["seconds"]
    reviewed = timing["reviewed"]
    print(f"  {label}: {reviewed} documents in {timing['seconds']:.1f} s (start-up {timing['startup_seconds']:.1f} s, "
          f"reviewing {steady:.1f} s): {reviewed / steady:.1f} docs/s, {timing['pages'] / steady:.1f} pages/s, "
          f"{timing['clauses'] / steady:.0f} clauses/s")
    stages = timing["stage_seconds"]
    total = sum(stages.values())
    print("      time by stage (all workers + store): "
          + " ".join(f"{stage} {seconds / total * 100:.0f}%" for stage, seconds in stages.items()))
    print("      peak RSS per worker: " + ", ".join(mib(w["peak_rss"]) for w in timing["workers"])
          + f"; parent {mib(timing['parent_peak_rss'])}")
    cpu = timing["cpu_seconds"]
    print(f"      CPU per document while reviewing: parent {cpu['parent_reviewing'] / reviewed * 1000:.1f} ms, "
          f"review processes {cpu['workers_reviewing'] / reviewed * 1000:.1f} ms; "
          f"CPU used / wall time {(cpu['parent_reviewing'] + cpu['workers_reviewing']) / steady:.2f} cores")
    if timing["jobs"] > 1:
        idle = sum(w["idle_seconds"] for w in timing["workers"]) / (steady * len(timing["workers"]))
        print(f"      review processes waiting for work: {idle * 100:.0f} % of the reviewing time")


def section_batch(files: list[str], rules: str | None, scratch: Path) -> None:
    print(f"\n## batch: run_batch with the store, {len(files)} documents ({load()})")
    timings = {}
    for jobs in (1, 2):
        db = scratch / f"batch-{jobs}.sqlite"
        db.unlink(missing_ok=True)
        timings[jobs] = in_child("batch", {"files": files, "jobs": jobs, "db": str(db), "rules": rules})["timing"]
        batch_line(f"{jobs} worker{'s' if jobs > 1 else ''}", timings[jobs])
    one, two = timings[1], timings[2]
    steady = (two["reviewed"] / two["review_seconds"]) / (one["reviewed"] / one["review_seconds"])
    overall = one["seconds"] / two["seconds"]
    print(f"  2 workers vs 1: {steady:.2f}× reviewing, {overall:.2f}× overall (with start-up)   (target ≥ 1.6×)")
    # What the CPU figures allow on 2 otherwise idle cores: the parent and the two workers share them.
    per_doc_one = one["cpu_seconds"]["parent_reviewing"] / one["reviewed"]
    parent = two["cpu_seconds"]["parent_reviewing"] / two["reviewed"]
    workers = two["cpu_seconds"]["workers_reviewing"] / two["reviewed"]
    bound = max((parent + workers) / min(2, os.cpu_count() or 1), workers / 2, parent)
    print(f"  CPU-bound estimate for 2 idle cores: {per_doc_one / bound:.2f}× "
          f"({per_doc_one * 1000:.1f} ms CPU per document with 1 worker; {parent * 1000:.1f} ms parent + "
          f"{workers * 1000:.1f} ms review processes with 2)")


def silent_variant(dense: Path, folder: Path, live: int) -> Path:
    """The same generated rules, but beyond the first ``live`` each also needs a term no document has.

    A real rulebook is specific: most of its rules find nothing in a given document. This variant
    measures what the number of rules costs by itself, apart from the findings they produce.
    """
    import shutil

    import yaml

    shutil.copytree(dense, folder)
    signals_file = folder / "signals" / "generated.yaml"
    signals = yaml.safe_load(signals_file.read_text(encoding="utf-8"))
    for k in range(50):
        signals["signals"][f"g-absent-{k}"] = {"terms": [f"第{k}号虚构条款甲乙丙"]}
    signals_file.write_text(yaml.safe_dump(signals, allow_unicode=True), encoding="utf-8")
    for index, rule_file in enumerate(sorted((folder / "generated").glob("GEN-*.yaml"))):
        if index < live:
            continue
        rule = yaml.safe_load(rule_file.read_text(encoding="utf-8"))
        rule["when"] = {"all": [{"signal": f"g-absent-{index % 50}"}, rule["when"]]}
        rule_file.write_text(yaml.safe_dump(rule, allow_unicode=True), encoding="utf-8")
    return folder


def section_rules(files: list[str], scratch: Path) -> None:
    from qinglai_rules.synth.rulegen import generate_rulebook

    print(f"\n## rules: 100 vs 1000 generated rules, {len(files)} documents ({load()})")
    books = {}
    for count in (100, 1000):
        books[str(count)] = generate_rulebook(scratch / f"rules-{count}", count)
    books["1000 (900 silent)"] = silent_variant(books["1000"], scratch / "rules-1000-silent", live=100)
    seconds, cpu, rule_stages = {}, {}, {}
    for label, folder in books.items():
        result = in_child("pipeline", {"files": files, "rules": str(folder), "drafts": True})
        rows = result["rows"]
        seconds[label] = sum(row["wall"] for row in rows)
        cpu[label] = sum(row["cpu"] for row in rows)
        stages = {stage: sum(row["stages"].get(stage, 0.0) for row in rows) for stage in STAGES}
        rule_stages[label] = stages["facts"] + stages["engine"] + stages["findings"]
        findings = sum(row["findings"] for row in rows)
        print(f"  {label:>17} rules: Reviewer built in {result['build_seconds']:.1f} s; "
              f"reviewing {seconds[label]:.2f} s wall, {cpu[label]:.2f} s CPU ({findings} findings); "
              + " ".join(f"{stage} {value:.2f} s" for stage, value in stages.items()))
    for label in ("1000", "1000 (900 silent)"):
        print(f"  {label} vs 100 rules: {seconds[label] / seconds['100']:.2f}× wall, "
              f"{cpu[label] / cpu['100']:.2f}× CPU; rule stages (facts+engine+findings) "
              f"{rule_stages[label] / rule_stages['100']:.2f}×   (target ≤ 1.5×)")


def section_memory(files: list[str], rules: str | None, scratch: Path) -> None:
    print(f"\n## memory over a long run: {len(files)} documents, 2 workers ({load()})")
    db = scratch / "memory.sqlite"
    db.unlink(missing_ok=True)
    timing = in_child("batch", {"files": files, "jobs": 2, "db": str(db), "rules": rules})["timing"]
    for mark in timing["memory"]:
        workers = ", ".join(f"worker {wid} {mib(rss)}" for wid, rss in mark["workers_rss"].items())
        print(f"  {mark['share'] * 100:3.0f} % ({mark['documents']:5d} documents): {workers}; "
              f"parent {mib(mark['parent_rss'])}")
    batch_line("whole run", timing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=400, help="documents for pipeline and batch (default 400)")
    parser.add_argument("--rule-docs", type=int, default=150, help="documents for the rules section (default 150)")
    parser.add_argument("--long-docs", type=int, default=5000, help="documents for the memory run (default 5000)")
    parser.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated: {', '.join(SECTIONS)}")
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "qinglai-bench-corpus")
    parser.add_argument("--rules", default=None,
                        help="rules folder (default: the bundled rules, or rulesets/demo when none are bundled)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, spec_file = args.child
        print(json.dumps(CHILDREN[kind](json.loads(Path(spec_file).read_text(encoding="utf-8")))))
        return

    from qinglai_rules.rules.loader import load_rulebook
    from qinglai_rules.synth.corpus import generate_corpus

    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    rules = args.rules
    if rules is None and not load_rulebook().rules:
        rules = str(ROOT / "rulesets" / "demo")
    print(f"# qinglai review benchmark\n{machine()}\n{load()}")
    print(f"rules: {rules or 'bundled'}; corpus: {args.corpus} (seed {args.seed})")
    needed = max([args.docs] + ([args.rule_docs] if "rules" in sections else [])
                 + ([args.long_docs] if "memory" in sections else []))
    started = time.perf_counter()
    paths = [str(p) for p in generate_corpus(args.corpus, needed, seed=args.seed, processes=os.cpu_count() or 1)]
    print(f"corpus ready: {len(paths)} documents ({time.perf_counter() - started:.0f} s)")
    with tempfile.TemporaryDirectory(prefix="qinglai-bench-") as tmp:
        scratch = Path(tmp)
        if "pipeline" in sections:
            section_pipeline(paths[: args.docs], rules)
        if "startup" in sections:
            section_startup(rules)
        if "batch" in sections:
            section_batch(paths[: args.docs], rules, scratch)
        if "rules" in sections:
            section_rules(paths[: args.rule_docs], scratch)
        if "memory" in sections:
            section_memory(paths[: args.long_docs], rules, scratch)
    print(f"\n{load()}")


if __name__ == "__main__":
    main()
