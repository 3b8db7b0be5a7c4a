"""The report and export pages of the expertise module: the PDF of a concluded review and
the CSV/JSON exports of the register and the interoperability matrix.

Views only translate: records come through the selectors with the signed-in user (a record
the user may not see answers 404), the services' errors become their HTTP status through
`ServiceErrorMiddleware` (a review not yet concluded: 409), and the documents are built by
`reports` and `exports`. Marked documents are never cached.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accord.core.audit import record_view
from accord.core.errors import ValidationFailed
from accord.core.permissions import acting_user
from accord.expertise import exports, selectors, stored_reports
from accord.expertise.models import ReviewReport, WeaponSystem


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv(text: str, name: str) -> HttpResponse:
    return _attachment(
        text.encode("utf-8"),
        "text/csv; charset=utf-8",
        f"accord-{name}-{timezone.localdate().isoformat()}.csv",
    )


def _json(data: dict[str, Any], name: str) -> HttpResponse:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return _attachment(
        text.encode("utf-8"),
        "application/json; charset=utf-8",
        f"accord-{name}-{timezone.localdate().isoformat()}.json",
    )


@require_GET
@never_cache
@login_required
def review_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The bilingual report of a concluded review: the stored file at once, or a "being
    prepared" page (202) that refreshes itself until the worker has made it."""
    user = acting_user(request)
    review = selectors.review_get(actor=user, pk=pk)
    # Conflict (409) unless concluded.
    report = stored_reports.review_report(review=review, language=get_language() or "en")
    if report.state == ReviewReport.State.READY:
        record_view(actor=user, obj=review)
        return stored_reports.file_response(report)
    response = render(
        request,
        "expertise/report_preparing.html",
        {
            "review": review,
            "report_url": request.path,
            "failed": report.state == ReviewReport.State.FAILED,
        },
        status=202,
    )
    response["Refresh"] = "5"
    return response


def _register(request: HttpRequest) -> Any:
    """The systems the user sees, with what the export prints of each. Exporting a system
    at CONFIDENTIAL or above is reading it, and recorded as such."""
    user = acting_user(request)
    systems = list(selectors.system_list(actor=user).prefetch_related("versions", "released_to"))
    for system in systems:
        record_view(actor=user, obj=system)
    return systems


def _matrix(request: HttpRequest) -> Any:
    """The matrix of every visible system, or of one (`?system=<id>`)."""
    user = acting_user(request)
    system: WeaponSystem | None = None
    raw = request.GET.get("system", "").strip()
    if raw:
        if not raw.isdigit():
            raise ValidationFailed.single("system", _("Give the number of a system."))
        system = selectors.system_get(actor=user, pk=int(raw))
    return selectors.matrix(actor=user, system=system)


@require_GET
@never_cache
@login_required
def export_register_csv(request: HttpRequest) -> HttpResponse:
    return _csv(exports.register_csv(_register(request)), "register")


@require_GET
@never_cache
@login_required
def export_register_json(request: HttpRequest) -> HttpResponse:
    return _json(exports.register_json(_register(request)), "register")


@require_GET
@never_cache
@login_required
def export_matrix_csv(request: HttpRequest) -> HttpResponse:
    return _csv(exports.matrix_csv(*_matrix(request)), "matrix")


@require_GET
@never_cache
@login_required
def export_matrix_json(request: HttpRequest) -> HttpResponse:
    return _json(exports.matrix_json(*_matrix(request)), "matrix")
