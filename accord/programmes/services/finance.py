"""Writing the money of a programme: cost-share keys (proposed, then decided), budget
revisions, assessments, contributions, transactions and the rates table.

Amounts are Decimals in their own currency. A contribution or transaction in another
currency is converted into the programme's at the rate in force on its value date, and
the converted figure is stored with the rate: a later change of the rates table never
alters it. Arrears are computed (`selectors.finance.statement`), never redistributed:
only a new key, resting on a recorded decision, changes another party's share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.audit import record_event, snapshot
from accord.core.errors import Conflict, ValidationFailed
from accord.core.guards import require, require_seen
from accord.core.models import Party
from accord.core.validation import full_clean
from accord.programmes.domain import money
from accord.programmes.models import (
    Assessment,
    AssessmentPart,
    Budget,
    BudgetLine,
    Contribution,
    CostShare,
    CostShareKey,
    ExchangeRate,
    FinancialTransaction,
    PlannedDisbursement,
    Programme,
    TransactionType,
)
from accord.programmes.permissions import can_contribute, can_finance, can_keep_rates
from accord.programmes.selectors.programmes import budget_total, key_in_force

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def _decimal(value: Any, field: str) -> Decimal:
    """An exact decimal from the input (binary floating-point input is refused: it is not exact)."""
    if isinstance(value, float):  # float-ok: refusing it
        raise ValidationFailed.single(field, _("Give an exact decimal amount."))
    try:
        result = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationFailed.single(field, _("Give a decimal amount.")) from None
    if not result.is_finite():
        raise ValidationFailed.single(field, _("Give a decimal amount."))
    return result


def _amount(value: Any, field: str, currency: str, *, positive: bool = True) -> Decimal:
    amount = _decimal(value, field)
    unit = money.unit_of(currency)
    if amount != amount.quantize(unit):
        raise ValidationFailed.single(field, _("Give the amount in whole units of its currency."))
    if positive and amount <= 0:
        raise ValidationFailed.single(field, _("Give an amount above zero."))
    return amount.quantize(unit)


# --- Cost-share keys -------------------------------------------------------------------------


@transaction.atomic
def key_propose(
    *,
    actor: User,
    programme: Programme,
    basis: str,
    effective_from: dt.date,
    shares: Mapping[Party, Any],
    caps: Mapping[Party, Any] | None = None,
    indicator: str = "",
) -> CostShareKey:
    """Propose a new key: shares per party summing to exactly 100 %."""
    require_seen(actor, programme)
    require(can_finance(actor, programme))
    exact = {party: _decimal(value, "shares") for party, value in shares.items()}
    try:
        money.check_shares(exact)
    except money.MoneyError:
        raise ValidationFailed.single(
            "shares", _("The shares must be positive and sum to exactly 100 %.")
        ) from None
    if basis == CostShareKey.Basis.PARTICIPANTS:
        taking_part = set(programme.participations.values_list("party_id", flat=True))
        if any(party.pk not in taking_part for party in exact):
            raise ValidationFailed.single(
                "shares", _("A participants-only key shares among participants only.")
            )
    if basis == CostShareKey.Basis.INDICATOR and not indicator.strip():
        raise ValidationFailed.single("indicator", _("Name the published indicator."))
    number = (programme.keys.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    key = CostShareKey(
        programme=programme,
        number=number,
        basis=basis,
        effective_from=effective_from,
        indicator=indicator,
    )
    full_clean(key, exclude=["programme"])
    key.save()
    for party, percent in exact.items():
        cap = (caps or {}).get(party)
        CostShare.objects.create(
            key=key,
            party=party,
            percent=percent,
            cap=None if cap in (None, "") else _amount(cap, "caps", programme.currency),
        )
    record_event(
        actor=actor,
        action="programmes.key.propose",
        obj=programme,
        after={
            "key": number,
            "basis": basis,
            "from": effective_from,
            "shares": {p.code: str(v) for p, v in exact.items()},
        },
    )
    return key


@transaction.atomic
def key_decide(*, actor: User, key: CostShareKey, decision_reference: str) -> CostShareKey:
    """Put a proposed key in force from its date, on the decision it rests on. The key in
    force before it ends the day before; it stays in force for its own period."""
    programme = key.programme
    require_seen(actor, programme)
    require(can_finance(actor, programme))
    key = CostShareKey.objects.select_for_update().get(pk=key.pk)
    if key.status != CostShareKey.Status.PROPOSED:
        raise Conflict(_("This key is already decided."))
    if not decision_reference.strip():
        raise ValidationFailed.single("decision_reference", _("This field is required."))
    later = programme.keys.filter(status="decided", effective_from__gte=key.effective_from)
    if later.exists():
        raise Conflict(_("A decided key already starts on or after this date."))
    earlier = (
        programme.keys.filter(status="decided", effective_to__isnull=True)
        .select_for_update()
        .first()
    )
    if earlier is not None:
        earlier.effective_to = key.effective_from - dt.timedelta(days=1)
        earlier.save(update_fields=["effective_to"])
    key.status = CostShareKey.Status.DECIDED
    key.decision_reference = decision_reference.strip()
    key.save(update_fields=["status", "decision_reference"])
    record_event(
        actor=actor,
        action="programmes.key.decide",
        obj=programme,
        after={"key": key.number, "decision": key.decision_reference},
    )
    return key


# --- Budgets and assessments -----------------------------------------------------------------


@transaction.atomic
def budget_set(
    *,
    actor: User,
    programme: Programme,
    status: str,
    lines: Sequence[Mapping[str, Any]],
    reason: str = "",
) -> Budget:
    """Record a budget revision (the first is the original; later ones are revised and
    say why). Earlier revisions stay as they were."""
    require_seen(actor, programme)
    require(can_finance(actor, programme))
    if not lines:
        raise ValidationFailed.single("lines", _("A budget has at least one line."))
    revision = (
        programme.budgets.order_by("-revision").values_list("revision", flat=True).first() or 0
    ) + 1
    if revision > 1 and not reason.strip():
        raise ValidationFailed.single("reason", _("Say why the budget is revised."))
    budget = Budget(
        programme=programme,
        revision=revision,
        kind=Budget.Kind.ORIGINAL if revision == 1 else Budget.Kind.REVISED,
        status=status,
        reason=reason,
    )
    full_clean(budget, exclude=["programme"])
    budget.save()
    for line in lines:
        item = BudgetLine(  # type: ignore[misc]
            budget=budget,
            category=line.get("category", ""),
            period_start=line.get("period_start"),
            period_end=line.get("period_end"),
            amount=_amount(line.get("amount"), "lines", programme.currency),
        )
        full_clean(item, exclude=["budget"])
        if item.period_end < item.period_start:
            raise ValidationFailed.single("lines", _("A period ends before it starts."))
        item.save()
    record_event(
        actor=actor,
        action="programmes.budget.set",
        obj=programme,
        after={"revision": revision, "total": budget_total(budget)},
    )
    return budget


@transaction.atomic
def assessment_issue(
    *, actor: User, programme: Programme, due_date: dt.date, total: Any = None
) -> Assessment:
    """Call for contributions: `total` (the latest budget's total unless given) split by
    the key in force on the due date, by the largest-remainder rule of `domain.money`."""
    require_seen(actor, programme)
    require(can_finance(actor, programme))
    budget = programme.budgets.order_by("-revision").first()
    if budget is None:
        raise ValidationFailed.single("total", _("Set a budget first."))
    key = key_in_force(programme, due_date)
    if key is None:
        raise ValidationFailed.single("due_date", _("No decided key is in force on this date."))
    amount = (
        budget_total(budget) if total in (None, "") else _amount(total, "total", programme.currency)
    )
    shares = {share.party: share.percent for share in key.shares.select_related("party")}
    parts = money.apportion(amount, shares, money.unit_of(programme.currency))
    number = (
        programme.assessments.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    assessment = Assessment.objects.create(
        programme=programme, number=number, key=key, budget=budget, total=amount, due_date=due_date
    )
    AssessmentPart.objects.bulk_create(
        AssessmentPart(assessment=assessment, party=party, amount=value)
        for party, value in parts.items()
    )
    record_event(
        actor=actor,
        action="programmes.assessment.issue",
        obj=programme,
        after={
            "assessment": number,
            "key": key.number,
            "total": amount,
            "parts": {p.code: v for p, v in parts.items()},
        },
    )
    return assessment


# --- Conversion, contributions and transactions ----------------------------------------------


def rate_for(currency: str, quote: str, value_date: dt.date) -> Decimal:
    """The rates table's rate of `currency` in `quote` on `value_date` (1 for the same)."""
    if currency == quote:
        return Decimal(1)
    rows = list(
        ExchangeRate.objects.filter(
            currency=currency, quote=quote, rate_date__lte=value_date
        ).values_list("rate_date", "rate")
    )
    try:
        return money.rate_on(rows, value_date)
    except money.MoneyError:
        raise ValidationFailed.single(
            "currency", _("The rates table has no rate for this currency on the value date.")
        ) from None


def _converted(programme: Programme, amount: Decimal, currency: str, day: dt.date) -> Any:
    rate = rate_for(currency, programme.currency, day)
    return rate, money.convert(amount, rate, money.unit_of(programme.currency))


@transaction.atomic
def contribution_record(
    *,
    actor: User,
    programme: Programme,
    party: Party,
    kind: str,
    amount: Any,
    currency: str,
    value_date: dt.date,
    valuation_method: str = "",
    valuer: str = "",
    evidence: str = "",
    corrects: Contribution | None = None,
) -> Contribution:
    """Record a party's contribution (in kind: with valuation method, valuer, evidence)."""
    require_seen(actor, programme)
    require(can_contribute(actor, programme, party))
    currency = (currency or "").upper()
    value = _amount(amount, "amount", currency, positive=corrects is None)
    if kind == Contribution.Kind.IN_KIND:
        lacking = [
            name
            for name, given in (
                ("valuation_method", valuation_method),
                ("valuer", valuer),
                ("evidence", evidence),
            )
            if not given.strip()
        ]
        if lacking:
            raise ValidationFailed({name: [_("This field is required.")] for name in lacking})
    if corrects is not None and (
        corrects.programme_id != programme.pk or hasattr(corrects, "corrected_by")
    ):
        raise Conflict(_("This contribution cannot be corrected again."))
    rate, converted = _converted(programme, value, currency, value_date)
    contribution = Contribution(
        programme=programme,
        party=party,
        kind=kind,
        amount=value,
        currency=currency,
        value_date=value_date,
        rate=rate,
        converted=converted,
        valuation_method=valuation_method,
        valuer=valuer,
        evidence=evidence,
        corrects=corrects,
        recorded_by=actor,
    )
    full_clean(contribution, exclude=["programme", "recorded_by", "corrects"])
    contribution.save()
    record_event(
        actor=actor,
        action="programmes.contribution.record",
        obj=programme,
        after={**snapshot(contribution), "party": party.code},
    )
    return contribution


@transaction.atomic
def transaction_record(
    *,
    actor: User,
    programme: Programme,
    type: int,
    amount: Any,
    currency: str,
    value_date: dt.date,
    provider: Party | None = None,
    receiver: Party | None = None,
    description: str = "",
    category: str = "",
) -> FinancialTransaction:
    """Record a commitment, disbursement, expenditure or incoming funds (IATI types),
    under a budget cost category when given (for budget vs actual)."""
    require_seen(actor, programme)
    require(can_finance(actor, programme))
    if type not in TransactionType.values:
        raise ValidationFailed.single("type", _("Choose a transaction type."))
    currency = (currency or "").upper()
    value = _amount(amount, "amount", currency)
    rate, converted = _converted(programme, value, currency, value_date)
    row = FinancialTransaction(
        programme=programme,
        type=type,
        amount=value,
        currency=currency,
        value_date=value_date,
        rate=rate,
        converted=converted,
        provider=provider,
        receiver=receiver,
        description=description,
        category=category or "",
    )
    full_clean(row, exclude=["programme"])
    row.save()
    record_event(
        actor=actor, action="programmes.transaction.record", obj=programme, after=snapshot(row)
    )
    return row


@transaction.atomic
def planned_disbursement_add(
    *,
    actor: User,
    programme: Programme,
    period_start: dt.date,
    period_end: dt.date,
    amount: Any,
    currency: str,
    value_date: dt.date | None = None,
    kind: str = PlannedDisbursement.Kind.ORIGINAL,
    provider: Party | None = None,
    receiver: Party | None = None,
) -> PlannedDisbursement:
    """Plan a disbursement for a period (IATI planned-disbursement), converted at its value
    date (the period's start unless given) and stored with the rate used."""
    require_seen(actor, programme)
    require(can_finance(actor, programme))
    if period_end < period_start:
        raise ValidationFailed.single("period_end", _("A period ends before it starts."))
    currency = (currency or "").upper()
    value = _amount(amount, "amount", currency)
    day = value_date or period_start
    rate, converted = _converted(programme, value, currency, day)
    row = PlannedDisbursement(
        programme=programme,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        amount=value,
        currency=currency,
        value_date=day,
        rate=rate,
        converted=converted,
        provider=provider,
        receiver=receiver,
    )
    full_clean(row, exclude=["programme"])
    row.save()
    record_event(
        actor=actor,
        action="programmes.planned_disbursement.add",
        obj=programme,
        after=snapshot(row),
    )
    return row


@transaction.atomic
def rate_set(
    *, actor: User, currency: str, quote: str, rate_date: dt.date, rate: Any
) -> ExchangeRate:
    """Enter (or correct) a row of the rates table. Figures already stored keep the rate
    they were converted at."""
    require(can_keep_rates(actor))
    value = _decimal(rate, "rate")
    if value <= 0:
        raise ValidationFailed.single("rate", _("Give a rate above zero."))
    row, created = ExchangeRate.objects.get_or_create(
        currency=currency.upper(),
        quote=quote.upper(),
        rate_date=rate_date,
        defaults={"rate": value},
    )
    before = None if created else {"rate": row.rate}
    if not created:
        row.rate = value
    full_clean(row)
    row.save()
    record_event(
        actor=actor,
        action="programmes.rate.set",
        obj=row,
        before=before,
        after={"currency": row.currency, "quote": row.quote, "date": rate_date, "rate": value},
    )
    return row


RATE_COLUMNS = ("currency", "quote", "date", "rate")


@transaction.atomic
def rates_import(*, actor: User, source: bytes, file_name: str) -> int:
    """Import rates from CSV/XLSX (columns currency, quote, date, rate): one transaction;
    a bad row rejects the file with its row number, and nothing of it is stored."""
    from accord.reports.tabular import TableError, detect_format, read_table

    require(can_keep_rates(actor))
    kind = detect_format(file_name, source[:8])
    if kind is None:
        raise ValidationFailed.single("file", _("Give a CSV or XLSX file."))
    count = 0
    number = 0
    try:
        for number, values in read_table(  # noqa: B007 - named in the error below
            source, file_format=kind, required=RATE_COLUMNS, as_text=True
        ):
            day = dt.date.fromisoformat(str(values["date"]).strip()[:10])
            rate_set(
                actor=actor,
                currency=str(values["currency"]).strip(),
                quote=str(values["quote"]).strip(),
                rate_date=day,
                rate=values["rate"],
            )
            count += 1
    except TableError as exc:
        raise ValidationFailed.single("file", str(exc)) from None
    except (ValueError, ValidationFailed):
        raise ValidationFailed.single(
            "file", _("Row %(row)s: not a valid rate.") % {"row": number}
        ) from None
    return count
