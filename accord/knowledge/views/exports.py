"""The search results as CSV or XLSX (`accord.reports.tabular`: the formula guard, BOM,
real dates): the same criteria as the index page, over what the user may see."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from accord.core.api.filters import page_filters
from accord.core.permissions import acting_user
from accord.knowledge import selectors
from accord.knowledge.api.filters import ItemFilter, criteria_of
from accord.reports import tabular

LIMIT = 10_000


def _table(request: HttpRequest) -> tuple[list[str], Any]:
    user = acting_user(request)
    criteria = criteria_of(page_filters(ItemFilter, request))
    items = selectors.item_search(actor=user, criteria=criteria)[:LIMIT]
    columns = [
        _("Id"),
        _("Kind"),
        _("Stage"),
        _("Title"),
        _("Lifecycle areas"),
        _("Topic"),
        _("Owner"),
        _("Classification"),
        _("Review due"),
    ]
    rows = (
        [
            item.pk,
            item.get_kind_display(),
            item.get_stage_display(),
            item.title,
            ", ".join(item.area_labels),
            item.topic,
            item.owner.code,
            item.get_classification_display(),
            item.review_due,
        ]
        for item in items
    )
    return columns, rows


@login_required
def item_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The lesson sheet of one item as PDF, in the page's language (reading it is audited
    like the page when the item is confidential or above)."""
    from django.utils.translation import get_language

    from accord.core.audit import record_view
    from accord.knowledge.reports import lesson_sheet_pdf

    user = acting_user(request)
    item = selectors.item_get(actor=user, pk=pk)
    record_view(actor=user, obj=item)
    language = "ru" if (get_language() or "en").startswith("ru") else "en"
    response = HttpResponse(
        lesson_sheet_pdf(item, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="lesson-{item.pk}.pdf"'
    return response


@login_required
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    columns, rows = _table(request)
    response = StreamingHttpResponse(
        tabular.csv_stream(columns, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="knowledge.csv"'
    return response


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    columns, rows = _table(request)
    content = tabular.xlsx_bytes(
        [tabular.Sheet(title=_("Knowledge"), columns=columns, rows=rows, bold_header=True)]
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="knowledge.xlsx"'
    return response


@login_required
def export_calendar(request: HttpRequest) -> HttpResponse:
    """The iCalendar feed of the due dates the user may see."""
    from accord.knowledge import ical
    from accord.knowledge.selectors.calendar import due_dates

    body = ical.feed(
        due_dates(actor=acting_user(request)),
        base_url=request.build_absolute_uri("/").rstrip("/"),
        host=request.get_host().split(":")[0] or "accord",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="knowledge.ics"'
    return response
