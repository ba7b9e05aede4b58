"""Small helpers shared by the desk tests."""

from __future__ import annotations

from pathlib import Path

from qinglai_rules.store import Store, open_store

from .conftest import LAST_DECISION, csrf_from


def open_seeded(path: Path) -> Store:
    return open_store(str(path), create=False)


def decisions_on(path: Path, finding_id: int) -> list:
    with open_seeded(path) as store:
        return store.history(finding_id)


def finding_id_of(path: Path, rule_id: str, document_path: str | None = None) -> int:
    with open_seeded(path) as store:
        rows = store.list_findings(rule=rule_id)
    return next(row.id for row in rows if document_path is None or row.document_path == document_path)


def decision_form(client, finding_id: int, query: str = "") -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """(page html, csrf token, last_decision_id) of a finding page."""
    html = client.get(f"/findings/{finding_id}{query}").get_data(as_text=True)
    match = LAST_DECISION.search(html)
    return html, csrf_from(html), match.group(1) if match else ""


def post_decision(client, finding_id: int, query: str = "", **fields: str):  # type: ignore[no-untyped-def]
    """Submit the decision form as a browser would (token and last_decision_id from the page)."""
    _html, token, last = decision_form(client, finding_id, query)
    data = {"csrf_token": token, "last_decision_id": last} | fields
    return client.post(f"/findings/{finding_id}/decide{query}", data=data)
