"""A request id for every request: in the response's `X-Request-ID` header, in every log
line written while the request runs, on the error pages, and in the audit events the
request records, so that a user's report, a log line and an event can be matched.

A request arriving with a well-formed `X-Request-ID` (from the TLS proxy) keeps it;
otherwise one is made (32 hex digits).
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

_CURRENT: contextvars.ContextVar[str] = contextvars.ContextVar("accord_request_id", default="")
_WELL_FORMED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
HEADER = "X-Request-ID"


def current_request_id() -> str:
    """The id of the request being served ("" outside a request: a command, a worker)."""
    return _CURRENT.get()


class RequestIdMiddleware:
    """First in MIDDLEWARE, so that everything after it logs and audits with the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(HEADER, "")
        request_id = given if _WELL_FORMED.match(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _CURRENT.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _CURRENT.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Gives every log record `request_id` ("-" outside a request), for the format."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True


def context(request: HttpRequest) -> dict[str, Any]:
    """Template context: the request id, for the error pages."""
    return {"request_id": getattr(request, "request_id", "") or current_request_id()}
