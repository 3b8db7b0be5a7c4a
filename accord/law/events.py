"""Participation changes as events other modules react to.

A new accession or a withdrawal can change what a concluded review rests on, so the
expertise module handles this event and marks affected conclusions for re-review. The
event is an outbox row (accord/core/outbox.py) written in the same transaction as the
change: it exists exactly when the change does, and the worker hands it to each handler
named in `settings.ACCORD_OUTBOX_HANDLERS["law.participation_changed"]`, retrying a
handler that fails. Deliberately not Django signals, which the house style keeps out of
domain logic.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from accord.core import outbox

TOPIC = "law.participation_changed"


@dataclass(frozen=True)
class ParticipationChanged:
    party_code: str
    instrument_code: str
    act_id: int
    change: str  # "recorded", "updated", "verified"


def participation_changed(event: ParticipationChanged) -> None:
    """Publish the event; call inside the transaction of the change."""
    outbox.publish(TOPIC, asdict(event))
