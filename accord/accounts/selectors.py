"""Reads about users and tokens."""

from __future__ import annotations

from typing import Any

from django.db import models

from accord.accounts.models import ApiToken


def token_list(*, user: Any) -> models.QuerySet[ApiToken]:
    """A user's own API tokens (never anyone else's)."""
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at")
