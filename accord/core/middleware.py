"""Pages answer service errors with their status and a translated message, never a 500."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accord.core.errors import PermissionDenied, ServiceError


class ServiceErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ServiceError):
            context = {"status": exception.status, "message": exception.message}
            if isinstance(exception, PermissionDenied):
                from accord.core.web import refusal_context

                context.update(refusal_context(request, exception))
            return render(request, "core/error.html", context, status=exception.status)
        return None
