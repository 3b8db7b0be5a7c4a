"""The requests-for-information pages: the list with per-party response times, a new
request, a request with the answers the reader may see (each with its own marking), an
answer form for the addressees, and closing or turning it into a knowledge item."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accord.core.access import party_of
from accord.core.audit import record_view
from accord.core.errors import PermissionDenied
from accord.core.permissions import acting_user
from accord.core.selectors import party_list
from accord.core.web import Done, attempt, perform, render_page
from accord.knowledge import selectors, services
from accord.knowledge.forms import AnswerForm, RequestForm
from accord.knowledge.models import InformationRequest, is_lessons_manager

SECTION = "knowledge"


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> Any:
    return render_page(
        request, f"{SECTION}/{template}", SECTION, {"ns": SECTION, **context}, status
    )


def _others(user: Any) -> Any:
    own = party_of(user)
    return party_list().exclude(pk=own.pk) if own else party_list().none()


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    page = Paginator(selectors.request_list(actor=user), 50).get_page(request.GET.get("page"))
    return _page(
        request,
        "request_list.html",
        {
            "page": page,
            "times": selectors.request_response_times(actor=user),
            "may_send": is_lessons_manager(user),
        },
    )


@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not is_lessons_manager(user):
        raise PermissionDenied()
    form = RequestForm(request.POST if request.method == "POST" else None, parties=_others(user))
    if request.method == "POST":
        outcome = attempt(
            request,
            form,
            lambda: services.request_send(actor=user, **form.service_arguments()),
            refusal_on_form=True,
            success=_("The request is sent."),
        )
        if outcome.ok:
            return redirect(f"{SECTION}:request-detail", pk=outcome.value.pk)
    return _page(request, "request_form.html", {"form": form}, 400 if form.errors else 200)


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    rfi = selectors.request_get(actor=user, pk=pk)
    record_view(actor=user, obj=rfi)
    own = party_of(user)
    addressed = own is not None and any(p.pk == own.pk for p in rfi.addressees.all())
    requester = own is not None and own.pk == rfi.owner_id and is_lessons_manager(user)
    open_ = rfi.status == InformationRequest.Status.OPEN
    return _page(
        request,
        "request_detail.html",
        {
            "rfi": rfi,
            "answers": selectors.answers_of(actor=user, request=rfi),
            "answer_form": AnswerForm(clearance=user.clearance, parties=_others(user))
            if addressed and open_ and is_lessons_manager(user)
            else None,
            "may_close": requester and open_,
            "may_make_item": requester and rfi.item_id is None,
        },
    )


@login_required
@require_POST
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    rfi = selectors.request_get(actor=user, pk=pk)
    form = AnswerForm(request.POST, clearance=user.clearance, parties=_others(user))
    done = perform(
        request,
        form,
        lambda: services.answer_add(actor=user, request=rfi, **form.service_arguments()),
        success=_("The answer is sent."),
    )
    if done is Done.INVALID:
        from django.contrib import messages

        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(f"{SECTION}:request-detail", pk=rfi.pk)


@login_required
@require_POST
def request_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    rfi = selectors.request_get(actor=user, pk=pk)
    perform(
        request,
        None,
        lambda: services.request_close(actor=user, request=rfi),
        success=_("The request is closed."),
    )
    return redirect(f"{SECTION}:request-detail", pk=rfi.pk)


@login_required
@require_POST
def request_to_item(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    rfi = selectors.request_get(actor=user, pk=pk)
    areas = request.POST.getlist("areas")
    outcome = attempt(
        request,
        None,
        lambda: services.request_to_item(actor=user, request=rfi, areas=areas),
        success=_("The knowledge item is made."),
    )
    if outcome.ok:
        return redirect(f"{SECTION}:item-detail", pk=outcome.value.pk)
    return redirect(f"{SECTION}:request-detail", pk=rfi.pk)
