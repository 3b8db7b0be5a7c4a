"""Facilities, assessments, improvement plans: services.

Every write is made by a facility assessor of the party that owns the facility (the
facility must be visible to them: a hidden facility answers NotFound, never 403), in one
transaction, with its audit event. Standard versions arriving from a request are resolved
through `StandardVersion.objects.visible_to`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, NotFound, ValidationFailed
from accord.core.files import check_evidence_upload
from accord.core.guards import require, within_clearance
from accord.core.models import Party
from accord.core.validation import full_clean, reject_unknown
from accord.standards.domain import scoring
from accord.standards.models import (
    Action,
    AnswerEvidence,
    Assessment,
    AssessmentAnswer,
    Clause,
    Facility,
    StandardVersion,
)
from accord.standards.permissions import is_assessor_of
from accord.standards.selectors.facilities import clauses_in_order, document_positions

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


FACILITY_FIELDS = (
    "name",
    "sector",
    "protection_class",
    "region",
    "country",
    "description",
    "classification",
    "release",
)
ANSWER_FIELDS = ("status", "maturity", "justification", "notes")
ACTION_FIELDS = ("title", "description", "owner_name", "owner_user", "due_date", "answer")


def _require_facility_assessor(actor: User, facility: Facility) -> None:
    if not can_see(actor, facility):
        raise NotFound()
    require(is_assessor_of(actor, facility.owner_id))


def _check_class(facility: Facility, version: StandardVersion | None = None) -> None:
    """The facility's class must be one of the standard's classes (when it defines any)."""
    if version is None:
        return
    codes = version.standard.protection_class_codes
    if codes and facility.protection_class not in codes:
        raise ValidationFailed.single(
            "protection_class",
            _("The standard has no protection class %(code)s; its classes are %(codes)s.")
            % {"code": facility.protection_class, "codes": ", ".join(codes)},
        )


# --- Facilities ------------------------------------------------------------------------------


@transaction.atomic
def facility_register(
    *, actor: User, released_to: list[Party] | None = None, **fields: Any
) -> Facility:
    """Register a facility of the actor's party (CONFIDENTIAL, OWNER unless marked)."""
    party = party_of(actor)
    require(party is not None and is_assessor_of(actor, party.pk))
    reject_unknown(fields, FACILITY_FIELDS)
    facility = Facility(owner=party, **fields)
    within_clearance(actor, facility.classification)
    full_clean(facility)
    facility.save()
    facility.released_to.set(released_to or [])
    record_event(
        actor=actor, action="standards.facility.register", obj=facility, after=snapshot(facility)
    )
    return facility


