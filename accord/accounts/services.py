"""Every write about users, roles, second factors and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.accounts.models import ApiToken, RolePolicy, User
from accord.accounts.selectors import second_factor_required
from accord.core.access import party_of
from accord.core.audit import record_event, snapshot
from accord.core.errors import NotFound, PermissionDenied, ValidationFailed
from accord.core.models import Classification, Party
from accord.core.permissions import (
    is_secretariat_administrator,
    require_secretariat_administrator,
)
from accord.core.roles import Role

TOKEN_PREFIX = "acc_"  # noqa: S105 - a public prefix, not a secret
# Fields of a user that go into the audit trail (never the password hash).
USER_AUDIT_FIELDS = (
    "username",
    "email",
    "first_name",
    "last_name",
    "party",
    "clearance",
    "is_active",
    "is_staff",
    "is_superuser",
)


def _require_admin_unless_system(actor: User | None) -> None:
    """`actor=None` is the system itself (migrations, `accord demo`); anyone else must be
    a Secretariat administrator."""
    if actor is not None:
        require_secretariat_administrator(actor)


def _user_snapshot(user: User) -> dict[str, Any]:
    data = snapshot(user, USER_AUDIT_FIELDS)
    data["roles"] = sorted(user.groups.values_list("name", flat=True)) if user.pk else []
    return data


def _validate_roles(roles: Iterable[str]) -> list[Group]:
    roles = list(roles)
    unknown = sorted(set(roles) - set(Role.values))
    if unknown:
        raise ValidationFailed.single(
            "roles", _("Unknown role: %(roles)s.") % {"roles": ", ".join(unknown)}
        )
    return list(Group.objects.filter(name__in=roles))


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    party: Party,
    clearance: int = Classification.UNCLASSIFIED,
    roles: Iterable[str] = (),
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    is_superuser: bool = False,
) -> User:
    """Create a user of `party` with a clearance and roles."""
    _require_admin_unless_system(actor)
    groups = _validate_roles(roles)
    user = User(
        username=username,
        party=party,
        clearance=clearance,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    try:
        user.full_clean(exclude=["password"])
    except DjangoValidationError as exc:
        raise ValidationFailed.from_django(exc) from exc
    user.save()
    user.groups.set(groups)
    record_event(actor=actor, action="user.create", obj=user, after=_user_snapshot(user))
    return user


@transaction.atomic
def user_update(
    *, actor: User | None, user: User, roles: Iterable[str] | None = None, **fields: Any
) -> User:
    """Change a user's details, party, clearance, active flag or roles."""
    _require_admin_unless_system(actor)
    allowed = set(USER_AUDIT_FIELDS)
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationFailed.single(
            "__all__", _("Unknown field: %(f)s.") % {"f": ", ".join(sorted(unknown))}
        )
    before = _user_snapshot(user)
    for name, value in fields.items():
        setattr(user, name, value)
    try:
        user.full_clean(exclude=["password"])
    except DjangoValidationError as exc:
        raise ValidationFailed.from_django(exc) from exc
    user.save()
    if roles is not None:
        user.groups.set(_validate_roles(roles))
        user.__dict__.pop("role_codes", None)
    record_event(
        actor=actor, action="user.update", obj=user, before=before, after=_user_snapshot(user)
    )
    if before["is_active"] and not user.is_active:
        _end_access(actor=actor, user=user)
    return user


def _end_access(*, actor: User | None, user: User) -> None:
    """A deactivated user's sessions are deleted and their tokens revoked, so that
    reactivating the account revives neither (issue 17.9)."""
    now = timezone.now()
    ended = 0
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()
            ended += 1
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    record_event(
        actor=actor,
        action="user.access_ended",
        obj=user,
        after={"sessions_ended": ended, "tokens_revoked": revoked},
    )


