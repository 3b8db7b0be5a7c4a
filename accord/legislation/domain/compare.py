"""Comparison of two versions of a model act, provision by provision through the stable
ids: what was added, removed, changed, or kept (a pure function)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"


@dataclass(frozen=True)
class Difference:
    eid: str
    change: str
    old: str | None
    new: str | None


def compare(
    old: Mapping[str, str], new: Mapping[str, str], order: list[str] | None = None
) -> list[Difference]:
    """`old` and `new` map a provision's id to its text. The result lists every id of
    either, in `order` when given (ids missing from it follow, sorted)."""
    eids = list(order or [])
    eids += sorted((set(old) | set(new)) - set(eids))
    out = []
    for eid in eids:
        if eid not in old and eid not in new:
            continue
        a, b = old.get(eid), new.get(eid)
        change = ADDED if a is None else REMOVED if b is None else SAME if a == b else CHANGED
        out.append(Difference(eid, change, a, b))
    return out
