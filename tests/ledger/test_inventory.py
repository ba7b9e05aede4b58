"""The commitment inventory against the hand labels (corpus/inventory.yaml), and its outputs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from qinglai_rules.cli import main
from qinglai_rules.ledger.commitments import extract_commitments
from qinglai_rules.ledger.inventory import HEADERS, build_inventory, write_inventory_json, write_inventory_xlsx
from qinglai_rules.ledger.inventory_eval import (
    LabelFileError,
    amounts_agree,
    evaluate_inventory,
    load_inventory_labels,
)
from qinglai_rules.reading import read
from qinglai_rules.structure import analyse

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
LABELS = CORPUS / "inventory.yaml"


@pytest.fixture(scope="module")
def labelled() -> tuple[dict, list]:
    labels = load_inventory_labels(LABELS)
    results = []
    for key in labels:
        doc = analyse(read(CORPUS / key))
        results.append((key, doc.metadata.doc_type, doc, extract_commitments(doc)))
    return labels, results


def test_labels_cover_dev_and_test_and_every_document_kind() -> None:
    labels = load_inventory_labels(LABELS)
    dev = [k for k in labels if k.startswith("dev/")]
    test = [k for k in labels if k.startswith("test/")]
    assert len(dev) >= 12 and len(test) >= 6
    for split in (dev, test):
        kinds = {Path(k).name.split("-")[0] for k in split}
        assert kinds == {"contract", "minutes", "policy", "judgment"}  # judgment-* are the status reports
    assert all(labels[k] for k in labels)  # every labelled document has commitments


def test_inventory_precision_and_recall_on_the_labelled_corpus(labelled) -> None:  # type: ignore[no-untyped-def]
    labels, results = labelled
    report = evaluate_inventory(results, labels)
    assert report.label_errors == []  # every quote is found in its document
    assert report.overall.labels >= 150
    assert report.overall.precision >= 0.85, report.false_alarms
    assert report.overall.recall >= 0.85, report.misses
    held_out = evaluate_inventory([r for r in results if r[0].startswith("test/")], labels)
    assert held_out.overall.precision >= 0.85 and held_out.overall.recall >= 0.85
    assert report.amount_correct / report.amount_checked >= 0.9
    assert report.status_correct / report.amount_checked >= 0.9


def test_a_wrong_label_kind_is_counted_against_the_extractor(labelled) -> None:  # type: ignore[no-untyped-def]
    labels, results = labelled
    key = "dev/minutes-32-binxian-xianzhang.pdf"
    relabelled = {key: [replace(label, kind="land") for label in labels[key]]}  # nothing here is about land
    report = evaluate_inventory([r for r in results if r[0] == key], relabelled)
    assert report.overall.tp == 0
    assert report.overall.fn == len(relabelled[key]) == report.overall.fp


def test_label_file_errors_are_reported(tmp_path: Path) -> None:
    bad = tmp_path / "inventory.yaml"
    wrong = {"documents": {"dev/x.txt": {"commitments": [{"quote": "甲方负责", "kind": "gift"}]}}}
    bad.write_text(yaml.safe_dump(wrong, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LabelFileError, match="gift"):
        load_inventory_labels(bad)
    assert amounts_agree(4_360_000, 4_360_000.0) and not amounts_agree(4_360_000, 436_000)
    assert amounts_agree(None, None) and not amounts_agree(None, 1.0)


def test_inventory_links_findings_and_writes_xlsx_and_json(demo_reviewer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = [CORPUS / "dev/policy-01-acheng-zhaoshang.pdf", CORPUS / "dev/minutes-32-binxian-xianzhang.pdf"]
    inventory = build_inventory([*paths, tmp_path / "missing.pdf"], demo_reviewer.review_file)
    assert inventory.documents == 2 and len(inventory.errors) == 1
    tax = next(i for i in inventory.items if i.commitment.clause_path[-1] == "第五条")
    assert tax.commitment.kind == "tax-fee"
    assert [f.family for f in tax.findings] == ["tax-rebate"]  # the demo rule fires on this clause
    debt = next(i for i in inventory.items if i.commitment.clause_id == "m2")
    assert (debt.commitment.amount, debt.commitment.status) == (4_360_000, "未兑现")
    xlsx, json_path = tmp_path / "inventory.xlsx", tmp_path / "inventory.json"
    write_inventory_xlsx(inventory, xlsx)
    write_inventory_json(inventory, json_path)
    sheet = load_workbook(xlsx)["承诺清单"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:13] == HEADERS[:13] == ("序号", "文件", "文号", "承诺主体", "承诺对象", "承诺内容", "类型",
                                           "金额(元)", "期限", "条款", "页码", "兑现状态", "相关发现")
    row = next(r for r in rows[1:] if r[14] == "m2")
    assert row[7] == 4360000 and row[11] == "未兑现（尚欠436万元）" and row[3] == "宾县人民政府"
    assert any("DEMO-TAX-SHARE" in (r[12] or "") for r in rows[1:])
    assert '"kind": "payment"' in json_path.read_text(encoding="utf-8")


def test_inventory_eval_command(tmp_path: Path) -> None:
    runner = CliRunner()
    files = [str(CORPUS / "dev/contract-21-binxian-shipin.pdf"), str(CORPUS / "test/minutes-79-hegang-changwu.txt")]
    result = runner.invoke(main, ["inventory-eval", *files, "--min-precision", "0.8", "--min-recall", "0.8",
                                  "--json", str(tmp_path / "scores.json")])
    assert result.exit_code == 0, result.output
    assert "overall" in result.output and "dev" in result.output and "test" in result.output
    strict = runner.invoke(main, ["inventory-eval", *files, "--min-precision", "1.01"])
    assert strict.exit_code == 1 and "below threshold" in strict.output


def test_inventory_command_without_review(tmp_path: Path) -> None:
    out = tmp_path / "inv.xlsx"
    result = CliRunner().invoke(main, ["inventory", str(CORPUS / "dev/contract-21-binxian-shipin.pdf"), "--no-review",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 项承诺" in result.output
    assert load_workbook(out)["承诺清单"].max_row == 5
