"""The money pages of a programme: propose and decide a key, what-if, budget revisions,
assessments, contributions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.errors import PermissionDenied, ValidationFailed
from accord.core.permissions import acting_user
from accord.core.selectors import party_list
from accord.core.web import Done, add_service_errors, perform
from accord.programmes import selectors, services
from accord.programmes.forms import (
    AssessmentForm,
    BudgetForm,
    BudgetLineFormSet,
    ContributionForm,
    DecideForm,
    KeyForm,
    SharesForm,
)
from accord.programmes.permissions import can_contribute, can_finance
from accord.programmes.views.common import form_page
from accord.programmes.views.programmes import detail_url


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _financed(request: HttpRequest, pk: int) -> Any:
    user = acting_user(request)
    programme = selectors.programme_get(actor=user, pk=pk)
    if not can_finance(user, programme):
        raise PermissionDenied()
    return user, programme


def _member_parties() -> Any:
    return party_list().filter(standing="member")


@login_required
def key_new(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _financed(request, pk)
    form = KeyForm(_post(request), parties=_member_parties())
    if request.method == "POST":
        done = perform(
            request,
            form,
            lambda: services.key_propose(
                actor=user,
                programme=programme,
                basis=form.cleaned_data["basis"],
                effective_from=form.cleaned_data["effective_from"],
                indicator=form.cleaned_data["indicator"],
                shares=form.shares(),
            ),
            refusal_on_form=True,
            success=_("The key is proposed."),
        )
        if done is Done.OK:
            return redirect(detail_url(programme))
    return form_page(
        request,
        title=_("Propose a cost-share key"),
        form=form,
        back=detail_url(programme),
        intro=_("The shares must sum to exactly 100 %. Leave a party empty to leave it out."),
    )


@login_required
def key_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _financed(request, pk)
    form = DecideForm(_post(request), keys=programme.keys.filter(status="proposed"))
    if request.method == "POST":
        done = perform(
            request,
            form,
            lambda: services.key_decide(
                actor=user,
                key=form.cleaned_data["key"],
                decision_reference=form.cleaned_data["decision_reference"],
            ),
            refusal_on_form=True,
            success=_("The key is in force."),
        )
        if done is Done.OK:
            return redirect(detail_url(programme))
    return form_page(request, title=_("Decide a key"), form=form, back=detail_url(programme))


@login_required
def what_if(request: HttpRequest, pk: int) -> HttpResponse:
    """What a proposed key would ask of each party: readable by whoever sees the
    programme; nothing is written."""
    user = acting_user(request)
    programme = selectors.programme_get(actor=user, pk=pk)
    form = SharesForm(request.GET or None, parties=_member_parties())
    rows: list[Any] = []
    if request.GET and form.is_valid():
        try:
            rows = selectors.what_if(programme, form.shares())
        except ValidationFailed as exc:
            add_service_errors(form, exc)
    return form_page(
        request,
        title=_("What if: a proposed key"),
        form=form,
        back=detail_url(programme),
        intro=_("The latest budget split by the key in force and by the shares below."),
        extra={"what_if": rows, "method": "get"},
    )


@login_required
def budget_new(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _financed(request, pk)
    form = BudgetForm(_post(request))
    formset = BudgetLineFormSet(_post(request), prefix="lines")
    if request.method == "POST" and formset.is_valid():
        lines = [row for row in formset.cleaned_data if row and row.get("amount") is not None]

        def save() -> Any:
            return services.budget_set(
                actor=user,
                programme=programme,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                lines=lines,
            )

        done = perform(
            request, form, save, refusal_on_form=True, success=_("The budget is recorded.")
        )
        if done is Done.OK:
            return redirect(detail_url(programme))
    return form_page(
        request,
        title=_("Budget revision"),
        form=form,
        formset=formset,
        back=detail_url(programme),
        intro=_("The first budget is the original; a later one is a revision and says why."),
    )


@login_required
def assessment_new(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _financed(request, pk)
    form = AssessmentForm(_post(request))
    if request.method == "POST":
        done = perform(
            request,
            form,
            lambda: services.assessment_issue(actor=user, programme=programme, **form.cleaned_data),
            refusal_on_form=True,
            success=_("The call for contributions is issued."),
        )
        if done is Done.OK:
            return redirect(detail_url(programme))
    return form_page(
        request,
        title=_("Call for contributions"),
        form=form,
        back=detail_url(programme),
        intro=_(
            "Each party's part is the total times its share, cut to the kopeck; the kopecks "
            "left over go to the largest remainders, so the parts add up to the total."
        ),
    )


@login_required
def contribution_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    programme = selectors.programme_get(actor=user, pk=pk)
    own = party_of(user)
    if not can_contribute(user, programme, own):
        raise PermissionDenied()
    parties = (
        party_list() if can_finance(user, programme) else party_list().filter(pk=own.pk)  # type: ignore[union-attr]
    )
    form = ContributionForm(
        _post(request), parties=parties, initial={"currency": programme.currency}
    )
    if request.method == "POST":
        done = perform(
            request,
            form,
            lambda: services.contribution_record(
                actor=user, programme=programme, **form.cleaned_data
            ),
            refusal_on_form=True,
            success=_("The contribution is recorded."),
        )
        if done is Done.OK:
            return redirect(detail_url(programme))
    return form_page(
        request,
        title=_("Record a contribution"),
        form=form,
        back=detail_url(programme),
        intro=_("In kind: give the valuation method, the valuer and the evidence."),
    )
