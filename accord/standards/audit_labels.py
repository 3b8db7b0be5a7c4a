"""The sentences the home and audit pages show for this module's audit action codes
(registered with the kernel by the AppConfig; see `accord.core.action_labels`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from accord.core.action_labels import state_labels


def labels() -> dict[str, Any]:
    """The action codes of `standards` and what each means."""
    from accord.standards.models import StandardVersion

    return {
        "standards.action.create": _("Added an improvement action"),
        "standards.action.status": _("Changed the status of an improvement action"),
        "standards.action.update": _("Changed an improvement action"),
        "standards.answer.evidence": _("Attached evidence to an assessment answer"),
        "standards.answer.save": _("Answered an assessment question"),
        "standards.assessment.complete": _("Completed a facility assessment"),
        "standards.assessment.import": _("Imported a facility assessment"),
        "standards.assessment.reassess": _("Started a reassessment of a facility"),
        "standards.assessment.start": _("Started a facility assessment"),
        "standards.ballot.cancel": _("Cancelled a ballot"),
        "standards.ballot.close": _("Closed a ballot"),
        "standards.ballot.open": _("Opened a ballot"),
        "standards.clause.add": _("Added a clause to a standard"),
        "standards.clause.delete": _("Deleted a clause of a standard"),
        "standards.clause.move": _("Moved a clause of a standard"),
        "standards.clause.update": _("Changed a clause of a standard"),
        "standards.comment.add": _("Commented on a draft standard"),
        "standards.comment.dispose": _("Decided on a comment"),
        "standards.comment.update": _("Changed a comment"),
        "standards.comment.withdraw": _("Withdrew a comment"),
        "standards.comment_table.import": _("Imported a table of comments"),
        "standards.facility.register": _("Registered a critical facility"),
        "standards.facility.update": _("Changed a critical facility"),
        "standards.parameter.remove": _("Removed a parameter of a standard"),
        "standards.parameter.set": _("Set a parameter of a standard"),
        "standards.plan.from_gaps": _("Made an improvement plan from the gaps"),
        "standards.standard.create": _("Created a standard"),
        "standards.standard.update": _("Changed a standard"),
        "standards.version.create": _("Created a version of a standard"),
        "standards.version.import": _("Imported a version of a standard"),
        "standards.version.update": _("Changed a version of a standard"),
        "standards.vote.cast": _("Voted in a ballot"),
        "standards.vote.replace": _("Changed a vote in a ballot"),
        **state_labels(
            "standards.version.",
            StandardVersion.Stage.choices,
            _("Moved a version of a standard to: %(state)s"),
        ),
    }
