"""Reading requests for information: the request through `visible_to` (the requester
and the addressees, clearance permitting), and of its answers only those whose own
marking lets the reader see them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Min, QuerySet
from django.utils import timezone

from accord.core.selectors import get_visible
from accord.knowledge.domain.response_times import Asked, PartyTimes, response_times
from accord.knowledge.models import InformationRequest, RequestAddressee, RequestAnswer

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def request_list(*, actor: User) -> QuerySet[InformationRequest]:
    return (
        InformationRequest.objects.visible_to(actor)
        .select_related("owner")
        .prefetch_related("addressees")
        .order_by("-id")
    )


def request_get(*, actor: User, pk: Any) -> InformationRequest:
    return get_visible(request_list(actor=actor), actor, pk=pk)


def answers_of(*, actor: User, request: InformationRequest) -> QuerySet[RequestAnswer]:
    return (
        RequestAnswer.objects.visible_to(actor)
        .filter(request=request)
        .select_related("owner")
        .order_by("answered_at", "id")
    )


def request_response_times(*, actor: User) -> list[PartyTimes]:
    """Per addressee party, over the requests the actor sees and the answers the actor
    sees (an answer hidden from the actor counts as not seen, never as given)."""
    visible = InformationRequest.objects.visible_to(actor)
    first: dict[tuple[int, str], Any] = {
        (row["request_id"], row["owner__code"]): row["first"]
        for row in RequestAnswer.objects.visible_to(actor)
        .filter(request__in=visible.values("pk"))
        .values("request_id", "owner__code")
        .annotate(first=Min("answered_at"))
    }
    rows = [
        Asked(
            party=code,
            sent_on=timezone.localdate(created),
            due_on=due,
            first_answer_on=(
                timezone.localdate(first[(request_id, code)])
                if (request_id, code) in first
                else None
            ),
        )
        for request_id, code, created, due in RequestAddressee.objects.filter(
            request__in=visible.values("pk")
        ).values_list("request_id", "party__code", "request__created_at", "request__due_on")
    ]
    return response_times(rows, timezone.localdate())
