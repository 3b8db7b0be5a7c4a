"""Who may do what in a joint review. Seeing a record is `visible_to`'s business; these
are the role and participation checks services make on top."""

from __future__ import annotations

from typing import Any

from accord.core.access import party_of
from accord.core.errors import PermissionDenied
from accord.core.permissions import has_any_role
from accord.core.roles import Role

ADVISERS = (Role.LEGAL_ADVISER, Role.LEAD_REVIEWER)


def require(condition: bool, message: Any = None) -> None:
    if not condition:
        raise PermissionDenied(message)


def is_adviser_of(user: Any, party_id: int) -> bool:
    """A legal adviser or lead reviewer acting for `party_id`."""
    party = party_of(user)
    return party is not None and party.pk == party_id and has_any_role(user, *ADVISERS)


def is_coordinator(user: Any) -> bool:
    """A Secretariat officer: coordinates joint reviews."""
    party = party_of(user)
    return (
        party is not None
        and party.is_secretariat
        and has_any_role(user, Role.SECRETARIAT_OFFICER, Role.ADMINISTRATOR)
    )


def participant_of(review: Any, user: Any) -> Any:
    """The actor's party's participation in `review`, or None."""
    party = party_of(user)
    if party is None:
        return None
    return next((p for p in review.participants.all() if p.party_id == party.pk), None)


def is_reviewer(review: Any, user: Any) -> bool:
    """Named as lead reviewer or reviewer of a participating party (a party that has not
    named anyone yet is represented by its legal advisers)."""
    participant = participant_of(review, user)
    if participant is None or not participant.concludes:
        return False
    if participant.lead_reviewer_id == user.pk:
        return True
    named = list(participant.reviewers.all())
    if named or participant.lead_reviewer_id:
        return any(r.pk == user.pk for r in named)
    return has_any_role(user, *ADVISERS)
