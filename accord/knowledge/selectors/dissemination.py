"""Reading the dissemination log of an item the reader sees: the owner party reads all of
it; any other party only the entries of its own deliveries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from accord.core.access import party_of
from accord.knowledge.models import Dissemination, KnowledgeItem

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def dissemination_log(*, actor: User, item: KnowledgeItem) -> QuerySet[Dissemination]:
    """`item` already fetched through the reader's `visible_to`."""
    entries = Dissemination.objects.filter(item=item).select_related("recipient", "sent_by")
    party = party_of(actor)
    if party is None:
        return entries.none()
    if party.pk != item.owner_id:
        entries = entries.filter(recipient_id=party.pk)
    return entries.order_by("-sent_at", "-id")
