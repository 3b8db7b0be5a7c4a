"""A request id for every request: in the response's `X-Request-ID` header, in every log
line written while the request runs, on the error pages, in the body of the API's server
errors (500, 503), and in the audit events the request records, so that a user's report,
a log line and an event can be matched.

A request arriving with a well-formed `X-Request-ID` (from the TLS proxy) keeps it;
otherwise one is made (32 hex digits).

Log lines: `RequestIdFilter` gives every record `request_id`, `user_id` and `path` (each
"-" outside a request); `JsonFormatter` writes a record as one JSON object per line
(`ACCORD_LOG_FORMAT=json`, for a log collector), the "request" format of settings.LOGGING
as text (`ACCORD_LOG_FORMAT=text`, the default).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.core.signals import request_finished, request_started
from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

_CURRENT: contextvars.ContextVar[str] = contextvars.ContextVar("accord_request_id", default="")
_REQUEST: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "accord_request", default=None
)
_WELL_FORMED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
HEADER = "X-Request-ID"


def current_request_id() -> str:
    """The id of the request being served ("" outside a request: a command, a worker)."""
    return _CURRENT.get()


def current_request() -> HttpRequest | None:
    """The request being served (None outside a request)."""
    return _REQUEST.get()


def _resolved_user_id(request: HttpRequest | None) -> Any:
    """The signed-in user's id, only when the request already knows its user: a log line
    must never make the session or token be read (a query inside logging, or a loop when
    the database logs its queries)."""
    if request is None:
        return None
    user = request.__dict__.get("user")
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)  # a SimpleLazyObject not yet evaluated
    if wrapped is empty:
        return None
    if not getattr(wrapped, "is_authenticated", False):
        return None
    return getattr(wrapped, "pk", None)


def _with_request_id(response: HttpResponse, request_id: str) -> None:
    """Add `request_id` to the body of a JSON server-error answer (5xx: what a user copies
    into a report). A 4xx body is left as it is, so that a hidden record's 404 stays the
    same bytes as a missing record's; its id is in the `X-Request-ID` header, as on every
    answer."""
    if (
        response.status_code < 500
        or getattr(response, "streaming", False)
        or not response.get("Content-Type", "").startswith("application/json")
    ):
        return
    try:
        body = json.loads(response.content or b"null")
    except ValueError:
        return
    if not isinstance(body, dict) or "request_id" in body:
        return
    body["request_id"] = request_id
    response.content = json.dumps(body, ensure_ascii=False).encode()
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


class RequestIdMiddleware:
    """First in MIDDLEWARE, so that everything after it logs and audits with the id, and
    every answer (an error page or API error made by any later layer) carries it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(HEADER, "")
        request_id = given if _WELL_FORMED.match(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        # Kept until the request is finished (`_forget`), not reset on the way out: Django
        # writes its own line about a 4xx/5xx answer after the middleware has returned.
        _CURRENT.set(request_id)
        _REQUEST.set(request)
        response = self.get_response(request)
        response[HEADER] = request_id
        _with_request_id(response, request_id)
        return response


def _forget(**_: Any) -> None:
    """At the start and the end of a request: no request is being served."""
    _CURRENT.set("")
    _REQUEST.set(None)


request_started.connect(_forget, dispatch_uid="accord.request_id.started")
request_finished.connect(_forget, dispatch_uid="accord.request_id.finished")


class RequestIdFilter(logging.Filter):
    """Gives every log record `request_id`, `user_id` and `path` ("-" outside a request),
    for the format."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = current_request()
        record.request_id = current_request_id() or "-"
        user_id = _resolved_user_id(request)
        record.user_id = "-" if user_id is None else str(user_id)
        record.path = request.path if request is not None else "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id,
    user_id, path, and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
            "user_id": getattr(record, "user_id", "-"),
            "path": getattr(record, "path", "-"),
        }
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            data["status"] = status
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def context(request: HttpRequest) -> dict[str, Any]:
    """Template context: the request id, for the error pages."""
    return {"request_id": getattr(request, "request_id", "") or current_request_id()}
