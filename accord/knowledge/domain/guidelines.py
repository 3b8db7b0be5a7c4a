"""Guideline modules in dated editions: the clause-level comparison between two editions
and the "as at a date" choice of an edition. Pure: no database.

Clauses are matched by their stable id (`key`), kept from one edition to the next, so a
clause that was renumbered is "moved" (its text unchanged) or "changed", never "removed and
added". Changed words are marked at word level; the marked text is HTML-escaped and wrapped
in `<del>`/`<ins>`, safe to render as is.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

ADDED, REMOVED, CHANGED, MOVED, UNCHANGED = "added", "removed", "changed", "moved", "unchanged"
CHANGES = (ADDED, REMOVED, CHANGED, MOVED, UNCHANGED)

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class ClauseText:
    key: str
    number: str
    heading: str
    text: str


@dataclass(frozen=True)
class ClauseChange:
    key: str
    change: str
    old: ClauseText | None
    new: ClauseText | None
    marked: SafeString

    @property
    def number(self) -> str:
        clause = self.new or self.old
        assert clause is not None
        return clause.number


def mark_words(old: str, new: str) -> SafeString:
    """`new` with the words removed from `old` in <del> and the added ones in <ins>."""
    a = _TOKENS.findall(old or "")
    b = _TOKENS.findall(new or "")
    out = SafeString()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out += escape("".join(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            out += format_html("<del>{}</del>", "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            out += format_html("<ins>{}</ins>", "".join(b[j1:j2]))
    return out


def compare_clauses(old: Sequence[ClauseText], new: Sequence[ClauseText]) -> list[ClauseChange]:
    """Every clause of `new` in its order (added, changed, moved or unchanged), each
    removed clause placed after the clause that preceded it in `old`."""
    old_by_key = {c.key: c for c in old}
    new_keys = {c.key for c in new}
    result: list[ClauseChange] = []
    position: dict[str, int] = {}
    for clause in new:
        before = old_by_key.get(clause.key)
        if before is None:
            change = ClauseChange(clause.key, ADDED, None, clause, escape(clause.text))
        elif (before.heading, before.text) != (clause.heading, clause.text):
            change = ClauseChange(
                clause.key, CHANGED, before, clause, mark_words(before.text, clause.text)
            )
        elif before.number != clause.number:
            change = ClauseChange(clause.key, MOVED, before, clause, escape(clause.text))
        else:
            change = ClauseChange(clause.key, UNCHANGED, before, clause, escape(clause.text))
        result.append(change)
        position[clause.key] = len(result) - 1
    inserts: list[tuple[int, int, ClauseChange]] = []
    anchor = -1
    for index, clause in enumerate(old):
        if clause.key in new_keys:
            anchor = position[clause.key]
            continue
        inserts.append(
            (anchor, index, ClauseChange(clause.key, REMOVED, clause, None, escape(clause.text)))
        )
    for anchor_index, _index, change in sorted(inserts, key=lambda t: (t[0], t[1]), reverse=True):
        result.insert(anchor_index + 1, change)
    return result


def summary(changes: Iterable[ClauseChange]) -> dict[str, int]:
    counts = dict.fromkeys(CHANGES, 0)
    for change in changes:
        counts[change.change] += 1
    return counts


T = TypeVar("T")


def edition_as_at(editions: Iterable[tuple[dt.date, T]], on: dt.date) -> T | None:
    """The edition in force on `on`: the latest issued on or before that day."""
    best: tuple[dt.date, T] | None = None
    for issued, edition in editions:
        if issued <= on and (best is None or issued > best[0]):
            best = (issued, edition)
    return best[1] if best else None
