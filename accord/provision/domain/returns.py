"""The rows of the annual returns, as pure functions over delivery facts.

UNROCA: a state reports exports and imports only where title changed between states
(a contingent-owned or loaned item that stays the supplier's property is no transfer).
Rows are aggregated by (direction, counterpart state, category) in the Register's column
order: A. exporter/importer state, B. category (I-VII, then SALW), C. number of items,
D. state of origin (if not exporter), E. intermediate location, F. description, G. comments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

CATEGORY_ORDER = ["I", "II", "III", "IV", "V", "VI", "VII", "SA", "LW"]

UNROCA_COLUMNS = (
    "direction",
    "counterpart",
    "category",
    "quantity",
    "origin",
    "intermediate",
    "description",
    "comments",
)


@dataclass(frozen=True)
class DeliveryFact:
    """One delivered line, as a return sees it."""

    supplier: str  # state code
    title_from: str  # who held title before
    title_to: str  # who holds title after delivery
    category: str
    quantity: int
    description: str
    year: int
    value: str = ""
    currency: str = ""
    withheld: bool = False


def title_changed_between_states(fact: DeliveryFact, states: set[str]) -> bool:
    return (
        fact.title_from != fact.title_to and fact.title_from in states and fact.title_to in states
    )


def unroca_rows(
    facts: Iterable[DeliveryFact], *, party: str, year: int, states: set[str]
) -> list[dict[str, object]]:
    totals: dict[tuple[str, str, str], dict[str, object]] = {}
    for fact in facts:
        if fact.year != year or not title_changed_between_states(fact, states):
            continue
        if fact.title_from == party:
            key = ("export", fact.title_to, fact.category)
        elif fact.title_to == party:
            key = ("import", fact.title_from, fact.category)
        else:
            continue
        row = totals.setdefault(
            key,
            {
                "direction": key[0],
                "counterpart": key[1],
                "category": key[2],
                "quantity": 0,
                "origin": "",
                "intermediate": "",
                "description": [],
                "comments": "",
            },
        )
        row["quantity"] = int(row["quantity"]) + fact.quantity  # type: ignore[call-overload]
        descriptions = row["description"]
        assert isinstance(descriptions, list)
        if fact.description not in descriptions:
            descriptions.append(fact.description)
    rows = []
    for key in sorted(
        totals,
        key=lambda k: (k[0], k[1], CATEGORY_ORDER.index(k[2]) if k[2] in CATEGORY_ORDER else 99),
    ):
        row = dict(totals[key])
        row["description"] = "; ".join(row["description"])  # type: ignore[arg-type]
        rows.append(row)
    return rows


def att_rows(
    facts: Iterable[DeliveryFact], *, party: str, year: int
) -> tuple[list[dict[str, object]], int]:
    """The ATT report's exports and imports (any transfer across a border of `party`, as
    actual transfers); rows flagged withheld are left out and only counted."""
    shown: list[dict[str, object]] = []
    withheld = 0
    for fact in facts:
        if fact.year != year or party not in (fact.supplier, fact.title_to):
            continue
        if fact.supplier == fact.title_to:
            continue
        if fact.withheld:
            withheld += 1
            continue
        direction = "export" if fact.supplier == party else "import"
        counterpart = fact.title_to if direction == "export" else fact.supplier
        shown.append(
            {
                "direction": direction,
                "counterpart": counterpart,
                "category": fact.category,
                "quantity": fact.quantity,
                "value": fact.value,
                "currency": fact.currency,
                "description": fact.description,
            }
        )
    shown.sort(key=lambda r: (str(r["direction"]), str(r["counterpart"]), str(r["category"])))
    return shown, withheld
