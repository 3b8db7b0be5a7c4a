"""Writing records: the actor may do it, the data is valid, one transaction, one audit
event; an update carries the version it read (a stale one answers 409)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from accord.core.access import party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.guards import require, require_seen, within_clearance
from accord.core.models import Party
from accord.core.validation import full_clean, reject_unknown
from accord.programmes.models import Record
from accord.programmes.permissions import can_create, can_edit

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


RECORD_FIELDS = ("title_en", "title_ru", "summary", "classification", "release")


def _snapshot(record: Record) -> dict[str, Any]:
    data = snapshot(record)
    data["released_to"] = sorted(record.released_to.values_list("code", flat=True))
    return data


@transaction.atomic
def record_create(*, actor: User, released_to: list[Party] | None = None, **fields: Any) -> Record:
    """Create a record owned by the actor's party."""
    require(can_create(actor))
    reject_unknown(fields, RECORD_FIELDS)
    record = Record(owner=party_of(actor), **fields)
    within_clearance(actor, record.classification)
    full_clean(record)
    record.save()
    record.released_to.set(released_to or [])
    record_event(
        actor=actor,
        action="programmes.record.create",
        obj=record,
        after=_snapshot(record),
    )
    return record


@transaction.atomic
def record_update(
    *,
    actor: User,
    record: Record,
    version: int,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> Record:
    """Change a record (its owner party's editors only)."""
    require_seen(actor, record)
    require(can_edit(actor, record))
    reject_unknown(fields, RECORD_FIELDS)
    before = _snapshot(record)
    for name, value in fields.items():
        setattr(record, name, value)
    within_clearance(actor, record.classification)
    full_clean(record)
    save_versioned(record, expected_version=version, fields=list(fields))
    if released_to is not None:
        record.released_to.set(released_to)
    record_event(
        actor=actor,
        action="programmes.record.update",
        obj=record,
        before=before,
        after=_snapshot(record),
    )
    return record
