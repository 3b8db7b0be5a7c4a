"""Every write of the register and the joint review: keyword-only `actor`, permission
check, validation, one transaction, an audit event."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, NotFound, ValidationFailed
from accord.core.models import Classification, Party, Release
from accord.core.validation import full_clean, reject_unknown
from accord.expertise.models import (
    Conclusion,
    ContingentAssignment,
    Evidence,
    Finding,
    InformationRequest,
    InternalNote,
    Review,
    ReviewParticipant,
    SystemVersion,
    WeaponSystem,
)
from accord.expertise.permissions import (
    is_adviser_of,
    is_coordinator,
    is_reviewer,
    participant_of,
    require,
)
from accord.law.vocabulary import validate_description

S = Review.State


def _within_clearance(actor: Any, classification: int) -> None:
    if actor is not None and classification > actor.clearance:
        raise ValidationFailed.single(
            "classification", _("You cannot mark a record above your own clearance.")
        )


# --- Register ------------------------------------------------------------------------------

SYSTEM_FIELDS = ("designation", "category", "description", "stage", "classification", "release")


@transaction.atomic
def system_register(
    *, actor: Any, released_to: list[Party] | None = None, **fields: Any
) -> WeaponSystem:
    """Register a new system in the actor's party's register (with its first version)."""
    party = party_of(actor)
    require(party is not None and is_adviser_of(actor, party.pk))
    reject_unknown(fields, SYSTEM_FIELDS)
    system = WeaponSystem(owner=party, **fields)
    _within_clearance(actor, system.classification)
    full_clean(system)
    system.save()
    system.released_to.set(released_to or [])
    record_event(
        actor=actor, action="expertise.system.register", obj=system, after=snapshot(system)
    )
    SystemVersion.objects.create(system=system, number=1)
    return system


@transaction.atomic
def system_update(
    *,
    actor: Any,
    system: WeaponSystem,
    version: int,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> WeaponSystem:
    if not can_see(actor, system):
        raise NotFound()
    require(is_adviser_of(actor, system.owner_id))
    reject_unknown(fields, SYSTEM_FIELDS)
    before = snapshot(system)
    for name, value in fields.items():
        setattr(system, name, value)
    _within_clearance(actor, system.classification)
    full_clean(system)
    save_versioned(system, expected_version=version, fields=list(fields))
    if released_to is not None:
        system.released_to.set(released_to)
    record_event(
        actor=actor,
        action="expertise.system.update",
        obj=system,
        before=before,
        after=snapshot(system),
    )
    return system


VERSION_FIELDS = ("label", "characteristics", "citations", *SystemVersion.NARRATIVE_FIELDS)


@transaction.atomic
def version_create(*, actor: Any, system: WeaponSystem, label: str = "") -> SystemVersion:
    """A modification of the system: a new version, starting from the latest answers.
    Conclusions on earlier versions are marked for re-review."""
    if not can_see(actor, system):
        raise NotFound()
    require(is_adviser_of(actor, system.owner_id))
    latest = system.versions.order_by("-number").first()
    version = SystemVersion(system=system, number=(latest.number + 1) if latest else 1, label=label)
    if latest is not None:
        for name in ("characteristics", "citations", *SystemVersion.NARRATIVE_FIELDS):
            setattr(version, name, getattr(latest, name))
    full_clean(version)
    version.save()
    record_event(
        actor=actor, action="expertise.version.create", obj=version, after=snapshot(version)
    )
    for review in Review.objects.filter(
        subject__system=system, state=S.CONCLUDED, rereview_marked_at__isnull=True
    ):
        rereview_mark(
            actor=None,
            review=review,
            reason=_g("A new version of the system was registered: %(version)s.")
            % {"version": version},
        )
    return version


def _validate_citations(version: SystemVersion, citations: dict[str, Any]) -> None:
    ids = {e for items in citations.values() for e in (items or [])}
    known = set(Evidence.objects.filter(version=version).values_list("pk", flat=True))
    if not isinstance(citations, dict) or not ids <= known:
        raise ValidationFailed.single("citations", _("Cite evidence of this version only."))


@transaction.atomic
def version_update(
    *, actor: Any, version: SystemVersion, expected_version: int, **fields: Any
) -> SystemVersion:
    """Fill in the questionnaire. A version under review is frozen: change means a new
    version."""
    if not can_see(actor, version.system):
        raise NotFound()
    require(is_adviser_of(actor, version.system.owner_id))
    reject_unknown(fields, VERSION_FIELDS)
    if version.frozen_at is not None:
        raise Conflict(
            _(
                "This version is under review and frozen; register a new version "
                "to change its description."
            )
        )
    if "characteristics" in fields:
        errors = validate_description(fields["characteristics"] or {})
        if errors:
            raise ValidationFailed({f"characteristics.{k}": v for k, v in errors.items()})
        fields["characteristics"] = {
            k: v for k, v in fields["characteristics"].items() if v is not None
        }
    if "citations" in fields:
        _validate_citations(version, fields["citations"] or {})
    before = snapshot(version)
    for name, value in fields.items():
        setattr(version, name, value)
    full_clean(version)
    save_versioned(version, expected_version=expected_version, fields=list(fields))
    record_event(
        actor=actor,
        action="expertise.version.update",
        obj=version,
        before=before,
        after=snapshot(version),
    )
    return version


EVIDENCE_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "text/plain": ".txt",
    "text/csv": ".csv",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
# What a file's first bytes must be, for the binary types (a renamed file is refused).
_MAGIC = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (b"PK\x03\x04",),
}
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


def _guess_type(name: str) -> str | None:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == ".jpeg":
        suffix = ".jpg"
    return next((t for t, s in EVIDENCE_TYPES.items() if s == suffix), None)


@transaction.atomic
def evidence_add_file(*, actor: Any, version: SystemVersion, title: str, upload: Any) -> Evidence:
    """Attach a file: whitelisted type (by name and by content), size limit, SHA-256."""
    if not can_see(actor, version.system):
        raise NotFound()
    require(is_adviser_of(actor, version.system.owner_id))
    name = getattr(upload, "name", "") or ""
    content_type = _guess_type(name)
    if content_type is None:
        raise ValidationFailed.single(
            "file",
            _(
                "This type of file is not accepted. Accepted: PDF, PNG, JPEG, text, CSV, Word "
                "and Excel documents."
            ),
        )
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationFailed.single("file", _("The file is larger than 20 MB."))
    if upload.size == 0:
        raise ValidationFailed.single("file", _("The file is empty."))
    digest = hashlib.sha256()
    head = b""
    for chunk in upload.chunks():
        if not head:
            head = chunk[:16]
        digest.update(chunk)
    magic = _MAGIC.get(content_type)
    if magic and not head.startswith(magic):
        raise ValidationFailed.single(
            "file", _("The file's content does not match its name (%(name)s).") % {"name": name}
        )
    if content_type in ("text/plain", "text/csv"):
        upload.seek(0)
        try:
            upload.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValidationFailed.single("file", _("A text file must be UTF-8.")) from exc
    upload.seek(0)
    evidence = Evidence(
        version=version,
        kind=Evidence.Kind.FILE,
        title=title.strip() or name,
        file_name=name[:255],
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        added_by=actor,
    )
    full_clean(evidence, exclude=["file"])
    evidence.file.save(f"{digest.hexdigest()}{EVIDENCE_TYPES[content_type]}", upload, save=False)
    evidence.save()
    record_event(
        actor=actor, action="expertise.evidence.add", obj=evidence, after=snapshot(evidence)
    )
    return evidence


@transaction.atomic
def evidence_add_reference(
    *, actor: Any, version: SystemVersion, title: str, reference: str
) -> Evidence:
    if not can_see(actor, version.system):
        raise NotFound()
    require(is_adviser_of(actor, version.system.owner_id))
    if not reference.strip():
        raise ValidationFailed.single("reference", _("Give the reference."))
    evidence = Evidence(
        version=version,
        kind=Evidence.Kind.REFERENCE,
        title=title.strip(),
        reference=reference.strip(),
        added_by=actor,
    )
    full_clean(evidence, exclude=["file"])
    evidence.save()
    record_event(
        actor=actor, action="expertise.evidence.add", obj=evidence, after=snapshot(evidence)
    )
    return evidence


@transaction.atomic
def contingent_assign(
    *,
    actor: Any,
    version: SystemVersion,
    party: Party,
    from_date: dt.date,
    until_date: dt.date | None = None,
    note: str = "",
) -> ContingentAssignment:
    """Record that `party`'s national contingent uses `version` (the owner or the
    Secretariat records it)."""
    if not can_see(actor, version.system):
        raise NotFound()
    require(is_adviser_of(actor, version.system.owner_id) or is_coordinator(actor))
    if party.kind != Party.Kind.STATE:
        raise ValidationFailed.single("party", _("Only states have national contingents."))
    if until_date and until_date < from_date:
        raise ValidationFailed.single("until_date", _("The end cannot precede the start."))
    assignment = ContingentAssignment.objects.create(
        version=version, party=party, from_date=from_date, until_date=until_date, note=note
    )
    record_event(
        actor=actor,
        action="expertise.contingent.assign",
        obj=assignment,
        after=snapshot(assignment),
    )
    return assignment


# --- The review ----------------------------------------------------------------------------


def _secretariat() -> Party | None:
    return (
        Party.objects.filter(kind=Party.Kind.ORGANISATION, standing=Party.Standing.MEMBER)
        .order_by("pk")
        .first()
    )


def _state(review: Review, *allowed: str) -> None:
    if review.state not in allowed:
        raise Conflict(
            _("Not possible while the review is %(state)s.") % {"state": review.get_state_display()}
        )


def _lock(review: Review) -> Review:
    """Re-read the review under a row lock: transitions are decided on fresh state."""
    return Review.objects.select_for_update().get(pk=review.pk)


def _transition(actor: Any, review: Review, to: str, **extra: Any) -> Review:
    before = {"state": review.state}
    review.state = to
    for name, value in extra.items():
        setattr(review, name, value)
    review.version += 1
    review.save(update_fields=["state", "version", *extra])
    record_event(
        actor=actor,
        action=f"expertise.review.{to}",
        obj=review,
        before=before,
        after={"state": to, **{k: v for k, v in extra.items() if k != "screening"}},
    )
    return review


@transaction.atomic
def review_open(
    *,
    actor: Any,
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
    secretariat = _secretariat()
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
def participant_invite(*, actor: Any, review: Review, party: Party) -> ReviewParticipant:
    """Add a party to a review not yet under way (coordinator or initiating party)."""
    review = _lock(review)
    if not can_see(actor, review):
        raise NotFound()
    require(is_coordinator(actor) or is_adviser_of(actor, review.initiating_party_id))
    _state(review, S.DRAFT, S.SUBMITTED)
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
    *, actor: Any, review: Review, lead_reviewer: Any, reviewers: list[Any]
) -> ReviewParticipant:
    """A party names its lead reviewer and reviewers (its own users only)."""
    review = _lock(review)
    if not can_see(actor, review):
        raise NotFound()
    participant = participant_of(review, actor)
    require(
        participant is not None
        and participant.concludes
        and is_adviser_of(actor, participant.party_id)
    )
    assert participant is not None
    _state(review, S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.DELIBERATION)
    from accord.accounts.roles import Role

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
            }
            for s in result.parties
        },
        "cross_party_flags": result.cross_party_flags,
    }


@transaction.atomic
def review_submit(*, actor: Any, review: Review) -> Review:
    """Draft → submitted: the screening is attached and the version frozen."""
    review = _lock(review)
    if not can_see(actor, review):
        raise NotFound()
    require(
        is_adviser_of(actor, review.initiating_party_id)
        or is_coordinator(actor)
        or is_adviser_of(actor, review.owner_id)
    )
    _state(review, S.DRAFT)
    if not review.subject.characteristics:
        raise ValidationFailed.single(
            "characteristics",
            _("Describe the version (the questionnaire) before submitting it for review."),
        )
    now = timezone.now()
    SystemVersion.objects.filter(pk=review.subject_id, frozen_at__isnull=True).update(frozen_at=now)
    return _transition(
        actor, review, S.SUBMITTED, screening=_screening_snapshot(review), submitted_at=now
    )


@transaction.atomic
def review_start(*, actor: Any, review: Review) -> Review:
    """Submitted → in review (the Secretariat opens the joint examination)."""
    review = _lock(review)
    if not can_see(actor, review):
        raise NotFound()
    require(is_coordinator(actor))
    _state(review, S.SUBMITTED)
    return _transition(actor, review, S.IN_REVIEW)


@transaction.atomic
def review_deliberate(*, actor: Any, review: Review) -> Review:
    """In review → deliberation, once no request for information is open."""
    review = _lock(review)
    if not can_see(actor, review):
        raise NotFound()
    require(is_coordinator(actor))
    _state(review, S.IN_REVIEW)
    open_requests = review.requests.filter(state=InformationRequest.State.OPEN).count()
    if open_requests:
        raise Conflict(
            _(
                "%(n)s request(s) for information are still open; they must be "
                "answered or withdrawn first."
            )
            % {"n": open_requests}
        )
    return _transition(actor, review, S.DELIBERATION)


@transaction.atomic
def review_withdraw(*, actor: Any, review: Review, reason: str) -> Review:
    review = _lock(review)
    if not can_see(actor, review):
        raise NotFound()
    require(is_coordinator(actor) or is_adviser_of(actor, review.initiating_party_id))
    _state(review, S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.DELIBERATION)
    if not reason.strip():
        raise ValidationFailed.single("reason", _("Say why the review is withdrawn."))
    return _transition(actor, review, S.WITHDRAWN, withdrawal_reason=reason.strip())


# --- Requests for information ---------------------------------------------------------------


@transaction.atomic
def request_ask(
    *, actor: Any, review: Review, question: str, due_date: dt.date
) -> InformationRequest:
    review = _lock(review)
    if not can_see(actor, review):
        raise NotFound()
    require(is_reviewer(review, actor))
    _state(review, S.IN_REVIEW)
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
def request_answer(*, actor: Any, request: InformationRequest, answer: str) -> InformationRequest:
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
def request_withdraw(*, actor: Any, request: InformationRequest) -> InformationRequest:
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
    actor: Any,
    review: Review,
    rule: Any,
    outcome: str,
    reasoning: str,
    restriction: str = "",
    evidence: list[Evidence] | None = None,
    expected_version: int | None = None,
) -> Finding:
    """Record (or revise) the actor's party's finding on a rule."""
    review = _lock(review)
    if not can_see(actor, review):
        raise NotFound()
    require(is_reviewer(review, actor))
    _state(review, S.IN_REVIEW, S.DELIBERATION)
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
    actor: Any,
    review: Review,
    outcome: str,
    reasoning: str,
    conditions: list[str] | None = None,
    opinion: str = "",
    opinion_text: str = "",
) -> Conclusion:
    """The lead reviewer signs the party's conclusion. When every concluding party has
    signed, the joint conclusion is adopted and the review is concluded (immutable)."""
    review = _lock(review)
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
    _state(review, S.DELIBERATION)
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


def _conclude(actor: Any, review: Review) -> None:
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


# --- Notes and re-review --------------------------------------------------------------------


@transaction.atomic
def note_add(*, actor: Any, review: Review, text: str) -> InternalNote:
    """A party's internal note: release OWNER, whatever the file's marking."""
    if not can_see(actor, review):
        raise NotFound()
    participant = participant_of(review, actor)
    require(participant is not None)
    if not text.strip():
        raise ValidationFailed.single("text", _("Write the note."))
    party = party_of(actor)
    assert party is not None
    note = InternalNote(
        review=review,
        owner=party,
        release=Release.OWNER,
        classification=max(review.classification, Classification.RESTRICTED),
        author=actor,
        text=text.strip(),
    )
    _within_clearance(actor, note.classification)
    note.save()
    # The note's text stays out of the audit trail, which the Secretariat's auditors read.
    record_event(
        actor=actor,
        action="expertise.note.add",
        obj=note,
        object_repr=f"note {note.pk}",
        after={"id": note.pk},
    )
    return note


@transaction.atomic
def rereview_mark(*, actor: Any, review: Review, reason: str) -> Review:
    """Mark a concluded review "needs re-review" (the system does it on a new version or a
    participation change; the Secretariat may do it by hand)."""
    if actor is not None:
        if not can_see(actor, review):
            raise NotFound()
        require(is_coordinator(actor))
    if review.state != S.CONCLUDED:
        raise Conflict(_("Only a concluded review can need re-review."))
    if review.rereview_marked_at is not None:
        return review
    Review.objects.filter(pk=review.pk).update(
        rereview_reason=reason, rereview_marked_at=timezone.now()
    )
    review.refresh_from_db()
    record_event(
        actor=actor, action="expertise.review.needs_rereview", obj=review, after={"reason": reason}
    )
    return review


def rereview_on_participation_change(event: Any) -> None:
    """Listener (registered in apps.py): a party's participation in an instrument changed;
    every concluded review that applied a rule based on that instrument needs re-review."""
    from accord.law.models import RuleBasis

    rule_codes = set(
        RuleBasis.objects.filter(instrument__code=event.instrument_code).values_list(
            "rule__code", flat=True
        )
    )
    if not rule_codes:
        return
    with transaction.atomic():
        for review in Review.objects.filter(
            state=S.CONCLUDED,
            rereview_marked_at__isnull=True,
            participants__party__code=event.party_code,
        ):
            applied = {
                item["rule"]
                for entry in (review.screening or {}).get("parties", {}).values()
                for item in entry.get("engaged", []) + entry.get("pending", [])
            }
            if applied & rule_codes:
                rereview_mark(
                    actor=None,
                    review=review,
                    reason=_g("%(party)s's participation in %(instrument)s changed.")
                    % {"party": event.party_code, "instrument": event.instrument_code},
                )


def mark_expired(*, today: dt.date | None = None) -> int:
    """Mark concluded reviews past their re-review date (run daily)."""
    today = today or timezone.localdate()
    marked = 0
    for review in Review.objects.filter(
        state=S.CONCLUDED, rereview_marked_at__isnull=True, expires_on__lt=today
    ):
        rereview_mark(
            actor=None,
            review=review,
            reason=_g("The re-review date %(date)s has passed.") % {"date": review.expires_on},
        )
        marked += 1
    return marked
