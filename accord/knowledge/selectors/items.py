"""Reading knowledge items: always through `KnowledgeItem.objects.visible_to(actor)` (the
access rule and the lifecycle's narrowing). Search results, facet counts, related items
and autocomplete are all computed over that queryset, never over the index alone, so a
hidden item cannot appear in them nor shift a count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accord.core.access import party_of
from accord.core.selectors import get_visible
from accord.knowledge import search
from accord.knowledge.domain.lifecycle import Stage
from accord.knowledge.models import (
    Area,
    Kind,
    KnowledgeItem,
    RemedialAction,
    SolutionType,
    is_lessons_manager,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def item_list(*, actor: User) -> QuerySet[KnowledgeItem]:
    return (
        KnowledgeItem.objects.visible_to(actor)
        .select_related("owner")
        .prefetch_related("released_to")
        .order_by("-id")
    )


def item_get(*, actor: User, pk: Any) -> KnowledgeItem:
    return get_visible(item_list(actor=actor), actor, pk=pk)


@dataclass(frozen=True)
class Criteria:
    """What a search asks: words, and the facet values chosen (empty = any)."""

    text: str = ""
    area: str = ""
    kind: str = ""
    topic: str = ""
    party: str = ""
    solution_type: str = ""
    stage: str = ""


def _narrowed(queryset: QuerySet[KnowledgeItem], criteria: Criteria) -> Any:
    if criteria.text.strip():
        queryset = search.filter_matching(queryset, criteria.text)
    if criteria.area:
        queryset = queryset.filter(areas__contains=f",{criteria.area},")
    if criteria.kind:
        queryset = queryset.filter(kind=criteria.kind)
    if criteria.topic:
        queryset = queryset.filter(
            Q(topic=criteria.topic) | Q(topic__startswith=f"{criteria.topic}/")
        )
    if criteria.party:
        queryset = queryset.filter(owner__code=criteria.party)
    if criteria.solution_type:
        queryset = queryset.filter(solution_type=criteria.solution_type)
    if criteria.stage:
        queryset = queryset.filter(stage=criteria.stage)
    return queryset


def item_search(*, actor: User, criteria: Criteria) -> QuerySet[KnowledgeItem]:
    """The visible items matching `criteria`, newest first."""
    return _narrowed(item_list(actor=actor), criteria)


@dataclass(frozen=True)
class Facets:
    area: list[tuple[str, str, int]]
    kind: list[tuple[str, str, int]]
    topic: list[tuple[str, str, int]]
    party: list[tuple[str, str, int]]
    solution_type: list[tuple[str, str, int]]


def item_facets(*, actor: User, criteria: Criteria) -> Facets:
    """Facet counts over the visible items matching `criteria`: one grouped query over
    the same rows as the results (grouped by every facet column at once, summed here), so
    a hidden item can shift no count."""
    from accord.core.models import Party

    matched = _narrowed(KnowledgeItem.objects.visible_to(actor), criteria)
    columns = ("areas", "kind", "topic", "owner_id", "solution_type")
    rows = matched.order_by().values(*columns).annotate(n=Count("pk")).values_list(*columns, "n")
    counts: dict[str, dict[str, int]] = {name: {} for name in columns}

    def add(name: str, value: str, n: int) -> None:
        if value:
            counts[name][value] = counts[name].get(value, 0) + n

    for areas, kind, topic, owner_id, solution_type, n in rows:
        for code in areas.split(","):
            add("areas", code, n)
        add("kind", kind, n)
        add("topic", topic.split("/")[0] if topic else "", n)
        add("owner_id", str(owner_id), n)
        add("solution_type", solution_type, n)
    codes = {str(pk): code for pk, code in Party.objects.values_list("pk", "code")}

    def ranked(name: str, labels: dict[str, Any]) -> list[tuple[str, str, int]]:
        found = [(v, str(labels.get(v, v)), n) for v, n in counts[name].items()]
        return sorted(found, key=lambda row: (-row[2], row[1]))

    return Facets(
        area=[
            (code, str(label), counts["areas"][code])
            for code, label in Area.choices
            if counts["areas"].get(code)
        ],
        kind=ranked("kind", dict(Kind.choices)),
        topic=ranked("topic", {}),
        party=sorted(
            ((codes[pk], codes[pk], n) for pk, n in counts["owner_id"].items()),
            key=lambda row: (-row[2], row[0]),
        ),
        solution_type=ranked("solution_type", dict(SolutionType.choices)),
    )


def item_related(*, actor: User, item: KnowledgeItem, limit: int = 5) -> list[KnowledgeItem]:
    """Other visible items on the same topic, or else sharing a lifecycle area."""
    visible = KnowledgeItem.objects.visible_to(actor).exclude(pk=item.pk)
    shared = Q()
    for code in item.area_list:
        shared |= Q(areas__contains=f",{code},")
    same = Q(topic=item.topic) if item.topic else Q(pk__in=[])
    return list(visible.filter(same | shared).order_by("-id")[:limit])


def item_suggest(*, actor: User, text: str, limit: int = 8) -> list[str]:
    """Titles of visible items whose words start with what the user typed (autocomplete)."""
    matched = search.filter_matching(KnowledgeItem.objects.visible_to(actor), text, prefix=True)
    titles: list[str] = []
    for item in matched.order_by("-id")[: limit * 2]:
        if item.title not in titles:
            titles.append(item.title)
        if len(titles) == limit:
            break
    return titles


def action_list(*, actor: User) -> QuerySet[RemedialAction]:
    """Remedial actions of the lessons the actor sees."""
    return (
        RemedialAction.objects.filter(
            lesson__in=KnowledgeItem.objects.visible_to(actor).values("pk")
        )
        .select_related("lesson", "action_body", "lesson__owner")
        .order_by("due_on", "id")
    )


def action_get(*, actor: User, pk: Any) -> RemedialAction:
    from accord.core.errors import NotFound

    try:
        return action_list(actor=actor).get(pk=pk)
    except (RemedialAction.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound() from exc


def overdue_actions(*, actor: User, today: dt.date | None = None) -> QuerySet[RemedialAction]:
    today = today or timezone.localdate()
    return action_list(actor=actor).filter(status=RemedialAction.Status.OPEN, due_on__lt=today)


@dataclass(frozen=True)
class Desk:
    to_verify: list[KnowledgeItem]
    to_act: list[RemedialAction]
    overdue: list[RemedialAction]
    ready_to_learn: list[KnowledgeItem]


def desk(*, actor: User) -> Desk:
    """What awaits the actor: observations of their party to verify (lessons managers),
    open actions tasked to their party, overdue actions they see, lessons to close."""
    party = party_of(actor)
    if party is None:
        return Desk([], [], [], [])
    items = item_list(actor=actor).filter(owner=party)
    manager = is_lessons_manager(actor)
    to_verify = list(items.filter(stage=Stage.SUBMITTED)[:20]) if manager else []
    ready = (
        list(
            items.filter(stage=Stage.IDENTIFIED)
            .exclude(validation_result="")
            .exclude(actions__status=RemedialAction.Status.OPEN)[:20]
        )
        if manager
        else []
    )
    actions = action_list(actor=actor).filter(status=RemedialAction.Status.OPEN)
    return Desk(
        to_verify=to_verify,
        to_act=list(actions.filter(action_body=party)[:20]),
        overdue=list(overdue_actions(actor=actor)[:20]),
        ready_to_learn=ready,
    )
