"""The review file: its tabs and what each shows, and what the page offers the user on it.

The page shows a button only when its service would allow it (`_may` reads the
`accord.expertise.permissions` checks ahead); the POST actions are in `review_actions`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.access import party_of
from accord.core.audit import record_view
from accord.core.permissions import acting_user
from accord.core.selectors import audit_events_visible_to
from accord.core.web import render_page
from accord.expertise import selectors, services
from accord.expertise.forms import (
    AnswerForm,
    AskForm,
    FindingForm,
    InviteForm,
    NoteForm,
    ReasonForm,
    ReviewersForm,
    SignForm,
)
from accord.expertise.models import Review, ReviewParticipant
from accord.expertise.permissions import is_adviser_of, is_coordinator, is_reviewer, participant_of
from accord.expertise.views.common import link, states
from accord.expertise.views.display import answers, legal_basis, screening_columns
from accord.law import selectors as law_selectors

S = Review.State


TABS = ("description", "screening", "requests", "findings", "conclusions", "notes", "history")


def _tab_labels() -> dict[str, str]:
    return {
        "description": _("Description"),
        "screening": _("Screening"),
        "requests": _("Requests"),
        "findings": _("Findings"),
        "conclusions": _("Conclusions"),
        "notes": _("Internal notes"),
        "history": _("History"),
    }


def tab_url(review: Review, tab: str, anchor: str = "") -> str:
    return f"{reverse('expertise:review', args=[review.pk])}?tab={tab}{anchor}"


def _may(user: Any, review: Review) -> dict[str, Any]:
    """What the page offers `user` on `review`: the services' own checks, read ahead."""
    state = review.state
    participant = participant_of(review, user)
    coordinator = is_coordinator(user)
    initiator = is_adviser_of(user, review.initiating_party_id)
    owner = is_adviser_of(user, review.owner_id)
    concludes = participant is not None and participant.concludes
    signed = participant is not None and any(
        c.party_id == participant.party_id for c in review.conclusions.all()
    )
    reviewer = is_reviewer(review, user)
    return {
        "participant": participant,
        "submit": state == S.DRAFT and (initiator or owner or coordinator),
        "start": state == S.SUBMITTED and coordinator,
        "deliberate": state == S.IN_REVIEW and coordinator,
        "withdraw": review.is_open and (coordinator or initiator),
        "invite": state in (S.DRAFT, S.SUBMITTED) and (coordinator or initiator),
        "name_reviewers": review.is_open
        and concludes
        and participant is not None
        and is_adviser_of(user, participant.party_id),
        "rereview": state == S.CONCLUDED and review.rereview_marked_at is None and coordinator,
        "ask": state == S.IN_REVIEW and reviewer,
        "answer": owner,
        "reviewer": reviewer,
        "record_findings": state in (S.IN_REVIEW, S.DELIBERATION) and reviewer and not signed,
        "sign": state == S.DELIBERATION
        and concludes
        and participant is not None
        and participant.lead_reviewer_id == user.pk
        and not signed,
        "note": participant is not None,
    }


def _findings_tab(
    user: Any, review: Review, may: dict[str, Any], bound: dict[str, forms.BaseForm]
) -> dict[str, Any]:
    """Per concluding party: the rules needing its finding and what it found; the actor's
    party gets a form per rule while it may still record."""
    findings = list(selectors.findings_of(review))
    evidence = selectors.version_evidence(review.subject)
    own = party_of(user)
    participants = [p for p in review.participants.all() if p.concludes]
    codes = {
        p.party.code: services.rules_needing_findings(review, p.party.code) for p in participants
    }
    wanted = (
        {c for cs in codes.values() for c in cs}
        | {f.rule.code for f in findings}
        | {k.removeprefix("finding-") for k in bound if k.startswith("finding-")}
    )
    rules = {
        r.code: r for r in law_selectors.rule_list(include_inactive=True).filter(code__in=wanted)
    }
    sections = []
    for participant in participants:
        party = participant.party
        mine = {f.rule.code: f for f in findings if f.party_id == party.pk}
        needed = codes[party.code]
        extra = set(mine)
        if own is not None and party.pk == own.pk:  # a rule added by a form just posted
            extra |= {
                code
                for k in bound
                if k.startswith("finding-") and (code := k.removeprefix("finding-")) in rules
            }
        order = needed + sorted(c for c in extra if c not in needed)
        rows = []
        for code in order:
            finding = mine.get(code)
            form = None
            if own is not None and party.pk == own.pk and may["record_findings"] and code in rules:
                key = f"finding-{code}"
                form = bound.get(key) or FindingForm(
                    evidence=evidence,
                    auto_id=f"id_{code}_%s",
                    initial={
                        "rule": code,
                        "outcome": finding.outcome if finding else None,
                        "reasoning": finding.reasoning if finding else "",
                        "restriction": finding.restriction if finding else "",
                        "evidence": [e.pk for e in finding.evidence.all()] if finding else [],
                        "expected_version": finding.version if finding else None,
                    },
                )
            rows.append({"code": code, "rule": rules.get(code), "finding": finding, "form": form})
        sections.append(
            {
                "party": party,
                "own": own is not None and party.pk == own.pk,
                "rows": rows,
                "missing": [c for c in needed if c not in mine],
            }
        )
    return {"finding_sections": sections}


