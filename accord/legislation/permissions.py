"""Who may write what in the module (reading is the access rule's business).

- Model acts are the assembly's: the Secretariat's parliamentary staff draft them, move
  them through the stages and adopt them (four eyes: `services.act_adopt`).
- National acts and a state's column of the conformity matrix are the state's: only its
  own parliamentary staff or legal advisers write them. The Secretariat reads every
  column but writes none.
"""

from __future__ import annotations

from typing import Any

from accord.core.access import party_of
from accord.core.permissions import has_any_role
from accord.core.roles import Role

DRAFTERS = (Role.PARLIAMENTARY_OFFICER,)
STATE_EDITORS = (Role.PARLIAMENTARY_OFFICER, Role.LEGAL_ADVISER)


def can_draft(user: Any) -> bool:
    party = party_of(user)
    return party is not None and party.is_secretariat and has_any_role(user, *DRAFTERS)


def can_edit_act(user: Any, act: Any) -> bool:
    party = party_of(user)
    return can_draft(user) and party is not None and act.owner_id == party.pk


def can_keep_national(user: Any) -> bool:
    """A state's own staff record its national acts and fill its column."""
    party = party_of(user)
    return (
        party is not None
        and party.kind == party.Kind.STATE
        and party.standing == party.Standing.MEMBER
        and has_any_role(user, *STATE_EDITORS)
    )


def can_edit_national(user: Any, act: Any) -> bool:
    party = party_of(user)
    return can_keep_national(user) and party is not None and act.owner_id == party.pk


def can_fill_column(user: Any, party_code: str | None = None) -> bool:
    """Whether `user` may write cells (of the column of `party_code`, when given)."""
    party = party_of(user)
    return (
        can_keep_national(user)
        and party is not None
        and (party_code is None or party.code == party_code)
    )


COMMENTERS = (Role.PARLIAMENTARY_OFFICER, Role.LEGAL_ADVISER)


def can_comment(user: Any) -> bool:
    """The parliamentary staff and legal advisers of any party comment on the drafts
    they see (the access rule decides which); the drafters dispose of the comments."""
    return has_any_role(user, *COMMENTERS)
