"""Reading programmes: always through `visible_to(actor)`; a hidden one is a 404. The
rows under a programme (keys, budgets, contributions...) are read through it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
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
    return statements([programme], as_of)[programme.pk]


def statements(
    programmes: Iterable[Programme], as_of: dt.date | None = None
) -> dict[int, list[StatementRow]]:
    """`statement` for many programmes (already read through `visible_to`) in two
    aggregate queries: the calls for contributions per programme and party, and the sums
    paid per programme, party and kind up to `as_of`."""
    day = as_of or dt.date.today()
    by_pk = {p.pk: p for p in programmes}
    calls: dict[tuple[int, int], list[money.Call]] = defaultdict(list)
    for programme_id, party_id, amount, due in AssessmentPart.objects.filter(
        assessment__programme__in=list(by_pk)
    ).values_list("assessment__programme", "party", "amount", "assessment__due_date"):
        calls[(programme_id, party_id)].append(money.Call(amount, due))
    paid: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(dict)
    for programme_id, party_id, kind, total in (
        Contribution.objects.filter(programme__in=list(by_pk), value_date__lte=day)
        .values_list("programme", "party", "kind")
        .annotate(total=Sum("converted"))
    ):
        paid[(programme_id, party_id)][kind] = total or Decimal(0)
    parties = Party.objects.in_bulk({party_id for _pk, party_id in [*calls, *paid]})
    result: dict[int, list[StatementRow]] = {pk: [] for pk in by_pk}
    zero = Decimal(0)
    for programme_id, party_id in sorted(
        set(calls) | set(paid), key=lambda k: (k[0], parties[k[1]].code)
    ):
        unit = money.unit_of(by_pk[programme_id].currency)
        sums = paid.get((programme_id, party_id), {})
        cash, kind = sums.get("cash", zero), sums.get("in_kind", zero)
        figures = money.balance(calls.get((programme_id, party_id), []), cash + kind, day)
        result[programme_id].append(
            StatementRow(
                parties[party_id],
                figures.assessed.quantize(unit),
                cash.quantize(unit),
                kind.quantize(unit),
                figures.balance.quantize(unit),
                figures.arrears.quantize(unit),
                tuple(value.quantize(unit) for value in figures.ageing),
            )
        )
    return result


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
