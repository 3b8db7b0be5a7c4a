"""Who may write the module's records (reading is the access rule's business)."""

from __future__ import annotations

from typing import Any

from accord.core.access import party_of
from accord.core.permissions import has_any_role
from accord.core.roles import Role

EDITORS = (Role.SECRETARIAT_OFFICER, Role.ADMINISTRATOR)


def can_create(user: Any) -> bool:
    return party_of(user) is not None and (
        getattr(user, "is_superuser", False) or has_any_role(user, *EDITORS)
    )


def can_edit(user: Any, record: Any) -> bool:
    """The owner party's editors keep its records."""
    party = party_of(user)
    return party is not None and record.owner_id == party.pk and can_create(user)
