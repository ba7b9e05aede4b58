from __future__ import annotations

import yaml

from qinglai_rules.laws import load_laws, split_article
from qinglai_rules.paths import laws_dir


def test_corpus_loads_every_file_and_has_a_version():
    laws = load_laws()
    files = [p for p in laws_dir().glob("*.yaml") if p.name != "index.yaml"]
    assert len(laws.laws) == len(files) == 34
    assert len(laws.version) == 16


def test_reference_carries_the_exact_text_of_a_paragraph():
    laws = load_laws()
    ref = laws.ref("tax-collection-law", 3, paragraph=2)
    raw = yaml.safe_load((laws_dir() / "tax-collection-law.yaml").read_text(encoding="utf-8"))
    article = next(a for a in raw["articles"] if a["number"] == 3)
    assert ref.text == article["text"].split("\n")[1]
    assert ref.label == "第三条" and ref.title == "中华人民共和国税收征收管理法"


def test_items_belong_to_their_paragraph():
    paragraphs, items = split_article("前款\n（一）甲；\n（二）乙。\n后款")
    assert paragraphs == ["前款", "后款"]
    assert items == {(1, 1): "（一）甲；", (1, 2): "（二）乙。"}
    ref = load_laws().ref("fair-competition-review-regulation", 10, item=1)
    assert ref.text.startswith("（一）") and "税收优惠" in ref.text


def test_version_in_force_on_the_document_date():
    laws = load_laws()
    refs = [laws.ref("sme-payment-regulation-2020", 8), laws.ref("sme-payment-regulation", 9)]
    kept, notes = laws.pick_versions(refs, "2021-05-01")
    assert [r.law_id for r in kept] == ["sme-payment-regulation-2020"] and notes == []
    kept, notes = laws.pick_versions(refs, "2025-07-01")
    assert [r.law_id for r in kept] == ["sme-payment-regulation"]


def test_document_older_than_every_version_keeps_the_earliest_with_a_note():
    laws = load_laws()
    refs = [laws.ref("sme-payment-regulation-2020", 8), laws.ref("sme-payment-regulation", 9),
            laws.ref("tax-collection-law", 3)]
    kept, notes = laws.pick_versions(refs, "2019-03-01")
    assert [r.law_id for r in kept] == ["sme-payment-regulation-2020", "tax-collection-law"]
    assert len(notes) == 1 and "2020-09-01" in notes[0]


def test_reference_problems_name_the_wrong_field():
    laws = load_laws()
    assert laws.check("tax-collection-law", 3) is None
    assert laws.check("no-such-law", 1)[0] == "law"
    assert laws.check("tax-collection-law", 999)[0] == "article"
    assert laws.check("tax-collection-law", 3, paragraph=3)[0] == "paragraph"
    assert laws.check("fair-competition-review-regulation", 10, item=9)[0] == "item"
