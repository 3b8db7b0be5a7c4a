"""The module's pages: the list, a record, and its form (new and edit). Every write goes
through `core.web.perform`, so a service's refusal reaches the user the same way in
every module."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_view
from accord.core.errors import PermissionDenied
from accord.core.models import Party
from accord.core.permissions import acting_user
from accord.core.selectors import party_list
from accord.core.web import Done, perform, render_page
from accord.knowledge import selectors, services
from accord.knowledge.forms import RecordForm
from accord.knowledge.models import Record
from accord.knowledge.permissions import can_create, can_edit

SECTION = "knowledge"


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> Any:
    return render_page(
        request,
        f"{SECTION}/{template}",
        SECTION,
        {"ns": SECTION, **context},
        status,
    )


def _form(request: HttpRequest, **kwargs: Any) -> RecordForm:
    user = acting_user(request)
    own = party_of(user)
    parties = party_list().exclude(pk=own.pk) if own else Party.objects.none()
    data = request.POST if request.method == "POST" else None
    return RecordForm(data, clearance=user.clearance, parties=parties, **kwargs)


@login_required
def record_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    page = Paginator(selectors.record_list(actor=user), 50).get_page(request.GET.get("page"))
    return _page(request, "record_list.html", {"page": page, "may_create": can_create(user)})


@login_required
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    record = selectors.record_get(actor=user, pk=pk)
    record_view(actor=user, obj=record)
    return _page(
        request, "record_detail.html", {"record": record, "may_edit": can_edit(user, record)}
    )


@login_required
def record_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not can_create(user):
        raise PermissionDenied()
    form = _form(request)
    created: list[Record] = []
    if request.method == "POST":
        done = perform(
            request,
            form,
            lambda: created.append(services.record_create(actor=user, **form.service_arguments())),
            refusal_on_form=True,
            success=_("The record is created."),
        )
        if done is Done.OK:
            return redirect(f"{SECTION}:record-detail", pk=created[0].pk)
    return _page(
        request,
        "record_form.html",
        {"form": form, "record": None},
        status=400 if form.errors else 200,
    )


@login_required
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    record = selectors.record_get(actor=user, pk=pk)
    if not can_edit(user, record):
        raise PermissionDenied()
    initial: dict[str, Any] = {name: getattr(record, name) for name in services.RECORD_FIELDS}
    initial.update(released_to=[p.pk for p in record.released_to.all()], version=record.version)
    form = _form(request, initial=initial, versioned=True)
    if request.method == "POST":

        def save() -> Record:
            data = form.service_arguments()
            version = data.pop("version")
            return services.record_update(actor=user, record=record, version=version, **data)

        done = perform(
            request, form, save, refusal_on_form=True, success=_("The record is updated.")
        )
        if done is Done.OK:
            return redirect(f"{SECTION}:record-detail", pk=record.pk)
    return _page(
        request,
        "record_form.html",
        {"form": form, "record": record},
        status=400 if form.errors else 200,
    )
