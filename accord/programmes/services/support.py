"""Writing support requests and offers: a party asks, others offer, the requester
accepts, delivery is recorded. Offers are read through their request's visibility."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_event, snapshot
from accord.core.errors import Conflict
from accord.core.guards import require, require_seen, within_clearance
from accord.core.models import Party
from accord.core.validation import full_clean, reject_unknown
from accord.programmes.models import SupportOffer, SupportRequest
from accord.programmes.permissions import can_answer_offers, can_offer, can_request_support
from accord.programmes.services.finance import _amount

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

REQUEST_FIELDS = (
    "kind",
    "title_en",
    "title_ru",
    "description",
    "needed_by",
    "classification",
    "release",
)


@transaction.atomic
def support_request_create(
    *, actor: User, released_to: list[Party] | None = None, **fields: Any
) -> SupportRequest:
    """Ask for support of one of the six kinds, on behalf of the actor's party."""
    require(can_request_support(actor))
    reject_unknown(fields, REQUEST_FIELDS)
    request = SupportRequest(owner=party_of(actor), **fields)
    within_clearance(actor, request.classification)
    full_clean(request)
    request.save()
    request.released_to.set(released_to or [])
    record_event(
        actor=actor, action="programmes.support.request", obj=request, after=snapshot(request)
    )
    return request


@transaction.atomic
def offer_make(
    *,
    actor: User,
    request: SupportRequest,
    form: str,
    value: Any,
    currency: str = "RUB",
    available_from: dt.date | None = None,
    available_until: dt.date | None = None,
) -> SupportOffer:
    """Offer support to a request the actor's party sees (not its own)."""
    require_seen(actor, request)
    require(can_offer(actor, request))
    if request.status != SupportRequest.Status.OPEN:
        raise Conflict(_("This request no longer takes offers."))
    offer = SupportOffer(
        request=request,
        party=party_of(actor),
        form=form,
        value=_amount(value, "value", currency or "RUB", positive=False),
        currency=(currency or "RUB").upper(),
        available_from=available_from,
        available_until=available_until,
    )
    full_clean(offer, exclude=["request", "party"])
    offer.save()
    record_event(actor=actor, action="programmes.support.offer", obj=request, after=snapshot(offer))
    return offer


@transaction.atomic
def offer_accept(*, actor: User, offer: SupportOffer) -> SupportOffer:
    request = offer.request
    require_seen(actor, request)
    require(can_answer_offers(actor, request))
    offer = SupportOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != SupportOffer.Status.OFFERED:
        raise Conflict(_("This offer is already answered."))
    offer.status = SupportOffer.Status.ACCEPTED
    offer.save(update_fields=["status"])
    record_event(
        actor=actor,
        action="programmes.support.accept",
        obj=request,
        after={"offer": offer.pk, "party": offer.party.code},
    )
    return offer


@transaction.atomic
def offer_deliver(
    *, actor: User, offer: SupportOffer, delivered_on: dt.date, note: str = ""
) -> SupportOffer:
    """Record that accepted support was delivered; the request is fulfilled then."""
    request = offer.request
    require_seen(actor, request)
    require(can_answer_offers(actor, request))
    offer = SupportOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != SupportOffer.Status.ACCEPTED:
        raise Conflict(_("Only an accepted offer can be delivered."))
    offer.status = SupportOffer.Status.DELIVERED
    offer.delivered_on = delivered_on
    offer.delivery_note = note
    offer.save(update_fields=["status", "delivered_on", "delivery_note"])
    SupportRequest.objects.filter(pk=request.pk).update(status=SupportRequest.Status.FULFILLED)
    record_event(
        actor=actor,
        action="programmes.support.deliver",
        obj=request,
        after={"offer": offer.pk, "delivered_on": delivered_on},
    )
    return offer
