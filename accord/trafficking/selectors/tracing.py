"""Tracing requests between parties: every read users reach, from `visible_to`."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.access import party_of
from accord.core.errors import NotFound, ValidationFailed
from accord.core.models import Party
from accord.reports import tabular
from accord.trafficking.models.tracing import TracingRequest

S = TracingRequest.State
BOXES = ("inbox", "outbox", "all")


def _overdue_q(today: dt.date) -> Q:
    return Q(state__in=TracingRequest.OPEN_STATES, due_date__lt=today)


def tracing_request_list(
    *,
    user: Any,
    box: str = "all",
    state: str = "",
    overdue: bool | None = None,
    today: dt.date | None = None,
) -> QuerySet[TracingRequest]:
    """The requests `user` may see: received by their party (`inbox`), sent by it
    (`outbox`), or both; filtered by state and by being overdue."""
    if box not in BOXES:
        raise ValidationFailed.single("box", _("Unknown box: choose inbox, outbox or all."))
    if state and state not in S.values:
        raise ValidationFailed.single("state", _("Unknown state."))
    today = today or timezone.localdate()
    party = party_of(user)
    queryset = TracingRequest.objects.visible_to(user)
    if box == "inbox":
        queryset = queryset.filter(requested_party_id=party.pk if party else None)
    elif box == "outbox":
        queryset = queryset.filter(owner_id=party.pk if party else None)
    if state:
        queryset = queryset.filter(state=state)
    if overdue is True:
        queryset = queryset.filter(_overdue_q(today))
    elif overdue is False:
        queryset = queryset.exclude(_overdue_q(today))
    return (
        queryset.select_related("owner", "requested_party")
        .annotate(item_count=Count("items"))
        .order_by("-sent_at", "-id")
    )


def tracing_request_get(*, user: Any, pk: Any) -> TracingRequest:
    """One request with its items and transfer history, or NotFound."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    request = (
        TracingRequest.objects.visible_to(user)
        .select_related("owner", "requested_party", "incident", "sent_by", "answered_by")
        .prefetch_related("items", "transfers")
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise NotFound()
    return request


def tracing_box_counts(*, user: Any) -> dict[str, int]:
    """How many open requests wait in the user's party's inbox, and how many are overdue."""
    party = party_of(user)
    if party is None:
        return {"inbox_open": 0, "inbox_overdue": 0}
    today = timezone.localdate()
    counts = (
        TracingRequest.objects.visible_to(user)
        .filter(requested_party_id=party.pk, state__in=TracingRequest.OPEN_STATES)
        .aggregate(
            inbox_open=Count("pk"),
            inbox_overdue=Count("pk", filter=Q(due_date__lt=today)),
        )
    )
    return {k: v or 0 for k, v in counts.items()}


@dataclass(frozen=True)
class TimelineStep:
    when: dt.datetime | dt.date
    label: str
    party: Party | None
    planned: bool = False


def tracing_timeline(request: TracingRequest) -> list[TimelineStep]:
    """The steps the request went through, in order, with the due date among them."""
    steps = [TimelineStep(request.sent_at, _("Sent"), request.owner)]
    if request.acknowledged_at:
        steps.append(
            TimelineStep(request.acknowledged_at, _("Acknowledged"), request.requested_party)
        )
    if request.reminded_before_at:
        steps.append(TimelineStep(request.reminded_before_at, _("Reminder sent"), None))
    if request.reminded_overdue_at:
        steps.append(TimelineStep(request.reminded_overdue_at, _("Overdue reminder sent"), None))
    if request.answered_at:
        steps.append(
            TimelineStep(
                request.answered_at,
                _("Answered: %(outcome)s") % {"outcome": request.get_outcome_display()},
                request.requested_party,
            )
        )
    if request.closed_at:
        steps.append(TimelineStep(request.closed_at, _("Closed"), request.owner))
    if request.withdrawn_at:
        steps.append(TimelineStep(request.withdrawn_at, _("Withdrawn"), request.owner))

    def key(step: TimelineStep) -> dt.datetime:
        when = step.when
        if isinstance(when, dt.datetime):
            return when
        return timezone.make_aware(dt.datetime.combine(when, dt.time.max))

    steps.sort(key=key)
    if request.is_open:
        steps.append(TimelineStep(request.due_date, _("Due"), request.requested_party, True))
    return steps


# --- Statistics -------------------------------------------------------------------------------