@transaction.atomic
def user_set_password(*, actor: User | None, user: User, password: str) -> None:
    """Set a user's password (an administrator, or the user themself)."""
    if actor is not None and actor.pk != user.pk:
        require_secretariat_administrator(actor)
    from django.contrib.auth.password_validation import validate_password

    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise ValidationFailed({"password": exc.messages}) from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    record_event(actor=actor, action="user.set_password", obj=user)


@transaction.atomic
def password_change(
    *, actor: User, current_password: str, new_password: str, keep_session_key: str = ""
) -> None:
    """A user changes their own password: the current one first, then the new one through
    the password validators. Their other sessions end (a password someone else learnt no
    longer keeps them signed in); the session it was changed in is kept."""
    if not actor.check_password(current_password or ""):
        raise ValidationFailed.single("current_password", _("This is not your current password."))
    from django.contrib.auth.password_validation import validate_password

    try:
        validate_password(new_password, actor)
    except DjangoValidationError as exc:
        raise ValidationFailed({"new_password": exc.messages}) from exc
    actor.set_password(new_password)
    actor.save(update_fields=["password"])
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.session_key != keep_session_key and session.get_decoded().get(
            SESSION_KEY
        ) == str(actor.pk):
            session.delete()
            ended += 1
    record_event(
        actor=actor, action="user.password_change", obj=actor, after={"other_sessions_ended": ended}
    )


@transaction.atomic
def role_policy_set(*, actor: User | None, role: str, require_second_factor: bool) -> RolePolicy:
    """Require (or stop requiring) a second factor for every user with `role`."""
    _require_admin_unless_system(actor)
    group = Group.objects.filter(name=role).first()
    if group is None:
        raise ValidationFailed.single("role", _("Unknown role: %(roles)s.") % {"roles": role})
    policy, _created = RolePolicy.objects.get_or_create(group=group)
    before = {"require_second_factor": policy.require_second_factor}
    policy.require_second_factor = require_second_factor
    policy.save()
    record_event(
        actor=actor,
        action="role_policy.update",
        obj=policy,
        before=before,
        after={"require_second_factor": require_second_factor},
    )
    return policy


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _has_or_needs_second_factor(user: User) -> bool:
    return has_confirmed_device(user) or second_factor_required(user)


@transaction.atomic
def token_create(
    *, actor: User, name: str, verified: bool, days: int | None = None
) -> tuple[ApiToken, str]:
    """Create an API token for the actor; returns the token and its key (shown once).

    `verified` says whether the creating session gave its one-time code. A user who has a
    second factor (or whose role requires one) creates tokens only from such a session,
    and the token records it: a role requiring a second factor accepts only tokens made
    that way (`token_authenticate`). Every token expires after `days` (default
    `ACCORD_API_TOKEN_DAYS`, at most `ACCORD_API_TOKEN_MAX_DAYS`)."""
    if party_of(actor) is None:
        raise PermissionDenied()
    if not verified and _has_or_needs_second_factor(actor):
        raise PermissionDenied(_("Give your one-time code first: then create the token."))
    name = (name or "").strip()
    if not name:
        raise ValidationFailed.single("name", _("Give the token a name."))
    if len(name) > 100:
        raise ValidationFailed.single("name", _("The name is longer than 100 characters."))
    maximum = settings.ACCORD_API_TOKEN_MAX_DAYS
    if days is None:
        days = min(settings.ACCORD_API_TOKEN_DAYS, maximum)
    if not 1 <= days <= maximum:
        raise ValidationFailed.single(
            "days", _("A token lasts from 1 to %(max)d days.") % {"max": maximum}
        )
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=key[: len(TOKEN_PREFIX) + 6],
        key_hash=_hash_key(key),
        expires_at=timezone.now() + timedelta(days=days),
        created_verified=verified,
    )
    record_event(
        actor=actor,
        action="api_token.create",
        obj=token,
        after={
            "name": name,
            "prefix": token.prefix,
            "expires_at": token.expires_at,
            "created_verified": verified,
        },
    )
    return token, key


