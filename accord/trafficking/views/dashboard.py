"""The module's home page, the dashboard with its charts, and the export page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accord.core.export_audit import records_own_export
from accord.core.permissions import acting_user
from accord.reports.charts import Series, bar_chart, line_chart
from accord.trafficking import exports
from accord.trafficking.api.dashboard import csv_response, xlsx_response
from accord.trafficking.selectors import dashboard as selectors


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The module home: what it is for, what the user may see, links to every part."""
    user = acting_user(request)
    return render(
        request,
        "trafficking/index.html",
        {"section": "index", "counts": selectors.module_counts(actor=user)},
    )


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def charts(figures: dict[str, Any]) -> dict[str, Any]:
    """The SVG charts of the dashboard, drawn from the same figures as its tables."""
    drawn: dict[str, Any] = {}
    if any(row["count"] for row in figures["by_kind"]):
        drawn["by_kind"] = bar_chart(
            [str(row["label"]) for row in figures["by_kind"]],
            [Series(_("Incidents"), [row["count"] for row in figures["by_kind"]])],
            title=_("Incidents by kind"),
        )
    if figures["by_month"]:
        drawn["by_month"] = line_chart(
            [row["label"] for row in figures["by_month"]],
            [Series(_("Incidents"), [row["count"] for row in figures["by_month"]])],
            title=_("Incidents by month"),
        )
    if figures["by_party"]:
        drawn["by_party"] = bar_chart(
            [row["label"] for row in figures["by_party"]],
            [Series(_("Incidents"), [row["count"] for row in figures["by_party"]])],
            title=_("Incidents by reporting party"),
        )
    if figures["items_by_kind"]:
        drawn["items_by_kind"] = bar_chart(
            [str(row["label"]) for row in figures["items_by_kind"]],
            [
                Series(_("Items"), [row["count"] for row in figures["items_by_kind"]]),
                Series(_("Lost or stolen"), [row["wanted"] for row in figures["items_by_kind"]]),
            ],
            title=_("Register items by kind"),
        )
    answered = [row for row in figures["tracing"] if row["median_days"] is not None]
    if answered:
        drawn["tracing"] = bar_chart(
            [row["label"] for row in answered],
            [
                Series(_("Median days to answer"), [row["median_days"] for row in answered]),
                Series(_("Longest"), [row["max_days"] for row in answered]),
            ],
            title=_("Tracing response times by requested party"),
        )
    return drawn


@login_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    start, end = _date(request.GET.get("start")), _date(request.GET.get("end"))
    figures = selectors.dashboard(actor=user, start=start, end=end)
    return render(
        request,
        "trafficking/operations/dashboard.html",
        {
            "section": "dashboard",
            "figures": figures,
            "charts": charts(figures),
            "start": start,
            "end": end,
        },
    )


@login_required
def export_page(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    return render(
        request,
        "trafficking/operations/export.html",
        {"section": "export", "tables": exports.table_counts(actor=user)},
    )


@records_own_export
@login_required
def export_csv(request: HttpRequest, code: str) -> StreamingHttpResponse:
    return csv_response(acting_user(request), code)


@records_own_export
@login_required
def export_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    return xlsx_response(acting_user(request), None if code == "all" else code)
