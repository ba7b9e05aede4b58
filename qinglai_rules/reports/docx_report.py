"""合法性审查意见书 (.docx): one formal review opinion per document with findings.

The layout is a Word template with Jinja tags (docxtpl), so legal staff change wording, letterhead
and fonts in Word rather than in code. The default template is package data, built by
``templates/make_docx_templates.py``; ``template=`` (CLI ``--template``) or ``$QINGLAI_DOCX_TEMPLATE``
selects a custom one. The variables a template may use are documented in docs/reports.md and built
by ``opinion_context``.

Dismissed findings are left out: the opinion states what the justice department holds to be wrong.
Pending findings are included and marked, since until a person confirms them they are suggestions.
A second file lists the documents without problems and those that could not be reviewed, so a
silent gap in the batch cannot pass for a clean bill.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate, RichText

from ..errors import ReportError
from ..reading.numbering import chinese_number
from . import view

TEMPLATE_ENV = "QINGLAI_DOCX_TEMPLATE"
ORG_ENV = "QINGLAI_REVIEW_ORG"
DEFAULT_ORG = "（审查机关）"
OPINION_TEMPLATE = "review_opinion.docx"
CLEAN_LIST_TEMPLATE = "clean_list.docx"
OPINION_DIR = "opinions"
CLEAN_LIST_NAME = "未发现问题及未能审查的文件清单.docx"

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')

# What the conclusion recommends, by document type: a policy is amended or repealed by its maker;
# a contract is changed by agreement with the investor; minutes are corrected; judgments are performed.
_RECOMMENDATION = {
    "policy": "建议制定机关对上述条款予以修改或者删除，修改后重新报送合法性审查；"
    "相关条款修改前不宜作为政策兑现的依据。",
    "contract": "建议依法与合同相对方协商，通过签订补充协议等方式变更上述条款；条款无效或者被撤销需返还财产、"
    "折价补偿或者赔偿的，应当依法处理，保护市场主体的合法权益。",
    "minutes": "建议对会议纪要中的相关议定事项依法予以纠正；已作出的合法承诺应当依约兑现，"
    "不得以换届、人员调整等为由拖延。",
    "judgment": "建议依法履行生效法律文书确定的义务，制定履行计划，明确责任单位和完成时限。",
    "other": "建议对上述条款予以修改，修改后重新报送合法性审查。",
}


def date_cn(iso: str | None) -> str:
    """2019-04-08 → 2019年4月8日 (official documents write dates this way)."""
    if not iso:
        return ""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.year}年{day.month}月{day.day}日"


def safe_name(text: str, limit: int = 60) -> str:
    """A file-name part that Windows, macOS and Linux all accept."""
    cleaned = _UNSAFE.sub("_", text).strip(" .") or "document"
    return cleaned[:limit]


def conclusion(doc: dict[str, Any], findings: list[dict[str, Any]]) -> str:
    """经审查，该文件共发现N处问题……, then what to do about it for this kind of document."""
    clauses = len({f["clause"].get("id") or view.clause_location(f) for f in findings})
    severities = [f["severity"] for f in findings]
    parts = [
        f"{severities.count('违法')}处与现行法律、法规、规章相悖" if "违法" in severities else "",
        f"{severities.count('高风险')}处存在较高法律风险" if "高风险" in severities else "",
        f"{severities.count('提示')}处需提示关注" if "提示" in severities else "",
    ]
    detail = "，".join(p for p in parts if p)
    kind = view.doc_type(doc) or "other"
    return (
        f"经审查，该文件共有{len(findings)}处问题，涉及{clauses}个条款，其中{detail}。"
        + _RECOMMENDATION.get(kind, _RECOMMENDATION["other"])
    )


def _clause_rich(finding: dict[str, Any]) -> RichText:
    """The clause text with the evidence highlighted and underlined (runs inherit the template style)."""
    parts = view.clause_text(finding)
    rich = RichText()
    if parts.before:
        rich.add(parts.before)
    if parts.evidence:
        rich.add(parts.evidence, highlight="FFE58A", underline=True)
    if parts.after:
        rich.add(parts.after)
    return rich


def finding_context(number: int, finding: dict[str, Any]) -> dict[str, Any]:
    parts = view.clause_text(finding)
    return {
        "number": number,
        "number_cn": chinese_number(number),
        "title": finding.get("title") or view.family_title(finding["family"]),
        "rule_id": finding["rule_id"],
        "family": finding["family"],
        "family_title": view.family_title(finding["family"]),
        "categories": view.categories(finding),
        "categories_text": view.categories_text(finding),
        "category_titles": [view.category_title(c) for c in view.categories(finding)],
        "severity": finding["severity"],
        "confidence": finding.get("confidence"),
        "clause_label": finding["clause"].get("label", ""),
        "clause_location": view.clause_location(finding).replace(" › ", " "),
        "page": view.clause_pages(finding),
        "clause_text": parts.text,
        "clause_rich": _clause_rich(finding),
        "evidence": finding["evidence"].get("text", ""),
        "message": finding["message"],
        "suggestion": finding["suggestion"],
        "laws": [
            {**law, "citation": view.law_citation(law)} for law in finding.get("law", [])
        ],
        "status": view.finding_status(finding),
        "status_title": view.finding_status_title(finding),
        "fingerprint": finding.get("fingerprint") or "",
        "finding_id": finding.get("finding_id"),
    }


def doc_context(doc: dict[str, Any]) -> dict[str, Any]:
    meta = view.metadata(doc)
    parties = meta.get("parties") or []
    return {
        "title": view.doc_title(doc),
        "doc_number": meta.get("doc_number") or "",
        "issuer": meta.get("issuer") or "",
        "date": meta.get("date") or "",
        "date_cn": date_cn(meta.get("date")),
        "type": view.doc_type(doc) or "",
        "type_title": view.doc_type_title(doc),
        "region": view.doc_region(doc) or "",
        "path": doc["path"],
        "file_name": view.file_name(doc),
        "parties": parties,
        "parties_text": "；".join(f"{p.get('role', '')}：{p.get('name', '')}" for p in parties),
    }


def opinion_context(
    report: dict[str, Any], doc: dict[str, Any], *, reviewer_org: str, report_date: dt.date
) -> dict[str, Any]:
    """Every variable the opinion template sees (documented in docs/reports.md)."""
    findings = sorted(view.active_findings(doc), key=lambda f: (f["evidence"]["start"], f["rule_id"]))
    items = [finding_context(number, f) for number, f in enumerate(findings, start=1)]
    meta = doc_context(doc)
    number = f"（{meta['doc_number']}）" if meta["doc_number"] else ""
    severities = [f["severity"] for f in findings]
    pending = sum(1 for item in items if item["status"] == "pending")
    return {
        "doc": meta,
        "addressee": meta["issuer"] or "送审单位",
        "opening": f"《{meta['title']}》{number}已收悉。按照“清赖行动”专项整治工作要求，我们对该文件进行了"
        "合法性审查，现提出审查意见如下。",
        "laws": view.cited_laws(findings),
        "findings": items,
        "n_findings": len(items),
        "n_clauses": len({f["clause"].get("id") or view.clause_location(f) for f in findings}),
        "n_illegal": severities.count("违法"),
        "n_high_risk": severities.count("高风险"),
        "n_notice": severities.count("提示"),
        "n_pending": pending,
        "n_confirmed": sum(1 for item in items if item["status"] == "confirmed"),
        "has_pending": pending > 0,
        "conclusion": conclusion(doc, findings),
        "reviewer_org": reviewer_org,
        "report_date": report_date.isoformat(),
        "report_date_cn": date_cn(report_date.isoformat()),
        "tool_version": report.get("tool", {}).get("version", ""),
        "ruleset_version": report.get("ruleset_version", ""),
        "laws_version": report.get("laws_version", ""),
    }


def clean_list_context(report: dict[str, Any], *, reviewer_org: str, report_date: dt.date) -> dict[str, Any]:
    documents = report["documents"]
    clean = [doc_context(d) for d in documents if d["status"] == "ok" and not view.active_findings(d)]
    failed = [
        {"path": d["path"], "status": view.doc_status_title(d), "problem": view.doc_problem(d)}
        for d in documents
        if d["status"] != "ok"
    ]
    return {
        "n_inputs": len(documents),
        "clean": clean,
        "failed": failed,
        "reviewer_org": reviewer_org,
        "report_date": report_date.isoformat(),
        "report_date_cn": date_cn(report_date.isoformat()),
    }


@contextmanager
def _template_path(name: str, custom: str | Path | None) -> Iterator[Path]:
    if custom is not None:
        path = Path(custom)
        if not path.is_file():
            raise ReportError(f"{path}: 审查意见书模板不存在 (template not found)")
        yield path
        return
    with resources.as_file(resources.files("qinglai_rules.reports").joinpath("templates", name)) as path:
        yield path


def _render(template_path: Path, context: dict[str, Any], target: Path) -> None:
    try:
        template = DocxTemplate(str(template_path))
        template.render(context, autoescape=True)
        template.save(str(target))
    except ReportError:
        raise
    except Exception as error:  # a broken custom template: say which file and why
        raise ReportError(f"{template_path}: 无法用该模板生成审查意见书：{error}") from error


def write_docx_report(
    report: dict[str, Any],
    out_dir: Path,
    *,
    template: str | Path | None = None,
    reviewer_org: str | None = None,
    report_date: dt.date | None = None,
) -> list[Path]:
    """opinions/审查意见书-NN-<file>.docx per document with findings, plus the list of the others."""
    template = template or os.environ.get(TEMPLATE_ENV) or None
    reviewer_org = reviewer_org or os.environ.get(ORG_ENV) or DEFAULT_ORG
    report_date = report_date or dt.date.today()
    folder = out_dir / OPINION_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with _template_path(OPINION_TEMPLATE, template) as opinion_template:
        for index, doc in enumerate(report["documents"], start=1):
            if not view.active_findings(doc):
                continue
            stem = Path(view.file_name(doc)).stem
            target = folder / f"审查意见书-{index:02d}-{safe_name(stem)}.docx"
            context = opinion_context(report, doc, reviewer_org=reviewer_org, report_date=report_date)
            _render(opinion_template, context, target)
            written.append(target)
    with _template_path(CLEAN_LIST_TEMPLATE, None) as list_template:
        target = folder / CLEAN_LIST_NAME
        _render(list_template, clean_list_context(report, reviewer_org=reviewer_org, report_date=report_date), target)
        written.append(target)
    return written