@transaction.atomic
def facility_update(
    *,
    actor: User,
    facility: Facility,
    version: int,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> Facility:
    """Change a facility's particulars or marking (a stale `version` is a Conflict)."""
    _require_facility_assessor(actor, facility)
    reject_unknown(fields, FACILITY_FIELDS)
    before = snapshot(facility)
    for name, value in fields.items():
        setattr(facility, name, value)
    within_clearance(actor, facility.classification)
    full_clean(facility)
    save_versioned(facility, expected_version=version, fields=list(fields))
    if released_to is not None:
        facility.released_to.set(released_to)
    after = snapshot(facility)
    after["released_to"] = sorted(p.pk for p in facility.released_to.all())
    record_event(
        actor=actor, action="standards.facility.update", obj=facility, before=before, after=after
    )
    return facility


# --- Assessments -----------------------------------------------------------------------------


def _resolve_version(actor: User, standard_version: StandardVersion | int) -> StandardVersion:
    pk = standard_version if isinstance(standard_version, int) else standard_version.pk
    version = (
        StandardVersion.objects.visible_to(actor).select_related("standard").filter(pk=pk).first()
    )
    if version is None:
        raise NotFound()
    if version.stage != StandardVersion.Stage.ADOPTED:
        raise ValidationFailed.single(
            "standard_version", _("Facilities are assessed against adopted versions only.")
        )
    return version


def _lock(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update().select_related("facility").get(pk=assessment.pk)


def _require_open(assessment: Assessment) -> None:
    if assessment.state != Assessment.State.IN_PROGRESS:
        raise Conflict(_("The assessment is complete; start a reassessment to change it."))


@transaction.atomic
def assessment_start(
    *, actor: User, facility: Facility, standard_version: StandardVersion | int
) -> Assessment:
    """Start assessing a facility against an adopted version, at the facility's class.

    One assessment per facility and standard is in progress at a time. When the facility
    has a complete assessment against the same standard, this is a reassessment
    (`assessment_reassess`): its answers carry over."""
    _require_facility_assessor(actor, facility)
    version = _resolve_version(actor, standard_version)
    _check_class(facility, version)
    same_standard = Assessment.objects.filter(
        facility=facility, standard_version__standard_id=version.standard_id
    )
    if same_standard.filter(state=Assessment.State.IN_PROGRESS).exists():
        raise Conflict(_("An assessment of this facility against this standard is in progress."))
    latest = same_standard.filter(state=Assessment.State.COMPLETE).order_by("-completed_at").first()
    if latest is not None:
        return _reassess(actor, latest, version)
    assessment = Assessment(
        facility=facility,
        standard_version=version,
        protection_class=facility.protection_class,
        assessor=actor,
    )
    full_clean(assessment)
    assessment.save()
    record_event(
        actor=actor,
        action="standards.assessment.start",
        obj=facility,
        object_repr=str(assessment),
        after=snapshot(assessment),
    )
    return assessment


def _requirement_signature(clause: Clause, protection_class: str) -> tuple[Any, ...]:
    """What an answer to a requirement depends on: its texts, its level and its
    parameters for the facility's class (a parameter changed for another class does not
    make the facility's answer stale)."""
    parameters = sorted(
        (p.name, str(p.value.normalize()), p.unit)
        for p in clause.parameters.all()
        if p.protection_class == protection_class
    )
    return (
        clause.text_en.strip(),
        clause.text_ru.strip(),
        clause.normative_level,
        tuple(parameters),
    )


def requirements_of(version: StandardVersion | int) -> list[Clause]:
    """The requirements of a version, in document order, with their parameters."""
    return [c for c in clauses_in_order(version) if c.kind == Clause.Kind.REQUIREMENT]


def compare_for_reassessment(
    old: Iterable[Clause], new: Iterable[Clause], protection_class: str
) -> dict[str, list[str]]:
    """Requirements matched by uid: unchanged (answers carry over), changed, added,
    removed — each a list of uids, in the new (or, for removed, old) document order."""
    old_by_uid = {c.uid: c for c in old}
    new_list = list(new)
    new_uids = {c.uid for c in new_list}
    result: dict[str, list[str]] = {"unchanged": [], "changed": [], "added": [], "removed": []}
    for clause in new_list:
        before = old_by_uid.get(clause.uid)
        if before is None:
            result["added"].append(clause.uid)
        elif _requirement_signature(before, protection_class) == _requirement_signature(
            clause, protection_class
        ):
            result["unchanged"].append(clause.uid)
        else:
            result["changed"].append(clause.uid)
    result["removed"] = [uid for uid in old_by_uid if uid not in new_uids]
    return result


def _reassess(actor: User, previous: Assessment, version: StandardVersion) -> Assessment:
    facility = previous.facility
    assessment = Assessment(
        facility=facility,
        standard_version=version,
        protection_class=facility.protection_class,
        previous=previous,
        assessor=actor,
    )
    old_requirements = list(requirements_of(previous.standard_version_id))
    new_requirements = list(requirements_of(version))
    if previous.protection_class != facility.protection_class:
        # At another class every parameter may differ: nothing carries over silently.
        comparison = compare_for_reassessment(old_requirements, new_requirements, "")
        comparison["changed"] += comparison["unchanged"]
        comparison["unchanged"] = []
    else:
        comparison = compare_for_reassessment(
            old_requirements, new_requirements, facility.protection_class
        )
    old_numbers = {c.uid: c.number for c in old_requirements}
    assessment.carry_over = {
        "from_version": previous.standard_version_id,
        "from_assessment": previous.pk,
        **comparison,
        "removed_numbers": {uid: old_numbers[uid] for uid in comparison["removed"]},
    }
    full_clean(assessment)
    assessment.save()
    old_answers = {
        a.clause.uid: a
        for a in previous.answers.select_related("clause").prefetch_related("evidence")
    }
    new_by_uid = {c.uid: c for c in new_requirements}
    carried = []
    for uid in comparison["unchanged"]:
        old_answer = old_answers.get(uid)
        if old_answer is None:
            continue
        carried.append(
            AssessmentAnswer(
                assessment=assessment,
                clause=new_by_uid[uid],
                status=old_answer.status,
                maturity=old_answer.maturity,
                justification=old_answer.justification,
                notes=old_answer.notes,
                carried_over_from=old_answer,
                answered_by=old_answer.answered_by,
            )
        )
    AssessmentAnswer.objects.bulk_create(carried)
    old_by_pk = {a.pk: a for a in old_answers.values()}
    evidence = []
    for answer in AssessmentAnswer.objects.filter(assessment=assessment):
        source = old_by_pk.get(answer.carried_over_from_id or 0)
        if source is None:
            continue
        for item in source.evidence.all():
            evidence.append(
                AnswerEvidence(
                    answer=answer,
                    title=item.title,
                    file=item.file.name,
                    file_name=item.file_name,
                    content_type=item.content_type,
                    size=item.size,
                    sha256=item.sha256,
                    added_by=item.added_by,
                )
            )
    AnswerEvidence.objects.bulk_create(evidence)
    record_event(
        actor=actor,
        action="standards.assessment.reassess",
        obj=facility,
        object_repr=str(assessment),
        after={
            "assessment": assessment.pk,
            "previous": previous.pk,
            "standard_version": version.pk,
            "carried": len(carried),
            "changed": len(comparison["changed"]),
            "added": len(comparison["added"]),
            "removed": len(comparison["removed"]),
        },
    )
    return assessment


@transaction.atomic
def assessment_reassess(
    *,
    actor: User,
    assessment: Assessment,
    standard_version: StandardVersion | int | None = None,
) -> Assessment:
    """A new assessment of the same facility, after a complete one: against
    `standard_version` (by default the latest adopted version of the same standard).
    Unchanged requirements carry their answers over; changed and added ones are left to
    answer; removed ones are listed in `carry_over`."""
    _require_facility_assessor(actor, assessment.facility)
    assessment = _lock(assessment)
    facility = assessment.facility
    if assessment.state != Assessment.State.COMPLETE:
        raise Conflict(_("Only a complete assessment can be reassessed."))
    if standard_version is None:
        latest = (
            StandardVersion.objects.visible_to(actor)
            .filter(
                standard_id=assessment.standard_version.standard_id,
                stage=StandardVersion.Stage.ADOPTED,
            )
            .order_by("-number")
            .first()
        )
        if latest is None:
            raise ValidationFailed.single(
                "standard_version", _("The standard has no adopted version.")
            )
        standard_version = latest
    version = _resolve_version(actor, standard_version)
    if version.standard_id != assessment.standard_version.standard_id:
        raise ValidationFailed.single(
            "standard_version", _("A reassessment is against a version of the same standard.")
        )
    _check_class(facility, version)
    if Assessment.objects.filter(
        facility=facility,
        standard_version__standard_id=version.standard_id,
        state=Assessment.State.IN_PROGRESS,
    ).exists():
        raise Conflict(_("An assessment of this facility against this standard is in progress."))
    return _reassess(actor, assessment, version)


@transaction.atomic
def answer_save(
    *,
    actor: User,
    assessment: Assessment,
    clause: Clause | int,
    expected_version: int = 0,
    **fields: Any,
) -> AssessmentAnswer:
    """Save the answer to one requirement (the form saves each answer as it changes).

    `expected_version` is the answer's version the editor started from (0 when it had no
    answer yet); if someone saved the answer meanwhile, the edit is refused with Conflict
    and nothing of it is written."""
    _require_facility_assessor(actor, assessment.facility)
    reject_unknown(fields, ANSWER_FIELDS)
    assessment = _lock(assessment)
    _require_open(assessment)
    clause_pk = clause if isinstance(clause, int) else clause.pk
    requirement = Clause.objects.filter(
        pk=clause_pk, version_id=assessment.standard_version_id, kind=Clause.Kind.REQUIREMENT
    ).first()
    if requirement is None:
        raise ValidationFailed.single(
            "clause", _("This requirement is not part of the assessed version.")
        )
    existing = AssessmentAnswer.objects.filter(assessment=assessment, clause=requirement).first()
    if existing is None:
        if expected_version != 0:
            raise Conflict()
        answer = AssessmentAnswer(
            assessment=assessment, clause=requirement, answered_by=actor, **fields
        )
        full_clean(answer)
        try:
            with transaction.atomic():
                answer.save()
        except IntegrityError as exc:  # another editor created it a moment ago
            raise Conflict() from exc
        record_event(
            actor=actor,
            action="standards.answer.save",
            obj=assessment.facility,
            object_repr=f"{assessment} {requirement.number}",
            after={"assessment": assessment.pk, **snapshot(answer, (*ANSWER_FIELDS, "clause"))},
        )
        return answer
    before = snapshot(existing, ANSWER_FIELDS)
    for name, value in fields.items():
        setattr(existing, name, value)
    existing.answered_by = actor
    full_clean(existing)
    existing.updated_at = timezone.now()
    save_versioned(
        existing,
        expected_version=expected_version,
        fields=[*fields, "answered_by", "updated_at"],
    )
    record_event(
        actor=actor,
        action="standards.answer.save",
        obj=assessment.facility,
        object_repr=f"{assessment} {requirement.number}",
        before=before,
        after={"assessment": assessment.pk, **snapshot(existing, (*ANSWER_FIELDS, "clause"))},
    )
    return existing


@transaction.atomic
def evidence_add(
    *, actor: User, answer: AssessmentAnswer, upload: Any, title: str = ""
) -> AnswerEvidence:
    """Attach a file to an answer: whitelisted type (by name and by content), size limit,
    SHA-256."""
    assessment = answer.assessment
    _require_facility_assessor(actor, assessment.facility)
    _require_open(assessment)
    checked = check_evidence_upload(upload)
    evidence = AnswerEvidence(
        answer=answer,
        title=(title or "").strip() or checked.name[:300],
        file_name=checked.name[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        added_by=actor,
    )
    full_clean(evidence, exclude=["file"])
    evidence.file.save(checked.stored_name, upload, save=False)
    evidence.save()
    record_event(
        actor=actor,
        action="standards.answer.evidence",
        obj=assessment.facility,
        object_repr=f"{assessment} {answer.clause.number}: {evidence.file_name}",
        after=snapshot(evidence),
    )
    return evidence


def assessment_summary(assessment: Assessment) -> scoring.Summary:
    """Score, counts and maturity of an assessment's answers (complete or not)."""
    rows = AssessmentAnswer.objects.filter(assessment=assessment).values_list(
        "clause__normative_level", "status", "maturity"
    )
    return scoring.summarise(
        scoring.Scored(level, status, maturity) for level, status, maturity in rows
    )


@transaction.atomic
def assessment_complete(*, actor: User, assessment: Assessment, version: int) -> Assessment:
    """Complete an assessment once every requirement is answered; record its score."""
    _require_facility_assessor(actor, assessment.facility)
    assessment = _lock(assessment)
    _require_open(assessment)
    if assessment.version != version:
        raise Conflict()
    answered = set(
        AssessmentAnswer.objects.filter(assessment=assessment).values_list("clause_id", flat=True)
    )
    missing = [
        number
        for pk, number in (
            (c.pk, c.number) for c in requirements_of(assessment.standard_version_id)
        )
        if pk not in answered
    ]
    if missing:
        shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        raise ValidationFailed.single(
            "__all__",
            _("Answer every requirement first. Not answered (%(count)s): %(numbers)s.")
            % {"count": len(missing), "numbers": shown},
        )
    summary = assessment_summary(assessment)
    assessment.state = Assessment.State.COMPLETE
    assessment.score = summary.score
    assessment.completed_at = timezone.now()
    save_versioned(assessment, expected_version=version, fields=["state", "score", "completed_at"])
    record_event(
        actor=actor,
        action="standards.assessment.complete",
        obj=assessment.facility,
        object_repr=str(assessment),
        after={"assessment": assessment.pk, "score": assessment.score},
    )
    return assessment


# --- Improvement plan ------------------------------------------------------------------------


def _resolve_action_fields(actor: User, assessment: Assessment, fields: dict[str, Any]) -> None:
    """Related records named in the input, resolved on what the actor may use."""
    if "answer" in fields and fields["answer"] is not None:
        pk = fields["answer"] if isinstance(fields["answer"], int) else fields["answer"].pk
        answer = AssessmentAnswer.objects.filter(pk=pk, assessment=assessment).first()
        if answer is None:
            raise ValidationFailed.single(
                "answer", _("The answer does not belong to this assessment.")
            )
        fields["answer"] = answer
    if "owner_user" in fields and fields["owner_user"] is not None:
        from django.contrib.auth import get_user_model

        value = fields["owner_user"]
        pk = value if isinstance(value, int) else value.pk
        user = (
            get_user_model()
            .objects.filter(pk=pk, party_id=assessment.facility.owner_id, is_active=True)
            .first()
        )
        if user is None:
            raise ValidationFailed.single(
                "owner_user", _("The owner must be an active user of the facility's party.")
            )
        fields["owner_user"] = user


@transaction.atomic
def action_create(*, actor: User, assessment: Assessment, **fields: Any) -> Action:
    """Add an action to the improvement plan of an assessment's facility."""
    _require_facility_assessor(actor, assessment.facility)
    reject_unknown(fields, ACTION_FIELDS)
    _resolve_action_fields(actor, assessment, fields)
    action = Action(assessment=assessment, **fields)
    full_clean(action)
    action.save()
    record_event(
        actor=actor,
        action="standards.action.create",
        obj=assessment.facility,
        object_repr=f"{assessment.facility}: {action.title}",
        after=snapshot(action),
    )
    return action


@transaction.atomic
def action_update(*, actor: User, action: Action, version: int, **fields: Any) -> Action:
    """Change an action's particulars (a stale `version` is a Conflict)."""
    assessment = action.assessment
    _require_facility_assessor(actor, assessment.facility)
    reject_unknown(fields, ACTION_FIELDS)
    _resolve_action_fields(actor, assessment, fields)
    before = snapshot(action)
    for name, value in fields.items():
        setattr(action, name, value)
    full_clean(action)
    action.updated_at = timezone.now()
    save_versioned(action, expected_version=version, fields=[*fields, "updated_at"])
    record_event(
        actor=actor,
        action="standards.action.update",
        obj=assessment.facility,
        object_repr=f"{assessment.facility}: {action.title}",
        before=before,
        after=snapshot(action),
    )
    return action


@transaction.atomic
def action_set_status(*, actor: User, action: Action, version: int, status: str) -> Action:
    """Move an action on the board (open, in progress, done, cancelled)."""
    assessment = action.assessment
    _require_facility_assessor(actor, assessment.facility)
    if status not in Action.Status.values:
        raise ValidationFailed.single("status", _("Choose a status from the list."))
    before = {"status": action.status}
    action.status = status
    action.updated_at = timezone.now()
    save_versioned(action, expected_version=version, fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action="standards.action.status",
        obj=assessment.facility,
        object_repr=f"{assessment.facility}: {action.title}",
        before=before,
        after={"status": status},
    )
    return action


@transaction.atomic
def plan_from_gaps(
    *, actor: User, assessment: Assessment, due_date: dt.date | None = None
) -> list[Action]:
    """One open action for each gap (partly or not implemented) that has none yet."""
    _require_facility_assessor(actor, assessment.facility)
    covered = set(
        Action.objects.filter(assessment=assessment, answer__isnull=False).values_list(
            "answer_id", flat=True
        )
    )
    position = document_positions(assessment.standard_version_id)
    gaps = sorted(
        AssessmentAnswer.objects.filter(assessment=assessment, status__in=scoring.GAP_STATUSES)
        .exclude(pk__in=covered)
        .select_related("clause"),
        key=lambda answer: position.get(answer.clause_id, 0),
    )
    actions = []
    for answer in gaps:
        title = gettext("Close the gap in %(number)s %(title)s") % {
            "number": answer.clause.number,
            "title": answer.clause.title,
        }
        action = Action(
            assessment=assessment, answer=answer, title=title.strip()[:300], due_date=due_date
        )
        full_clean(action)
        actions.append(action)
    Action.objects.bulk_create(actions)
    record_event(
        actor=actor,
        action="standards.plan.from_gaps",
        obj=assessment.facility,
        object_repr=str(assessment),
        after={"assessment": assessment.pk, "actions": len(actions)},
    )
    return actions
