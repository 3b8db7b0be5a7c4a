"""Guideline modules: publish an edition with its clauses (a party's lessons manager),
possibly superseding the previous edition of the same module; point a lesson at the
clause it changes.

An edition supersedes only an earlier edition of the same module code, of the same
party, seen by the actor and not yet superseded; clause stable ids are unique within an
edition and are what the comparison between editions matches on.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, NotFound, ValidationFailed
from accord.core.guards import require, within_clearance
from accord.core.models import Classification, Party, Release
from accord.core.validation import full_clean
from accord.knowledge.domain.lifecycle import Stage
from accord.knowledge.models import (
    GuidelineClause,
    GuidelineEdition,
    KnowledgeItem,
    is_lessons_manager,
)
from accord.knowledge.permissions import manages
from accord.knowledge.services.items import item_snapshot, require_item_seen

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
MAX_CLAUSES = 2000


def _clause_rows(clauses: Any) -> list[dict[str, str]]:
    """Check the clauses (a list of {key, number, heading, text}); 400 naming the first
    fault."""
    if not isinstance(clauses, list) or not clauses:
        raise ValidationFailed.single("clauses", _("Give at least one clause."))
    if len(clauses) > MAX_CLAUSES:
        raise ValidationFailed.single("clauses", _("Too many clauses."))
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for raw in clauses:
        if not isinstance(raw, dict):
            raise ValidationFailed.single("clauses", _("Each clause has a stable id and a text."))
        row = {
            name: str(raw.get(name) or "").strip() for name in ("key", "number", "heading", "text")
        }
        if not KEY.match(row["key"]):
            raise ValidationFailed.single(
                "clauses",
                _("A clause's stable id is letters, digits, “.”, “_” or “-” (up to 40)."),
            )
        if row["key"] in seen:
            raise ValidationFailed.single(
                "clauses", _("The stable id %(key)s is used twice.") % {"key": row["key"]}
            )
        if not row["text"] or not row["number"]:
            raise ValidationFailed.single("clauses", _("Each clause has a number and a text."))
        if len(row["number"]) > 20 or len(row["heading"]) > 300:
            raise ValidationFailed.single("clauses", _("A clause's number or heading is too long."))
        seen.add(row["key"])
        rows.append(row)
    return rows


@transaction.atomic
def guideline_publish(
    *,
    actor: User,
    code: str,
    title: str,
    edition: str,
    issued_on: dt.date,
    clauses: list[dict[str, Any]],
    levels: str = "",
    next_review: dt.date | None = None,
    supersedes: GuidelineEdition | None = None,
    classification: int = Classification.UNCLASSIFIED,
    release: str = Release.MEMBERS,
    released_to: list[Party] | None = None,
) -> GuidelineEdition:
    """Publish an edition of a guideline module with its clauses."""
    party = party_of(actor)
    require(party is not None and is_lessons_manager(actor))
    assert party is not None
    rows = _clause_rows(clauses)
    code = str(code or "").strip()
    if supersedes is not None:
        if not can_see(actor, supersedes):
            raise NotFound()
        if supersedes.owner_id != party.pk or supersedes.code != code:
            raise ValidationFailed.single(
                "supersedes", _("An edition supersedes an edition of the same module and party.")
            )
        if issued_on is not None and issued_on <= supersedes.issued_on:
            raise ValidationFailed.single(
                "issued_on", _("A new edition is dated after the edition it supersedes.")
            )
        if GuidelineEdition.objects.filter(supersedes=supersedes).exists():
            raise Conflict(_("That edition is already superseded."))
    if next_review is not None and issued_on is not None and next_review < issued_on:
        raise ValidationFailed.single(
            "next_review", _("The next review comes after the edition's date.")
        )
    record = GuidelineEdition(
        owner=party,
        code=code,
        title=str(title or "").strip(),
        edition=str(edition or "").strip(),
        issued_on=issued_on,
        levels=str(levels or "").strip(),
        next_review=next_review,
        supersedes=supersedes,
        classification=classification,
        release=release,
        created_by=actor,
    )
    within_clearance(actor, record.classification)
    full_clean(record)
    if GuidelineEdition.objects.filter(owner=party, code=code, edition=record.edition).exists():
        raise ValidationFailed.single("edition", _("This edition of the module already exists."))
    record.save()
    record.released_to.set(released_to or [])
    GuidelineClause.objects.bulk_create(
        [GuidelineClause(edition=record, order=index, **row) for index, row in enumerate(rows)]
    )
    record_event(
        actor=actor,
        action="knowledge.guideline.publish",
        obj=record,
        after={
            **snapshot(record),
            "released_to": sorted(p.code for p in (released_to or [])),
            "clauses": [row["key"] for row in rows],
        },
    )
    return record


@transaction.atomic
def item_link_clause(
    *, actor: User, item: KnowledgeItem, version: int, clause: GuidelineClause | None
) -> KnowledgeItem:
    """Point a lesson at the guideline clause it changes (or at none): the item's owner's
    lessons manager, a clause of an edition the actor sees."""
    require_item_seen(actor, item)
    require(manages(actor, item))
    if item.stage == Stage.REJECTED:
        raise Conflict(_("A rejected observation is archived: it is not changed."))
    if clause is not None and not can_see(actor, clause.edition):
        raise ValidationFailed.single("clause", _("Choose a clause of an edition you see."))
    before = item_snapshot(item)
    item.guideline_clause = clause
    save_versioned(item, expected_version=version, fields=["guideline_clause", "updated_at"])
    record_event(
        actor=actor,
        action="knowledge.item.link_clause",
        obj=item,
        before=before,
        after=item_snapshot(item),
    )
    return item
