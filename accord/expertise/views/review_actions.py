"""The POST actions on the review file: its transitions, the parties and reviewers, requests
for information, findings, conclusions and internal notes. Each runs its service and
returns to the tab it concerns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core import stepup
from accord.core.access import party_of
from accord.core.errors import NotFound
from accord.core.permissions import acting_user
from accord.core.web import Done, perform
from accord.expertise import selectors, services
from accord.expertise.forms import (
    AnswerForm,
    AskForm,
    FindingForm,
    InviteForm,
    NoteForm,
    ReasonForm,
    RequestWithdrawForm,
    ReviewersForm,
    SignForm,
)
from accord.expertise.models import Review
from accord.expertise.views.common import states
from accord.expertise.views.reviews import review_page, tab_url
from accord.law import selectors as law_selectors


def _review_action(
    request: HttpRequest,
    pk: int,
    *,
    tab: str,
    call: Callable[[Any, Review, Any], Any],
    success: str,
    make_form: Callable[[Any, Review], forms.BaseForm] | None = None,
    key: str = "",
    anchor: str = "",
) -> HttpResponse:
    """A POST on the review file: the service call, then back to the tab with a message;
    invalid data shows the tab again with the form's errors."""
    user = acting_user(request)
    review = selectors.review_get(actor=user, pk=pk)
    form = make_form(user, review) if make_form else None
    done = perform(request, form, lambda: call(user, review, form))
    if done is Done.INVALID and form is not None:
        return review_page(request, review, tab, {key or tab: form}, status=400)
    if done is Done.OK:
        messages.success(request, success)
    return redirect(tab_url(review, tab, anchor))


@login_required
@require_POST
def review_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(
        request,
        pk,
        tab="screening",
        call=lambda user, review, _f: services.review_submit(actor=user, review=review),
        success=_("The review is submitted: the version is frozen and the screening attached."),
    )