def _conclusions_tab(
    review: Review, may: dict[str, Any], bound: dict[str, forms.BaseForm]
) -> dict[str, Any]:
    conclusions = {c.party_id: c for c in selectors.conclusions_of(review)}
    screened = (review.screening or {}).get("parties", {})
    return {
        "conclusion_rows": [
            (p, conclusions.get(p.party_id), legal_basis(screened.get(p.party.code, {})))
            for p in review.participants.all()
            if p.concludes
        ],
        "sign_form": (bound.get("sign") or SignForm()) if may["sign"] else None,
        "report_url": link("expertise:report-pdf", review.pk)
        if review.state == S.CONCLUDED
        else None,
    }


def _requests_tab(
    review: Review, may: dict[str, Any], bound: dict[str, forms.BaseForm], user: Any
) -> dict[str, Any]:
    own = party_of(user)
    rows = []
    today = timezone.localdate()
    for request in selectors.requests_of(review):
        is_open = request.state == request.State.OPEN
        rows.append(
            {
                "request": request,
                "overdue": is_open and request.due_date < today,
                "answer_form": (
                    bound.get(f"answer-{request.pk}")
                    or AnswerForm(initial={"request": request.pk}, auto_id=f"id_a{request.pk}_%s")
                )
                if is_open and may["answer"]
                else None,
                "may_withdraw": is_open
                and may["reviewer"]
                and own is not None
                and own.pk == request.asking_party_id,
            }
        )
    return {
        "request_rows": rows,
        "ask_form": (
            bound.get("ask") or AskForm(initial={"due_date": today + dt.timedelta(days=14)})
        )
        if may["ask"]
        else None,
    }


def _history(user: Any, review: Review) -> Any:
    """Audit events about this file the user may read: the review itself, its findings,
    conclusions, requests, and the user's own party's notes."""
    related = {
        "expertise.finding": review.findings.values_list("pk", flat=True),
        "expertise.conclusion": review.conclusions.values_list("pk", flat=True),
        "expertise.informationrequest": review.requests.values_list("pk", flat=True),
        "expertise.internalnote": selectors.notes_for(actor=user, review=review).values_list(
            "pk", flat=True
        ),
    }
    about = Q(object_type="expertise.review", object_id=str(review.pk))
    for object_type, ids in related.items():
        about |= Q(object_type=object_type, object_id__in=[str(i) for i in ids])
    return audit_events_visible_to(user).filter(about)[:200]


def _reviewers_form(user: Any, participant: ReviewParticipant | None, bound: Any) -> Any:
    if participant is None:
        return None
    if bound is not None:
        return bound
    return ReviewersForm(
        users=selectors.review_staff(party_id=participant.party_id, review=participant.review),
        initial={
            "lead_reviewer": participant.lead_reviewer_id,
            "reviewers": [r.pk for r in participant.reviewers.all()],
        },
    )


def review_page(
    request: HttpRequest,
    review: Review,
    tab: str,
    bound: dict[str, forms.BaseForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = acting_user(request)
    bound = bound or {}
    may = _may(user, review)
    participants = list(review.participants.all())
    taken = {p.party_id for p in participants}
    context: dict[str, Any] = {
        "review": review,
        "version": review.subject,
        "system": review.subject.system,
        "tab": tab,
        "tabs": list(_tab_labels().items()),
        "may": may,
        "participants": participants,
        "needs_rereview": selectors.needs_rereview(review),
        "withdraw_form": (bound.get("withdraw") or ReasonForm(auto_id="id_withdraw_%s"))
        if may["withdraw"]
        else None,
        "rereview_form": (bound.get("rereview") or ReasonForm(auto_id="id_rereview_%s"))
        if may["rereview"]
        else None,
        "invite_form": (bound.get("invite") or InviteForm(states=states().exclude(pk__in=taken)))
        if may["invite"]
        else None,
        "reviewers_form": _reviewers_form(user, may["participant"], bound.get("reviewers"))
        if may["name_reviewers"]
        else None,
        "report_url": link("expertise:report-pdf", review.pk)
        if review.state == S.CONCLUDED
        else None,
    }
    if tab == "description":
        context["answers"] = answers(review.subject)
    elif tab == "screening":
        context["columns"] = screening_columns(review, user.party_id)
        context["cross_party_flags"] = (review.screening or {}).get("cross_party_flags", [])
    elif tab == "requests":
        context.update(_requests_tab(review, may, bound, user))
    elif tab == "findings":
        context.update(_findings_tab(user, review, may, bound))
    elif tab == "conclusions":
        context.update(_conclusions_tab(review, may, bound))
    elif tab == "notes":
        context["notes"] = selectors.notes_for(actor=user, review=review)
        context["note_form"] = (bound.get("note") or NoteForm()) if may["note"] else None
        context["own_party"] = party_of(user)
    elif tab == "history":
        context["events"] = _history(user, review)
    return render_page(request, "expertise/review_detail.html", "review", context, status=status)


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    review = selectors.review_get(actor=user, pk=pk)
    record_view(actor=user, obj=review)
    tab = request.GET.get("tab", "description")
    if tab not in TABS:
        tab = "description"
    return review_page(request, review, tab)
