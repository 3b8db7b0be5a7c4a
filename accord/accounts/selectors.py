"""Reads about users and tokens."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from accord.accounts.models import ApiToken, RolePolicy, User
from accord.core.roles import Role


def token_list(*, user: Any) -> models.QuerySet[ApiToken]:
    """A user's own API tokens (never anyone else's)."""
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at")


def party_users(*, party_id: int) -> models.QuerySet[User]:
    """A party's active users (whom its advisers may name, e.g. as reviewers)."""
    return User.objects.filter(party_id=party_id, is_active=True).order_by("username")


def second_factor_required(user: Any) -> bool:
    """Whether the user must sign in with a second factor: always for the roles of
    ACCORD_SECOND_FACTOR_ROLES (administrators, auditors and legal advisers; a superuser
    counts as an administrator) unless ACCORD_RELAX_SECOND_FACTOR is on (the demo), and
    for any role whose policy an administrator set."""
    if not settings.ACCORD_RELAX_SECOND_FACTOR:
        roles = set(settings.ACCORD_SECOND_FACTOR_ROLES)
        if roles & set(getattr(user, "role_codes", ())) or (
            user.is_superuser and Role.ADMINISTRATOR in roles
        ):
            return True
    return RolePolicy.objects.filter(group__user=user, require_second_factor=True).exists()


def session_verified(user: Any) -> bool:
    """Whether this request's session gave a one-time code (django-otp's `is_verified`,
    which OTPMiddleware puts on the user of a page or session-API request)."""
    check = getattr(user, "is_verified", None)
    return bool(check is not None and check())
