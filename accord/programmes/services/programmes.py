"""Writing programmes: create, update, participants, and the lifecycle's signed steps.
Each write: the actor may do it, the data is valid, one transaction, one audit event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, ValidationFailed
from accord.core.guards import require, require_seen, within_clearance
from accord.core.models import Party
from accord.core.validation import full_clean, reject_unknown
from accord.programmes.domain import lifecycle
from accord.programmes.models import Participation, Programme, StageRecord
from accord.programmes.permissions import can_create, can_manage

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


PROGRAMME_FIELDS = (
    "identifier",
    "title_en",
    "title_ru",
    "objectives",
    "lifecycle_areas",
    "funder_reference",
    "currency",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "parent",
    "classification",
    "release",
)
STAGE_FIELDS = ("criteria", "reasons", "decision_rule", "reference", "statement")


def _snapshot(programme: Programme) -> dict[str, Any]:
    data = snapshot(programme)
    data["released_to"] = sorted(programme.released_to.values_list("code", flat=True))
    return data


def _check_parent(actor: User, programme: Programme) -> None:
    if programme.parent_id is None:
        return
    require_seen(actor, programme.parent)
    ancestor: Programme | None = programme.parent
    while ancestor is not None:
        if programme.pk is not None and ancestor.pk == programme.pk:
            raise ValidationFailed.single("parent", _("A programme cannot be its own ancestor."))
        ancestor = ancestor.parent


@transaction.atomic
def programme_create(
    *, actor: User, released_to: list[Party] | None = None, **fields: Any
) -> Programme:
    """Propose a programme led by the actor's party (its stage: proposal)."""
    require(can_create(actor))
    reject_unknown(fields, PROGRAMME_FIELDS)
    programme = Programme(owner=party_of(actor), **fields)
    programme.currency = (programme.currency or "").upper()
    within_clearance(actor, programme.classification)
    _check_parent(actor, programme)
    full_clean(programme)
    programme.save()
    programme.released_to.set(released_to or [])
    Participation.objects.create(programme=programme, party=programme.owner, role="lead")
    record_event(
        actor=actor, action="programmes.programme.create", obj=programme, after=_snapshot(programme)
    )
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: User,
    programme: Programme,
    version: int,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> Programme:
    """Change a programme's particulars (its lead party's programme officers)."""
    require_seen(actor, programme)
    require(can_manage(actor, programme))
    reject_unknown(fields, PROGRAMME_FIELDS)
    before = _snapshot(programme)
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.currency = (programme.currency or "").upper()
    within_clearance(actor, programme.classification)
    _check_parent(actor, programme)
    full_clean(programme, exclude=["identifier"] if "identifier" not in fields else None)
    save_versioned(programme, expected_version=version, fields=list(fields))
    if released_to is not None:
        programme.released_to.set(released_to)
    record_event(
        actor=actor,
        action="programmes.programme.update",
        obj=programme,
        before=before,
        after=_snapshot(programme),
    )
    return programme


@transaction.atomic
def participant_add(*, actor: User, programme: Programme, party: Party, role: str) -> Participation:
    """Add a participating party in a role (several roles per party allowed)."""
    require_seen(actor, programme)
    require(can_manage(actor, programme))
    if programme.participations.filter(party=party, role=role).exists():
        raise ValidationFailed.single("role", _("This party already takes part in this role."))
    participation = Participation(programme=programme, party=party, role=role)
    full_clean(participation, exclude=["programme"])
    participation.save()
    record_event(
        actor=actor,
        action="programmes.participant.add",
        obj=programme,
        after={"party": party.code, "role": role},
    )
    return participation


@transaction.atomic
def programme_advance(
    *, actor: User, programme: Programme, version: int, stage: str, **record: Any
) -> StageRecord:
    """Take the programme to its next stage with a signed record (eligibility criteria
    and reasons, the decision's rule and reference, an acceptance or closure statement).
    A step the transitions table refuses, or a stale version, answers 409."""
    require_seen(actor, programme)
    require(can_manage(actor, programme))
    reject_unknown(record, STAGE_FIELDS)
    if not lifecycle.may_move(programme.stage, stage):
        raise Conflict(_("This step does not follow from the programme's current stage."))
    lacking = lifecycle.missing(stage, record)
    if lacking:
        raise ValidationFailed({name: [_("This field is required.")] for name in lacking})
    if stage == "decided" and record.get("decision_rule") not in ("consensus", "body_rule"):
        raise ValidationFailed.single("decision_rule", _("Choose consensus or the body's rule."))
    before = {"stage": programme.stage, "status": programme.status}
    programme.stage = stage
    programme.status = lifecycle.IATI_STATUS[stage]
    save_versioned(programme, expected_version=version, fields=["stage", "status"])
    party = party_of(actor)
    assert party is not None
    signed = StageRecord.objects.create(
        programme=programme,
        stage=stage,
        signed_by=actor,
        signed_by_name=actor.get_full_name() or actor.get_username(),
        signed_party=party,
        **{name: str(value) for name, value in record.items()},
    )
    record_event(
        actor=actor,
        action="programmes.programme.advance",
        obj=programme,
        before=before,
        after={"stage": stage, "status": programme.status, "record": signed.pk},
    )
    return signed


@transaction.atomic
def stage_record_supersede(*, actor: User, record: StageRecord, **fields: Any) -> StageRecord:
    """Correct a signed record by a new one that supersedes it (the old one stays)."""
    programme = record.programme
    require_seen(actor, programme)
    require(can_manage(actor, programme))
    reject_unknown(fields, STAGE_FIELDS)
    if StageRecord.objects.filter(supersedes=record).exists():
        raise Conflict(_("This record is already superseded."))
    data = {name: getattr(record, name) for name in STAGE_FIELDS}
    data.update({name: str(value) for name, value in fields.items()})
    lacking = lifecycle.missing(record.stage, data)
    if lacking:
        raise ValidationFailed({name: [_("This field is required.")] for name in lacking})
    party = party_of(actor)
    assert party is not None
    new = StageRecord.objects.create(
        programme=programme,
        stage=record.stage,
        signed_by=actor,
        signed_by_name=actor.get_full_name() or actor.get_username(),
        signed_party=party,
        supersedes=record,
        **data,
    )
    record_event(
        actor=actor,
        action="programmes.stage_record.supersede",
        obj=programme,
        before=record.as_dict(),
        after=new.as_dict(),
    )
    return new
