"""Writing knowledge items and moving lessons through their lifecycle.

Every service: the actor may see the item (404 otherwise, the lifecycle's narrowing
included), may do this (403), the data is valid (400, the field named), the step fits the
item's stage (409), one transaction with the full-text index row and one audit event; an
edit or a step carries the version it read (a stale one answers 409).

    submitted ──verify──▶ verified ──identify──▶ identified ──learn──▶ learned
             └─reject──▶ rejected (archived: kept, read-only)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, NotFound, ValidationFailed
from accord.core.guards import require, within_clearance
from accord.core.models import Party
from accord.core.validation import full_clean, reject_unknown
from accord.knowledge import search
from accord.knowledge.domain import lifecycle
from accord.knowledge.domain.lifecycle import Stage, Step
from accord.knowledge.models import LIFECYCLE_KINDS, Kind, KnowledgeItem, item_seen
from accord.knowledge.permissions import can_edit, can_publish, can_submit, manages

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


ITEM_FIELDS = (
    "title_en",
    "title_ru",
    "summary_en",
    "summary_ru",
    "body",
    "areas",
    "topic",
    "solution_type",
    "ip_note",
    "review_due",
    "classification",
    "release",
)

REFUSED_STEP = _("This step does not fit the item's current stage.")
NOT_LEARNED = {
    "no_action": _("No remedial action is done yet."),
    "open_actions": _("Some remedial actions are still open."),
    "not_validated": _("No validation result is recorded."),
}


def item_snapshot(item: KnowledgeItem) -> dict[str, Any]:
    data = snapshot(item)
    data["released_to"] = sorted(item.released_to.values_list("code", flat=True))
    return data


def require_item_seen(actor: Any, item: KnowledgeItem | None) -> KnowledgeItem:
    if item is None or not item_seen(actor, item):
        raise NotFound()
    return item


def _areas(fields: dict[str, Any]) -> None:
    """Areas arrive as a list of codes; they are stored as ",a,b,"."""
    if "areas" in fields and not isinstance(fields["areas"], str):
        fields["areas"] = KnowledgeItem.join_areas(list(fields["areas"] or []))


@transaction.atomic
def item_create(
    *,
    actor: User,
    kind: str = Kind.OBSERVATION,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> KnowledgeItem:
    """Submit an observation (anyone acting for a party) or publish another kind of item
    (the party's lessons manager). Lessons identified and learned come only from the
    lifecycle, never from here."""
    if kind not in Kind.values or (kind in LIFECYCLE_KINDS and kind != Kind.OBSERVATION):
        raise ValidationFailed.single("kind", _("Choose a kind that can be created."))
    observation = kind == Kind.OBSERVATION
    require(can_submit(actor) if observation else can_publish(actor))
    reject_unknown(fields, ITEM_FIELDS)
    _areas(fields)
    item = KnowledgeItem(
        owner=party_of(actor),
        author=actor,
        kind=kind,
        stage=Stage.SUBMITTED if observation else Stage.PUBLISHED,
        **fields,
    )
    within_clearance(actor, item.classification)
    full_clean(item)
    item.save()
    item.released_to.set(released_to or [])
    search.index_item(item)
    record_event(
        actor=actor,
        action="knowledge.item.submit" if observation else "knowledge.item.publish",
        obj=item,
        after=item_snapshot(item),
    )
    return item


@transaction.atomic
def item_update(
    *,
    actor: User,
    item: KnowledgeItem,
    version: int,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> KnowledgeItem:
    """Change an item's text, areas, topic or marking (its owner's lessons manager; its
    author while it is submitted). A rejected observation is archived: not edited."""
    require_item_seen(actor, item)
    require(can_edit(actor, item))
    reject_unknown(fields, ITEM_FIELDS)
    _areas(fields)
    before = item_snapshot(item)
    for name, value in fields.items():
        setattr(item, name, value)
    within_clearance(actor, item.classification)
    full_clean(item)
    save_versioned(item, expected_version=version, fields=[*fields, "updated_at"])
    if released_to is not None:
        item.released_to.set(released_to)
    search.index_item(item)
    record_event(
        actor=actor,
        action="knowledge.item.update",
        obj=item,
        before=before,
        after=item_snapshot(item),
    )
    return item


def _step(
    actor: Any, item: KnowledgeItem, version: int, step: Step, **changes: Any
) -> KnowledgeItem:
    """Take `step` on `item` (its owner's lessons manager), writing `changes` with it."""
    require_item_seen(actor, item)
    require(manages(actor, item))
    target = lifecycle.next_stage(item.stage, step)
    if target is None:
        raise Conflict(REFUSED_STEP)
    before = item_snapshot(item)
    item.stage = target
    for name, value in changes.items():
        setattr(item, name, value)
    full_clean(item)
    save_versioned(item, expected_version=version, fields=["stage", *changes, "updated_at"])
    search.index_item(item)
    record_event(
        actor=actor,
        action=f"knowledge.item.{step.value}",
        obj=item,
        before=before,
        after=item_snapshot(item),
    )
    return item


def _text(value: Any, field: str, message: Any) -> str:
    text = str(value or "").strip()
    if not text:
        raise ValidationFailed.single(field, message)
    return text


@transaction.atomic
def item_verify(*, actor: User, item: KnowledgeItem, version: int) -> KnowledgeItem:
    """Accept a submitted observation: from now on the access rule alone decides who
    sees it."""
    return _step(actor, item, version, Step.VERIFY)


@transaction.atomic
def item_reject(*, actor: User, item: KnowledgeItem, version: int, reason: str) -> KnowledgeItem:
    """Reject a submitted observation: it is archived (kept, read-only), never deleted."""
    reason = _text(reason, "reason", _("Say why the observation is rejected."))
    return _step(actor, item, version, Step.REJECT, rejection_reason=reason)


@transaction.atomic
def item_identify(
    *, actor: User, item: KnowledgeItem, version: int, root_cause: str, recommendation: str
) -> KnowledgeItem:
    """The analysis of a verified observation: its root cause and recommendation make it a
    lesson identified, to which remedial actions can then be tasked."""
    root_cause = _text(root_cause, "root_cause", _("Give the root cause."))
    recommendation = _text(recommendation, "recommendation", _("Give the recommendation."))
    return _step(
        actor,
        item,
        version,
        Step.IDENTIFY,
        kind=Kind.LESSON_IDENTIFIED,
        root_cause=root_cause,
        recommendation=recommendation,
    )


@transaction.atomic
def item_validate(*, actor: User, item: KnowledgeItem, version: int, result: str) -> KnowledgeItem:
    """Record the validation result of a lesson identified (whether the remedial actions
    had the effect intended)."""
    require_item_seen(actor, item)
    require(manages(actor, item))
    if item.stage not in lifecycle.OPEN_FOR_ACTIONS:
        raise Conflict(REFUSED_STEP)
    result = _text(result, "result", _("Give the validation result."))
    before = item_snapshot(item)
    item.validation_result = result
    item.validated_at = timezone.now()
    save_versioned(
        item,
        expected_version=version,
        fields=["validation_result", "validated_at", "updated_at"],
    )
    record_event(
        actor=actor,
        action="knowledge.item.validate",
        obj=item,
        before=before,
        after=item_snapshot(item),
    )
    return item


@transaction.atomic
def item_learn(*, actor: User, item: KnowledgeItem, version: int) -> KnowledgeItem:
    """Call a lesson identified *learned*: only when its remedial actions are done and a
    validation result is recorded (`domain.lifecycle.may_learn`); otherwise 409 naming
    what is missing."""
    require_item_seen(actor, item)
    require(manages(actor, item))
    if item.stage != Stage.IDENTIFIED:
        raise Conflict(REFUSED_STEP)
    statuses = list(item.actions.select_for_update().values_list("status", flat=True))
    missing = lifecycle.why_not_learned(statuses, bool(item.validation_result))
    if missing:
        raise Conflict(" ".join(str(NOT_LEARNED[code]) for code in missing))
    return _step(actor, item, version, Step.LEARN, kind=Kind.LESSON_LEARNED)
