"""合法性审查意见书: one per document with (undismissed) findings, from an editable docxtpl template."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate

from qinglai_rules.errors import ReportError
from qinglai_rules.reports import docx_report
from qinglai_rules.reports.docx_report import (
    CLEAN_LIST_NAME,
    OPINION_DIR,
    TEMPLATE_ENV,
    opinion_context,
    write_docx_report,
)

from .builders import DISMISS_REASON, FAILED_ERROR, document, finding

DAY = dt.date(2019, 5, 6)


def full_text(path: Path) -> str:
    """Every paragraph, also those inside tables, in document order."""
    body = docx.Document(str(path)).element.body
    paragraph, text = docx.oxml.ns.qn("w:p"), docx.oxml.ns.qn("w:t")
    return "\n".join("".join(t.text or "" for t in p.iter(text)) for p in body.iter(paragraph))


@pytest.fixture()
def written(report, tmp_path, monkeypatch) -> dict[str, Path]:
    monkeypatch.delenv(TEMPLATE_ENV, raising=False)
    paths = write_docx_report(report, tmp_path, report_date=DAY, reviewer_org="宝清县司法局")
    return {path.name: path for path in paths}


def opinion_for(written: dict[str, Path], stem: str) -> Path:
    return next(path for name, path in written.items() if name.startswith("审查意见书") and stem in name)


def test_one_opinion_per_document_with_findings_and_one_list(written):
    names = sorted(written)
    assert len(names) == 3, names
    assert CLEAN_LIST_NAME in names
    assert all(path.parent.name == OPINION_DIR for path in written.values())
    assert any("contract" in name for name in names) and any("policy-宝清" in name for name in names)


def test_opinion_holds_document_findings_laws_and_conclusion(report, written):
    text = full_text(opinion_for(written, "policy"))
    tax = finding(report, "DEMO-TAX-SHARE")
    assert "关于《宝清县人民政府关于支持<重点>产业发展的若干措施》的合法性审查意见书" in text
    assert "宝政发〔2019〕5号" in text and "宝清县人民政府" in text and "2019年2月27日" in text
    assert tax["clause"]["text"] in text
    assert tax["message"] in text and tax["suggestion"] in text
    for law in tax["law"]:
        assert law["text"] in text
    assert "《中华人民共和国税收征收管理法》第三条第二款" in text
    assert "经审查，该文件共有1处问题，涉及1个条款，其中1处与现行法律、法规、规章相悖。" in text
    assert "建议制定机关对上述条款予以修改或者删除" in text  # a policy's recommendation
    assert "尚待审查人员确认" in text  # the pending finding is marked as such
    assert "宝清县司法局" in text and "2019年5月6日" in text
    assert "{{" not in text and "{%" not in text


def test_dismissed_findings_are_left_out_of_the_opinion(report, written):
    text = full_text(opinion_for(written, "policy"))
    dismissed = finding(report, "DEMO-GOV-GUARANTEE")
    assert dismissed["message"] not in text
    assert DISMISS_REASON not in text


def test_confirmed_contract_opinion_has_no_pending_note_and_a_contract_recommendation(report, written):
    text = full_text(opinion_for(written, "contract"))
    assert finding(report, "DEMO-PAY-TERM")["message"] in text
    assert "尚待审查人员确认" not in text and "尚未经审查人员确认" not in text
    assert "其中1处存在较高法律风险" in text
    assert "通过签订补充协议等方式变更上述条款" in text
    assert "甲方：桦南县人民政府；乙方：黑龙江禾丰源米业有限公司" in text


def test_evidence_run_is_highlighted_inside_the_clause(report, written):
    document = docx.Document(str(opinion_for(written, "policy")))
    evidence = finding(report, "DEMO-TAX-SHARE")["evidence"]["text"]
    quote = next(p for p in document.paragraphs if evidence in p.text)
    shaded = docx.oxml.ns.qn("w:shd")
    highlighted = [r for r in quote.runs if r._r.rPr is not None and r._r.rPr.find(shaded) is not None]
    assert [r.text for r in highlighted] == [evidence]
    assert quote.text == finding(report, "DEMO-TAX-SHARE")["clause"]["text"]


def test_clean_list_names_clean_and_failed_inputs(written):
    text = full_text(written[CLEAN_LIST_NAME])
    assert "七台河市招商引资服务办法" in text
    assert FAILED_ERROR in text and "in/old.docx" in text
    assert "本批共送审5个文件" in text
    assert "宝清县人民政府关于支持" not in text  # it has an undismissed finding


def test_a_custom_template_is_used(report, tmp_path, monkeypatch):
    custom = tmp_path / "custom.docx"
    made = docx.Document()
    made.add_paragraph("自定义意见书：{{ doc.title }}，共{{ n_findings }}处；{{ conclusion }}")
    made.add_paragraph("{%p for f in findings %}")
    made.add_paragraph("{{ f.number_cn }}、{{ f.clause_location }}：{{ f.evidence }}")
    made.add_paragraph("{%p endfor %}")
    made.save(str(custom))
    paths = write_docx_report(report, tmp_path / "out", template=custom, report_date=DAY)
    text = full_text(next(p for p in paths if "contract" in p.name))
    assert text.startswith("自定义意见书：桦南县水稻精深加工项目投资协议，共1处；经审查")
    assert "一、第一条：180日内支付" in text
    # The same template chosen through the environment.
    monkeypatch.setenv(TEMPLATE_ENV, str(custom))
    paths = write_docx_report(report, tmp_path / "env", report_date=DAY)
    assert full_text(next(p for p in paths if "contract" in p.name)).startswith("自定义意见书")


def test_missing_or_broken_template_names_the_file(report, tmp_path):
    with pytest.raises(ReportError, match=r"nowhere\.docx"):
        write_docx_report(report, tmp_path, template=tmp_path / "nowhere.docx")
    broken = tmp_path / "broken.docx"
    made = docx.Document()
    made.add_paragraph("{% for x in %}")
    made.save(str(broken))
    with pytest.raises(ReportError, match=r"broken\.docx"):
        write_docx_report(report, tmp_path, template=broken)


def test_default_template_only_uses_variables_the_context_provides(report):
    context = opinion_context(report, document(report, "in/policy-宝清.txt"), reviewer_org="x", report_date=DAY)
    path = Path(docx_report.__file__).parent / "templates" / docx_report.OPINION_TEMPLATE
    used = DocxTemplate(str(path)).get_undeclared_template_variables()
    assert used <= set(context), used - set(context)


def test_template_variables_are_documented(report):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "reports.md").read_text("utf-8")
    context = opinion_context(report, document(report, "in/contract.txt"), reviewer_org="x", report_date=DAY)
    documented = set(re.findall(r"`([a-z_]+(?:\.[a-z_]+)?)`", docs))
    missing = {name for name in context if name not in documented}
    missing |= {f"doc.{name}" for name in context["doc"] if f"doc.{name}" not in documented}
    missing |= {f"f.{name}" for name in context["findings"][0] if f"f.{name}" not in documented}
    assert not missing, sorted(missing)


def test_file_names_are_safe():
    assert docx_report.safe_name('a<b>:c"/d\\e|f?g*') == "a_b_c_d_e_f_g_"
    assert docx_report.safe_name("...") == "document"
