"""Reading support requests (through `visible_to`) and their offers (through their
request), and the fulfilment ratio per kind and party."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from accord.core.errors import NotFound
from accord.core.selectors import get_visible
from accord.programmes.models import SupportOffer, SupportRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def support_request_list(*, actor: User) -> QuerySet[SupportRequest]:
    return (
        SupportRequest.objects.visible_to(actor)
        .select_related("owner")
        .prefetch_related("released_to")
        .order_by("-id")
    )


def support_request_get(*, actor: User, pk: Any) -> SupportRequest:
    return get_visible(support_request_list(actor=actor), actor, pk=pk)


def offer_get(*, request: SupportRequest, pk: Any) -> SupportOffer:
    offer = request.offers.filter(pk=pk).first() if str(pk).isdigit() else None
    if offer is None:
        raise NotFound()
    return offer


def fulfilment(*, actor: User) -> list[dict[str, Any]]:
    """Per kind and requesting party, over the requests the actor sees: how many were
    asked, how many fulfilled, and the ratio."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for kind, owner, status in support_request_list(actor=actor).values_list(
        "kind", "owner__code", "status"
    ):
        counts[(kind, owner)][0] += 1
        if status == SupportRequest.Status.FULFILLED:
            counts[(kind, owner)][1] += 1
    labels = dict(SupportRequest._meta.get_field("kind").choices or [])
    return [
        {
            "kind": kind,
            "kind_label": labels.get(kind, kind),
            "party": owner,
            "asked": asked,
            "fulfilled": done,
            "ratio": f"{done}/{asked}",
        }
        for (kind, owner), (asked, done) in sorted(counts.items())
    ]
