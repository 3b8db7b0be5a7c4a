"""The module's home page counts and the dashboard's figures.

Every figure is an aggregate query over `visible_to(actor)`: a record the user may not see
never counts. The other parts' tables are looked up by name, so that this page keeps
working while they are being built (a part without its table shows no figure).
"""

from __future__ import annotations

import datetime as dt
import statistics
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accord.trafficking.permissions import may_read_registers

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


# The tables each part of the module keeps, by model name.
ITEM = "Item"
INCIDENT = "Incident"
INCIDENT_ITEM = "IncidentItem"
INCIDENT_ENTITY = "IncidentEntity"
TRACING_REQUEST = "TracingRequest"
WATCHLIST_ENTITY = "Entity"
OPERATION = "Operation"

# The incidents-by-month chart shows at most this many months (the latest).
MAX_MONTHS = 24


def model(name: str) -> type[models.Model] | None:
    """The trafficking model called `name`, or None while its part does not exist yet."""
    try:
        return apps.get_model("trafficking", name)
    except LookupError:
        return None


def visible(name: str, actor: User) -> models.QuerySet | None:
    """The records of the model `name` the actor may see (None if there is no such table)."""
    found = model(name)
    if found is None:
        return None
    return found.objects.visible_to(actor)  # type: ignore[attr-defined]


def module_counts(*, actor: User) -> dict[str, int | None]:
    """How many records of each part the actor may see (None: the part is not built, or
    the actor's role may not read its list)."""
    counts: dict[str, int | None] = {}
    for key, name in (
        ("items", ITEM),
        ("incidents", INCIDENT),
        ("tracing_requests", TRACING_REQUEST),
        ("watchlist_entities", WATCHLIST_ENTITY),
        ("operations", OPERATION),
    ):
        qs = visible(name, actor)
        if name == ITEM and not may_read_registers(actor):
            qs = None
        counts[key] = None if qs is None else qs.count()
    return counts


# --- The dashboard ---------------------------------------------------------------------------


def _month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    months = []
    current = first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (current.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def incidents_by_kind(
    *, actor: User, start: dt.date | None = None, end: dt.date | None = None
) -> list[dict[str, Any]]:
    """Incidents the actor may see, by kind (every kind listed, zero included)."""
    from accord.trafficking.models import Incident

    counts = dict(
        _incidents(actor, start, end)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return [
        {"code": code, "label": label, "count": counts.get(code, 0)}
        for code, label in Incident.Kind.choices
    ]


def _incidents(actor: User, start: dt.date | None, end: dt.date | None) -> Any:
    from accord.trafficking.models import Incident

    qs = Incident.objects.visible_to(actor)
    if start:
        qs = qs.filter(occurred_on__gte=start)
    if end:
        qs = qs.filter(occurred_on__lte=end)
    return qs


def incidents_by_month(
    *, actor: User, start: dt.date | None = None, end: dt.date | None = None
) -> list[dict[str, Any]]:
    """Incidents by month of occurrence, months without incidents included, the last
    `MAX_MONTHS` months of the data at most."""
    rows = (
        _incidents(actor, start, end)
        .annotate(month=TruncMonth("occurred_on"))
        .order_by()
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    counts = {_as_date(month): n for month, n in rows}
    if not counts:
        return []
    months = _month_range(min(counts), max(counts))[-MAX_MONTHS:]
    return [{"month": m, "label": m.strftime("%Y-%m"), "count": counts.get(m, 0)} for m in months]


def _as_date(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def incidents_by_party(
    *, actor: User, start: dt.date | None = None, end: dt.date | None = None
) -> list[dict[str, Any]]:
    """Incidents by reporting party, most first."""
    rows = (
        _incidents(actor, start, end)
        .order_by()
        .values_list("owner__code")
        .annotate(n=Count("pk"))
        .values_list("owner__code", "n")
    )
    return [
        {"code": code, "label": code, "count": n}
        for code, n in sorted(rows, key=lambda r: (-r[1], r[0]))
    ]


def items_by_kind(*, actor: User) -> list[dict[str, Any]]:
    """Register items the actor may see, by kind, with how many are lost or stolen (none
    for a role refused the register)."""
    from accord.trafficking.models import Item, ItemKind

    if not may_read_registers(actor):
        return []
    rows = (
        Item.objects.visible_to(actor)
        .order_by()
        .values_list("kind")
        .annotate(
            n=Count("pk"),
            wanted=Count("pk", filter=Q(status__in=[Item.Status.LOST, Item.Status.STOLEN])),
        )
        .values_list("kind", "n", "wanted")
    )
    counts = {kind: (n, wanted) for kind, n, wanted in rows}
    return [
        {
            "code": code,
            "label": label,
            "count": counts.get(code, (0, 0))[0],
            "wanted": counts.get(code, (0, 0))[1],
        }
        for code, label in ItemKind.choices
        if code in counts
    ]


def tracing_response_times(*, actor: User) -> list[dict[str, Any]]:
    """Per requested party: requests the actor may see, how many answered, the median
    and the longest number of days from sending to the answer, and how many are open
    past their due date."""
    from accord.trafficking.models import TracingRequest

    today = timezone.localdate()
    visible_requests = TracingRequest.objects.visible_to(actor).order_by()
    totals = {
        code: (n, overdue)
        for code, n, overdue in visible_requests.values_list("requested_party__code")
        .annotate(
            n=Count("pk"),
            overdue=Count(
                "pk",
                filter=Q(state__in=TracingRequest.OPEN_STATES, due_date__lt=today),
            ),
        )
        .values_list("requested_party__code", "n", "overdue")
    }
    days: dict[str, list[float]] = {}
    for code, sent, answered in visible_requests.filter(answered_at__isnull=False).values_list(
        "requested_party__code", "sent_at", "answered_at"
    ):
        days.setdefault(code, []).append(max(0.0, (answered - sent).total_seconds() / 86400))
    result = []
    for code in sorted(totals):
        answered_days = days.get(code, [])
        result.append(
            {
                "code": code,
                "label": code,
                "requests": totals[code][0],
                "answered": len(answered_days),
                "overdue": totals[code][1],
                "median_days": round(statistics.median(answered_days), 1)
                if answered_days
                else None,
                "max_days": round(max(answered_days), 1) if answered_days else None,
            }
        )
    return result


def dashboard(
    *, actor: User, start: dt.date | None = None, end: dt.date | None = None
) -> dict[str, Any]:
    """Every figure of the dashboard, for the actor."""
    return {
        "by_kind": incidents_by_kind(actor=actor, start=start, end=end),
        "by_month": incidents_by_month(actor=actor, start=start, end=end),
        "by_party": incidents_by_party(actor=actor, start=start, end=end),
        "items_by_kind": items_by_kind(actor=actor),
        "tracing": tracing_response_times(actor=actor),
    }
