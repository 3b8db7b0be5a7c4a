"""Role checks used by services and pages. Seeing a record is `core.access`'s business;
these answer "may this user do this kind of thing".

They live in the kernel, beside `Role`, so that core's own services and pages (the audit
trail, parties) use them without importing a module: core imports no module. The user
model stays in `accounts` (moving a swappable user model between apps rewrites the
migration history of every table that points at it); core reaches it only through
`settings.AUTH_USER_MODEL` / `get_user_model()`, and these predicates read nothing but
`has_role`, `is_superuser` and the party, which every Accord user has."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from accord.core.access import party_of
from accord.core.errors import PermissionDenied
from accord.core.roles import Role

if TYPE_CHECKING:
    # django-stubs' placeholder for the user model: its mypy plugin reads it as the class
    # `settings.AUTH_USER_MODEL` names, so core types the user without importing accounts.
    from django.contrib.auth.models import _User as User


def has_any_role(user: Any, *roles: str) -> bool:
    return party_of(user) is not None and any(user.has_role(role) for role in roles)


def require_role(user: Any, *roles: str) -> None:
    if not has_any_role(user, *roles):
        raise PermissionDenied(roles=roles)


def is_secretariat_administrator(user: Any) -> bool:
    """Secretariat administrators manage parties, users and role policies. A superuser
    counts as one only when they belong to the Secretariat."""
    party = party_of(user)
    return (
        party is not None
        and party.is_secretariat
        and (user.is_superuser or user.has_role(Role.ADMINISTRATOR))
    )


def require_secretariat_administrator(user: Any) -> None:
    if not is_secretariat_administrator(user):
        raise PermissionDenied()


def is_whole_chain_auditor(user: Any) -> bool:
    """The Secretariat's auditors read and verify the whole audit chain."""
    party = party_of(user)
    return party is not None and party.is_secretariat and user.has_role(Role.AUDITOR)


def acting_user(request: Any) -> User:
    """The signed-in user of a page or API request, typed for the services.

    Views reach this only behind `login_required` / `IsAuthenticated`; anything else is a
    programming error, which is why it asserts rather than returning None.
    """
    user = request.user
    assert user.is_authenticated, "acting_user() needs an authenticated request"
    return cast("User", user)
