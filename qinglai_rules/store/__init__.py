"""The review store: runs, documents, findings and reviewers' append-only decisions (SQLAlchemy Core).

Only this package touches the database. ``open_store()`` opens ``$QINGLAI_DB`` or ``./qinglai.sqlite``.
"""

from ..errors import StoreError
from ..vocabulary import FAMILIES, SEVERITIES, categories_for
from .api import Store, open_store
from .db import DEFAULT_FILE, ENV_VAR, ConflictError, NotAllowedError, NotFoundError, default_location
from .decisions import DecisionRow
from .documents import ClauseRow, DocumentRow
from .findings import FACETS, STATUSES, FindingPage, FindingRow
from .fingerprint import fingerprint, lineage_key, partial_fingerprints
from .migrate import LATEST as SCHEMA_VERSION
from .runs import PreviousReview, RunDocumentRow, RunRow
from .stats import RuleStats
from .users import DECIDING_ROLES, UserRow

__all__ = [
    "DECIDING_ROLES",
    "DEFAULT_FILE",
    "ENV_VAR",
    "FACETS",
    "FAMILIES",
    "SCHEMA_VERSION",
    "SEVERITIES",
    "STATUSES",
    "ClauseRow",
    "ConflictError",
    "DecisionRow",
    "DocumentRow",
    "FindingPage",
    "FindingRow",
    "NotAllowedError",
    "NotFoundError",
    "PreviousReview",
    "RuleStats",
    "RunDocumentRow",
    "RunRow",
    "Store",
    "StoreError",
    "UserRow",
    "categories_for",
    "default_location",
    "fingerprint",
    "lineage_key",
    "open_store",
    "partial_fingerprints",
]
