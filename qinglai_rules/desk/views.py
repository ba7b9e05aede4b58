"""The desk's pages: login, the queue, a finding with its decision form, rule statistics."""

from __future__ import annotations

import math
from typing import Any

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for

from ..errors import StoreError
from ..store import STATUSES, ConflictError, NotAllowedError, NotFoundError, Store
from ..store.schema import ACTIONS
from ..vocabulary import CATEGORIES, DOC_TYPES, FAMILIES, SEVERITIES
from . import auth
from .filters import QueueFilters
from .present import DONE_WORDS, clause_context, span_texts
from .storage import store

desk = Blueprint("desk", __name__)


# login ---------------------------------------------------------------------------------------
@desk.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if request.method == "GET":
        if g.user is not None:
            return redirect(auth.safe_next(request.args.get("next")))
        return render_template("login.html", next=request.args.get("next", ""), username="")
    username = (request.form.get("username") or "").strip()
    password = request.form.get("password") or ""
    target = request.form.get("next") or ""
    throttle: auth.LoginThrottle = current_app.extensions["qinglai_throttle"]
    key = (username, request.remote_addr or "")
    moment = auth.now()
    if throttle.blocked(key, moment):
        error = "登录失败次数过多，请稍后再试。"
        return render_template("login.html", next=target, username=username, error=error), 429
    if not username or not password or not store().verify_password(username, password):
        throttle.failed(key, moment)
        error = "用户名或密码不正确。"
        return render_template("login.html", next=target, username=username, error=error), 401
    throttle.succeeded(key)
    user = store().user(username)
    assert user is not None  # verify_password only matches existing accounts
    auth.start_session(user)
    return redirect(auth.safe_next(target), code=303)


@desk.route("/logout", methods=["POST"])
def logout() -> Any:
    auth.end_session()
    flash("已退出登录。", "info")
    return redirect(url_for("desk.login"), code=303)


# queue ---------------------------------------------------------------------------------------
def _facet_values(filters: QueueFilters, counts: dict[str, dict[str, int]]) -> dict[str, list[tuple[str, int]]]:
    """Each facet's values with counts: the vocabulary's order, only values present (or chosen)."""
    vocabularies: dict[str, tuple[str, ...]] = {
        "status": STATUSES,
        "family": FAMILIES,
        "category": CATEGORIES,
        "severity": SEVERITIES,
        "doc_type": DOC_TYPES,
        "region": tuple(sorted(value for value in counts.get("region", {}) if value)),
    }
    chosen = filters.store_kwargs()
    return {
        facet: [
            (value, counts.get(facet, {}).get(value, 0))
            for value in values
            if counts.get(facet, {}).get(value, 0) or chosen.get(facet) == value or facet == "status"
        ]
        for facet, values in vocabularies.items()
    }


@desk.route("/")
def queue() -> Any:
    filters = QueueFilters.from_args(request.args)
    size = auth.settings().page_size
    try:
        page = max(int(request.args.get("page", "1")), 1)
    except ValueError:
        page = 1
    opened = store()
    rows = opened.list_findings(**filters.store_kwargs(), limit=size, offset=(page - 1) * size)
    pages = max(math.ceil(rows.total / size), 1)
    if page > pages:
        return redirect(url_for("desk.queue", **filters.query(), page=pages))
    counts = opened.facet_counts(**filters.store_kwargs())
    return render_template(
        "queue.html",
        rows=rows,
        filters=filters,
        facets=_facet_values(filters, counts),
        all_count=sum(counts["status"].values()),
        page=page,
        pages=pages,
        first=(page - 1) * size + 1,
    )


