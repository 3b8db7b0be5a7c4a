"""The due dates a user may see, for the iCalendar feed: open remedial actions of the
lessons they see, open requests for information they see, and the next review of the
guideline editions they see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from accord.knowledge.models import GuidelineEdition, InformationRequest, RemedialAction
from accord.knowledge.selectors.items import action_list

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

LIMIT = 2000


@dataclass(frozen=True)
class DueDate:
    uid: str
    day: dt.date
    summary: str
    description: str
    path: str


def due_dates(*, actor: User) -> list[DueDate]:
    dates: list[DueDate] = []
    for action in action_list(actor=actor).filter(status=RemedialAction.Status.OPEN)[:LIMIT]:
        dates.append(
            DueDate(
                uid=f"knowledge-action-{action.pk}",
                day=action.due_on,
                summary=_("Remedial action due: %(lesson)s") % {"lesson": action.lesson.title},
                description=f"{action.action_body.code}: {action.description}",
                path=reverse("knowledge:item-detail", args=[action.lesson_id]),
            )
        )
    requests = InformationRequest.objects.visible_to(actor).filter(
        status=InformationRequest.Status.OPEN
    )
    for request in requests.select_related("owner").order_by("due_on", "id")[:LIMIT]:
        dates.append(
            DueDate(
                uid=f"knowledge-request-{request.pk}",
                day=request.due_on,
                summary=_("Request for information due: %(title)s") % {"title": request.title},
                description=f"{request.owner.code}: {request.question}",
                path=reverse("knowledge:request-detail", args=[request.pk]),
            )
        )
    editions = GuidelineEdition.objects.visible_to(actor).filter(
        next_review__isnull=False, superseded_by__isnull=True
    )
    for edition in editions.order_by("next_review", "id")[:LIMIT]:
        assert edition.next_review is not None
        dates.append(
            DueDate(
                uid=f"knowledge-guideline-{edition.pk}",
                day=edition.next_review,
                summary=_("Guideline review due: %(edition)s") % {"edition": str(edition)},
                description=edition.title,
                path=reverse("knowledge:guideline-detail", args=[edition.pk]),
            )
        )
    return sorted(dates, key=lambda d: (d.day, d.uid))
