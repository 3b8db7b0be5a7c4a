"""Who may change the law base: the Secretariat keeps it (its officers and
administrators); only administrators verify facts against the depositary."""

from typing import Any

from accord.core.access import party_of
from accord.core.errors import PermissionDenied
from accord.core.permissions import has_any_role
from accord.core.roles import Role


def can_edit_law(user: Any) -> bool:
    party = party_of(user)
    return (
        party is not None
        and party.is_secretariat
        and (user.is_superuser or has_any_role(user, Role.SECRETARIAT_OFFICER, Role.ADMINISTRATOR))
    )


def require_law_editor(user: Any) -> None:
    if user is not None and not can_edit_law(user):
        raise PermissionDenied()


def can_verify_facts(user: Any) -> bool:
    party = party_of(user)
    return (
        party is not None
        and party.is_secretariat
        and (user.is_superuser or has_any_role(user, Role.ADMINISTRATOR))
    )


def can_register_bilateral(user: Any) -> bool:
    return has_any_role(user, Role.LEGAL_ADVISER, Role.SECRETARIAT_OFFICER, Role.ADMINISTRATOR)


def can_edit_bilateral(user: Any, agreement: Any) -> bool:
    """The owner party's advisers and officers keep its register entries."""
    party = party_of(user)
    return party is not None and agreement.owner_id == party.pk and can_register_bilateral(user)
