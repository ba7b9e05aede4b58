"""Write a synthetic review corpus of a chosen size (for the batch benchmark, or to try ``qinglai review``).

A mix of multi-page PDF (a ruled table about every eighth page), DOCX, text and HTML policies,
contracts and meeting minutes, built with ``qinglai_rules.synth`` from realistic clause templates
(problem clauses of the campaign's families among lawful look-alikes and ordinary clauses). The same
seed gives the same files; a larger count extends an existing folder. Needs the ``dev`` extra
(reportlab)::

    python benchmarks/generate_corpus.py /tmp/corpus --docs 400
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qinglai_rules.synth.corpus import generate_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--docs", type=int, default=400, help="number of documents (default 400)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    started = time.perf_counter()
    paths = generate_corpus(args.folder, args.docs, seed=args.seed, processes=args.processes)
    formats = collections.Counter(path.suffix for path in paths)
    kinds = collections.Counter(path.stem.split("-", 1)[1] for path in paths)
    print(f"{len(paths)} documents in {args.folder} ({time.perf_counter() - started:.1f} s): "
          + ", ".join(f"{n} {s}" for s, n in sorted(formats.items())) + "; "
          + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))


if __name__ == "__main__":
    main()
