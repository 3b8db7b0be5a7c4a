"""Retransfer consent: pure. Consent is scoped to the serials and the recipient it names;
items supplied on preferential terms move only within that scope. Items on other terms
need no consent from the supplier."""

from __future__ import annotations

from collections.abc import Iterable

from accord.provision.domain.reconcile import fold


def serials_outside_consent(
    *,
    preferential: bool,
    moving: Iterable[str],
    recipient: str,
    consented: Iterable[str],
    consented_recipient: str | None,
) -> list[str]:
    """The serials that may not move (empty: the move is covered)."""
    wanted = sorted({fold(s) for s in moving})
    if not preferential:
        return []
    if consented_recipient is None or consented_recipient != recipient:
        return wanted
    allowed = {fold(s) for s in consented}
    return [s for s in wanted if s not in allowed]
