"""Reading guideline modules: editions through `visible_to`, the edition in force "as at"
a date among those the reader sees, the clause comparison between two editions the reader
sees, and the lessons (seen by the reader) pointing at each clause of an edition, matched
by the clause's stable id across the module's editions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from accord.core.selectors import get_visible
from accord.knowledge.domain.guidelines import (
    ClauseChange,
    ClauseText,
    compare_clauses,
    edition_as_at,
)
from accord.knowledge.models import GuidelineClause, GuidelineEdition, KnowledgeItem

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def guideline_list(*, actor: User, code: str = "") -> QuerySet[GuidelineEdition]:
    editions = (
        GuidelineEdition.objects.visible_to(actor)
        .select_related("owner", "supersedes")
        .order_by("code", "-issued_on", "-id")
    )
    return editions.filter(code=code) if code else editions


def guideline_get(*, actor: User, pk: Any) -> GuidelineEdition:
    return get_visible(guideline_list(actor=actor), actor, pk=pk)


def guideline_as_at(*, actor: User, code: str, on: dt.date) -> GuidelineEdition | None:
    """The edition of module `code` in force on `on` among the editions the actor sees."""
    editions = guideline_list(actor=actor, code=code)
    return edition_as_at(((e.issued_on, e) for e in editions), on)


def superseding(*, actor: User, edition: GuidelineEdition) -> GuidelineEdition | None:
    """The edition that superseded this one, if the actor sees it."""
    return guideline_list(actor=actor).filter(supersedes=edition).first()


def clauses_of(edition: GuidelineEdition) -> QuerySet[GuidelineClause]:
    return edition.clauses.order_by("order", "id")


def _texts(edition: GuidelineEdition) -> list[ClauseText]:
    return [
        ClauseText(c.key, c.number, c.heading, c.text)
        for c in clauses_of(edition).only("key", "number", "heading", "text")
    ]


def guideline_compare(
    *, actor: User, old: GuidelineEdition, new: GuidelineEdition
) -> list[ClauseChange]:
    """Clause by clause, by stable id (both editions already fetched through the
    actor's `visible_to`)."""
    return compare_clauses(_texts(old), _texts(new))


def lessons_by_clause(*, actor: User, edition: GuidelineEdition) -> dict[str, list[KnowledgeItem]]:
    """{clause stable id: the lessons the actor sees that point at that clause in any
    edition of the module} — so a lesson written against an older edition still shows
    on the clause after it moved."""
    items = (
        KnowledgeItem.objects.visible_to(actor)
        .filter(
            guideline_clause__edition__code=edition.code,
            guideline_clause__edition__owner_id=edition.owner_id,
        )
        .select_related("guideline_clause")
        .order_by("-id")
    )
    result: dict[str, list[KnowledgeItem]] = {}
    for item in items:
        assert item.guideline_clause is not None
        result.setdefault(item.guideline_clause.key, []).append(item)
    return result


def clause_choices(*, actor: User) -> QuerySet[GuidelineClause]:
    """The clauses of the editions the actor sees (what a lesson may point at)."""
    return (
        GuidelineClause.objects.filter(edition__in=GuidelineEdition.objects.visible_to(actor))
        .select_related("edition")
        .order_by("edition__code", "-edition__issued_on", "order")
    )


def linked_clause(*, actor: User, item: KnowledgeItem) -> GuidelineClause | None:
    """The clause an item points at, if the actor sees its edition."""
    if item.guideline_clause_id is None:
        return None
    return clause_choices(actor=actor).filter(pk=item.guideline_clause_id).first()
