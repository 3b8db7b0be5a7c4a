"""Cost detail and aggregates: budget vs actual per budget line, planned vs actual
disbursements, and the Council's aggregate figures with small-count suppression.

Budget vs actual reads the latest budget revision: each line's actual is the sum of the
disbursements and expenditure (IATI types 3 and 4) of the line's cost category whose
value date falls in the line's period, in the programme's currency as stored at the
value date. What no line covers is shown on its own row, never spread over the lines.

The Council's aggregates count programmes a member state's reader may not see in detail
(any release, at or below the reader's clearance), grouped by stage and currency; a group of
fewer than `SMALL_COUNT` programmes shows neither its count nor its sums, so that no
single programme's figures can be read from an aggregate.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import OuterRef, Subquery, Sum

from accord.core.access import party_of
from accord.core.models import Party
from accord.programmes.domain import money
from accord.programmes.models import (
    AssessmentPart,
    Budget,
    BudgetLine,
    Contribution,
    FinancialTransaction,
    PlannedDisbursement,
    Programme,
    Stage,
    TransactionType,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

SMALL_COUNT = 3
SPENT = (TransactionType.DISBURSEMENT, TransactionType.EXPENDITURE)


@dataclass(frozen=True)
class BudgetVsActual:
    category: str
    category_label: Any
    period_start: dt.date | None
    period_end: dt.date | None
    budgeted: Decimal
    actual: Decimal
    variance: Decimal
    used_percent: Decimal | None


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole == 0:
        return None
    """Percent to one decimal, halves rounded up (45.05 % shows as 45.1 %)."""
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def budget_vs_actual(programme: Programme) -> list[BudgetVsActual]:
    """One row per line of the latest budget (budgeted, actual, budgeted - actual, % used)
    and, when some spending falls under no line, a last row with that spending."""
    unit = money.unit_of(programme.currency)
    labels = dict(BudgetLine.Category.choices)
    budget = programme.budgets.order_by("-revision").first()
    lines = list(budget.lines.order_by("period_start", "category", "id")) if budget else []
    spent = list(
        FinancialTransaction.objects.filter(programme=programme, type__in=SPENT).values_list(
            "category", "value_date", "converted"
        )
    )
    used = [False] * len(spent)
    rows = []
    for line in lines:
        actual = Decimal(0)
        for index, (category, day, amount) in enumerate(spent):
            if (
                not used[index]
                and category == line.category
                and line.period_start <= day <= line.period_end
            ):
                actual += amount
                used[index] = True
        rows.append(
            BudgetVsActual(
                line.category,
                labels.get(line.category, line.category),
                line.period_start,
                line.period_end,
                line.amount.quantize(unit),
                actual.quantize(unit),
                (line.amount - actual).quantize(unit),
                _percent(actual, line.amount),
            )
        )
    rest = sum(
        (amount for (_c, _d, amount), u in zip(spent, used, strict=True) if not u), Decimal(0)
    )
    if rest:
        rows.append(
            BudgetVsActual(
                "",
                None,
                None,
                None,
                Decimal(0).quantize(unit),
                rest.quantize(unit),
                (-rest).quantize(unit),
                None,
            )
        )
    return rows


@dataclass(frozen=True)
class PlannedVsDisbursed:
    planned: PlannedDisbursement
    disbursed: Decimal
    difference: Decimal


def planned_vs_disbursed(programme: Programme) -> list[PlannedVsDisbursed]:
    """Each planned disbursement with what was disbursed (type 3) in its period."""
    unit = money.unit_of(programme.currency)
    paid = list(
        FinancialTransaction.objects.filter(
            programme=programme, type=TransactionType.DISBURSEMENT
        ).values_list("value_date", "converted")
    )
    rows = []
    for plan in programme.planned_disbursements.select_related("provider", "receiver").order_by(
        "period_start", "id"
    ):
        done = sum(
            (amount for day, amount in paid if plan.period_start <= day <= plan.period_end),
            Decimal(0),
        )
        rows.append(
            PlannedVsDisbursed(plan, done.quantize(unit), (plan.converted - done).quantize(unit))
        )
    return rows


@dataclass(frozen=True)
class AggregateRow:
    stage: str
    stage_label: Any
    currency: str
    programmes: int | None
    budget: Decimal | None
    assessed: Decimal | None
    contributed: Decimal | None
    suppressed: bool


def council_aggregates(*, actor: User) -> list[AggregateRow]:
    """Programmes of every party at or below the reader's clearance, by stage and
    currency: how many, their latest budgets, what was assessed and contributed. A group
    of fewer than `SMALL_COUNT` programmes is suppressed (count and sums withheld). The
    Council's aggregates are for member states (the Secretariat among them): a reader of
    an observer party aggregates only what it sees; a reader without a party, nothing."""
    party = party_of(actor)
    if party is None:
        return []
    if party.standing == Party.Standing.MEMBER:
        scope = Programme.objects.filter(classification__lte=int(actor.clearance))
    else:
        scope = Programme.objects.visible_to(actor)
    latest = Budget.objects.filter(programme=OuterRef("budget__programme")).order_by("-revision")
    budget_rows = (
        BudgetLine.objects.filter(
            budget__programme__in=scope, budget=Subquery(latest.values("pk")[:1])
        )
        .values_list("budget__programme")
        .annotate(total=Sum("amount"))
    )
    budgets = dict(budget_rows)
    assessed = dict(
        AssessmentPart.objects.filter(assessment__programme__in=scope)
        .values_list("assessment__programme")
        .annotate(total=Sum("amount"))
    )
    contributed = dict(
        Contribution.objects.filter(programme__in=scope)
        .values_list("programme")
        .annotate(total=Sum("converted"))
    )
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pk, stage, currency in scope.values_list("pk", "stage", "currency"):
        groups[(stage, currency)].append(pk)
    labels = dict(Stage.choices)
    order = {value: index for index, value in enumerate(Stage.values)}
    zero = Decimal(0)
    rows = []
    for (stage, currency), pks in sorted(
        groups.items(), key=lambda item: (order.get(item[0][0], 99), item[0][1])
    ):
        if len(pks) < SMALL_COUNT:
            rows.append(
                AggregateRow(
                    stage, labels.get(stage, stage), currency, None, None, None, None, True
                )
            )
            continue
        unit = money.unit_of(currency)
        rows.append(
            AggregateRow(
                stage,
                labels.get(stage, stage),
                currency,
                len(pks),
                sum((budgets.get(pk) or zero for pk in pks), zero).quantize(unit),
                sum((assessed.get(pk) or zero for pk in pks), zero).quantize(unit),
                sum((contributed.get(pk) or zero for pk in pks), zero).quantize(unit),
                False,
            )
        )
    return rows


__all__ = [
    "SMALL_COUNT",
    "AggregateRow",
    "BudgetVsActual",
    "PlannedVsDisbursed",
    "budget_vs_actual",
    "council_aggregates",
    "planned_vs_disbursed",
]
