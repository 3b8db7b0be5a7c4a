"""Reads about users and tokens."""

from __future__ import annotations

from typing import Any

from django.db import models

from accord.accounts.models import ApiToken, RolePolicy, User


def token_list(*, user: Any) -> models.QuerySet[ApiToken]:
    """A user's own API tokens (never anyone else's)."""
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at")


def party_users(*, party_id: int) -> models.QuerySet[User]:
    """A party's active users (whom its advisers may name, e.g. as reviewers)."""
    return User.objects.filter(party_id=party_id, is_active=True).order_by("username")


def second_factor_required(user: Any) -> bool:
    """Whether one of the user's roles requires a second factor."""
    return RolePolicy.objects.filter(group__user=user, require_second_factor=True).exists()


def session_verified(user: Any) -> bool:
    """Whether this request's session gave a one-time code (django-otp's `is_verified`,
    which OTPMiddleware puts on the user of a page or session-API request)."""
    check = getattr(user, "is_verified", None)
    return bool(check is not None and check())
