"""The labelled corpus is consistent: rendered files and labels match their sources, every quote sits
in exactly one clause, and the documents are read as the type they are."""

from __future__ import annotations

import importlib.util

import yaml

from qinglai_rules.evaluation import load_labels, locate

from .conftest import CORPUS


def _build_module():
    spec = importlib.util.spec_from_file_location("corpus_build", CORPUS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_labels_file_is_generated_from_the_sources():
    committed = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))
    assert committed == _build_module().collect_labels()


def test_every_source_is_rendered_and_the_split_holds_a_third():
    labels = load_labels(CORPUS / "labels.yaml")
    for key in labels:
        assert (CORPUS / key).is_file(), key
    test_docs = [k for k in labels if k.startswith("test/")]
    assert len(labels) >= 60 and len(test_docs) * 3 >= len(labels)


def test_every_quote_is_in_exactly_one_clause(corpus_documents):
    labels = load_labels(CORPUS / "labels.yaml")
    problems = []
    for key, doc_labels in labels.items():
        doc = corpus_documents[key]
        for label in doc_labels:
            span = locate(doc, label.quote)
            if span is None:
                problems.append(f"{key}: not found: {label.quote}")
                continue
            units = [c.id for c in doc.clauses if c.body_start < span[1] and span[0] < c.body_end]
            if len(units) != 1:
                problems.append(f"{key}: {label.quote} spans clauses {units}")
    assert problems == []


def test_documents_are_classified_as_labelled(corpus_documents):
    raw = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))["documents"]
    wrong = {key: (corpus_documents[key].metadata.doc_type, entry["doc_type"])
             for key, entry in raw.items() if corpus_documents[key].metadata.doc_type != entry["doc_type"]}
    assert wrong == {}


def test_about_half_of_the_labels_are_clean():
    labels = [label for doc in load_labels(CORPUS / "labels.yaml").values() for label in doc]
    clean = sum(1 for label in labels if not label.flagged)
    assert 0.4 <= clean / len(labels) <= 0.65
