"""The harmonisation programmes' pages: the list (and a new programme, for the
drafters), a programme with its items (add or change an item, link it to its model
act)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accord.core.errors import PermissionDenied
from accord.core.permissions import acting_user
from accord.core.web import Done, attempt, perform
from accord.legislation import selectors, services
from accord.legislation.forms import ItemForm, LinkForm, ProgrammeForm
from accord.legislation.permissions import can_draft
from accord.legislation.views.common import SECTION, page


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    may_create = can_draft(user)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST":
        if not may_create:
            raise PermissionDenied()
        outcome = attempt(
            request,
            form,
            lambda: services.programme_create(actor=user, **form.cleaned_data),
            refusal_on_form=True,
            success=_("The programme is recorded."),
        )
        if outcome.ok:
            return redirect(f"{SECTION}:programme-detail", pk=outcome.value.pk)
    return page(
        request,
        "programmes.html",
        {"programmes": selectors.programme_list(), "form": form, "may_create": may_create},
        400 if form.errors else 200,
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme's items; a drafter adds one (POST)."""
    user = acting_user(request)
    programme = selectors.programme_get(pk)
    may_edit = can_draft(user)
    form = ItemForm(request.POST or None)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied()

        def save() -> Any:
            data = dict(form.cleaned_data)
            return services.item_save(
                actor=user, programme=programme, number=data.pop("number"), **data
            )

        if perform(request, form, save, refusal_on_form=True, success=_("Saved.")) is Done.OK:
            return redirect(f"{SECTION}:programme-detail", pk=programme.pk)
    return page(
        request,
        "programme_detail.html",
        {
            "programme": programme,
            "items": selectors.items_of(programme, actor=user),
            "form": form,
            "may_edit": may_edit,
            "link_form": LinkForm(acts=selectors.act_list(actor=user)) if may_edit else None,
        },
        400 if form.errors else 200,
    )


@login_required
@require_POST
def programme_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    programme = selectors.programme_get(pk)
    form = LinkForm(request.POST, acts=selectors.act_list(actor=user))
    if not form.is_valid():
        messages.error(request, str(_("Choose an item and a model act.")))
    else:
        item = programme.items.filter(pk=form.cleaned_data["item"]).first()
        if item is None:
            messages.error(request, str(_("Choose an item and a model act.")))
        else:
            perform(
                request,
                None,
                lambda: services.item_link(actor=user, item=item, act=form.cleaned_data["act"]),
                success=_("Saved."),
            )
    return redirect(f"{SECTION}:programme-detail", pk=programme.pk)
