"""The sentences the home and audit pages show for this module's audit action codes
(registered with the kernel by the AppConfig; see `accord.core.action_labels`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def labels() -> dict[str, Any]:
    """The action codes of `legislation` and what each means."""
    return {
        "legislation.record.create": _("Created a legislation record"),
        "legislation.record.update": _("Changed a legislation record"),
    }