@transaction.atomic
def token_revoke(*, actor: User, token_id: int) -> ApiToken:
    """Revoke one of the actor's own tokens (a Secretariat administrator may revoke any)."""
    token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
    if token is None or (token.user_id != actor.pk and not is_secretariat_administrator(actor)):
        raise NotFound()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_event(
            actor=actor,
            action="api_token.revoke",
            obj=token,
            after={"revoked_at": token.revoked_at},
        )
    return token


class TokenRefused(Exception):
    """Why a key does not authenticate (the API answers 401 with the message)."""

    def __init__(self, message: Any) -> None:
        super().__init__(message)
        self.message = message


def token_authenticate(key: str) -> ApiToken:
    """The active, unexpired token with this key, its last use noted at most once a minute.
    A user whose role requires a second factor is accepted only with a token created in a
    session that gave the code. Raises TokenRefused otherwise."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user", "user__party")
        .filter(key_hash=_hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        raise TokenRefused(_("Invalid or revoked token."))
    if token.expires_at <= now:
        raise TokenRefused(_("This token has expired; create a new one on your profile page."))
    if not token.created_verified and second_factor_required(token.user):
        raise TokenRefused(
            _(
                "Your role requires a second factor: use a token created after giving your "
                "one-time code."
            )
        )
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


@transaction.atomic
def second_factor_start(*, actor: User) -> TOTPDevice:
    """Start enrolling a TOTP device: an unconfirmed device the user scans, then confirms."""
    TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
    return TOTPDevice.objects.create(user=actor, name="TOTP", confirmed=False)


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def second_factor_confirm(
    *, actor: User, device: TOTPDevice, code: str, verified: bool
) -> TOTPDevice:
    """Confirm enrolment with a code from the authenticator app. A user who already has a
    confirmed device re-enrols only from a session that gave its current code (`verified`);
    otherwise the password alone would replace the second factor. A lost device is reset by
    an administrator (`second_factor_reset`)."""
    if device.user_id != actor.pk:
        raise NotFound()
    if not verified and has_confirmed_device(actor):
        raise PermissionDenied(
            _("Give the code of your current device before you set up a new one.")
        )
    if not device.verify_token((code or "").strip()):
        raise ValidationFailed.single("code", _("The code is not valid. Try the current one."))
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
    record_event(actor=actor, action="second_factor.enrol", obj=actor)
    return device


@transaction.atomic
def second_factor_reset(*, actor: User | None, user: User) -> None:
    """An administrator removes every device of a user who lost theirs; the user enrols
    afresh at the next sign-in. Audited as a reset, under the administrator's name."""
    _require_admin_unless_system(actor)
    deleted, _detail = TOTPDevice.objects.filter(user=user).delete()
    record_event(
        actor=actor, action="second_factor.reset", obj=user, after={"devices_removed": deleted}
    )


@transaction.atomic
def second_factor_remove(*, actor: User) -> None:
    """Stop using a second factor, unless one of the user's roles requires it."""
    if second_factor_required(actor):
        raise PermissionDenied(_("Your role requires a second factor; it cannot be removed."))
    deleted, _detail = TOTPDevice.objects.filter(user=actor).delete()
    if deleted:
        record_event(actor=actor, action="second_factor.remove", obj=actor)


def sign_in_record(*, actor: User) -> None:
    """Note a successful sign-in in the audit trail."""
    with transaction.atomic():
        record_event(actor=actor, action="session.sign_in", obj=actor)


def sign_out_record(*, actor: User) -> None:
    with transaction.atomic():
        record_event(actor=actor, action="session.sign_out", obj=actor)


def idle_sign_out_record(*, actor: User, idle_seconds: int) -> None:
    """Note that a session was ended for being idle (issue 17.13): not the user's act, so
    its own code, with how long the session had been idle."""
    with transaction.atomic():
        record_event(
            actor=actor,
            action="session.idle_sign_out",
            obj=actor,
            after={"idle_seconds": idle_seconds},
        )
