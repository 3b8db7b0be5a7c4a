"""Joint operations: creating and editing one (versioned), its participants, its status, the
incidents linked to it, and its after-action summary.

Who may do what:
- a customs or law-enforcement officer creates an operation for their own party, which
  leads it (owns it) and is its first participant;
- officers of the lead party edit it, change its status and its participants;
- an officer of any participating party links incidents to it: the lead party's officers
  any incident they may see that a participating party reported, the other parties'
  officers their own party's incidents.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.guards import require, require_seen, within_clearance
from accord.core.models import Party
from accord.core.validation import full_clean, reject_unknown
from accord.trafficking.models import Incident, Operation, OperationParticipant
from accord.trafficking.permissions import (
    is_lead_officer,
    is_officer,
    is_participant_officer,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


S = Operation.Status

OPERATION_FIELDS = (
    "name",
    "code",
    "starts_on",
    "ends_on",
    "area",
    "objectives",
    "classification",
    "release",
)

# The status an operation may move to from each status.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.PLANNED: (S.ACTIVE, S.CANCELLED),
    S.ACTIVE: (S.CONCLUDED, S.CANCELLED),
    S.CONCLUDED: (),
    S.CANCELLED: (),
}


# --- Checks ----------------------------------------------------------------------------------


def _lock(operation: Operation) -> Operation:
    return Operation.objects.select_for_update().get(pk=operation.pk)


def _require_open(operation: Operation) -> None:
    if not operation.is_open:
        raise Conflict(
            _("Not possible while the operation is %(status)s.")
            % {"status": operation.get_status_display()}
        )


def _check_code_free(code: str, exclude_pk: int | None = None) -> None:
    # The reference is unique across all parties; say so without revealing whose it is.
    taken = Operation.objects.filter(code=code)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if code and taken.exists():
        raise ValidationFailed.single("code", _("This reference is already in use."))


# --- Operation -------------------------------------------------------------------------------


@transaction.atomic
def operation_create(
    *,
    actor: User,
    released_to: list[Party] | None = None,
    agencies: str = "",
    **fields: Any,
) -> Operation:
    """Plan a joint operation led by the actor's party (its owner and first participant)."""
    party = party_of(actor)
    if party is None or not is_officer(actor):
        raise PermissionDenied()
    reject_unknown(fields, OPERATION_FIELDS)
    operation = Operation(owner=party, created_by=actor, **fields)
    within_clearance(actor, operation.classification)
    _check_code_free(operation.code)
    full_clean(operation)
    operation.save()
    operation.released_to.set(released_to or [])
    OperationParticipant.objects.create(operation=operation, party=party, agencies=agencies)
    record_event(
        actor=actor,
        action="trafficking.operation.create",
        obj=operation,
        after={**snapshot(operation), "lead_agencies": agencies},
    )
    return operation


