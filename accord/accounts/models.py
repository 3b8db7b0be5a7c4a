"""Users belong to one party, hold a clearance and roles; API tokens; role policies."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.models import Classification, Party


class User(AbstractUser):
    """A person using Accord on behalf of exactly one party."""

    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="users", verbose_name=_("party")
    )
    clearance = models.PositiveSmallIntegerField(
        _("clearance"),
        choices=Classification.choices,
        default=Classification.UNCLASSIFIED,
        help_text=_("The highest classification this user may read."),
    )

    REQUIRED_FIELDS = ["email", "party"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """The codes of the user's roles (group names), read once per request."""
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: str) -> bool:
        return self.is_active and role in self.role_codes


class RolePolicy(models.Model):
    """Settings an administrator attaches to a role, such as requiring a second factor."""

    group = models.OneToOneField(
        Group,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="policy",
        verbose_name=_("role"),
    )
    require_second_factor = models.BooleanField(
        _("require a second factor"),
        default=False,
        help_text=_("Users with this role must sign in with a one-time code (TOTP)."),
    )

    class Meta:
        verbose_name = _("role policy")
        verbose_name_plural = _("role policies")

    def __str__(self) -> str:
        return self.group.name


def _default_token_expiry() -> datetime:
    """The default lifetime of a new token (`ACCORD_API_TOKEN_DAYS`, at most the maximum)."""
    days = min(settings.ACCORD_API_TOKEN_DAYS, settings.ACCORD_API_TOKEN_MAX_DAYS)
    return timezone.now() + timedelta(days=days)


class ApiToken(models.Model):
    """A named API key of one user. Only a hash of the key is stored; the key itself is
    shown once, when it is created. DRF's own token allows one unhashed key per user,
    which is why Accord keeps its own."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("key prefix"), max_length=12)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), default=_default_token_expiry)
    created_verified = models.BooleanField(
        _("created with a second factor"),
        default=False,
        help_text=_(
            "Whether the session that created the token had given a one-time code; a role "
            "that requires a second factor accepts only such tokens."
        ),
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
