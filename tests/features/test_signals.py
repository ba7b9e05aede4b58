from __future__ import annotations

from qinglai_rules.features.sentences import sentence_spans
from qinglai_rules.features.signals import Signal, SignalSet
from qinglai_rules.reading.normalize import normalize


def test_terms_match_traditional_and_full_width_text():
    signals = SignalSet([Signal("base", terms=["地方留成"]), Signal("pct", patterns=[r"\d+%"])])
    norm = normalize("按地方留成部分的５０％給予獎勵")
    found = signals.match(norm)
    assert [m.text for m in found.in_span("base", (0, len(norm)))] == ["地方留成"]
    assert [m.text for m in found.in_span("pct", (0, len(norm)))] == ["50%"]


def test_terms_written_in_traditional_are_normalised_too():
    signals = SignalSet([Signal("reward", terms=["獎勵"])])
    assert signals.match("给予奖励").present() == {"reward"}


def test_in_span_only_returns_matches_inside():
    signals = SignalSet([Signal("r", terms=["奖励"])])
    found = signals.match("奖励甲。奖励乙。")
    assert [m.start for m in found.in_span("r", (3, 8))] == [4]
    assert found.in_span("r", (1, 3)) == []


def test_word_signals_respect_jieba_boundaries():
    signals = SignalSet([Signal("plain", terms=["保证"]), Signal("word", terms=["保证"], word=True)])
    text = "甲方保证金按月退还"  # 保证金 is one word: "保证" is not a word here
    found = signals.match(text)
    assert found.in_span("plain", (0, len(text)))
    assert found.in_span("word", (0, len(text))) == []
    text2 = "甲方保证按期支付"
    assert signals.match(text2).in_span("word", (0, len(text2)))


def test_sentences_end_at_semicolons_and_line_breaks():
    text = "第一句，仍是第一句。第二句；第三句\n第四句"
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["第一句，仍是第一句。", "第二句；", "第三句\n", "第四句"]


def test_phrases_of_other_signals_do_not_change_word_boundaries():
    """A phrase term of an ordinary signal must not become a jieba word and hide a word signal."""
    signals = SignalSet([Signal("phrase", terms=["提供担保"]), Signal("word", terms=["担保"], word=True)])
    text = "县政府为该企业提供担保"
    found = signals.match(text)
    assert [m.text for m in found.in_span("word", (0, len(text)))] == ["担保"]
    assert [m.text for m in found.in_span("phrase", (0, len(text)))] == ["提供担保"]


def test_not_after_drops_negated_matches():
    signals = SignalSet([Signal("comp", terms=["给予补偿", "承担违约责任"], not_after=["不", "不予"])])
    text = "甲方依法给予补偿。甲方不给予补偿，也不承担违约责任。"
    found = signals.match(text)
    assert [m.start for m in found.in_span("comp", (0, len(text)))] == [4]
    assert signals.match("甲方不予给予补偿").present() == set()
