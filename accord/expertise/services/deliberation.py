"""Requests for information, findings, and each party's signed conclusion."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, NotFound, ValidationFailed
from accord.core.models import Party
from accord.core.validation import full_clean
from accord.expertise.models import (
    Conclusion,
    Evidence,
    Finding,
    InformationRequest,
    Review,
)
from accord.expertise.permissions import (
    is_adviser_of,
    is_reviewer,
    participant_of,
    require,
)
from accord.expertise.services.common import S, lock_review, require_state

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


# --- Requests for information ---------------------------------------------------------------


@transaction.atomic
def request_ask(
    *, actor: User, review: Review, question: str, due_date: dt.date
) -> InformationRequest:
    review = lock_review(review)
    if not can_see(actor, review):
        raise NotFound()
    require(is_reviewer(review, actor))
    require_state(review, S.IN_REVIEW)
    if not question.strip():
        raise ValidationFailed.single("question", _("Write the question."))
    if due_date < timezone.localdate():
        raise ValidationFailed.single("due_date", _("The due date is in the past."))
    party = party_of(actor)
    assert party is not None
    request = InformationRequest.objects.create(
        review=review,
        asking_party=party,
        asked_by=actor,
        question=question.strip(),
        due_date=due_date,
    )
    record_event(actor=actor, action="expertise.request.ask", obj=request, after=snapshot(request))
    return request


@transaction.atomic
def request_answer(*, actor: User, request: InformationRequest, answer: str) -> InformationRequest:
    """The owner party answers."""
    review = request.review
    if not can_see(actor, review):
        raise NotFound()
    require(is_adviser_of(actor, review.owner_id))
    if request.state != InformationRequest.State.OPEN:
        raise Conflict(_("This request is no longer open."))
    if not answer.strip():
        raise ValidationFailed.single("answer", _("Write the answer."))
    request.state = InformationRequest.State.ANSWERED
    request.answer = answer.strip()
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save()
    record_event(
        actor=actor, action="expertise.request.answer", obj=request, after=snapshot(request)
    )
    return request


@transaction.atomic
def request_withdraw(*, actor: User, request: InformationRequest) -> InformationRequest:
    review = request.review
    if not can_see(actor, review):
        raise NotFound()
    party = party_of(actor)
    require(
        party is not None and party.pk == request.asking_party_id and is_reviewer(review, actor)
    )
    if request.state != InformationRequest.State.OPEN:
        raise Conflict(_("This request is no longer open."))
    request.state = InformationRequest.State.WITHDRAWN
    request.save(update_fields=["state"])
    record_event(actor=actor, action="expertise.request.withdraw", obj=request)
    return request


# --- Findings and conclusions ---------------------------------------------------------------


def rules_needing_findings(review: Review, party_code: str) -> list[str]:
    """The rules the screening engaged for a party: each needs the party's finding. (Rules
    pending on unanswered questions show as gaps in the file; answering the questionnaire
    before submission is what closes them.)"""
    entry = (review.screening or {}).get("parties", {}).get(party_code, {})
    return [item["rule"] for item in entry.get("engaged", [])]


def missing_findings(review: Review, party: Party) -> list[str]:
    have = set(review.findings.filter(party=party).values_list("rule__code", flat=True))
    return [code for code in rules_needing_findings(review, party.code) if code not in have]


@transaction.atomic
def finding_record(
    *,
    actor: User,
    review: Review,
    rule: Any,
    outcome: str,
    reasoning: str,
    restriction: str = "",
    evidence: list[Evidence] | None = None,
    expected_version: int | None = None,
) -> Finding:
    """Record (or revise) the actor's party's finding on a rule."""
    review = lock_review(review)
    if not can_see(actor, review):
        raise NotFound()
    require(is_reviewer(review, actor))
    require_state(review, S.IN_REVIEW, S.DELIBERATION)
    party = party_of(actor)
    assert party is not None
    if review.conclusions.filter(party=party).exists():
        raise Conflict(_("Your party has signed its conclusion; its findings are final."))
    if outcome == Finding.Outcome.RESTRICTION and not restriction.strip():
        raise ValidationFailed.single("restriction", _("State the restriction needed."))
    if any(e.version_id != review.subject_id for e in evidence or []):
        raise ValidationFailed.single("evidence", _("Cite evidence of the reviewed version."))
    finding = Finding.objects.filter(review=review, party=party, rule=rule).first()
    before = snapshot(finding) if finding else None
    if finding is None:
        finding = Finding(review=review, party=party, rule=rule, author=actor)
    elif expected_version is not None and finding.version != expected_version:
        raise Conflict()
    finding.outcome, finding.reasoning = outcome, reasoning.strip()
    finding.restriction, finding.author = restriction.strip(), actor
    full_clean(finding)
    if finding.pk:
        save_versioned(
            finding,
            expected_version=finding.version,
            fields=["outcome", "reasoning", "restriction", "author"],
        )
    else:
        finding.save()
    finding.evidence.set(evidence or [])
    record_event(
        actor=actor,
        action="expertise.finding.record",
        obj=finding,
        before=before,
        after=snapshot(finding),
    )
    return finding


@transaction.atomic
def conclusion_sign(
    *,
    actor: User,
    review: Review,
    outcome: str,
    reasoning: str,
    conditions: list[str] | None = None,
    opinion: str = "",
    opinion_text: str = "",
    confirmed_by: str = "",
) -> Conclusion:
    """The lead reviewer signs the party's conclusion. When every concluding party has
    signed, the joint conclusion is adopted and the review is concluded (immutable).
    `confirmed_by`: how the page or the API confirmed the signer (`core.stepup`); stored,
    so the audit event carries it."""
    review = lock_review(review)
    if not can_see(actor, review):
        raise NotFound()
    participant = participant_of(review, actor)
    require(
        participant is not None
        and participant.concludes
        and participant.lead_reviewer_id == actor.pk,
        _("Only your party's lead reviewer signs its conclusion."),
    )
    assert participant is not None
    require_state(review, S.DELIBERATION)
    if review.conclusions.filter(party_id=participant.party_id).exists():
        raise Conflict(_("Your party has already signed its conclusion."))
    missing = missing_findings(review, participant.party)
    if missing:
        raise ValidationFailed.single(
            "findings",
            _("Record a finding on every rule the screening engaged first: %(rules)s.")
            % {"rules": ", ".join(missing)},
        )
    conditions = [c.strip() for c in conditions or [] if c.strip()]
    if outcome == Conclusion.Outcome.LAWFUL_WITH_CONDITIONS and not conditions:
        raise ValidationFailed.single("conditions", _("List the conditions of use."))
    if outcome != Conclusion.Outcome.LAWFUL_WITH_CONDITIONS and conditions:
        raise ValidationFailed.single(
            "conditions", _("Conditions belong to 'lawful with conditions'.")
        )
    if opinion and not opinion_text.strip():
        raise ValidationFailed.single("opinion_text", _("Write the opinion."))
    conclusion = Conclusion(
        review=review,
        party_id=participant.party_id,
        outcome=outcome,
        conditions=conditions,
        reasoning=reasoning.strip(),
        opinion=opinion,
        opinion_text=opinion_text.strip(),
        signed_by=actor,
        signed_at=timezone.now(),
        confirmed_by=confirmed_by,
    )
    full_clean(conclusion)
    conclusion.save()
    record_event(
        actor=actor, action="expertise.conclusion.sign", obj=conclusion, after=snapshot(conclusion)
    )
    concluding = {p.party_id for p in review.participants.all() if p.concludes}
    signed = set(review.conclusions.values_list("party_id", flat=True))
    if concluding <= signed:
        _conclude(actor, review)
    return conclusion


def _conclude(actor: User, review: Review) -> None:
    """Adopt the joint conclusion; the event's hash goes into the file and the report."""
    review.state = S.CONCLUDED
    review.concluded_at = timezone.now()
    review.version += 1
    review.save(update_fields=["state", "concluded_at", "version"])
    event = record_event(
        actor=actor,
        action="expertise.review.concluded",
        obj=review,
        after={
            "state": S.CONCLUDED,
            "conclusions": {
                c.party.code: c.outcome for c in review.conclusions.select_related("party")
            },
        },
    )
    Review.objects.filter(pk=review.pk).update(conclusion_event_hash=event.hash)
    review.conclusion_event_hash = event.hash
