"""Internal notes, and marking concluded reviews for re-review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event
from accord.core.errors import Conflict, NotFound, ValidationFailed
from accord.core.guards import within_clearance
from accord.core.models import Classification, Release
from accord.expertise.models import (
    InternalNote,
    Review,
)
from accord.expertise.permissions import (
    is_coordinator,
    participant_of,
    require,
)
from accord.expertise.services.common import S

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


# --- Notes and re-review --------------------------------------------------------------------


@transaction.atomic
def note_add(*, actor: User, review: Review, text: str) -> InternalNote:
    """A party's internal note: release OWNER, whatever the file's marking."""
    if not can_see(actor, review):
        raise NotFound()
    participant = participant_of(review, actor)
    require(participant is not None)
    if not text.strip():
        raise ValidationFailed.single("text", _("Write the note."))
    party = party_of(actor)
    assert party is not None
    note = InternalNote(
        review=review,
        owner=party,
        release=Release.OWNER,
        classification=max(review.classification, Classification.RESTRICTED),
        author=actor,
        text=text.strip(),
    )
    within_clearance(actor, note.classification)
    note.save()
    # The note's text stays out of the audit trail, which the Secretariat's auditors read.
    record_event(
        actor=actor,
        action="expertise.note.add",
        obj=note,
        object_repr=f"note {note.pk}",
        after={"id": note.pk},
    )
    return note


@transaction.atomic
def rereview_mark(*, actor: User | None, review: Review, reason: str) -> Review:
    """Mark a concluded review "needs re-review" (the system does it on a new version or a
    participation change; the Secretariat may do it by hand)."""
    if actor is not None:
        if not can_see(actor, review):
            raise NotFound()
        require(is_coordinator(actor))
    if review.state != S.CONCLUDED:
        raise Conflict(_("Only a concluded review can need re-review."))
    if review.rereview_marked_at is not None:
        return review
    Review.objects.filter(pk=review.pk).update(
        rereview_reason=reason, rereview_marked_at=timezone.now()
    )
    review.refresh_from_db()
    record_event(
        actor=actor, action="expertise.review.needs_rereview", obj=review, after={"reason": reason}
    )
    return review


def rereview_on_participation_change(event: Mapping[str, Any]) -> None:
    """Outbox handler of "law.participation_changed" (settings.ACCORD_OUTBOX_HANDLERS): a
    party's participation in an instrument changed; every concluded review that applied a
    rule based on that instrument needs re-review. Safe to run twice (a review already
    marked is skipped)."""
    from accord.law.models import RuleBasis

    party_code, instrument_code = event["party_code"], event["instrument_code"]

    rule_codes = set(
        RuleBasis.objects.filter(instrument__code=instrument_code).values_list(
            "rule__code", flat=True
        )
    )
    if not rule_codes:
        return
    with transaction.atomic():
        for review in Review.objects.filter(
            state=S.CONCLUDED,
            rereview_marked_at__isnull=True,
            participants__party__code=party_code,
        ):
            applied = {
                item["rule"]
                for entry in (review.screening or {}).get("parties", {}).values()
                for item in entry.get("engaged", []) + entry.get("pending", [])
            }
            if applied & rule_codes:
                rereview_mark(
                    actor=None,
                    review=review,
                    reason=gettext("%(party)s's participation in %(instrument)s changed.")
                    % {"party": party_code, "instrument": instrument_code},
                )


def mark_expired(*, today: dt.date | None = None) -> int:
    """Mark concluded reviews past their re-review date (run daily)."""
    today = today or timezone.localdate()
    marked = 0
    for review in Review.objects.filter(
        state=S.CONCLUDED, rereview_marked_at__isnull=True, expires_on__lt=today
    ):
        rereview_mark(
            actor=None,
            review=review,
            reason=gettext("The re-review date %(date)s has passed.") % {"date": review.expires_on},
        )
        marked += 1
    return marked
