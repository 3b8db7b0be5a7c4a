"""The clause-level comparison between two versions of a standard.

Clauses are matched by `uid` (kept when a version is made from a previous one), so a
clause that moved or was renumbered is "changed", not "removed and added". The changed
words are marked with difflib at word level; the marked text is HTML-escaped and wrapped
in `<del>`/`<ins>`, safe to render as is. A parameter change (a value, a unit, a class
added or removed) counts as a change.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accord.standards.models import Clause, ClauseParameter, StandardVersion

__all__ = ["ADDED", "CHANGED", "REMOVED", "UNCHANGED", "ClauseChange", "compare_versions"]

ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"

# The fields whose difference makes a clause "changed", in display order.
COMPARED_FIELDS = (
    "number",
    "kind",
    "normative_level",
    "conformity",
    "title_en",
    "title_ru",
    "text_en",
    "text_ru",
    "guidance_en",
    "guidance_ru",
    "conformity_note_en",
    "conformity_note_ru",
)
MARKED_FIELDS = ("title_en", "title_ru", "text_en", "text_ru", "guidance_en", "guidance_ru")

_TOKENS = re.compile(r"\s+|[^\s]+")


def mark_words(old: str, new: str) -> SafeString:
    """`new` with the words removed from `old` in <del> and the added ones in <ins>."""
    a = _TOKENS.findall(old or "")
    b = _TOKENS.findall(new or "")
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 — every piece above is escaped


def _parameter_key(p: ClauseParameter) -> tuple[str, str]:
    return (p.name, p.protection_class)


def parameters_of(clause: Clause | None) -> dict[tuple[str, str], tuple[str, str]]:
    """{(name, class): (value, unit)} with the value normalised (10.0000 == 10)."""
    if clause is None:
        return {}
    return {
        _parameter_key(p): (format(p.value.normalize(), "f"), p.unit)
        for p in clause.parameters.all()
    }


@dataclass
class ParameterChange:
    name: str
    protection_class: str
    old: tuple[str, str] | None
    new: tuple[str, str] | None


@dataclass
class ClauseChange:
    """One clause of either version: how it changed and the marked words."""

    uid: str
    change: str
    old: Clause | None
    new: Clause | None
    fields: list[str] = field(default_factory=list)
    marked: dict[str, SafeString] = field(default_factory=dict)
    parameters: list[ParameterChange] = field(default_factory=list)

    @property
    def clause(self) -> Clause:
        """The clause as it reads now (the old one for a removed clause)."""
        result = self.new or self.old
        assert result is not None
        return result

    @property
    def number(self) -> str:
        return self.clause.number


def _clauses(version: StandardVersion) -> list[Clause]:
    return list(
        version.clauses.select_related("parent")
        .prefetch_related(
            Prefetch(
                "parameters", queryset=ClauseParameter.objects.order_by("name", "protection_class")
            )
        )
        .order_by("order", "id")
    )


def tree_order(clauses: Iterable[Clause]) -> list[Clause]:
    """Clauses depth-first, siblings by `order` (the order of the document)."""
    children: dict[int | None, list[Clause]] = {}
    for clause in clauses:
        children.setdefault(clause.parent_id, []).append(clause)
    for siblings in children.values():
        siblings.sort(key=lambda c: (c.order, c.pk))
    result: list[Clause] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        clause = stack.pop()
        result.append(clause)
        stack.extend(reversed(children.get(clause.pk, [])))
    return result


def _compare_pair(old: Clause, new: Clause) -> ClauseChange:
    changed = [name for name in COMPARED_FIELDS if getattr(old, name) != getattr(new, name)]
    if (old.parent.uid if old.parent else None) != (new.parent.uid if new.parent else None):
        changed.append("parent")
    marked = {
        name: mark_words(getattr(old, name), getattr(new, name))
        for name in MARKED_FIELDS
        if name in changed
    }
    old_params, new_params = parameters_of(old), parameters_of(new)
    parameters = [
        ParameterChange(
            name=key[0], protection_class=key[1], old=old_params.get(key), new=new_params.get(key)
        )
        for key in sorted(set(old_params) | set(new_params))
        if old_params.get(key) != new_params.get(key)
    ]
    if parameters:
        changed.append("parameters")
    return ClauseChange(
        uid=new.uid,
        change=CHANGED if changed else UNCHANGED,
        old=old,
        new=new,
        fields=changed,
        marked=marked,
        parameters=parameters,
    )


def compare_versions(old: StandardVersion, new: StandardVersion) -> list[ClauseChange]:
    """Every clause of `new` (added, changed or unchanged) in the new document's order,
    each removed clause placed after the clause that preceded it in `old`."""
    old_clauses = tree_order(_clauses(old))
    new_clauses = tree_order(_clauses(new))
    old_by_uid = {c.uid: c for c in old_clauses}
    new_uids = {c.uid for c in new_clauses}
    result: list[ClauseChange] = []
    position: dict[str, int] = {}
    for clause in new_clauses:
        before = old_by_uid.get(clause.uid)
        if before is None:
            result.append(ClauseChange(uid=clause.uid, change=ADDED, old=None, new=clause))
        else:
            result.append(_compare_pair(before, clause))
        position[clause.uid] = len(result) - 1
    # Removed clauses: after the nearest preceding clause of the old document still there.
    inserts: list[tuple[int, int, ClauseChange]] = []
    anchor = -1
    for index, clause in enumerate(old_clauses):
        if clause.uid in new_uids:
            anchor = position[clause.uid]
            continue
        parameters = [
            ParameterChange(name=k[0], protection_class=k[1], old=v, new=None)
            for k, v in sorted(parameters_of(clause).items())
        ]
        inserts.append(
            (
                anchor,
                index,
                ClauseChange(
                    uid=clause.uid, change=REMOVED, old=clause, new=None, parameters=parameters
                ),
            )
        )
    for anchor_index, _index, change in sorted(inserts, key=lambda t: (t[0], t[1]), reverse=True):
        result.insert(anchor_index + 1, change)
    # Inserted from the back, so removed clauses of one anchor keep their old order.
    return result


def summary(changes: Iterable[ClauseChange]) -> dict[str, int]:
    """How many clauses were added, removed, changed and left unchanged."""
    counts = {ADDED: 0, REMOVED: 0, CHANGED: 0, UNCHANGED: 0}
    for change in changes:
        counts[change.change] += 1
    return counts
