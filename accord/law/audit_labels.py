"""The sentences the home and audit pages show for this module's audit action codes
(registered with the kernel by the AppConfig; see `accord.core.action_labels`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def labels() -> dict[str, Any]:
    """The action codes of `law` and what each means."""
    return {
        "law.act.record": _("Recorded a treaty act"),
        "law.act.update": _("Changed a treaty act"),
        "law.act.verify": _("Verified a treaty act"),
        "law.bilateral.register": _("Registered a bilateral agreement"),
        "law.bilateral.update": _("Changed a bilateral agreement"),
        "law.instrument.save": _("Saved a legal instrument"),
        "law.rule.save": _("Saved an IHL rule"),
    }
