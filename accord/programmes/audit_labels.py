"""The sentences the home and audit pages show for this module's audit action codes
(registered with the kernel by the AppConfig; see `accord.core.action_labels`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def labels() -> dict[str, Any]:
    """The action codes of `programmes` and what each means."""
    return {
        "programmes.programme.create": _("Created a programme"),
        "programmes.programme.update": _("Changed a programme"),
        "programmes.programme.advance": _("Moved a programme to its next stage"),
        "programmes.participant.add": _("Added a participant to a programme"),
        "programmes.stage_record.supersede": _("Superseded a signed programme record"),
        "programmes.key.propose": _("Proposed a cost-share key"),
        "programmes.key.decide": _("Decided a cost-share key"),
        "programmes.budget.set": _("Set a programme budget"),
        "programmes.assessment.issue": _("Issued a call for contributions"),
        "programmes.contribution.record": _("Recorded a contribution"),
        "programmes.transaction.record": _("Recorded a transaction"),
        "programmes.planned_disbursement.add": _("Planned a disbursement"),
        "programmes.rate.set": _("Set an exchange rate"),
        "programmes.work_package.add": _("Added a work package"),
        "programmes.work_package.reschedule": _("Rescheduled a work package"),
        "programmes.baseline.take": _("Took a schedule baseline"),
        "programmes.evm.record": _("Recorded an earned-value snapshot"),
        "programmes.support.request": _("Requested support"),
        "programmes.support.offer": _("Offered support"),
        "programmes.support.accept": _("Accepted an offer of support"),
        "programmes.support.deliver": _("Recorded support delivered"),
    }