@login_required
@require_POST
def review_start(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(
        request,
        pk,
        tab="findings",
        call=lambda user, review, _f: services.review_start(actor=user, review=review),
        success=_("The joint examination has started."),
    )


@login_required
@require_POST
def review_deliberate(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(
        request,
        pk,
        tab="conclusions",
        call=lambda user, review, _f: services.review_deliberate(actor=user, review=review),
        success=_("The review is in deliberation: the parties may sign their conclusions."),
    )


@login_required
@require_POST
def review_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(
        request,
        pk,
        tab="description",
        make_form=lambda _u, _r: ReasonForm(request.POST, auto_id="id_withdraw_%s"),
        key="withdraw",
        call=lambda user, review, form: services.review_withdraw(
            actor=user, review=review, reason=form.cleaned_data["reason"]
        ),
        success=_("The review is withdrawn."),
    )


@login_required
@require_POST
def review_rereview(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(
        request,
        pk,
        tab="conclusions",
        make_form=lambda _u, _r: ReasonForm(request.POST, auto_id="id_rereview_%s"),
        key="rereview",
        call=lambda user, review, form: services.rereview_mark(
            actor=user, review=review, reason=form.cleaned_data["reason"]
        ),
        success=_("The conclusion is marked as needing re-review."),
    )


@login_required
@require_POST
def review_invite(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(
        request,
        pk,
        tab="description",
        make_form=lambda _u, _r: InviteForm(request.POST, states=states()),
        key="invite",
        call=lambda user, review, form: services.participant_invite(
            actor=user, review=review, party=form.cleaned_data["party"]
        ),
        success=_("The party is invited to the review."),
        anchor="#participants",
    )


@login_required
@require_POST
def review_reviewers(request: HttpRequest, pk: int) -> HttpResponse:
    def make_form(user: Any, review: Review) -> forms.BaseForm:
        own = party_of(user)
        staff = selectors.review_staff(party_id=own.pk if own else 0, review=review)
        return ReviewersForm(request.POST, users=staff)

    return _review_action(
        request,
        pk,
        tab="description",
        make_form=make_form,
        key="reviewers",
        call=lambda user, review, form: services.participant_name_reviewers(
            actor=user, review=review, **form.service_arguments()
        ),
        success=_("Your party's reviewers are named."),
        anchor="#participants",
    )


@login_required
@require_POST
def request_ask(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(
        request,
        pk,
        tab="requests",
        make_form=lambda _u, _r: AskForm(request.POST),
        key="ask",
        call=lambda user, review, form: services.request_ask(
            actor=user, review=review, **form.cleaned_data
        ),
        success=_("The request for information is sent to the owner party."),
    )


def _request_of(review: Review, form: forms.BaseForm) -> Any:
    found = selectors.requests_of(review).filter(pk=form.cleaned_data["request"]).first()
    if found is None:
        raise NotFound()
    return found


@login_required
@require_POST
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    key = f"answer-{request.POST.get('request', '')}"
    return _review_action(
        request,
        pk,
        tab="requests",
        make_form=lambda _u, _r: AnswerForm(
            request.POST, auto_id=f"id_a{request.POST.get('request', '')}_%s"
        ),
        key=key,
        call=lambda user, review, form: services.request_answer(
            actor=user, request=_request_of(review, form), answer=form.cleaned_data["answer"]
        ),
        success=_("The answer is recorded."),
    )


@login_required
@require_POST
def request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(
        request,
        pk,
        tab="requests",
        make_form=lambda _u, _r: RequestWithdrawForm(request.POST),
        key="withdraw-request",
        call=lambda user, review, form: services.request_withdraw(
            actor=user, request=_request_of(review, form)
        ),
        success=_("The request is withdrawn."),
    )


@login_required
@require_POST
def finding_record(request: HttpRequest, pk: int) -> HttpResponse:
    code = request.POST.get("rule", "")
    if not law_selectors.rule_list(include_inactive=True).filter(code=code).exists():
        # No form row can show the error of a finding on no rule (or on a code that is not
        # in the register): say so above the tab, as a 400.
        review = selectors.review_get(actor=acting_user(request), pk=pk)
        messages.error(request, _("Choose a rule of the register for the finding."))
        return review_page(request, review, "findings", status=400)

    def make_form(_user: Any, review: Review) -> forms.BaseForm:
        return FindingForm(
            request.POST,
            evidence=selectors.version_evidence(review.subject),
            auto_id=f"id_{code}_%s",
        )

    def call(user: Any, review: Review, form: Any) -> Any:
        data = form.cleaned_data
        return services.finding_record(
            actor=user,
            review=review,
            rule=law_selectors.rule_get(code=data["rule"]),
            outcome=data["outcome"],
            reasoning=data["reasoning"],
            restriction=data["restriction"],
            evidence=list(data.get("evidence") or []),
            expected_version=data["expected_version"],
        )

    return _review_action(
        request,
        pk,
        tab="findings",
        make_form=make_form,
        key=f"finding-{code}",
        call=call,
        success=_("Your party's finding on %(rule)s is recorded.") % {"rule": code},
        anchor=f"#finding-{code}",
    )


@login_required
@require_POST
def conclusion_sign(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(
        request,
        pk,
        tab="conclusions",
        make_form=lambda _u, _r: SignForm(request.POST),
        key="sign",
        call=lambda user, review, form: services.conclusion_sign(
            actor=user,
            review=review,
            confirmed_by=stepup.confirm_identity(user, form.cleaned_data.get(stepup.FIELD)),
            **form.service_arguments(),
        ),
        success=_("Your party's conclusion is signed."),
    )


@login_required
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_action(
        request,
        pk,
        tab="notes",
        make_form=lambda _u, _r: NoteForm(request.POST),
        key="note",
        call=lambda user, review, form: services.note_add(
            actor=user, review=review, text=form.cleaned_data["text"]
        ),
        success=_("The note is added; only your party sees it."),
    )
