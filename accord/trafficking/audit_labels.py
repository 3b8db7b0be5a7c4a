"""The sentences the home and audit pages show for this module's audit action codes
(registered with the kernel by the AppConfig; see `accord.core.action_labels`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from accord.core.action_labels import state_labels


def labels() -> dict[str, Any]:
    """The action codes of `trafficking` and what each means."""
    from accord.trafficking.models import Operation, TracingRequest

    return {
        "trafficking.entity.create": _("Listed an entity on the watchlist"),
        "trafficking.entity.delist": _("Removed an entity from the watchlist"),
        "trafficking.entity.identifier_add": _("Added an identifier to a watchlist entry"),
        "trafficking.entity.identifier_remove": _("Removed an identifier from a watchlist entry"),
        "trafficking.entity.import": _("Imported watchlist entries"),
        "trafficking.entity.name_add": _("Added a name to a watchlist entry"),
        "trafficking.entity.name_remove": _("Removed a name from a watchlist entry"),
        "trafficking.entity.update": _("Changed a watchlist entry"),
        "trafficking.export": _("Exported trafficking records"),
        "trafficking.incident.entity.add": _("Added a person or organisation to an incident"),
        "trafficking.incident.entity.remove": _(
            "Removed a person or organisation from an incident"
        ),
        "trafficking.incident.item.add": _("Added an item to an incident"),
        "trafficking.incident.item.remove": _("Removed an item from an incident"),
        "trafficking.incident.link_operation": _("Linked an incident to an operation"),
        "trafficking.incident.misp_event": _("Imported a MISP event as an incident"),
        "trafficking.incident.misp_import": _("Imported incidents from MISP"),
        "trafficking.incident.rematch": _("Matched an incident's items again"),
        "trafficking.incident.report": _("Reported an incident"),
        "trafficking.incident.status": _("Changed the status of an incident"),
        "trafficking.incident.unlink_operation": _("Unlinked an incident from an operation"),
        "trafficking.incident.update": _("Changed an incident"),
        "trafficking.item.import": _("Imported items into a register"),
        "trafficking.item.match": _("Matched an item against the registers"),
        "trafficking.item.register": _("Registered an item"),
        "trafficking.item.status": _("Changed the status of an item"),
        "trafficking.item.update": _("Changed an item"),
        "trafficking.makemodel.add": _("Added a make and model"),
        "trafficking.makemodel.update": _("Changed a make and model"),
        "trafficking.operation.create": _("Planned a joint operation"),
        "trafficking.operation.link_incident": _("Linked an incident to an operation"),
        "trafficking.operation.participant_add": _("Added a party to an operation"),
        "trafficking.operation.participant_remove": _("Removed a party from an operation"),
        "trafficking.operation.summarise": _("Wrote the after-action summary of an operation"),
        "trafficking.operation.unlink_incident": _("Unlinked an incident from an operation"),
        "trafficking.operation.update": _("Changed a joint operation"),
        "trafficking.screening.bulk": _("Screened a file of names"),
        "trafficking.screening.screen": _("Screened a name against the watchlist"),
        "trafficking.tracing.remind_before_due": _(
            "Reminded a party of a tracing request due soon"
        ),
        "trafficking.tracing.remind_overdue": _("Reminded a party of an overdue tracing request"),
        "trafficking.tracing.send": _("Sent a tracing request"),
        **state_labels(
            "trafficking.tracing.",
            TracingRequest.State.choices,
            _("Moved a tracing request to: %(state)s"),
        ),
        **state_labels(
            "trafficking.operation.",
            Operation.Status.choices,
            _("Moved a joint operation to: %(state)s"),
        ),
    }
