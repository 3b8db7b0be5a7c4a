"""Step-up: signing asks who is signing again.

A signature (a party's conclusion on a review, its vote in a ballot) is a joint decision
that binds a state; a session left open on a desk must not be enough to make one. The page
and the API ask, with the signature, for the signer's current one-time code (when they
have a confirmed second-factor device) or their password; the method that confirmed it is
stored on the signed record, so its audit event carries it. A wrong answer is refused on
the `confirm` field, changes nothing, and is audited (`session.step_up_failed`).

`ACCORD_STEP_UP_SIGNATURES` (default on) turns it off, as the test settings do so the
suites do not type passwords on every vote; its own tests turn it on.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accord.core.errors import ValidationFailed

FIELD = "confirm"
PASSWORD = "password"  # noqa: S105  # nosec B105 (the name of a method, not a secret)
SECOND_FACTOR = "second_factor"
NOT_ASKED = ""

_WRONG = _("This is neither your current one-time code nor your password.")
_MISSING = _("Confirm the signature with your one-time code or your password.")
HELP = _("Signing asks again who signs: your current one-time code, or your password.")


def enabled() -> bool:
    return bool(getattr(settings, "ACCORD_STEP_UP_SIGNATURES", True))


def confirm_identity(user: Any, secret: str | None) -> str:
    """Check `secret` as the user's one-time code, else their password. Returns how the
    signature was confirmed (SECOND_FACTOR, PASSWORD; NOT_ASKED when step-up is off) or
    raises ValidationFailed on the `confirm` field (and records the failure)."""
    if not enabled():
        return NOT_ASKED
    secret = (secret or "").strip()
    if not secret:
        raise ValidationFailed.single(FIELD, _MISSING)
    if secret.isdigit() and len(secret) <= 8:
        from django_otp import devices_for_user

        for device in devices_for_user(user, confirmed=True):
            if device.verify_token(secret):
                return SECOND_FACTOR
    if user.check_password(secret):
        return PASSWORD
    from accord.core.audit import record_event

    record_event(actor=user, action="session.step_up_failed", outcome="denied")
    raise ValidationFailed.single(FIELD, _WRONG)


class StepUpField(forms.CharField):
    """The form field asking for it; absent (not required, not shown) when step-up is off."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Your one-time code or password"))
        kwargs.setdefault("help_text", HELP)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.PasswordInput(attrs={"autocomplete": "current-password"}))
        super().__init__(**kwargs)


def add_to_form(form: forms.BaseForm) -> None:
    """Give `form` the `confirm` field when step-up is on."""
    if enabled():
        form.fields[FIELD] = StepUpField()
