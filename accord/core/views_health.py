"""`/healthz` and `/readyz` (accord/core/health.py): plain JSON, no sign-in, never cached."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accord.core.health import readiness


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    answer = readiness()
    return JsonResponse(answer, status=200 if answer["ready"] else 503)
