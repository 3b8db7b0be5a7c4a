"""The sentences the home and audit pages show for this module's audit action codes
(registered with the kernel by the AppConfig; see `accord.core.action_labels`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def labels() -> dict[str, Any]:
    """The action codes of `accounts` and what each means."""
    return {
        "session.sign_in": _("Signed in"),
        "session.sign_out": _("Signed out"),
        "session.idle_sign_out": _("Was signed out after being idle"),
        "user.create": _("Created a user account"),
        "user.update": _("Changed a user account"),
        "user.set_password": _("Set a password"),
        "user.password_change": _("Changed their own password"),
        "api_token.create": _("Created an API token"),
        "api_token.revoke": _("Revoked an API token"),
        "second_factor.enrol": _("Set up a second factor"),
        "second_factor.remove": _("Removed a second factor"),
        "role_policy.update": _("Changed a role policy"),
        "second_factor.reset": _("Reset a user's second factor"),
        "second_factor.verified": _("Gave the second-factor code"),
        "second_factor.failed": _("Gave a wrong second-factor code"),
        "session.sign_in_failed": _("Failed to sign in"),
        "session.locked_out": _("Was locked out after failed sign-ins"),
        "user.access_ended": _("Ended a deactivated user's sessions and tokens"),
    }
