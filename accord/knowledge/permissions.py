"""Who may do what with knowledge items (seeing them is the access rule's business, with
the lifecycle's narrowing of `models.item_seen`).

- submit an observation: any user acting for a party;
- publish another kind of item (best practice, legal experience, training material, an
  answer): the party's lessons manager (the knowledge editor role);
- edit an item: its owner party's lessons manager; its author too while it is submitted;
- verify, reject, analyse (identify), task remedial actions, record the validation, mark
  learned: the owner party's lessons manager;
- close a remedial action as done: a lessons manager of its action body or of the
  lesson's owner; cancel it: the lesson owner's lessons manager.
"""

from __future__ import annotations

from typing import Any

from accord.core.access import party_of
from accord.knowledge.domain.lifecycle import Stage
from accord.knowledge.models import is_lessons_manager


def _party_id(user: Any) -> int | None:
    party = party_of(user)
    return party.pk if party is not None else None


def can_submit(user: Any) -> bool:
    return _party_id(user) is not None


def can_publish(user: Any) -> bool:
    return _party_id(user) is not None and is_lessons_manager(user)


def manages(user: Any, item: Any) -> bool:
    """The user is a lessons manager of the item's owner party."""
    party_id = _party_id(user)
    return party_id is not None and item.owner_id == party_id and is_lessons_manager(user)


def can_edit(user: Any, item: Any) -> bool:
    if item.stage == Stage.REJECTED:
        return False
    if manages(user, item):
        return True
    return (
        item.stage == Stage.SUBMITTED
        and item.author_id == getattr(user, "pk", None)
        and _party_id(user) == item.owner_id
    )


def can_close_action(user: Any, action: Any) -> bool:
    party_id = _party_id(user)
    if party_id is None or not is_lessons_manager(user):
        return False
    return party_id in (action.action_body_id, action.lesson.owner_id)


def can_cancel_action(user: Any, action: Any) -> bool:
    return manages(user, action.lesson)
