"""The sentences the home and audit pages show for this module's audit action codes
(registered with the kernel by the AppConfig; see `accord.core.action_labels`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def labels() -> dict[str, Any]:
    """The action codes of `provision` and what each means."""
    return {
        "provision.requirement.create": _("Recorded a requirement of the collective forces"),
        "provision.requirement.update": _("Changed a requirement"),
        "provision.commitment.create": _("Recorded a commitment"),
        "provision.commitment.update": _("Changed a commitment"),
        "provision.commitment.gate_passed": _("Passed a commitment through the legal gate"),
        "provision.commitment.gate_refused": _("Refused a commitment at the legal gate"),
        "provision.commitment.hold_lifted": _("Lifted the hold on a commitment"),
        "provision.commitment.hold": _("Put a commitment on hold"),
        "provision.authorisation.record": _("Recorded an authorisation"),
        "provision.certificate.record": _("Recorded an end-user certificate"),
        "provision.consignment.record": _("Recorded a consignment"),
        "provision.consignment.deliver": _("Recorded a delivery"),
        "provision.line.add": _("Added a delivery line"),
        "provision.line.register": _("Entered delivered serials into an item register"),
        "provision.inspection.record": _("Recorded an acceptance inspection"),
        "provision.inspection.update": _("Changed an acceptance inspection"),
        "provision.inspection.sign": _("Signed an acceptance inspection"),
        "provision.discrepancy.advance": _("Moved a discrepancy report on"),
        "provision.check.schedule": _("Scheduled an end-use check"),
        "provision.check.rate": _("Rated an end-use check"),
        "provision.hold.place": _("Held deliveries after an end-use check"),
        "provision.hold.lift": _("Lifted a hold on deliveries"),
        "provision.retransfer.request": _("Requested a retransfer or change of end use"),
        "provision.retransfer.answer": _("Answered a retransfer request"),
        "provision.retransfer.complete": _("Completed a retransfer"),
        "provision.return.prepare": _("Prepared an annual return"),
        "provision.return.refresh": _("Refreshed an annual return"),
        "provision.return.submit": _("Submitted an annual return"),
        "provision.return.export": _("Exported an annual return"),
        "provision.return.sections": _("Filled the optional sections of a UNROCA return"),
        "provision.discrepancy.report": _("Reported a discrepancy by hand"),
        "provision.check.plan": _("Planned the next end-use check by its risk class"),
        "provision.check.close": _("Closed an end-use check: its items are disposed of"),
        "provision.disposal.record": _("Recorded the disposal or return of items"),
        "provision.module.export": _("Exported the whole provision module"),
        "provision.module.import": _("Imported a whole provision module export"),
        "provision.table.export": _("Exported a provision table"),
    }
