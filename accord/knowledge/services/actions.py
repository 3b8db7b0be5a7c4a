"""Remedial actions of a lesson identified: tasked to an action body (a party, the
Secretariat or a joint group) with a due date, closed as done by that body or by the
lesson's owner, cancelled by the owner; reminders of those overdue.

Who may do what is in `permissions.py`. The action body learns of its task by a
notification that names no content (its users may be cleared below the lesson).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, ValidationFailed
from accord.core.guards import require
from accord.core.models import Party
from accord.core.notifications import notify_party
from accord.core.validation import full_clean
from accord.knowledge.domain import lifecycle
from accord.knowledge.models import LESSONS_MANAGER, KnowledgeItem, RemedialAction
from accord.knowledge.permissions import can_cancel_action, can_close_action, manages
from accord.knowledge.services.items import REFUSED_STEP, require_item_seen

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


@transaction.atomic
def action_add(
    *,
    actor: User,
    lesson: KnowledgeItem,
    action_body: Party,
    description: str,
    due_on: dt.date,
) -> RemedialAction:
    """Task a remedial action of a lesson identified to an action body (the lesson's owner
    lessons manager). The action body then takes part in the lesson and sees it."""
    require_item_seen(actor, lesson)
    require(manages(actor, lesson))
    if lesson.stage not in lifecycle.OPEN_FOR_ACTIONS:
        raise Conflict(REFUSED_STEP)
    if action_body is None or not action_body.active:
        raise ValidationFailed.single("action_body", _("Choose an active party."))
    action = RemedialAction(
        lesson=lesson, action_body=action_body, description=description, due_on=due_on
    )
    full_clean(action)
    action.save()
    record_event(
        actor=actor,
        action="knowledge.action.add",
        obj=lesson,
        object_repr=f"{lesson} — {action}",
        after=snapshot(action),
    )
    link = reverse("knowledge:item-detail", args=[lesson.pk])
    due = action.due_on.isoformat()
    notify_party(
        party=action_body,
        roles=[LESSONS_MANAGER],
        kind="knowledge.action",
        message=lambda: _("A remedial action is tasked to your party, due %(due)s.") % {"due": due},
        link=link,
        obj=lesson,
    )
    return action


@transaction.atomic
def action_close(
    *,
    actor: User,
    action: RemedialAction,
    version: int,
    status: str,
    outcome: str = "",
) -> RemedialAction:
    """Close an open action as done (its action body or the lesson's owner) or cancelled
    (the lesson's owner)."""
    lesson = require_item_seen(actor, action.lesson)
    if status == RemedialAction.Status.DONE:
        require(can_close_action(actor, action))
    elif status == RemedialAction.Status.CANCELLED:
        require(can_cancel_action(actor, action))
    else:
        raise ValidationFailed.single("status", _("Choose done or cancelled."))
    if action.status != RemedialAction.Status.OPEN or lesson.stage not in (
        lifecycle.OPEN_FOR_ACTIONS
    ):
        raise Conflict(REFUSED_STEP)
    before = snapshot(action)
    action.status = status
    action.outcome = str(outcome or "").strip()
    action.closed_at = timezone.now()
    save_versioned(action, expected_version=version, fields=["status", "outcome", "closed_at"])
    record_event(
        actor=actor,
        action=f"knowledge.action.{status}",
        obj=lesson,
        object_repr=f"{lesson} — {action}",
        before=before,
        after=snapshot(action),
    )
    return action


def _overdue_message(due: str) -> Callable[[], Any]:
    return lambda: _("A remedial action of your party is overdue (due %(due)s).") % {"due": due}


@transaction.atomic
def actions_remind(*, today: dt.date | None = None) -> int:
    """Remind each action body of its overdue open actions, once a day at most (safe to
    run twice: a second run the same day finds nothing to remind). Returns how many."""
    today = today or timezone.localdate()
    overdue = (
        RemedialAction.objects.select_for_update()
        .filter(status=RemedialAction.Status.OPEN, due_on__lt=today)
        .exclude(reminded_on=today)
        .select_related("action_body")
    )
    count = 0
    for action in overdue:
        notify_party(
            party=action.action_body,
            roles=[LESSONS_MANAGER],
            kind="knowledge.action.overdue",
            message=_overdue_message(action.due_on.isoformat()),
            link=reverse("knowledge:item-detail", args=[action.lesson_id]),
        )
        action.reminded_on = today
        action.save(update_fields=["reminded_on"])
        count += 1
    if count:
        record_event(actor=None, action="knowledge.action.remind", object_repr=str(count))
    return count
