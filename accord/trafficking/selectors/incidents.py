"""Reads of incidents, their items, entities and hits. Every read starts from
`Incident.objects.visible_to(actor)`; an item or entity row is seen by whoever sees its
incident. Hits are filtered once more: a hit on a register item the viewer may not see
shows only the party whose register holds it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, QuerySet

from accord.core.errors import NotFound
from accord.core.models import Party
from accord.trafficking.domain.normalise import incident_marking_fold, incident_name_fold
from accord.trafficking.models.incidents import Incident, IncidentEntity, IncidentItem, ItemHit

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


FILTERS = ("kind", "status", "country", "owner", "q", "serial", "name", "since", "until")


def incident_list(*, actor: User, filters: dict[str, Any] | None = None) -> QuerySet[Incident]:
    """The incidents `actor` sees, newest first, narrowed by `filters` (kind, status,
    country, owner party code, q = reference or locality, serial, name, since, until).
    Filters on items and entities use `pk__in` subqueries over their indexed folds."""
    incidents = Incident.objects.visible_to(actor)
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    if "kind" in filters:
        incidents = incidents.filter(kind=filters["kind"])
    if "status" in filters:
        incidents = incidents.filter(status=filters["status"])
    if "country" in filters:
        incidents = incidents.filter(country=str(filters["country"]).strip().upper())
    if "owner" in filters:
        incidents = incidents.filter(owner__code=str(filters["owner"]).strip().upper())
    if "q" in filters:
        text = str(filters["q"]).strip()
        incidents = incidents.filter(reference__icontains=text) | incidents.filter(
            locality__icontains=text
        )
    if "serial" in filters:
        folded = incident_marking_fold(str(filters["serial"]))
        if folded:
            incidents = incidents.filter(
                pk__in=IncidentItem.objects.filter(serial_norm=folded).values("incident_id")
            )
    if "name" in filters:
        key = incident_name_fold(str(filters["name"]))
        if key:
            incidents = incidents.filter(
                pk__in=IncidentEntity.objects.filter(name_norm=key).values("incident_id")
            )
    if isinstance(filters.get("since"), dt.date):
        incidents = incidents.filter(occurred_on__gte=filters["since"])
    if isinstance(filters.get("until"), dt.date):
        incidents = incidents.filter(occurred_on__lte=filters["until"])
    return (
        incidents.select_related("owner")
        .annotate(
            item_count=Count("items", distinct=True),
            entity_count=Count("entities", distinct=True),
        )
        .order_by("-occurred_on", "-id")
    )


def incident_get(*, actor: User, pk: Any) -> Incident:
    """One incident the actor sees, with what its page shows; else NotFound."""
    try:
        return (
            Incident.objects.visible_to(actor)
            .select_related("owner", "operation", "reported_by")
            .prefetch_related(
                "released_to",
                "route_segments",
                Prefetch("items", queryset=IncidentItem.objects.select_related("item")),
                Prefetch("entities", queryset=IncidentEntity.objects.select_related("entity")),
            )
            .get(pk=int(pk))
        )
    except (Incident.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


@dataclass(frozen=True)
class LinkedRecords:
    """Which of the records an incident links to the viewer may see: the register items
    its rows were matched to, the watchlist entities its persons were linked to, and its
    joint operation. Seeing an incident does not mean seeing what it links to; pages and
    the API show a link (even its id) only when it is in here."""

    items: frozenset[int]
    entities: frozenset[int]
    operation: bool


def visible_operation_ids(*, actor: User, ids: set[Any]) -> set[int]:
    """Of these joint operation ids (None ignored), those the actor may see."""
    from accord.trafficking.models import Operation

    wanted = {pk for pk in ids if pk is not None}
    if not wanted:
        return set()
    return set(
        Operation.objects.visible_to(actor).filter(pk__in=wanted).values_list("pk", flat=True)
    )


def incident_linked_records(*, actor: User, incident: Incident) -> LinkedRecords:
    from accord.trafficking.models import Entity, Item

    item_ids = {row.item_id for row in incident.items.all() if row.item_id}
    entity_ids = {row.entity_id for row in incident.entities.all() if row.entity_id}
    items = (
        Item.objects.visible_to(actor).filter(pk__in=item_ids).values_list("pk", flat=True)
        if item_ids
        else []
    )
    entities = (
        Entity.objects.visible_to(actor).filter(pk__in=entity_ids).values_list("pk", flat=True)
        if entity_ids
        else []
    )
    operation = incident.operation_id in visible_operation_ids(
        actor=actor, ids={incident.operation_id}
    )
    return LinkedRecords(frozenset(items), frozenset(entities), operation)


def incident_item_get(*, actor: User, pk: Any) -> IncidentItem:
    """An item row of an incident the actor sees; else NotFound."""
    try:
        return IncidentItem.objects.select_related("incident").get(
            pk=int(pk), incident__in=Incident.objects.visible_to(actor).values("pk")
        )
    except (IncidentItem.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def incident_entity_get(*, actor: User, pk: Any) -> IncidentEntity:
    """An entity row of an incident the actor sees; else NotFound."""
    try:
        return IncidentEntity.objects.select_related("incident").get(
            pk=int(pk), incident__in=Incident.objects.visible_to(actor).values("pk")
        )
    except (IncidentEntity.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


@dataclass
class HitView:
    """A hit as one viewer may see it: `item` is None when the viewer may not see it,
    and then score and reasons are withheld too."""

    incident_item: IncidentItem
    party: Party
    item: Any = None
    exact: bool = False
    score: float | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def disclosed(self) -> bool:
        return self.item is not None


def incident_hits(*, actor: User, incident: Incident) -> list[HitView]:
    """The hits of the incident's items as `actor` may see them: disclosed hits with their
    item, score and reasons; the rest as one line per (incident item, party). Three
    queries whatever the number of hits."""
    from accord.trafficking.models import Item

    hits = list(
        ItemHit.objects.filter(incident_item__incident=incident).select_related(
            "incident_item", "party"
        )
    )
    item_ids = [h.item_id for h in hits if h.item_id is not None]
    visible = (
        Item.objects.visible_to(actor).select_related("owner").in_bulk(item_ids) if item_ids else {}
    )
    shown: list[HitView] = []
    hidden_seen: set[tuple[int, int]] = set()
    for hit in hits:
        item = visible.get(hit.item_id) if hit.item_id is not None else None
        if item is not None:
            shown.append(
                HitView(
                    incident_item=hit.incident_item,
                    party=hit.party,
                    item=item,
                    exact=hit.exact,
                    score=hit.score,
                    reasons=list(hit.reasons or []),
                )
            )
            continue
        key = (hit.incident_item_id, hit.party_id)
        if key not in hidden_seen:
            hidden_seen.add(key)
            shown.append(HitView(incident_item=hit.incident_item, party=hit.party))
    # A party whose item is disclosed needs no hidden line for the same incident item.
    disclosed = {(h.incident_item.pk, h.party.pk) for h in shown if h.disclosed}
    shown = [h for h in shown if h.disclosed or (h.incident_item.pk, h.party.pk) not in disclosed]
    shown.sort(key=lambda h: (h.incident_item.pk, not h.disclosed, -(h.score or 0), h.party.code))
    return shown
