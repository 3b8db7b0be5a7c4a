"""Exact money arithmetic: cost-share keys, apportioning an assessment, arrears and
their ageing, conversion at the value date. Decimals only, never binary floating point.

**Rounding rule** (an assessment's parts always add up to its total): each party's exact
part `total x percent / 100` is cut down to the currency's smallest unit (a kopeck, a
tiyn); the units left over are handed out one each to the parties with the largest cut-off
remainders, ties broken by the order of the keys as given (sorted party codes in
practice). So every part differs from its exact value by less than one unit, and the
parts sum to the total exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

HUNDRED = Decimal(100)
# The smallest unit of the currencies whose minor unit is not a hundredth (ISO 4217).
MINOR_UNITS = {"JPY": 0, "KRW": 0, "KWD": 3, "BHD": 3, "OMR": 3}


class MoneyError(ValueError):
    """Arithmetic refused: the reason is in the message (translated by the caller)."""


def unit_of(currency: str) -> Decimal:
    """The smallest unit of `currency` (0.01 unless ISO 4217 says otherwise)."""
    return Decimal(1).scaleb(-MINOR_UNITS.get(currency.upper(), 2))


def shares_total(shares: Mapping[K, Decimal]) -> Decimal:
    return sum(shares.values(), Decimal(0))


def check_shares(shares: Mapping[K, Decimal]) -> None:
    """A key's shares: at least one party, each share positive, summing to exactly 100."""
    if not shares:
        raise MoneyError("A key needs at least one share.")
    for value in shares.values():
        if not isinstance(value, Decimal):
            raise MoneyError("Shares are exact decimals.")
        if value <= 0:
            raise MoneyError("Every share is positive.")
    if shares_total(shares) != HUNDRED:
        raise MoneyError("The shares sum to exactly 100 %.")


def apportion(total: Decimal, shares: Mapping[K, Decimal], unit: Decimal) -> dict[K, Decimal]:
    """Split `total` by `shares` (percent, summing to 100) into parts in whole `unit`s,
    by the largest-remainder rule above. The parts sum to `total` exactly."""
    check_shares(shares)
    if total < 0:
        raise MoneyError("An assessment's total is not negative.")
    if total != total.quantize(unit):
        raise MoneyError("The total is in whole units of its currency.")
    keys = list(shares)
    exact = {k: total * shares[k] / HUNDRED for k in keys}
    parts = {k: (exact[k] / unit).to_integral_value(ROUND_DOWN) * unit for k in keys}
    left = int((total - sum(parts.values(), Decimal(0))) / unit)
    by_remainder = sorted(range(len(keys)), key=lambda i: (-(exact[keys[i]] - parts[keys[i]]), i))
    for i in by_remainder[:left]:
        parts[keys[i]] += unit
    return {k: parts[k].quantize(unit) for k in keys}


@dataclass(frozen=True)
class Call:
    """One party's assessed amount, due on a date."""

    amount: Decimal
    due: dt.date


AGEING_BUCKETS: tuple[tuple[int, int | None], ...] = ((0, 90), (91, 180), (181, 365), (366, None))


@dataclass(frozen=True)
class PartyBalance:
    assessed: Decimal
    paid: Decimal
    balance: Decimal  # assessed - paid (negative: paid ahead)
    arrears: Decimal  # what is overdue and unpaid on the day
    ageing: tuple[Decimal, ...]  # arrears by AGEING_BUCKETS (days overdue)


def balance(calls: Iterable[Call], paid: Decimal, as_of: dt.date) -> PartyBalance:
    """A party's balance on `as_of`: payments settle the oldest calls first; a call not
    settled and past its due date is in arrears, aged by the days since it fell due.
    Computed only: nothing here moves an amount to another party (only a recorded
    decision, i.e. a new key, does)."""
    ordered = sorted(calls, key=lambda c: c.due)
    assessed = sum((c.amount for c in ordered), Decimal(0))
    left = paid
    ageing = [Decimal(0)] * len(AGEING_BUCKETS)
    arrears = Decimal(0)
    for call in ordered:
        settled = min(left, call.amount) if left > 0 else Decimal(0)
        left -= settled
        unpaid = call.amount - settled
        if unpaid > 0 and call.due < as_of:
            arrears += unpaid
            days = (as_of - call.due).days
            for i, (low, high) in enumerate(AGEING_BUCKETS):
                if days >= low and (high is None or days <= high):
                    ageing[i] += unpaid
                    break
    return PartyBalance(assessed, paid, assessed - paid, arrears, tuple(ageing))


def what_if(
    total: Decimal, current: Mapping[K, Decimal], proposed: Mapping[K, Decimal], unit: Decimal
) -> dict[K, tuple[Decimal, Decimal, Decimal]]:
    """Per party: (its part under the current key, under the proposed one, the change),
    for a budget `total`. A party missing from one key has 0 there."""
    now = apportion(total, current, unit) if current else {}
    then = apportion(total, proposed, unit)
    parties = list(dict.fromkeys([*now, *then]))
    zero = Decimal(0).quantize(unit)
    return {
        p: (now.get(p, zero), then.get(p, zero), then.get(p, zero) - now.get(p, zero))
        for p in parties
    }


def rate_on(rates: Sequence[tuple[dt.date, Decimal]], value_date: dt.date) -> Decimal:
    """The rate in force on `value_date`: the latest row dated on or before it."""
    candidates = [(day, rate) for day, rate in rates if day <= value_date]
    if not candidates:
        raise MoneyError("No rate on or before the value date.")
    return max(candidates, key=lambda row: row[0])[1]


def convert(amount: Decimal, rate: Decimal, unit: Decimal) -> Decimal:
    """`amount` times `rate`, to the target currency's unit (half to even)."""
    return (amount * rate).quantize(unit, rounding=ROUND_HALF_EVEN)
