"""report.html: one self-contained page (inline CSS, inline SVG charts, no script, no remote font).

It must open from a USB stick on an office PC with no network and print cleanly: every document on
its own page, the navigation hidden. Everything shown is escaped (Jinja autoescape); the only markup
inserted unescaped is the SVG built by ``charts`` from escaped labels.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from . import view
from .charts import bar_chart

SEVERITY_COLORS = {"违法": "#b3261e", "高风险": "#d9822b", "提示": "#2f6fb0"}
SEVERITY_CLASSES = {"违法": "sev-illegal", "高风险": "sev-risk", "提示": "sev-notice"}


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("qinglai_rules.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["v"] = view
    env.globals["severity_class"] = lambda severity: SEVERITY_CLASSES.get(severity, "sev-notice")
    return env


def top(rows: list[tuple[str, int]], limit: int = 15) -> list[tuple[str, int]]:
    """The ``limit`` largest rows; the rest summed into one 其他 row so a long tail stays readable."""
    if len(rows) <= limit:
        return rows
    head = rows[: limit - 1]
    return [*head, (f"其他（{len(rows) - len(head)} 个）", sum(count for _, count in rows[limit - 1 :]))]


def charts(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The charts of active (not dismissed) findings, each with its SVG."""
    category = view.by_category(report)
    family = view.by_family(report)
    severity = view.by_severity(report)
    doc_type = view.by_doc_type(report)
    return [
        {"title": "按问题类别", "svg": bar_chart(
            "按问题类别", [(f"{c} {view.CATEGORY_SHORT.get(c, c)}", n) for c, n in category], color="#6a4c93")},
        {"title": "按问题类型", "svg": bar_chart(
            "按问题类型", [(view.family_title(f), n) for f, n in family])},
        {"title": "按严重程度", "svg": bar_chart(
            "按严重程度", severity, colors=SEVERITY_COLORS)},
        {"title": "按文件类型", "svg": bar_chart(
            "按文件类型", [(view.DOC_TYPE_TITLES.get(t, t), n) for t, n in doc_type], color="#3a7d44")},
        {"title": "按地区", "svg": bar_chart("按地区", top(view.by_region(report)), color="#8a5a44")},
        {"title": "按发文机关", "svg": bar_chart("按发文机关", top(view.by_issuer(report)), color="#8a5a44")},
    ]


def render_html(report: dict[str, Any]) -> str:
    documents = report["documents"]
    anchors = {doc["path"]: f"doc-{index}" for index, doc in enumerate(documents, start=1)}
    dismissed = view.overview(report)["dismissed"]
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        overview=view.overview(report),
        charts=charts(report),
        dismissed=dismissed,
        documents=documents,
        reviewed_with_findings=[doc for doc in documents if doc.get("findings")],
        anchors=anchors,
    )


def write_html_report(report: dict[str, Any], out_dir: Path) -> list[Path]:
    path = out_dir / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    return [path]