@transaction.atomic
def operation_update(
    *,
    actor: User,
    operation: Operation,
    version: int,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> Operation:
    """Edit the operation's particulars; a stale `version` is refused with Conflict."""
    require_seen(actor, operation)
    require(is_lead_officer(actor, operation))
    reject_unknown(fields, OPERATION_FIELDS)
    before = snapshot(operation)
    for name, value in fields.items():
        setattr(operation, name, value)
    within_clearance(actor, operation.classification)
    if "code" in fields:
        _check_code_free(operation.code, exclude_pk=operation.pk)
    full_clean(operation)
    save_versioned(operation, expected_version=version, fields=list(fields))
    if released_to is not None:
        operation.released_to.set(released_to)
    record_event(
        actor=actor,
        action="trafficking.operation.update",
        obj=operation,
        before=before,
        after=snapshot(operation),
    )
    return operation


@transaction.atomic
def operation_set_status(
    *, actor: User, operation: Operation, status: str, version: int | None = None
) -> Operation:
    """Move the operation along planned → active → concluded (or cancelled before it ends).
    Concluding an operation without an end date sets it to today."""
    require_seen(actor, operation)
    require(is_lead_officer(actor, operation))
    if status not in S.values:
        raise ValidationFailed.single("status", _("Choose a valid status."))
    operation = _lock(operation)
    if version is not None and operation.version != version:
        raise Conflict()
    if status not in TRANSITIONS[operation.status]:
        raise Conflict(
            _("An operation that is %(current)s cannot become %(status)s.")
            % {"current": operation.get_status_display(), "status": S(status).label}
        )
    before = {"status": operation.status, "ends_on": operation.ends_on}
    operation.status = status
    if status == S.CONCLUDED and operation.ends_on is None:
        operation.ends_on = max(dt.date.today(), operation.starts_on)
    operation.version += 1
    operation.save(update_fields=["status", "ends_on", "version", "updated_at"])
    record_event(
        actor=actor,
        action=f"trafficking.operation.{status}",
        obj=operation,
        before=before,
        after={"status": operation.status, "ends_on": operation.ends_on},
    )
    return operation


@transaction.atomic
def operation_summarise(
    *, actor: User, operation: Operation, after_action_summary: str, version: int
) -> Operation:
    """Write the after-action summary (the narrative; its figures are computed, see
    `selectors.operations.after_action_figures`)."""
    require_seen(actor, operation)
    require(is_lead_officer(actor, operation))
    before = {"after_action_summary": operation.after_action_summary}
    operation.after_action_summary = after_action_summary
    full_clean(operation)
    save_versioned(operation, expected_version=version, fields=["after_action_summary"])
    record_event(
        actor=actor,
        action="trafficking.operation.summarise",
        obj=operation,
        before=before,
        after={"after_action_summary": after_action_summary},
    )
    return operation


# --- Participants ----------------------------------------------------------------------------


@transaction.atomic
def participant_add(
    *, actor: User, operation: Operation, party: Party, agencies: str = ""
) -> OperationParticipant:
    """Add a party (or change the agencies it commits, if it already takes part)."""
    require_seen(actor, operation)
    require(is_lead_officer(actor, operation))
    _require_open(operation)
    if not party.active:
        raise ValidationFailed.single("party", _("Choose an active party."))
    participant, created = OperationParticipant.objects.get_or_create(
        operation=operation, party=party, defaults={"agencies": agencies}
    )
    before = None
    if not created:
        before = {"party": party.code, "agencies": participant.agencies}
        participant.agencies = agencies
        participant.save(update_fields=["agencies"])
    record_event(
        actor=actor,
        action="trafficking.operation.participant_add",
        obj=operation,
        before=before,
        after={"party": party.code, "agencies": agencies},
    )
    return participant


@transaction.atomic
def participant_remove(*, actor: User, operation: Operation, party: Party) -> None:
    """Remove a participating party. The lead party cannot be removed, nor a party whose
    incidents are linked to the operation (unlink them first)."""
    require_seen(actor, operation)
    require(is_lead_officer(actor, operation))
    _require_open(operation)
    if party.pk == operation.owner_id:
        raise ValidationFailed.single("party", _("The lead party cannot be removed."))
    participant = OperationParticipant.objects.filter(operation=operation, party=party).first()
    if participant is None:
        raise ValidationFailed.single("party", _("This party does not take part."))
    if Incident.objects.filter(operation=operation, owner=party).exists():
        raise Conflict(
            _("Incidents reported by this party are linked to the operation; unlink them first.")
        )
    before = {"party": party.code, "agencies": participant.agencies}
    participant.delete()
    record_event(
        actor=actor,
        action="trafficking.operation.participant_remove",
        obj=operation,
        before=before,
    )


# --- Incidents -------------------------------------------------------------------------------


def _visible_incident(actor: User, incident: Incident | int) -> Incident:
    """The incident, re-read through `visible_to` (an id from a request is never trusted)."""
    pk = incident.pk if isinstance(incident, Incident) else incident
    found = Incident.objects.visible_to(actor).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def _may_link(actor: User, operation: Operation, incident: Incident) -> None:
    require(is_participant_officer(actor, operation))
    party = party_of(actor)
    assert party is not None
    participating = operation.participants.filter(party_id=incident.owner_id).exists()
    if not participating:
        raise ValidationFailed.single(
            "incident", _("Only incidents reported by a participating party can be linked.")
        )
    # Another party's officers link only their own party's incidents; the lead links any.
    require(party.pk == operation.owner_id or incident.owner_id == party.pk)


@transaction.atomic
def operation_link_incident(
    *, actor: User, operation: Operation, incident: Incident | int
) -> Incident:
    """Link an incident to the operation (it must be visible to the actor and reported by
    a participating party)."""
    require_seen(actor, operation)
    found = _visible_incident(actor, incident)
    _may_link(actor, operation, found)
    if found.operation_id == operation.pk:
        return found
    if found.operation_id is not None:
        raise Conflict(_("The incident is already linked to another operation."))
    if operation.status == S.CANCELLED:
        raise Conflict(_("Incidents cannot be linked to a cancelled operation."))
    Incident.objects.filter(pk=found.pk).update(operation=operation)
    found.operation = operation
    record_event(
        actor=actor,
        action="trafficking.operation.link_incident",
        obj=operation,
        after={"incident": found.reference},
    )
    record_event(
        actor=actor,
        action="trafficking.incident.link_operation",
        obj=found,
        before={"operation": None},
        after={"operation": operation.code},
    )
    return found


@transaction.atomic
def operation_unlink_incident(
    *, actor: User, operation: Operation, incident: Incident | int
) -> Incident:
    """Unlink an incident from the operation."""
    require_seen(actor, operation)
    found = _visible_incident(actor, incident)
    if found.operation_id != operation.pk:
        raise ValidationFailed.single(
            "incident", _("The incident is not linked to this operation.")
        )
    _may_link(actor, operation, found)
    Incident.objects.filter(pk=found.pk).update(operation=None)
    found.operation = None
    record_event(
        actor=actor,
        action="trafficking.operation.unlink_incident",
        obj=operation,
        before={"incident": found.reference},
    )
    record_event(
        actor=actor,
        action="trafficking.incident.unlink_operation",
        obj=found,
        before={"operation": operation.code},
        after={"operation": None},
    )
    return found
