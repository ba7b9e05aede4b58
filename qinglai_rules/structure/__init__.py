"""The structure stage: the clause tree, the metadata and the document type of a read Document.

``analyse(doc)`` is the one entry point the pipeline calls; the modules it uses:

- ``grammar``   the numbering grammar (第X编/章/节/条, 一、, （一）, 1., （1）, 会议议定…), table-driven
- ``outline``   ``build_clauses(doc)``: the clause tree in pre-order, with stable ids and spans
- ``header``    title and 文号;  ``parties`` 甲方/乙方;  ``orgs`` organisation kinds, levels, places
- ``metadata``  ``extract_metadata(doc)``: title, 文号, issuer, level, region, date, parties, doc type
- ``doctype``   ``classify(doc) -> (doc_type, reason)``
"""

from __future__ import annotations

from ..model import DOC_TYPES, Document
from .doctype import classify
from .metadata import extract_metadata
from .outline import build_clauses

__all__ = ["analyse", "build_clauses", "classify", "extract_metadata"]


def analyse(doc: Document, doc_type: str | None = None) -> Document:
    """Fill ``doc.metadata`` and ``doc.clauses`` and return the same document.

    ``doc_type`` is a user's override (one of ``DOC_TYPES``): it is recorded as such (reason 用户指定)
    and drives the grammar (the minutes grammar for ``minutes``).
    """
    if doc_type is not None and doc_type not in DOC_TYPES:
        raise ValueError(f"unknown document type {doc_type!r}; expected one of {', '.join(DOC_TYPES)}")
    doc.metadata = extract_metadata(doc, doc_type)
    build_clauses(doc, doc.metadata.doc_type)
    return doc
