"""What every part of the review services shares: the state machine's steps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from accord.core.audit import record_event
from accord.core.errors import Conflict
from accord.core.models import Party
from accord.expertise.models import (
    Review,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


S = Review.State


def secretariat_party() -> Party | None:
    return (
        Party.objects.filter(kind=Party.Kind.ORGANISATION, standing=Party.Standing.MEMBER)
        .order_by("pk")
        .first()
    )


def require_state(review: Review, *allowed: str) -> None:
    if review.state not in allowed:
        raise Conflict(
            _("Not possible while the review is %(state)s.") % {"state": review.get_state_display()}
        )


def lock_review(review: Review) -> Review:
    """Re-read the review under a row lock: transitions are decided on fresh state."""
    return Review.objects.select_for_update().get(pk=review.pk)


def transition(actor: User, review: Review, to: str, **extra: Any) -> Review:
    before = {"state": review.state}
    review.state = to
    for name, value in extra.items():
        setattr(review, name, value)
    review.version += 1
    review.save(update_fields=["state", "version", *extra])
    record_event(
        actor=actor,
        action=f"expertise.review.{to}",
        obj=review,
        before=before,
        after={"state": to, **{k: v for k, v in extra.items() if k != "screening"}},
    )
    return review