@dataclass
class PartyResponseStats:
    """Response times of one requested party, over the requests the user may see."""

    party: Party
    received: int = 0
    acknowledged: int = 0
    answered: int = 0
    open: int = 0
    overdue: int = 0
    answered_late: int = 0
    days_to_acknowledge: list[float] = field(default_factory=list)
    days_to_answer: list[float] = field(default_factory=list)

    @staticmethod
    def _round(values: list[float], how: Any) -> float | None:
        return round(how(values), 1) if values else None

    @property
    def median_acknowledge(self) -> float | None:
        return self._round(self.days_to_acknowledge, statistics.median)

    @property
    def mean_acknowledge(self) -> float | None:
        return self._round(self.days_to_acknowledge, statistics.mean)

    @property
    def median_answer(self) -> float | None:
        return self._round(self.days_to_answer, statistics.median)

    @property
    def mean_answer(self) -> float | None:
        return self._round(self.days_to_answer, statistics.mean)

    def as_dict(self) -> dict[str, Any]:
        return {
            "party": self.party.code,
            "party_name": self.party.name,
            "received": self.received,
            "acknowledged": self.acknowledged,
            "answered": self.answered,
            "open": self.open,
            "overdue": self.overdue,
            "answered_late": self.answered_late,
            "median_days_to_acknowledge": self.median_acknowledge,
            "mean_days_to_acknowledge": self.mean_acknowledge,
            "median_days_to_answer": self.median_answer,
            "mean_days_to_answer": self.mean_answer,
        }


def _days(start: dt.datetime, end: dt.datetime) -> float:
    return (end - start).total_seconds() / 86400


def tracing_stats(*, user: Any, today: dt.date | None = None) -> list[PartyResponseStats]:
    """Response times per requested party, over the requests `user` may see (withdrawn
    requests left out). One query; the figures are computed here."""
    today = today or timezone.localdate()
    rows = (
        TracingRequest.objects.visible_to(user)
        .exclude(state=S.WITHDRAWN)
        .select_related("requested_party")
        .only(
            "requested_party",
            "state",
            "due_date",
            "sent_at",
            "acknowledged_at",
            "answered_at",
            "classification",
            "owner_id",
            "release",
        )
    )
    by_party: dict[int, PartyResponseStats] = {}
    for request in rows:
        stats = by_party.get(request.requested_party_id)
        if stats is None:
            stats = by_party[request.requested_party_id] = PartyResponseStats(
                request.requested_party
            )
        stats.received += 1
        if request.acknowledged_at:
            stats.acknowledged += 1
            stats.days_to_acknowledge.append(_days(request.sent_at, request.acknowledged_at))
        if request.answered_at:
            stats.answered += 1
            stats.days_to_answer.append(_days(request.sent_at, request.answered_at))
            if request.answered_at.date() > request.due_date:
                stats.answered_late += 1
        if request.is_open:
            stats.open += 1
            if request.due_date < today:
                stats.overdue += 1
    return sorted(by_party.values(), key=lambda s: s.party.code)


def tracing_stats_totals(stats: list[PartyResponseStats]) -> dict[str, Any]:
    acknowledge = [d for s in stats for d in s.days_to_acknowledge]
    answer = [d for s in stats for d in s.days_to_answer]
    total = PartyResponseStats(party=None)  # type: ignore[arg-type]
    total.days_to_acknowledge = acknowledge
    total.days_to_answer = answer
    return {
        "received": sum(s.received for s in stats),
        "answered": sum(s.answered for s in stats),
        "open": sum(s.open for s in stats),
        "overdue": sum(s.overdue for s in stats),
        "median_days_to_answer": total.median_answer,
        "mean_days_to_answer": total.mean_answer,
    }


# --- CSV export -------------------------------------------------------------------------------

CSV_COLUMNS = (
    "reference",
    "requesting_party",
    "requested_party",
    "state",
    "outcome",
    "sent_at",
    "due_date",
    "overdue",
    "acknowledged_at",
    "answered_at",
    "closed_at",
    "withdrawn_at",
    "items",
    "last_legal_holder",
)


def tracing_csv(requests: QuerySet[TracingRequest], today: dt.date | None = None) -> str:
    """The requests as CSV, one row each; items as "manufacturer model serial" joined."""
    today = today or timezone.localdate()
    rows = (
        [
            request.reference,
            request.owner.code,
            request.requested_party.code,
            request.state,
            request.outcome,
            request.sent_at,
            request.due_date,
            "yes" if request.is_overdue(today) else "no",
            request.acknowledged_at,
            request.answered_at,
            request.closed_at,
            request.withdrawn_at,
            "; ".join(str(item) for item in request.items.all()),
            request.last_legal_holder,
        ]
        for request in requests.prefetch_related("items")
    )
    return tabular.csv_text(CSV_COLUMNS, rows)
