"""The sentences the home and audit pages show for this module's audit action codes
(registered with the kernel by the AppConfig; see `accord.core.action_labels`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def labels() -> dict[str, Any]:
    """The action codes of `knowledge` and what each means."""
    return {
        "knowledge.record.create": _("Created a knowledge record"),
        "knowledge.record.update": _("Changed a knowledge record"),
    }
