"""Who may do what in the standards module: the predicates the services require and the
pages and API use to show or hide an action. Pure reads of the user's party and roles."""

from __future__ import annotations

from typing import Any

from accord.core.access import party_of
from accord.core.models import Party
from accord.core.permissions import has_any_role
from accord.core.roles import Role
from accord.standards.models import Comment, Facility, Standard

EDITOR_ROLES = (Role.STANDARDS_EDITOR, Role.SECRETARIAT_OFFICER)


# --- Drafting --------------------------------------------------------------------------------


def may_create_standard(user: Any) -> bool:
    return has_any_role(user, *EDITOR_ROLES)


def is_editor(user: Any, standard: Standard) -> bool:
    """A standards editor or Secretariat officer acting for the standard's owner party."""
    party = party_of(user)
    return party is not None and party.pk == standard.owner_id and has_any_role(user, *EDITOR_ROLES)


def is_ballot_officer(user: Any, standard: Standard) -> bool:
    """Who may put a version to ballot and adopt it: the owner's editors, or any
    Secretariat officer (the Secretariat runs the ballots between the parties)."""
    party = party_of(user)
    return is_editor(user, standard) or (
        party is not None
        and party.is_secretariat
        and has_any_role(user, Role.SECRETARIAT_OFFICER, Role.ADMINISTRATOR)
    )


# --- Consultation ----------------------------------------------------------------------------


def may_comment(user: Any) -> bool:
    """A standards editor of a member party (a state or the Secretariat)."""
    party = party_of(user)
    return (
        party is not None
        and party.standing == Party.Standing.MEMBER
        and has_any_role(user, Role.STANDARDS_EDITOR)
    )


def may_edit_comment(user: Any, comment: Comment) -> bool:
    party = party_of(user)
    return may_comment(user) and party is not None and party.pk == comment.party_id


def may_vote(user: Any) -> bool:
    """A standards editor of a member state."""
    party = party_of(user)
    return (
        party is not None
        and party.kind == Party.Kind.STATE
        and party.standing == Party.Standing.MEMBER
        and has_any_role(user, Role.STANDARDS_EDITOR)
    )


# --- Facilities ------------------------------------------------------------------------------


def is_assessor_of(user: Any, party_id: int) -> bool:
    """A facility assessor acting for `party_id`."""
    party = party_of(user)
    return party is not None and party.pk == party_id and has_any_role(user, Role.FACILITY_ASSESSOR)


def may_assess(user: Any, facility: Facility | None = None) -> bool:
    """A facility assessor of a party; with `facility`, of its owner party."""
    party = party_of(user)
    if party is None or not has_any_role(user, Role.FACILITY_ASSESSOR):
        return False
    return facility is None or facility.owner_id == party.pk
