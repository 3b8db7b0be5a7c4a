"""Watchlist entities and screening: selectors (reads, always from `visible_to`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet

from accord.core.errors import NotFound
from accord.core.selectors import get_visible
from accord.trafficking.domain.names import name_tokens, normalise_identifier, token_variants
from accord.trafficking.models import Entity, EntityIdentifier, EntityName, EntityNameToken

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def entity_list(
    *,
    actor: User,
    q: str = "",
    kind: str = "",
    status: str = "",
    owner: str = "",
    nationality: str = "",
) -> QuerySet[Entity]:
    """The watchlist entities the actor sees, filtered. `q` finds an entity by any of its
    names in any script (by the indexed name tokens) or by an identifier."""
    entities = Entity.objects.visible_to(actor).select_related("owner")
    if kind:
        entities = entities.filter(kind=kind)
    if status:
        entities = entities.filter(status=status)
    if owner:
        entities = entities.filter(owner__code=owner.upper())
    if nationality:
        entities = entities.filter(nationality=nationality.upper())
    q = (q or "").strip()
    if q:
        tokens = {v for token in name_tokens(q) for v in token_variants(token)}
        by_name = (
            EntityNameToken.objects.filter(token__in=tokens)
            .values("entity_id")
            .annotate(hits=Count("token", distinct=True))
            .filter(hits__gte=len(name_tokens(q)))
            .values("entity_id")
        )
        matches = Q(pk__in=by_name)
        norm = normalise_identifier(q)
        if norm:
            matches |= Q(
                pk__in=EntityIdentifier.objects.filter(value_norm=norm).values("entity_id")
            )
        entities = entities.filter(matches)
    return entities.annotate(alias_count=Count("names", filter=Q(names__is_alias=True))).order_by(
        "name", "pk"
    )


def entity_get(*, actor: User, pk: int) -> Entity:
    """One entity the actor sees, with its names and identifiers (NotFound otherwise)."""
    queryset = Entity.objects.select_related("owner").prefetch_related(
        Prefetch("names", queryset=EntityName.objects.order_by("-is_primary", "is_alias", "name")),
        "identifiers",
        "released_to",
    )
    return get_visible(queryset, actor, pk=pk)


def entity_name_get(*, actor: User, pk: int) -> EntityName:
    row = (
        EntityName.objects.filter(pk=pk, entity__in=Entity.objects.visible_to(actor).values("pk"))
        .select_related("entity")
        .first()
    )
    if row is None:
        raise NotFound()
    return row


def entity_identifier_get(*, actor: User, pk: int) -> EntityIdentifier:
    row = (
        EntityIdentifier.objects.filter(
            pk=pk, entity__in=Entity.objects.visible_to(actor).values("pk")
        )
        .select_related("entity")
        .first()
    )
    if row is None:
        raise NotFound()
    return row


def watchlist_counts(*, actor: User) -> dict[str, int]:
    """Listed entities per kind, of those the actor sees (for the list page's header)."""
    rows = (
        Entity.objects.visible_to(actor)
        .filter(status=Entity.Status.LISTED)
        .values("kind")
        .annotate(n=Count("pk"))
    )
    return {row["kind"]: row["n"] for row in rows}
