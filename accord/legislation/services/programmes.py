"""Writing the harmonisation programmes (the Secretariat's parliamentary staff:
`permissions.can_draft`).

- `programme_create`: a programme over a span of years.
- `item_save`: add an item (next number) or change one (`number` given and existing).
- `item_link`: link an item to the model act drafted from it (an act the actor sees):
  the item's status follows the act (being drafted, or adopted once the act is adopted
  or sent); the act's page lists the programme items it comes from.
Each write is one audit event on the programme.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from accord.core.audit import record_event, snapshot
from accord.core.errors import NotFound
from accord.core.guards import require, require_seen
from accord.core.validation import full_clean, reject_unknown
from accord.legislation.models import (
    HarmonisationProgramme,
    ItemStatus,
    ModelAct,
    ProgrammeItem,
    Stage,
)
from accord.legislation.permissions import can_draft

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

PROGRAMME_FIELDS = ("title_en", "title_ru", "first_year", "last_year", "adopted_on")
ITEM_FIELDS = ("title_en", "title_ru", "planned_year", "status", "note")


@transaction.atomic
def programme_create(*, actor: User, **fields: Any) -> HarmonisationProgramme:
    require(can_draft(actor))
    reject_unknown(fields, PROGRAMME_FIELDS)
    programme = HarmonisationProgramme(**fields)
    full_clean(programme)
    programme.save()
    record_event(
        actor=actor,
        action="legislation.programme.create",
        obj=programme,
        after=snapshot(programme),
    )
    return programme


@transaction.atomic
def item_save(
    *,
    actor: User,
    programme: HarmonisationProgramme,
    number: int | None = None,
    **fields: Any,
) -> ProgrammeItem:
    require(can_draft(actor))
    reject_unknown(fields, ITEM_FIELDS)
    item = None
    if number is not None:
        item = programme.items.select_for_update().filter(number=number).first()
        if item is None:
            raise NotFound()
    before = snapshot(item) if item is not None else None
    if item is None:
        last = programme.items.order_by("-number").values_list("number", flat=True).first()
        item = ProgrammeItem(programme=programme, number=(last or 0) + 1)
    for name, value in fields.items():
        setattr(item, name, value)
    full_clean(item, exclude=["programme"])
    item.save()
    record_event(
        actor=actor,
        action="legislation.programme.item",
        obj=programme,
        before=before,
        after=snapshot(item),
    )
    return item


@transaction.atomic
def item_link(*, actor: User, item: ProgrammeItem, act: ModelAct) -> ProgrammeItem:
    """Link `item` to the model act drafted from it; the status follows the act."""
    require(can_draft(actor))
    require_seen(actor, act)
    before = snapshot(item)
    item.model_act = act
    item.status = (
        ItemStatus.ADOPTED if act.stage in (Stage.ADOPTED, Stage.SENT) else ItemStatus.DRAFTING
    )
    full_clean(item, exclude=["programme"])
    item.save()
    record_event(
        actor=actor,
        action="legislation.programme.link",
        obj=item.programme,
        before=before,
        after=snapshot(item),
    )
    return item
