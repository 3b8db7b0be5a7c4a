"""What every provision service shares: resolving ids through `visible_to`, locking a
commitment, and the audit event of a commitment's parts (recorded on the commitment, so
its marking classifies the event and its timeline is its audit trail)."""

from __future__ import annotations

from typing import Any

from accord.core.audit import record_event, snapshot
from accord.core.errors import Conflict
from accord.core.guards import require_seen
from accord.core.models import Party
from accord.provision.models import Commitment


def lock_commitment(actor: Any, commitment: Commitment) -> Commitment:
    """Re-read the commitment under a row lock, after checking the actor sees it."""
    require_seen(actor, commitment)
    return (
        Commitment.objects.select_for_update(of=("self",))
        .select_related("owner", "requirement", "system_version__system", "title_to")
        .get(pk=commitment.pk)
    )


def event(
    actor: Any,
    action: str,
    commitment: Commitment,
    part: Any = None,
    *,
    before: Any = None,
    after: Any = None,
) -> None:
    data = after
    if data is None and part is not None:
        data = snapshot(part)
    if part is not None and isinstance(data, dict):
        data = {"part": part._meta.model_name, "part_id": part.pk, **data}
    record_event(
        actor=actor,
        action=f"provision.{action}",
        obj=commitment,
        before=before,
        after=data,
    )


def refuse_unless(condition: bool, message: Any) -> None:
    if not condition:
        raise Conflict(message)


def secretariat() -> list[Party]:
    return list(
        Party.objects.filter(
            kind=Party.Kind.ORGANISATION, standing=Party.Standing.MEMBER, active=True
        )
    )
