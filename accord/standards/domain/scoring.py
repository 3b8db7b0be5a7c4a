"""How a facility assessment is scored. Pure functions over plain values, no database.

The formula
-----------
Each answered requirement contributes its **weight** (by normative level) and its
**implementation value** (by status):

    weight:  shall = 3,  should = 2,  may = 1
    value:   implemented = 1,  partly implemented = 0.5,  not implemented = 0
    not applicable: left out entirely (neither its weight nor its value counts)

    score = 100 × Σ(weight × value) / Σ(weight)      over the applicable requirements

rounded half-up to two decimals. So a missing "shall" costs three times a missing "may",
and declaring a requirement not applicable (which needs a justification) neither helps
nor hurts. When every requirement is not applicable there is nothing to score and the
score is None ("not scored").

Maturity (0–5) is reported beside the score (average over applicable requirements) but
does not enter it: the score answers "is it in place", maturity "how well it is run".

The same formula gives a section's score over the requirements of that section.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

WEIGHTS: dict[str, int] = {"shall": 3, "should": 2, "may": 1}
VALUES: dict[str, Decimal] = {
    "implemented": Decimal(1),
    "partly": Decimal("0.5"),
    "not_implemented": Decimal(0),
}
NOT_APPLICABLE = "not_applicable"
GAP_STATUSES = ("partly", "not_implemented")
_CENTS = Decimal("0.01")


@dataclass(frozen=True)
class Scored:
    """One answer as the formula sees it."""

    level: str  # shall / should / may
    status: str  # implemented / partly / not_implemented / not_applicable
    maturity: int = 0


@dataclass
class Summary:
    """Score and counts over a set of answers (a whole assessment, or one section)."""

    score: Decimal | None
    answered: int
    counts: dict[str, int] = field(default_factory=dict)
    average_maturity: Decimal | None = None

    @property
    def gaps(self) -> int:
        return sum(self.counts.get(status, 0) for status in GAP_STATUSES)


def weight(level: str) -> int:
    """The weight of a normative level; an unknown level counts as "may"."""
    return WEIGHTS.get(level, 1)


def score(answers: Iterable[Scored]) -> Decimal | None:
    """The weighted score of `answers` in percent, or None when none is applicable."""
    earned = Decimal(0)
    possible = 0
    for answer in answers:
        if answer.status == NOT_APPLICABLE:
            continue
        w = weight(answer.level)
        earned += w * VALUES.get(answer.status, Decimal(0))
        possible += w
    if possible == 0:
        return None
    return (Decimal(100) * earned / possible).quantize(_CENTS, rounding=ROUND_HALF_UP)


def summarise(answers: Iterable[Scored]) -> Summary:
    """Score, counts by status and average maturity (applicable answers only)."""
    items = list(answers)
    counts: dict[str, int] = {}
    for answer in items:
        counts[answer.status] = counts.get(answer.status, 0) + 1
    applicable = [a for a in items if a.status != NOT_APPLICABLE]
    maturity = (
        (Decimal(sum(a.maturity for a in applicable)) / len(applicable)).quantize(
            _CENTS, rounding=ROUND_HALF_UP
        )
        if applicable
        else None
    )
    return Summary(
        score=score(items), answered=len(items), counts=counts, average_maturity=maturity
    )


def progress(answered: int, total: int) -> int:
    """Share of requirements answered, in whole percent (100 only when all are)."""
    if total <= 0:
        return 100
    if answered >= total:
        return 100
    return min(99, int(100 * answered / total))
