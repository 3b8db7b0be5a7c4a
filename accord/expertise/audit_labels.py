"""The sentences the home and audit pages show for this module's audit action codes
(registered with the kernel by the AppConfig; see `accord.core.action_labels`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from accord.core.action_labels import state_labels


def labels() -> dict[str, Any]:
    """The action codes of `expertise` and what each means."""
    from accord.expertise.models import Review

    return {
        "expertise.conclusion.sign": _("Signed a review conclusion"),
        "expertise.contingent.assign": _("Assigned a system to a national contingent"),
        "expertise.evidence.add": _("Added evidence to a review"),
        "expertise.finding.record": _("Recorded a review finding"),
        "expertise.note.add": _("Added a note to a review"),
        "expertise.request.answer": _("Answered a request for information"),
        "expertise.request.ask": _("Asked for information in a review"),
        "expertise.request.withdraw": _("Withdrew a request for information"),
        "expertise.review.invite": _("Invited a party to a review"),
        "expertise.review.name_reviewers": _("Named the reviewers of a review"),
        "expertise.review.needs_rereview": _("Marked a review as due for re-review"),
        "expertise.review.open": _("Opened a review"),
        "expertise.system.register": _("Registered a weapon system"),
        "expertise.system.update": _("Changed a weapon system"),
        "expertise.version.create": _("Added a version of a system"),
        "expertise.version.update": _("Changed a version of a system"),
        **state_labels(
            "expertise.review.", Review.State.choices, _("Moved a review to: %(state)s")
        ),
    }
