"""Pages of joint operations: the list, planning and editing one, and its page with the
participants, the linked incidents, the status and the after-action summary with its
figures. The forms only carry data to the services and their errors back."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accord.core.api.filters import page_filters
from accord.core.audit import record_view
from accord.core.permissions import acting_user
from accord.core.selectors import party_list
from accord.core.web import Done, perform
from accord.trafficking import permissions
from accord.trafficking.api.filters import OperationFilter
from accord.trafficking.forms.operations import (
    IncidentForm,
    OperationCreateForm,
    OperationForm,
    ParticipantForm,
    StatusForm,
    SummaryForm,
)
from accord.trafficking.models import Operation
from accord.trafficking.selectors import operations as selectors
from accord.trafficking.services import operations as services

# --- Pages -----------------------------------------------------------------------------------


@login_required
def operation_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filterset = page_filters(OperationFilter, request)
    arguments = filterset.selector_arguments()
    status = arguments.get("status", "")
    query = arguments.get("q", "").strip()
    rows = filterset.filter_queryset(
        selectors.operation_list(
            actor=user, status=status, query=query, participant=arguments.get("participant", "")
        )
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "trafficking/operations/list.html",
        {
            "section": "operations",
            "page": page,
            "status": status,
            "query": query,
            "statuses": Operation.Status.choices,
            "may_create": permissions.is_officer(user),
        },
    )


@login_required
def operation_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.is_officer(user):
        messages.error(request, _("Only customs and law-enforcement officers plan operations."))
        return redirect("trafficking:operations")
    form = OperationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        created: dict[str, Operation] = {}

        def call() -> None:
            created["operation"] = services.operation_create(
                actor=user,
                released_to=list(fields.pop("released_to")),
                agencies=fields.pop("agencies"),
                **fields,
            )

        if perform(request, form, call, refusal_on_form=True) is Done.OK:
            messages.success(request, _("The operation was planned."))
            return redirect("trafficking:operation", pk=created["operation"].pk)
    return render(
        request,
        "trafficking/operations/form.html",
        {"section": "operations", "form": form, "operation": None},
        status=400 if form.errors else 200,
    )


@login_required
def operation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    operation = selectors.operation_get(actor=user, pk=pk)
    if not permissions.is_lead_officer(user, operation):
        messages.error(request, _("Only the lead party's officers edit the operation."))
        return redirect("trafficking:operation", pk=pk)
    initial = {
        name: getattr(operation, name)
        for name in ("name", "code", "starts_on", "ends_on", "area", "objectives")
    }
    initial.update(
        classification=operation.classification,
        release=operation.release,
        released_to=list(operation.released_to.all()),
    )
    form = OperationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1

        def call() -> None:
            services.operation_update(
                actor=user,
                operation=operation,
                version=version,
                released_to=list(fields.pop("released_to")),
                **fields,
            )

        if perform(request, form, call, refusal_on_form=True) is Done.OK:
            messages.success(request, _("The operation was saved."))
            return redirect("trafficking:operation", pk=pk)
    return render(
        request,
        "trafficking/operations/form.html",
        {"section": "operations", "form": form, "operation": operation},
        status=400 if form.errors else 200,
    )


NEXT_STATUS_LABELS: dict[str, Any] = {
    Operation.Status.ACTIVE: gettext_lazy("Start the operation"),
    Operation.Status.CONCLUDED: gettext_lazy("Conclude the operation"),
    Operation.Status.CANCELLED: gettext_lazy("Cancel the operation"),
}


@login_required
def operation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    operation = selectors.operation_get(actor=user, pk=pk)
    record_view(actor=user, obj=operation)
    is_lead = permissions.is_lead_officer(user, operation)
    is_participant = permissions.is_participant_officer(user, operation)
    return render(
        request,
        "trafficking/operations/detail.html",
        {
            "section": "operations",
            "operation": operation,
            "incidents": selectors.operation_incidents(actor=user, operation=operation),
            "linkable": selectors.linkable_incidents(actor=user, operation=operation)[:50]
            if is_participant and operation.status != Operation.Status.CANCELLED
            else [],
            "figures": selectors.after_action_figures(actor=user, operation=operation),
            "is_lead": is_lead,
            "is_participant": is_participant,
            "next_statuses": [
                (code, NEXT_STATUS_LABELS[code]) for code in services.TRANSITIONS[operation.status]
            ],
            "participant_form": ParticipantForm(),
            "summary_form": SummaryForm(
                initial={
                    "after_action_summary": operation.after_action_summary,
                    "version": operation.version,
                }
            ),
        },
    )


@login_required
@require_POST
def operation_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    operation = selectors.operation_get(actor=user, pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
    elif (
        perform(
            request,
            None,
            lambda: services.operation_set_status(
                actor=user,
                operation=operation,
                status=form.cleaned_data["status"],
                version=form.cleaned_data["version"],
            ),
        )
        is Done.OK
    ):
        messages.success(request, _("The status of the operation was changed."))
    return redirect("trafficking:operation", pk=pk)


@login_required
@require_POST
def operation_summary(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    operation = selectors.operation_get(actor=user, pk=pk)
    form = SummaryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The summary could not be saved."))
    elif (
        perform(
            request,
            None,
            lambda: services.operation_summarise(
                actor=user, operation=operation, **form.cleaned_data
            ),
        )
        is Done.OK
    ):
        messages.success(request, _("The after-action summary was saved."))
    return redirect("trafficking:operation", pk=pk)


@login_required
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    operation = selectors.operation_get(actor=user, pk=pk)
    form = ParticipantForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a party."))
    elif (
        perform(
            request,
            None,
            lambda: services.participant_add(actor=user, operation=operation, **form.cleaned_data),
        )
        is Done.OK
    ):
        messages.success(request, _("The participant was saved."))
    return redirect("trafficking:operation", pk=pk)


@login_required
@require_POST
def participant_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    operation = selectors.operation_get(actor=user, pk=pk)
    party = party_list().filter(code=request.POST.get("party", "")).first()
    if party is None:
        messages.error(request, _("Choose a party."))
    elif (
        perform(
            request,
            None,
            lambda: services.participant_remove(actor=user, operation=operation, party=party),
        )
        is Done.OK
    ):
        messages.success(request, _("The participant was removed."))
    return redirect("trafficking:operation", pk=pk)


@login_required
@require_POST
def incident_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    operation = selectors.operation_get(actor=user, pk=pk)
    form = IncidentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an incident."))
    elif (
        perform(
            request,
            None,
            lambda: services.operation_link_incident(
                actor=user, operation=operation, incident=form.cleaned_data["incident"]
            ),
        )
        is Done.OK
    ):
        messages.success(request, _("The incident was linked to the operation."))
    return redirect("trafficking:operation", pk=pk)


@login_required
@require_POST
def incident_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    operation = selectors.operation_get(actor=user, pk=pk)
    form = IncidentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an incident."))
    elif (
        perform(
            request,
            None,
            lambda: services.operation_unlink_incident(
                actor=user, operation=operation, incident=form.cleaned_data["incident"]
            ),
        )
        is Done.OK
    ):
        messages.success(request, _("The incident was unlinked from the operation."))
    return redirect("trafficking:operation", pk=pk)
