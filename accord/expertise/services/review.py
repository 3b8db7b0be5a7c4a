"""Opening a review, its participants, submission (with the screening) and its moves."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event
from accord.core.errors import Conflict, NotFound, ValidationFailed
from accord.core.models import Party, Release
from accord.core.validation import full_clean
from accord.expertise.models import (
    ContingentAssignment,
    InformationRequest,
    Review,
    ReviewParticipant,
    SystemVersion,
)
from accord.expertise.permissions import (
    is_adviser_of,
    is_coordinator,
    participant_of,
    require,
)
from accord.expertise.services.common import (
    S,
    lock_review,
    require_state,
    secretariat_party,
    transition,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


# --- The review ----------------------------------------------------------------------------


@transaction.atomic
def review_open(
    *,
    actor: User,
    version: SystemVersion,
    law_date: dt.date | None = None,
    conflict_type: str = "",
    invited: list[Party] | None = None,
    expires_on: dt.date | None = None,
) -> Review:
    """Open a draft review of a version. Participants: the owner, every party whose
    contingent uses the version, the initiating party, the invited, and the Secretariat as
    coordinator."""
    system = version.system
    if not can_see(actor, system):
        raise NotFound()
    party = party_of(actor)
    require(party is not None and (is_adviser_of(actor, party.pk) or is_coordinator(actor)))
    assert party is not None
    law_date = law_date or timezone.localdate()
    review = Review(
        subject=version,
        initiating_party=party,
        owner_id=system.owner_id,
        classification=system.classification,
        release=Release.OWNER,
        law_date=law_date,
        conflict_type=conflict_type,
        expires_on=expires_on,
    )
    full_clean(review)
    review.save()
    roles: dict[int, str] = {system.owner_id: ReviewParticipant.Role.OWNER}
    for assignment in ContingentAssignment.objects.filter(version=version):
        roles.setdefault(assignment.party_id, ReviewParticipant.Role.CONTINGENT)
    for other in invited or []:
        roles.setdefault(other.pk, ReviewParticipant.Role.INVITED)
    secretariat = secretariat_party()
    if party.is_secretariat:
        roles.setdefault(party.pk, ReviewParticipant.Role.COORDINATOR)
    else:
        roles.setdefault(party.pk, ReviewParticipant.Role.INITIATOR)
    if secretariat is not None:
        roles[secretariat.pk] = ReviewParticipant.Role.COORDINATOR
    ReviewParticipant.objects.bulk_create(
        ReviewParticipant(review=review, party_id=pid, role=role) for pid, role in roles.items()
    )
    record_event(
        actor=actor,
        action="expertise.review.open",
        obj=review,
        after={
            "version": version.pk,
            "participants": sorted(roles),
            "law_date": law_date,
            "conflict_type": conflict_type,
        },
    )
    return review


@transaction.atomic
def participant_invite(*, actor: User, review: Review, party: Party) -> ReviewParticipant:
    """Add a party to a review not yet under way (coordinator or initiating party)."""
    review = lock_review(review)
    if not can_see(actor, review):
        raise NotFound()
    require(is_coordinator(actor) or is_adviser_of(actor, review.initiating_party_id))
    require_state(review, S.DRAFT, S.SUBMITTED)
    if party.kind != Party.Kind.STATE:
        raise ValidationFailed.single("party", _("Only states conclude on a review."))
    participant, created = ReviewParticipant.objects.get_or_create(
        review=review, party=party, defaults={"role": ReviewParticipant.Role.INVITED}
    )
    if created:
        record_event(
            actor=actor, action="expertise.review.invite", obj=review, after={"party": party.code}
        )
    return participant


@transaction.atomic
def participant_name_reviewers(
    *, actor: User, review: Review, lead_reviewer: Any, reviewers: list[Any]
) -> ReviewParticipant:
    """A party names its lead reviewer and reviewers (its own users only)."""
    review = lock_review(review)
    if not can_see(actor, review):
        raise NotFound()
    participant = participant_of(review, actor)
    require(
        participant is not None
        and participant.concludes
        and is_adviser_of(actor, participant.party_id)
    )
    assert participant is not None
    require_state(review, S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.DELIBERATION)
    from accord.core.roles import Role

    people = [lead_reviewer, *reviewers]
    if any(p.party_id != participant.party_id or not p.is_active for p in people):
        raise ValidationFailed.single("reviewers", _("Name users of your own party only."))
    if any(p.clearance < review.classification for p in people):
        raise ValidationFailed.single(
            "reviewers", _("Name only users cleared to read the review's classification.")
        )
    if not lead_reviewer.has_role(Role.LEAD_REVIEWER):
        raise ValidationFailed.single(
            "lead_reviewer", _("The lead reviewer needs the lead reviewer role.")
        )
    before = {
        "lead": participant.lead_reviewer_id,
        "reviewers": sorted(r.pk for r in participant.reviewers.all()),
    }
    participant.lead_reviewer = lead_reviewer
    participant.save(update_fields=["lead_reviewer"])
    participant.reviewers.set(reviewers)
    record_event(
        actor=actor,
        action="expertise.review.name_reviewers",
        obj=review,
        before=before,
        after={
            "party": participant.party.code,
            "lead": lead_reviewer.pk,
            "reviewers": sorted(r.pk for r in reviewers),
        },
    )
    return participant


def _screening_snapshot(review: Review) -> dict[str, Any]:
    """The law engine's screening of the version for every concluding party, frozen into
    the file as it stood on submission (later changes in the law mark re-review instead
    of rewriting history)."""
    from accord.law.engine import screen

    parties = [p.party for p in review.participants.select_related("party") if p.concludes]
    result = screen(
        review.subject.characteristics, parties, review.law_date, review.conflict_type or None
    )

    def basis(b: Any) -> dict[str, Any]:
        act = b.status.act if b.status else None
        return {
            "customary": b.customary,
            "instrument": b.instrument.code if b.instrument else None,
            "provision": b.provision,
            "act": act.kind if act else None,
            "date": act.date.isoformat() if act and act.date else None,
            "date_precision": act.date_precision if act else None,
            "to_verify": b.to_verify,
        }

    def item(s: Any) -> dict[str, Any]:
        rule = s.rule
        return {
            "rule": rule.code,
            "title_en": rule.title_en,
            "title_ru": rule.title_ru,
            "kind": rule.kind,
            "outcome": s.outcome,
            "restriction_en": rule.restriction_en,
            "restriction_ru": rule.restriction_ru,
            "bases": [basis(b) for b in s.obligation.bases],
            "conditions": s.obligation.conditions,
            "held": s.evaluation.held,
            "missing": s.evaluation.missing,
        }

    def exception(e: Any) -> dict[str, Any]:
        return {
            "code": e.exception.code,
            "rule": e.rule.code,
            "provision": e.provision,
            "title_en": e.exception.title_en,
            "title_ru": e.exception.title_ru,
        }

    return {
        "law_date": review.law_date.isoformat(),
        "conflict_type": review.conflict_type,
        "characteristics": review.subject.characteristics,
        "parties": {
            s.party.code: {
                "engaged": [item(x) for x in s.engaged],
                "pending": [item(x) for x in s.pending],
                "general": [o.rule.code for o in s.general],
                "flags": s.flags,
                "relies_on_unconfirmed": s.relies_on_unconfirmed,
                # Issue 12, point 6: the answer's summary, and why a use is lawful.
                "summary": s.summary,
                "basis_items": s.basis_items,
                "exceptions": [exception(e) for e in s.exceptions],
                "not_engaged": [
                    {
                        "rule": n.rule.code,
                        "failed": n.failed,
                        "exception": n.exception.exception.code if n.exception else None,
                    }
                    for n in s.not_engaged
                ],
                "facts_to_verify": [
                    {
                        "instrument": a.instrument.code,
                        "kind": a.kind,
                        "date": a.date.isoformat() if a.date else None,
                    }
                    for a in s.facts_to_verify
                ],
            }
            for s in result.parties
        },
        "cross_party_flags": result.cross_party_flags,
    }


@transaction.atomic
def review_submit(*, actor: User, review: Review) -> Review:
    """Draft → submitted: the screening is attached and the version frozen."""
    review = lock_review(review)
    if not can_see(actor, review):
        raise NotFound()
    require(
        is_adviser_of(actor, review.initiating_party_id)
        or is_coordinator(actor)
        or is_adviser_of(actor, review.owner_id)
    )
    require_state(review, S.DRAFT)
    if not review.subject.characteristics:
        raise ValidationFailed.single(
            "characteristics",
            _("Describe the version (the questionnaire) before submitting it for review."),
        )
    now = timezone.now()
    SystemVersion.objects.filter(pk=review.subject_id, frozen_at__isnull=True).update(frozen_at=now)
    return transition(
        actor, review, S.SUBMITTED, screening=_screening_snapshot(review), submitted_at=now
    )


@transaction.atomic
def review_start(*, actor: User, review: Review) -> Review:
    """Submitted → in review (the Secretariat opens the joint examination)."""
    review = lock_review(review)
    if not can_see(actor, review):
        raise NotFound()
    require(is_coordinator(actor))
    require_state(review, S.SUBMITTED)
    return transition(actor, review, S.IN_REVIEW)


@transaction.atomic
def review_deliberate(*, actor: User, review: Review) -> Review:
    """In review → deliberation, once no request for information is open."""
    review = lock_review(review)
    if not can_see(actor, review):
        raise NotFound()
    require(is_coordinator(actor))
    require_state(review, S.IN_REVIEW)
    open_requests = review.requests.filter(state=InformationRequest.State.OPEN).count()
    if open_requests:
        raise Conflict(
            _(
                "%(n)s request(s) for information are still open; they must be "
                "answered or withdrawn first."
            )
            % {"n": open_requests}
        )
    return transition(actor, review, S.DELIBERATION)


@transaction.atomic
def review_withdraw(*, actor: User, review: Review, reason: str) -> Review:
    review = lock_review(review)
    if not can_see(actor, review):
        raise NotFound()
    require(is_coordinator(actor) or is_adviser_of(actor, review.initiating_party_id))
    require_state(review, S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.DELIBERATION)
    if not reason.strip():
        raise ValidationFailed.single("reason", _("Say why the review is withdrawn."))
    return transition(actor, review, S.WITHDRAWN, withdrawal_reason=reason.strip())
