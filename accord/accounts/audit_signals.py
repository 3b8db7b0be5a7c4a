"""Failed sign-ins, lockouts and second-factor attempts, into the audit trail.

These happen inside Django's and django-axes' and django-otp's own code (authenticate(),
the lockout handler, Device.verify_token()), not in a service of ours, so their signals are
where they can be recorded without touching the sign-in views (issue 17, point 7). A
signal handler only records: it decides nothing.

- `user_login_failed` (Django): the username tried, and the account if it exists.
- `user_locked_out` (django-axes): the account locked, and from which address.
- a TOTP device saved by `verify_token`: a failed code raises its failure count
  (`throttle_increment`), an accepted one resets it and stamps `last_used_at`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from accord.core.audit import record_event


def _account(username: str) -> Any:
    if not username:
        return None
    return get_user_model()._default_manager.filter(username=username).first()


def _address(request: Any) -> str:
    return "" if request is None else str(request.META.get("REMOTE_ADDR", ""))


def _record(*, action: str, username: str, request: Any, **after: Any) -> None:
    account = _account(username)
    with transaction.atomic():
        record_event(
            actor=None,
            action=action,
            object_type="accounts.user",
            object_id=account.pk if account is not None else "",
            object_repr=username[:150],
            after={"username": username[:150], "address": _address(request), **after},
            outcome="failure",
        )


def sign_in_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **_: Any) -> None:
    _record(
        action="session.sign_in_failed",
        username=str(credentials.get("username") or ""),
        request=request,
    )


def locked_out(
    sender: Any, request: Any = None, username: str | None = None, ip_address: str = "", **_: Any
) -> None:
    _record(
        action="session.locked_out",
        username=str(username or ""),
        request=request,
        locked_address=ip_address or "",
    )


def _remember(sender: Any, instance: Any, **_: Any) -> None:
    """Before a TOTP device is saved: its stored code step and failure count."""
    stored = (
        sender._default_manager.filter(pk=instance.pk)
        .values_list("last_t", "throttling_failure_count")
        .first()
        if instance.pk
        else None
    )
    instance._accord_stored = stored


def second_factor_attempt(sender: Any, instance: Any, created: bool, **_: Any) -> None:
    """A TOTP device saved by verify_token(): a failed code raised its failure count, an
    accepted one moved its last code step on."""
    stored = getattr(instance, "_accord_stored", None)
    if created or stored is None:
        return
    last_t, failures = stored
    if instance.throttling_failure_count > failures:
        action, outcome = "second_factor.failed", "failure"
    elif instance.last_t > last_t:
        action, outcome = "second_factor.verified", "success"
    else:
        return
    user = instance.user
    with transaction.atomic():
        record_event(
            actor=user,
            action=action,
            obj=user,
            after={"device": instance.pk, "failures": instance.throttling_failure_count},
            outcome=outcome,
        )


def connect() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_login_failed
    from django.db.models.signals import post_save, pre_save
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user_login_failed.connect(sign_in_failed, dispatch_uid="accord.audit.sign_in_failed")
    user_locked_out.connect(locked_out, dispatch_uid="accord.audit.locked_out")
    pre_save.connect(_remember, sender=TOTPDevice, dispatch_uid="accord.audit.second_factor_before")
    post_save.connect(
        second_factor_attempt, sender=TOTPDevice, dispatch_uid="accord.audit.second_factor"
    )
