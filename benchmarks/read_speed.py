"""Reading speed of the PDF reader: pages per second, pypdfium2 path vs pdfplumber path.

Generates N multi-page policy PDFs with ``qinglai_rules.synth`` (text only, and with a ruled table on
each document's first page), then reads each file with both engines and prints pages/s. Needs the
``dev`` extra (reportlab)::

    python benchmarks/read_speed.py --docs 20 --articles 60
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qinglai_rules.reading import read
from qinglai_rules.synth.render import render
from qinglai_rules.synth.source import Heading, SynthDoc, Table

ARTICLE = (
    "第{n}条　对新引进的先进制造业项目，固定资产投资额达到一亿元以上的，由项目所在地政府按照企业缴纳的"
    "增值税地方留成部分的百分之五十给予奖励，奖励期限为三年，奖励资金由财政部门于次年第一季度拨付到位。"
    "企业应当在本市依法纳税，并承诺十年内不得迁离本市。"
)
CN = "一二三四五六七八九"


def chinese(number: int) -> str:
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN[tens - 1] + "十")
    return head + (CN[ones - 1] if ones else "") if number >= 10 else CN[number - 1]


def make_doc(index: int, articles: int, table: bool) -> SynthDoc:
    lines: list[str | Table | Heading] = [Heading("第一章 总则")]
    if table:
        lines.append(Table([["项目", "补贴标准（万元）", "拨付方式"], ["厂房建设补贴", "500", "分三年拨付"]]))
    lines += [ARTICLE.format(n=chinese(n)) for n in range(1, articles + 1)]
    return SynthDoc(
        title=f"某某市促进招商引资若干政策措施（{index}）",
        header="某某市人民政府公报",
        doc_number=f"某政规〔2019〕{index}号",
        format="pdf",
        lines=lines,
    )


def measure(paths: list[Path], engine: str) -> tuple[int, float]:
    pages = 0
    start = time.perf_counter()
    for path in paths:
        pages += len(read(path, pdf_engine=engine).pages)
    return pages, time.perf_counter() - start


def rate(pages: int, seconds: float) -> str:
    return f"{pages:5d} pages in {seconds:6.2f} s = {pages / seconds:7.1f} pages/s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=20, help="documents per kind (default 20)")
    parser.add_argument("--articles", type=int, default=60, help="articles per document (~6 per page)")
    parser.add_argument("--plumber-docs", type=int, default=5, help="documents read with pdfplumber (slow)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for kind, table in (("text only", False), ("with a table", True)):
            paths = [
                render(make_doc(i, args.articles, table), Path(tmp) / f"{kind[0]}{i}.pdf")
                for i in range(args.docs)
            ]
            read(paths[0])  # warm-up: imports, font tables
            fast_pages, fast_time = measure(paths, "pdfium")
            slow_pages, slow_time = measure(paths[: args.plumber_docs], "pdfplumber")
            fast, slow = rate(fast_pages, fast_time), rate(slow_pages, slow_time)
            print(f"{kind:13} pypdfium2: {fast} | pdfplumber: {slow}")


if __name__ == "__main__":
    main()
