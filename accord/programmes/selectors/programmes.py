"""Reading programmes: always through `visible_to(actor)`; a hidden one is a 404. The
rows under a programme (keys, budgets, contributions...) are read through it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.models import Party
from accord.core.selectors import get_visible
from accord.programmes.domain import money
from accord.programmes.models import (
    Assessment,
    AssessmentPart,
    Budget,
    Contribution,
    CostShareKey,
    FinancialTransaction,
    Programme,
    StageRecord,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def programme_list(*, actor: User) -> QuerySet[Programme]:
    return (
        Programme.objects.visible_to(actor)
        .select_related("owner", "parent")
        .prefetch_related("released_to")
        .order_by("-id")
    )


def programme_get(*, actor: User, pk: Any) -> Programme:
    return get_visible(programme_list(actor=actor), actor, pk=pk)


def key_in_force(programme: Programme, on: dt.date) -> CostShareKey | None:
    """The decided key in force on a date (a later key ends an earlier one's period)."""
    return (
        programme.keys.filter(status="decided", effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )


def budget_total(budget: Budget) -> Decimal:
    return sum((line.amount for line in budget.lines.all()), Decimal(0))


def timeline(programme: Programme) -> QuerySet[StageRecord]:
    return programme.stage_records.select_related("signed_party", "supersedes").order_by(
        "signed_at", "id"
    )


def keys(programme: Programme) -> list[CostShareKey]:
    return list(programme.keys.prefetch_related("shares__party").order_by("number"))


def key_get(programme: Programme, pk: Any) -> CostShareKey:
    from accord.core.errors import NotFound

    key = programme.keys.filter(pk=pk).first() if str(pk).isdigit() else None
    if key is None:
        raise NotFound()
    return key


@dataclass(frozen=True)
class StatementRow:
    party: Any
    assessed: Decimal
    paid_cash: Decimal
    in_kind: Decimal
    balance: Decimal
    arrears: Decimal
    ageing: tuple[Decimal, ...]


def statement(programme: Programme, as_of: dt.date | None = None) -> list[StatementRow]:
    """The contributions statement per party: assessed, paid in cash, in kind, balance,
    arrears and their ageing, in the programme's currency (converted figures as stored).
    Arrears are computed here and moved nowhere."""
    day = as_of or dt.date.today()
    calls: dict[int, list[money.Call]] = defaultdict(list)
    parties: dict[int, Any] = {}
    for part in AssessmentPart.objects.filter(assessment__programme=programme).select_related(
        "party", "assessment"
    ):
        calls[part.party_id].append(money.Call(part.amount, part.assessment.due_date))
        parties[part.party_id] = part.party
    paid: dict[tuple[int, str], Decimal] = {}
    for row in (
        Contribution.objects.filter(programme=programme, value_date__lte=day)
        .values("party", "kind")
        .annotate(total=Sum("converted"))
    ):
        paid[(row["party"], row["kind"])] = row["total"] or Decimal(0)
    unseen = {party_id for party_id, _kind in paid} - set(parties)
    if unseen:
        parties.update(Party.objects.in_bulk(unseen))
    rows = []
    unit = money.unit_of(programme.currency)
    zero = Decimal(0)
    for party_id, party in sorted(parties.items(), key=lambda item: item[1].code):
        cash = paid.get((party_id, "cash"), zero)
        kind = paid.get((party_id, "in_kind"), zero)
        figures = money.balance(calls.get(party_id, []), cash + kind, day)
        rows.append(
            StatementRow(
                party,
                figures.assessed.quantize(unit),
                cash.quantize(unit),
                kind.quantize(unit),
                figures.balance.quantize(unit),
                figures.arrears.quantize(unit),
                tuple(value.quantize(unit) for value in figures.ageing),
            )
        )
    return rows


def assessments(programme: Programme) -> list[Assessment]:
    return list(programme.assessments.prefetch_related("parts__party").order_by("number"))


def commitments_vs_disbursements(programme: Programme) -> dict[str, Decimal]:
    totals = dict(
        FinancialTransaction.objects.filter(programme=programme)
        .values("type")
        .annotate(total=Sum("converted"))
        .values_list("type", "total")
    )
    unit = money.unit_of(programme.currency)
    return {
        name: (totals.get(code) or Decimal(0)).quantize(unit)
        for name, code in (("incoming", 1), ("committed", 2), ("disbursed", 3), ("spent", 4))
    }


def desk(*, actor: User) -> dict[str, Any]:
    """What awaits the user: programmes of their party waiting for a lifecycle step,
    keys proposed but not decided, their party's arrears, open support requests of
    others they may offer to."""
    from accord.programmes.selectors.support import support_request_list

    party = party_of(actor)
    visible = programme_list(actor=actor)
    if party is None:
        return {"waiting": [], "proposed_keys": [], "arrears": [], "requests": []}
    waiting = list(
        visible.filter(owner=party).exclude(stage__in=("closed", "rejected")).order_by("id")[:10]
    )
    proposed = list(
        CostShareKey.objects.filter(programme__in=visible.filter(owner=party), status="proposed")
        .select_related("programme")
        .order_by("id")[:10]
    )
    arrears = []
    for programme in visible.filter(assessments__parts__party=party).distinct()[:10]:
        for row in statement(programme):
            if row.party.pk == party.pk and row.arrears > 0:
                arrears.append((programme, row.arrears))
    requests = list(
        support_request_list(actor=actor).exclude(owner=party).filter(status="open")[:10]
    )
    return {
        "waiting": waiting,
        "proposed_keys": proposed,
        "arrears": arrears,
        "requests": requests,
    }


def what_if(programme: Programme, proposed: dict[Any, Decimal]) -> list[tuple[Any, ...]]:
    """Per party: (party, its part of the latest budget under the key in force today,
    under the proposed shares, the change). Refuses shares not summing to 100 %."""
    from accord.core.errors import ValidationFailed

    budget = programme.budgets.order_by("-revision").first()
    total = budget_total(budget) if budget is not None else Decimal(0)
    key = key_in_force(programme, dt.date.today())
    current = {share.party: share.percent for share in key.shares.all()} if key else {}
    try:
        rows = money.what_if(total, current, proposed, money.unit_of(programme.currency))
    except money.MoneyError:
        raise ValidationFailed.single(
            "shares", _("The shares must be positive and sum to exactly 100 %.")
        ) from None
    return [(party, *values) for party, values in sorted(rows.items(), key=lambda r: r[0].code)]
