"""The spaCy pipeline (blank ``zh`` with the jieba segmenter), loaded once per process.

Rules use it where word boundaries matter: a signal marked ``word: true`` only matches where its
match starts and ends on a jieba token boundary (so 担保 does not fire inside 担保公司 when the
rule says it must be a word). Tokenising is the slowest feature, so it runs lazily, only on
units where such a signal has a candidate match.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache

import jieba
import spacy
from spacy.language import Language

jieba.setLogLevel(logging.WARNING)

_added_words: set[str] = set()


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The blank Chinese pipeline with jieba segmentation (no model download exists offline)."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    jieba.initialize()
    return nlp


def add_words(words: Iterable[str]) -> None:
    """Teach jieba domain words (the signal terms) so they segment as one token."""
    for word in words:
        if len(word) > 1 and word not in _added_words:
            jieba.add_word(word)
            _added_words.add(word)


def token_boundaries(text: str) -> frozenset[int]:
    """Character offsets in ``text`` where a token starts or ends."""
    doc = pipeline()(text)
    bounds = {0, len(text)}
    for token in doc:
        bounds.add(token.idx)
        bounds.add(token.idx + len(token.text))
    return frozenset(bounds)
