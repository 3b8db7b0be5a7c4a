"""The support pages: requests of the six kinds, offers, acceptance, delivery, and the
fulfilment ratio per kind and party."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_view
from accord.core.errors import PermissionDenied
from accord.core.models import Party
from accord.core.permissions import acting_user
from accord.core.selectors import party_list
from accord.core.web import Done, attempt, perform
from accord.programmes import selectors, services
from accord.programmes.forms import DeliverForm, OfferForm, SupportRequestForm
from accord.programmes.permissions import can_answer_offers, can_offer, can_request_support
from accord.programmes.views.common import SECTION, form_page, page


def _url(pk: int) -> str:
    return reverse(f"{SECTION}:support-detail", args=[pk])


@login_required
def support_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    return page(
        request,
        "support_list.html",
        {
            "requests": selectors.support_request_list(actor=user)[:200],
            "fulfilment": selectors.fulfilment(actor=user),
            "may_request": can_request_support(user),
        },
    )


@login_required
def support_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not can_request_support(user):
        raise PermissionDenied()
    own = party_of(user)
    parties = party_list().exclude(pk=own.pk) if own else Party.objects.none()
    form = SupportRequestForm(
        request.POST if request.method == "POST" else None,
        clearance=user.clearance,
        parties=parties,
    )
    if request.method == "POST":
        outcome = attempt(
            request,
            form,
            lambda: services.support_request_create(actor=user, **form.service_arguments()),
            refusal_on_form=True,
            success=_("The request is sent."),
        )
        if outcome.done is Done.OK:
            return redirect(_url(outcome.value.pk))
    return form_page(
        request, title=_("Ask for support"), form=form, back=reverse(f"{SECTION}:support-list")
    )


@login_required
def support_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    row = selectors.support_request_get(actor=user, pk=pk)
    record_view(actor=user, obj=row)
    return page(
        request,
        "support_detail.html",
        {
            "support": row,
            "offers": row.offers.select_related("party"),
            "may_offer": can_offer(user, row) and row.status == "open",
            "may_answer": can_answer_offers(user, row),
        },
    )


@login_required
def support_offer(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    row = selectors.support_request_get(actor=user, pk=pk)
    if not can_offer(user, row):
        raise PermissionDenied()
    form = OfferForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        done = perform(
            request,
            form,
            lambda: services.offer_make(actor=user, request=row, **form.cleaned_data),
            refusal_on_form=True,
            success=_("The offer is sent."),
        )
        if done is Done.OK:
            return redirect(_url(row.pk))
    return form_page(request, title=_("Offer support"), form=form, back=_url(row.pk))


@login_required
def support_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """POST only (the offer's id in the form); a GET goes back to the request."""
    user = acting_user(request)
    row = selectors.support_request_get(actor=user, pk=pk)
    if request.method == "POST":
        found = selectors.offer_get(request=row, pk=request.POST.get("offer", ""))
        perform(
            request,
            None,
            lambda: services.offer_accept(actor=user, offer=found),
            success=_("The offer is accepted."),
        )
    return redirect(_url(row.pk))


@login_required
def support_deliver(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    row = selectors.support_request_get(actor=user, pk=pk)
    if not can_answer_offers(user, row):
        raise PermissionDenied()
    form = DeliverForm(
        request.POST if request.method == "POST" else None,
        initial={"offer": request.GET.get("offer", "")},
    )
    if request.method == "POST":
        found = selectors.offer_get(request=row, pk=request.POST.get("offer", ""))
        done = perform(
            request,
            form,
            lambda: services.offer_deliver(
                actor=user,
                offer=found,
                delivered_on=form.cleaned_data["delivered_on"],
                note=form.cleaned_data["note"],
            ),
            refusal_on_form=True,
            success=_("The delivery is recorded."),
        )
        if done is Done.OK:
            return redirect(_url(row.pk))
    return form_page(request, title=_("Record the delivery"), form=form, back=_url(row.pk))
