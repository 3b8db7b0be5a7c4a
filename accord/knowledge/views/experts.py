"""The expert roster pages: the experts I may see (filtered by domain, language and
availability), nominating one (a lessons manager), one expert with validation (the
Secretariat) and availability (the nominating party)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accord.core.access import party_of
from accord.core.audit import record_view
from accord.core.errors import PermissionDenied
from accord.core.permissions import acting_user
from accord.core.web import attempt, perform, render_page
from accord.knowledge import selectors, services
from accord.knowledge.forms import AvailabilityForm, ExpertForm, VersionForm
from accord.knowledge.models import Expert, is_lessons_manager

SECTION = "knowledge"


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> Any:
    return render_page(
        request, f"{SECTION}/{template}", SECTION, {"ns": SECTION, **context}, status
    )


@login_required
def expert_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = {
        "domain": request.GET.get("domain", "").strip()[:120],
        "language": request.GET.get("language", "").strip()[:3],
        "availability": request.GET.get("availability", ""),
    }
    if filters["availability"] not in Expert.Availability.values:
        filters["availability"] = ""
    return _page(
        request,
        "expert_list.html",
        {
            "experts": selectors.expert_list(actor=user, **filters)[:500],
            "filters": filters,
            "availabilities": Expert.Availability.choices,
            "may_nominate": is_lessons_manager(user),
        },
    )


@login_required
def expert_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not is_lessons_manager(user):
        raise PermissionDenied()
    form = ExpertForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        outcome = attempt(
            request,
            form,
            lambda: services.expert_nominate(actor=user, **form.service_arguments()),
            refusal_on_form=True,
            success=_("The expert is nominated."),
        )
        if outcome.ok:
            return redirect(f"{SECTION}:expert-detail", pk=outcome.value.pk)
    return _page(request, "expert_form.html", {"form": form}, 400 if form.errors else 200)


@login_required
def expert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    expert = selectors.expert_get(actor=user, pk=pk)
    record_view(actor=user, obj=expert)
    own = party_of(user)
    manager = is_lessons_manager(user)
    version = {"version": expert.version}
    return _page(
        request,
        "expert_detail.html",
        {
            "expert": expert,
            "validate_form": VersionForm(initial=version)
            if manager
            and own is not None
            and own.is_secretariat
            and expert.status == Expert.Status.NOMINATED
            else None,
            "availability_form": AvailabilityForm(
                initial={**version, "availability": expert.availability}
            )
            if manager and own is not None and own.pk == expert.owner_id
            else None,
        },
    )


@login_required
@require_POST
def expert_validate(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    expert = selectors.expert_get(actor=user, pk=pk)
    form = VersionForm(request.POST)
    perform(
        request,
        form,
        lambda: services.expert_validate(
            actor=user, expert=expert, version=form.cleaned_data["version"]
        ),
        success=_("The expert is validated."),
    )
    return redirect(f"{SECTION}:expert-detail", pk=expert.pk)


@login_required
@require_POST
def expert_availability(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    expert = selectors.expert_get(actor=user, pk=pk)
    form = AvailabilityForm(request.POST)
    perform(
        request,
        form,
        lambda: services.expert_set_availability(actor=user, expert=expert, **form.cleaned_data),
        success=_("The availability is saved."),
    )
    return redirect(f"{SECTION}:expert-detail", pk=expert.pk)
