"""The sentences the home and audit pages show for this module's audit action codes
(registered with the kernel by the AppConfig; see `accord.core.action_labels`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def labels() -> dict[str, Any]:
    """The action codes of `legislation` and what each means."""
    return {
        "legislation.act.create": _("Created a model act"),
        "legislation.act.update": _("Changed a model act"),
        "legislation.act.version": _("Started a new version of a model act"),
        "legislation.act.to_commission": _("Sent a model act to the commission"),
        "legislation.act.propose": _("Proposed the adoption of a model act"),
        "legislation.act.adopt": _("Confirmed the adoption of a model act"),
        "legislation.act.send": _("Sent a model act to the parliaments"),
        "legislation.provision.save": _("Saved a provision of a model act"),
        "legislation.comment.add": _("Commented on a draft model act"),
        "legislation.comment.decide": _("Decided on a comment on a draft model act"),
        "legislation.programme.create": _("Created a harmonisation programme"),
        "legislation.programme.item": _("Saved an item of a harmonisation programme"),
        "legislation.programme.link": _("Linked a programme item to its model act"),
        "legislation.national.create": _("Recorded a national act"),
        "legislation.national.provision": _("Recorded a version of a national provision"),
        "legislation.national.update": _("Changed a national act"),
        "legislation.measure.add": _("Linked a national act to the law base"),
        "legislation.cell.create": _("Filled a cell of the conformity matrix"),
        "legislation.cell.update": _("Changed a cell of the conformity matrix"),
    }
