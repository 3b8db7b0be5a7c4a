"""Serial reconciliation of an acceptance inspection: pure, no ORM.

Given the serials the delivery lines declare, the serials received and those of them found
damaged, every serial falls in exactly one of:

- matched: declared and received undamaged;
- damaged: declared, received and damaged;
- missing: declared, not received;
- extra: received, not declared (a damaged extra is still extra).

Serials are compared folded (surrounding blanks dropped, case ignored), as an inspector
reading a plate would compare them; each list comes back sorted, without repeats. Runs in
linear time (sets), so a 50,000-serial consignment reconciles in well under a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def fold(serial: str) -> str:
    return str(serial).strip().upper()


@dataclass(frozen=True)
class Reconciliation:
    matched: list[str]
    missing: list[str]
    extra: list[str]
    damaged: list[str]

    @property
    def clean(self) -> bool:
        """Everything declared arrived undamaged and nothing else came."""
        return not (self.missing or self.extra or self.damaged)

    def as_dict(self) -> dict[str, list[str]]:
        return {
            "matched": self.matched,
            "missing": self.missing,
            "extra": self.extra,
            "damaged": self.damaged,
        }


def reconcile(
    declared: Iterable[str], received: Iterable[str], damaged: Iterable[str] = ()
) -> Reconciliation:
    expected = {fold(s) for s in declared if fold(s)}
    got = {fold(s) for s in received if fold(s)}
    broken = {fold(s) for s in damaged if fold(s)} & got
    present = expected & got
    return Reconciliation(
        matched=sorted(present - broken),
        missing=sorted(expected - got),
        extra=sorted(got - expected),
        damaged=sorted(present & broken),
    )
