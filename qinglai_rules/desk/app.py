"""The app factory: configuration, the per-request hooks (session, login, CSRF), headers, errors."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from flask import Flask, g, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import StoreError
from ..store import NotAllowedError, NotFoundError, default_location
from ..vocabulary import FAMILIES, SEVERITIES
from . import auth, csrf, present
from .secret import load_secret
from .settings import DeskSettings
from .storage import StoreHolder, store
from .views import desk

log = logging.getLogger(__name__)

# Everything the pages use is served by the desk itself: no CDN, no inline script or style.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
ERROR_TITLES = {
    400: "请求无效",
    401: "需要登录",
    403: "无权操作",
    404: "找不到页面",
    405: "不支持的操作",
    409: "结论冲突",
    429: "尝试次数过多",
    500: "内部错误",
    503: "数据库暂时不可用",
}

DEFAULT_MESSAGES = {
    400: "请求无效，未作任何改动。",
    403: "你没有权限进行这个操作。",
    404: "找不到这个页面。",
    405: "这个地址不支持这种请求。",
    413: "提交的内容过大。",
}


def create_app(db: str | None = None, settings: DeskSettings | None = None) -> Flask:
    """The desk over the review store at ``db`` (default: ``$QINGLAI_DB``, else ./qinglai.sqlite)."""
    settings = settings or DeskSettings()
    location = db or default_location()
    app = Flask(__name__, static_folder="static", template_folder="templates")
    secret, secret_origin = load_secret(location, settings.secret_key)
    app.config.update(
        SECRET_KEY=secret,
        SESSION_COOKIE_NAME="__Host-qinglai-desk" if settings.secure_cookies else "qinglai-desk",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        SESSION_COOKIE_PATH="/",
        PERMANENT_SESSION_LIFETIME=timedelta(seconds=settings.absolute_timeout),
        MAX_CONTENT_LENGTH=256 * 1024,  # a reason is text; nothing large is ever posted
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.extensions["qinglai_settings"] = settings
    app.extensions["qinglai_store"] = StoreHolder(location, settings.store_timeout)
    app.extensions["qinglai_throttle"] = auth.LoginThrottle(settings.login_attempts, settings.login_window)
    app.extensions["qinglai_secret_origin"] = secret_origin
    app.register_blueprint(desk)
    _install_hooks(app)
    _install_template_helpers(app)
    _install_error_pages(app)
    return app


def _install_hooks(app: Flask) -> None:
    @app.before_request
    def _guard() -> Any:
        g.user = None
        if request.endpoint == "static":
            return None
        auth.load_user()  # may clear an expired session
        refused = auth.require_login()
        if refused is not None:
            return refused
        csrf.check()  # every POST, login and logout included
        return None

    @app.after_request
    def _headers(response):  # type: ignore[no-untyped-def]
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.endpoint != "static":
            response.headers["Cache-Control"] = "no-store"  # review pages hold confidential text
        return response


def _pending_count() -> int | None:
    if g.get("user") is None:
        return None
    try:
        return store().list_findings(status="pending", limit=0).total
    except StoreError:
        return None


def _install_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        csrf_token=csrf.token,
        STATUS_WORDS=present.STATUS_WORDS,
        ACTION_WORDS=present.ACTION_WORDS,
        DOC_TYPE_WORDS=present.DOC_TYPE_WORDS,
        LEVEL_WORDS=present.LEVEL_WORDS,
        SEVERITY_CLASSES=present.SEVERITY_CLASSES,
        FILTER_WORDS=present.FILTER_WORDS,
        ROLE_WORDS=auth.ROLE_WORDS,
        FAMILIES=FAMILIES,
        SEVERITIES=SEVERITIES,
        law_label=present.law_label,
        family_word=present.family_word,
        category_word=present.category_word,
        category_title=present.category_title,
    )
    app.jinja_env.filters.update(excerpt=present.excerpt, local_time=present.local_time)

    @app.context_processor
    def _nav() -> dict[str, Any]:
        return {"current_user": g.get("user"), "pending_count": _pending_count}


def _install_error_pages(app: Flask) -> None:
    def page(code: int, message: str) -> Any:
        body = render_template(
            "error.html",
            code=code,
            title=ERROR_TITLES.get(code, "出错了"),
            message=message,
            unsaved_reason=g.get("unsaved_reason"),
        )
        return body, code

    @app.errorhandler(NotFoundError)
    def _not_found(error: NotFoundError) -> Any:
        return page(404, str(error))

    @app.errorhandler(NotAllowedError)
    def _not_allowed(error: NotAllowedError) -> Any:
        return page(403, str(error))

    @app.errorhandler(StoreError)
    def _store_error(error: StoreError) -> Any:
        log.warning("store error: %s", error)
        return page(503, str(error))

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Any:
        code = error.code or 500
        own = error.description and error.description != type(error).description
        return page(code, error.description if own else DEFAULT_MESSAGES.get(code, ""))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Any:
        log.exception("desk error")
        return page(500, "审查台内部错误，已记录在服务器日志中。没有保存的内容请复制后重试。")
