"""The arithmetic of the conformity matrix, as pure functions (no ORM, no HTTP).

A state's column over a model act's provisions is a mapping `eid -> Entry`; a provision
with no entry is UNKNOWN. Nothing is ever inferred: unknown counts as not transposed.

- `as_at(entry, day)`: what the entry says on `day`. A transposing status counts as in
  force only once both dates are known and reached; enacted but not yet in force is
  ENACTED_NOT_IN_FORCE; not yet enacted (or no date given) is NOT_YET_ENACTED.
- `rollup(column, eids)`: counts per status; *applicable* provisions are those not marked
  NOT_APPLICABLE; the state transposed the act **fully** when it has at least one
  applicable provision and every applicable one is TRANSPOSED or WITH_CHANGES; **at least
  partially** when one applicable provision is TRANSPOSED, WITH_CHANGES or PARTIALLY.
  `share` is the exact fraction of applicable provisions transposed (fully or with
  changes).
- `rollup_as_at(column, eids, day)`: the same, counting only what is in force on `day`.
- `act_rollup(columns, eids)`: per model act, how many states fully / at least partially.
- `uptake_timeline(columns, eids)`: for each date something entered into force, how many
  states were fully / at least partially in force on that date.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

TRANSPOSED = "transposed"
WITH_CHANGES = "with_changes"
PARTIALLY = "partially"
NOT_TRANSPOSED = "not_transposed"
NOT_APPLICABLE = "not_applicable"
UNKNOWN = "unknown"
STATUSES = (TRANSPOSED, WITH_CHANGES, PARTIALLY, NOT_TRANSPOSED, NOT_APPLICABLE, UNKNOWN)
FULL = frozenset({TRANSPOSED, WITH_CHANGES})
SOME = frozenset({TRANSPOSED, WITH_CHANGES, PARTIALLY})

# What an entry says on a given day.
IN_FORCE = "in_force"
ENACTED_NOT_IN_FORCE = "enacted_not_in_force"
NOT_YET_ENACTED = "not_yet_enacted"


@dataclass(frozen=True)
class Entry:
    status: str = UNKNOWN
    enacted_on: dt.date | None = None
    in_force_on: dt.date | None = None


@dataclass(frozen=True)
class Rollup:
    counts: Mapping[str, int] = field(default_factory=dict)
    applicable: int = 0
    fully: bool = False
    at_least_partially: bool = False
    share: Fraction = Fraction(0)


def as_at(entry: Entry, day: dt.date) -> str:
    """The entry on `day`: its status when it does not transpose; otherwise IN_FORCE,
    ENACTED_NOT_IN_FORCE or NOT_YET_ENACTED (a missing date is never assumed reached)."""
    if entry.status not in SOME:
        return entry.status
    if entry.enacted_on is None or entry.enacted_on > day:
        return NOT_YET_ENACTED
    if entry.in_force_on is None or entry.in_force_on > day:
        return ENACTED_NOT_IN_FORCE
    return IN_FORCE


def _statuses(column: Mapping[str, Entry], eids: Iterable[str]) -> list[str]:
    return [column[eid].status if eid in column else UNKNOWN for eid in eids]


def _rollup(statuses: list[str]) -> Rollup:
    counts = Counter(statuses)
    applicable = len(statuses) - counts[NOT_APPLICABLE]
    full = sum(counts[s] for s in FULL)
    some = sum(counts[s] for s in SOME)
    return Rollup(
        counts={s: counts[s] for s in STATUSES},
        applicable=applicable,
        fully=applicable > 0 and full == applicable,
        at_least_partially=some > 0,
        share=Fraction(full, applicable) if applicable else Fraction(0),
    )


def rollup(column: Mapping[str, Entry], eids: Iterable[str]) -> Rollup:
    """The column's roll-up over the provisions `eids` as recorded (dates aside)."""
    return _rollup(_statuses(column, eids))


def rollup_as_at(column: Mapping[str, Entry], eids: Iterable[str], day: dt.date) -> Rollup:
    """The roll-up counting a transposition only where it is in force on `day`: one
    enacted but not in force, or not yet enacted, counts as not transposed."""
    statuses = []
    for eid in eids:
        entry = column.get(eid, Entry())
        now = as_at(entry, day)
        statuses.append(
            entry.status if now == IN_FORCE else (now if now in STATUSES else NOT_TRANSPOSED)
        )
    return _rollup(statuses)


@dataclass(frozen=True)
class ActRollup:
    states: int
    fully: int
    at_least_partially: int


def act_rollup(rollups: Iterable[Rollup]) -> ActRollup:
    """How many of the states (one roll-up each) took up the act fully, at least partly."""
    items = list(rollups)
    return ActRollup(
        states=len(items),
        fully=sum(1 for r in items if r.fully),
        at_least_partially=sum(1 for r in items if r.at_least_partially),
    )


def in_force_from(entry: Entry) -> dt.date | None:
    """The first day `as_at(entry, day)` is IN_FORCE (None: never, on what is recorded)."""
    if entry.status not in SOME or entry.enacted_on is None or entry.in_force_on is None:
        return None
    return max(entry.enacted_on, entry.in_force_on)


def _from_dates(column: Mapping[str, Entry], eids: list[str]) -> tuple[Any, Any]:
    """When the column becomes fully / at least partially in force (None: never). As at
    a day, an applicable provision counts only from its `in_force_from`; the set of
    applicable provisions does not change with the day."""
    entries = [column.get(eid, Entry()) for eid in eids]
    applicable = [e for e in entries if e.status != NOT_APPLICABLE]
    fully = None
    if applicable and all(e.status in FULL for e in applicable):
        starts = [in_force_from(e) for e in applicable]
        fully = None if None in starts else max(d for d in starts if d is not None)
    partial_starts = [d for e in applicable if (d := in_force_from(e)) is not None]
    return fully, (min(partial_starts) if partial_starts else None)


def uptake_timeline(
    columns: Mapping[str, Mapping[str, Entry]], eids: Iterable[str]
) -> list[tuple[dt.date, ActRollup]]:
    """For each date on which a provision entered into force, the act's roll-up in force
    on that date (sorted by date): what `act_rollup(rollup_as_at(...))` gives on each of
    those dates, computed from each state's two starting dates (linear in the cells)."""
    eids = list(eids)
    days = sorted(
        {
            entry.in_force_on
            for column in columns.values()
            for entry in column.values()
            if entry.in_force_on is not None
        }
    )
    starts = [_from_dates(column, eids) for column in columns.values()]
    return [
        (
            day,
            ActRollup(
                states=len(starts),
                fully=sum(1 for f, _p in starts if f is not None and f <= day),
                at_least_partially=sum(1 for _f, p in starts if p is not None and p <= day),
            ),
        )
        for day in days
    ]
