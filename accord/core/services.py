"""Writes of the shared kernel: the parties (reference data) and the audit chain."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from accord.core.audit import VerifyResult, record_event, snapshot, verify_chain
from accord.core.errors import ValidationFailed
from accord.core.models import Party
from accord.core.permissions import (
    is_whole_chain_auditor,
    require_role,
    require_secretariat_administrator,
)
from accord.core.roles import Role
from accord.core.validation import reject_unknown

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


PARTY_FIELDS = ("code", "name_en", "name_ru", "kind", "standing", "active")


def _require_secretariat_admin(actor: User) -> None:
    if actor is not None:
        require_secretariat_administrator(actor)


@transaction.atomic
def party_create(*, actor: User, **fields: Any) -> Party:
    """Add a party (a new member state, an observer, an organisation)."""
    _require_secretariat_admin(actor)
    party = Party(**{k: v for k, v in fields.items() if k in PARTY_FIELDS})
    try:
        party.full_clean()
    except DjangoValidationError as exc:
        raise ValidationFailed.from_django(exc) from exc
    party.save()
    record_event(actor=actor, action="party.create", obj=party, after=snapshot(party))
    return party


@transaction.atomic
def party_update(*, actor: User, party: Party, **fields: Any) -> Party:
    """Change a party's names, standing or active flag (its code is its identity)."""
    _require_secretariat_admin(actor)
    reject_unknown(fields, PARTY_FIELDS)
    before = snapshot(party)
    for name, value in fields.items():
        setattr(party, name, value)
    try:
        party.full_clean()
    except DjangoValidationError as exc:
        raise ValidationFailed.from_django(exc) from exc
    party.save()
    record_event(
        actor=actor, action="party.update", obj=party, before=before, after=snapshot(party)
    )
    return party


def audit_chain_verify(*, actor: User) -> VerifyResult:
    """Verify the whole chain for an auditor; the verification itself is recorded."""
    if actor is not None:
        require_role(actor, Role.AUDITOR)
    result = verify_chain()
    if actor is not None and not result.ok and result.broken_event_id is not None:
        # A party's auditor learns that the chain is broken, but not which event of
        # another party broke it.
        from accord.core.selectors import audit_events_visible_to

        if (
            not is_whole_chain_auditor(actor)
            and not audit_events_visible_to(actor).filter(pk=result.broken_event_id).exists()
        ):
            result = dataclasses.replace(result, broken_event_id=None)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="audit.verify",
            object_type="core.auditevent",
            after={
                "ok": result.ok,
                "checked": result.checked,
                "broken_event_id": result.broken_event_id,
            },
        )
    return result


# --- Background work (the operator page) -------------------------------------------------------


@transaction.atomic
def outbox_retry(*, actor: User, message: Any) -> None:
    """Give a failed outbox row another round of attempts (Secretariat administrators)."""
    from accord.core import outbox

    _require_secretariat_admin(actor)
    outbox.retry(message)
    record_event(actor=actor, action="outbox.retry", obj=message)


@transaction.atomic
def periodic_job_run_soon(*, actor: User, job: Any) -> None:
    """Make a daily job due now: the worker runs it within a minute (each job is safe to
    run twice)."""
    from django.utils import timezone

    from accord.core.models import PeriodicJob

    _require_secretariat_admin(actor)
    PeriodicJob.objects.filter(pk=job.pk).update(next_run_at=timezone.now())
    record_event(actor=actor, action="periodic_job.run_soon", obj=job)
