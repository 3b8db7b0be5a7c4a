"""The sentences the home and audit pages show for this module's audit action codes
(registered with the kernel by the AppConfig; see `accord.core.action_labels`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def labels() -> dict[str, Any]:
    """The action codes of `knowledge` and what each means."""
    return {
        "knowledge.item.create": _("Created a knowledge item"),
        "knowledge.item.update": _("Changed a knowledge item"),
        "knowledge.item.submit": _("Submitted an observation"),
        "knowledge.item.verify": _("Verified an observation"),
        "knowledge.item.reject": _("Rejected an observation"),
        "knowledge.item.identify": _("Recorded a lesson identified"),
        "knowledge.item.learn": _("Recorded a lesson as learned"),
        "knowledge.item.validate": _("Recorded the validation of a lesson"),
        "knowledge.action.add": _("Tasked a remedial action"),
        "knowledge.action.done": _("Closed a remedial action as done"),
        "knowledge.action.cancelled": _("Cancelled a remedial action"),
        "knowledge.action.remind": _("Sent a reminder of a remedial action"),
        "knowledge.request.send": _("Sent a request for information"),
        "knowledge.request.answer": _("Answered a request for information"),
        "knowledge.request.close": _("Closed a request for information"),
        "knowledge.guideline.publish": _("Published an edition of a guideline module"),
        "knowledge.item.link_clause": _("Pointed a lesson at a guideline clause"),
        "knowledge.expert.nominate": _("Nominated an expert"),
        "knowledge.expert.validate": _("Validated an expert"),
        "knowledge.expert.availability": _("Changed an expert's availability"),
        "knowledge.item.disseminate": _("Recorded the dissemination of a knowledge item"),
        "knowledge.request.to_item": _("Made a knowledge item from an answered request"),
    }
