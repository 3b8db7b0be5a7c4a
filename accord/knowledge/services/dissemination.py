"""Recording that an item was sent to parties: the item's owner's lessons manager, to
parties that may see the item under its current marking (a party that may not is
refused: the log records deliveries the release decision allows, nothing else)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.access import parties_covered
from accord.core.audit import record_event
from accord.core.errors import ValidationFailed
from accord.core.guards import require
from accord.core.models import Party
from accord.knowledge.domain.lifecycle import Stage
from accord.knowledge.models import Dissemination, KnowledgeItem
from accord.knowledge.permissions import manages
from accord.knowledge.services.items import require_item_seen

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


@transaction.atomic
def item_disseminate(
    *, actor: User, item: KnowledgeItem, recipients: list[Party], note: str = ""
) -> list[Dissemination]:
    require_item_seen(actor, item)
    require(manages(actor, item))
    if item.stage in (Stage.SUBMITTED, Stage.REJECTED):
        raise ValidationFailed.single(
            "recipients", _("A submitted or rejected observation is not disseminated.")
        )
    others = [p for p in recipients if p.pk != item.owner_id]
    if not others:
        raise ValidationFailed.single("recipients", _("Choose at least one other party."))
    # The party half of the access rule, and the action bodies taking part in the lesson.
    reached = set(parties_covered(item).values_list("pk", flat=True))
    reached |= set(item.actions.values_list("action_body_id", flat=True))
    refused = [p.code for p in others if p.pk not in reached]
    if refused:
        raise ValidationFailed.single(
            "recipients",
            _("The item's release does not reach %(parties)s.") % {"parties": ", ".join(refused)},
        )
    entries = [
        Dissemination.objects.create(
            item=item,
            recipient=party,
            release=item.release,
            classification=item.classification,
            item_version=item.version,
            note=str(note or "").strip()[:300],
            sent_by=actor,
        )
        for party in others
    ]
    record_event(
        actor=actor,
        action="knowledge.item.disseminate",
        obj=item,
        after={
            "recipients": sorted(p.code for p in others),
            "release": item.release,
            "classification": item.classification,
            "version": item.version,
        },
    )
    return entries
