"""Participation changes as events other modules react to.

A new accession or a withdrawal can change what a concluded review rests on, so the
expertise module listens here (registering in its AppConfig.ready) and marks affected
conclusions for re-review. Plain function calls, dispatched after the transaction
commits — deliberately not Django signals, which the house style keeps out of domain
logic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class ParticipationChanged:
    party_code: str
    instrument_code: str
    act_id: int
    change: str  # "recorded", "updated", "verified"


_listeners: list[Callable[[ParticipationChanged], None]] = []


def on_participation_changed(listener: Callable[[ParticipationChanged], None]) -> None:
    """Register `listener`; it is called once per change, after commit."""
    if listener not in _listeners:
        _listeners.append(listener)


def participation_changed(event: ParticipationChanged) -> None:
    def dispatch() -> None:
        for listener in list(_listeners):
            listener(event)

    transaction.on_commit(dispatch)