# one finding ---------------------------------------------------------------------------------
def _render_finding(opened: Store, finding_id: int, filters: QueueFilters, *, status: int = 200, **form: Any) -> Any:
    row = opened.finding(finding_id)
    clauses = opened.clauses(row.document_id)
    ids = opened.finding_ids(**filters.store_kwargs())
    position = ids.index(row.id) if row.id in ids else None
    previous_id = ids[position - 1] if position else None
    next_id = ids[position + 1] if position is not None and position + 1 < len(ids) else None
    trace = [step | {"texts": span_texts(step.get("spans") or [], clauses)} for step in row.trace]
    values = {"action": "", "reason": "", "family": row.family, "severity": row.severity} | form
    page = render_template(
        "finding.html",
        row=row,
        document=opened.document(row.document_id),
        context=clause_context(row, clauses),
        trace=trace,
        history=opened.history(row.fingerprint),
        filters=filters,
        position=position,
        count=len(ids),
        previous_id=previous_id,
        next_id=next_id,
        can_decide=auth.can_decide(g.user),
        form=values,
    )
    return page, status


@desk.route("/findings/<int:finding_id>")
def finding(finding_id: int) -> Any:
    return _render_finding(store(), finding_id, QueueFilters.from_args(request.args))


def _next_after(before: list[int], after: list[int], current: int) -> int | None:
    """The finding to show after deciding ``current``: the next one still in the (filtered) queue."""
    if current not in before:
        return after[0] if after else None
    later = set(before[before.index(current) + 1 :])
    return next((fid for fid in after if fid in later), after[0] if after and after[0] != current else None)


@desk.route("/findings/<int:finding_id>/decide", methods=["POST"])
@auth.deciders_only
def decide(finding_id: int) -> Any:
    filters = QueueFilters.from_args(request.args)
    action = request.form.get("action", "")
    # Browsers send a textarea's line breaks as CRLF; the record keeps plain newlines.
    reason = (request.form.get("reason") or "").replace("\r\n", "\n").strip()
    family = request.form.get("family") or None
    severity = request.form.get("severity") or None
    g.unsaved_reason = reason  # shown on the error page if even re-rendering fails
    try:
        expected = int(request.form.get("last_decision_id", ""))
    except ValueError:
        abort(400, description="表单缺少结论版本号（last_decision_id），未作任何改动。请刷新页面后重试。")
    opened = store()
    typed = {"action": action, "reason": reason}
    if action == "amend":
        typed |= {"family": family, "severity": severity}
    error = None
    if action not in ACTIONS:
        error = "请选择结论：确认、驳回或修改后确认。"
    elif not reason:
        error = "必须填写理由：每个审查结论都要说明依据。"
    elif action == "amend":
        row = opened.finding(finding_id)
        family = family if family in FAMILIES and family != row.family else None
        severity = severity if severity in SEVERITIES and severity != row.severity else None
        if not family and not severity:
            error = "修改后确认需要改变问题类别或严重程度。"
    else:
        family = severity = None
    if error:
        return _render_finding(opened, finding_id, filters, status=400, error=error, **typed)
    before = opened.finding_ids(**filters.store_kwargs())
    try:
        decision = opened.decide(
            finding_id,
            action,
            g.user.username,
            reason,
            family=family,
            severity=severity,
            expected_last_decision_id=expected,
        )
    except ConflictError as conflict:
        return _render_finding(opened, finding_id, filters, status=409, conflict=str(conflict), **typed)
    except (NotAllowedError, NotFoundError):
        raise
    except StoreError as problem:  # locked, read-only …: nothing was written; keep what they typed
        return _render_finding(opened, finding_id, filters, status=503, error=str(problem), **typed)
    g.unsaved_reason = None
    flash(f"发现 #{finding_id} {DONE_WORDS[action]}（结论 #{decision.id}）。", "success")
    following = _next_after(before, opened.finding_ids(**filters.store_kwargs()), finding_id)
    if following is None:
        return redirect(url_for("desk.queue", **filters.query()), code=303)
    return redirect(url_for("desk.finding", finding_id=following, **filters.query()), code=303)


# rule statistics -----------------------------------------------------------------------------
@desk.route("/rules")
def rules() -> Any:
    return render_template("rules.html", stats=store().rule_stats())
