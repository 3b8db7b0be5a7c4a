"""Writing national acts (a state's own staff) and the IHL measures they implement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import ValidationFailed
from accord.core.guards import require, require_seen, within_clearance
from accord.core.models import Party
from accord.core.validation import full_clean, reject_unknown
from accord.legislation.models import ImplementingMeasure, NationalAct
from accord.legislation.permissions import can_edit_national, can_keep_national

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

NATIONAL_FIELDS = (
    "kind",
    "title",
    "language",
    "title_en",
    "title_ru",
    "frbr_work",
    "gazette",
    "enacted_on",
    "in_force_on",
    "repealed_on",
    "amends",
    "text",
    "classification",
    "release",
)


def _snapshot(act: NationalAct) -> dict[str, Any]:
    data = snapshot(act)
    data["released_to"] = sorted(act.released_to.values_list("code", flat=True))
    return data


def _check_amends(actor: User, fields: dict[str, Any]) -> None:
    """The act amended must be one of the actor's own state's acts, read through
    `visible_to`, never trusted from the request."""
    amended = fields.get("amends")
    if amended is None:
        return
    own = NationalAct.objects.visible_to(actor).filter(pk=getattr(amended, "pk", amended))
    party = party_of(actor)
    if party is None or not own.filter(owner=party).exists():
        raise ValidationFailed.single("amends", _("Choose an act of your own state."))
    fields["amends"] = own.get()


@transaction.atomic
def national_create(
    *, actor: User, released_to: list[Party] | None = None, **fields: Any
) -> NationalAct:
    """Record a national act of the actor's state."""
    require(can_keep_national(actor))
    reject_unknown(fields, NATIONAL_FIELDS)
    _check_amends(actor, fields)
    act = NationalAct(owner=party_of(actor), **fields)
    within_clearance(actor, act.classification)
    full_clean(act)
    act.save()
    act.released_to.set(released_to or [])
    record_event(actor=actor, action="legislation.national.create", obj=act, after=_snapshot(act))
    return act


@transaction.atomic
def national_update(
    *,
    actor: User,
    act: NationalAct,
    version: int,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> NationalAct:
    """Change a national act (its own state's staff); entry into force and repeal are
    recorded this way, with their dates."""
    require_seen(actor, act)
    require(can_edit_national(actor, act))
    reject_unknown(fields, NATIONAL_FIELDS)
    _check_amends(actor, fields)
    if fields.get("amends") is not None and fields["amends"].pk == act.pk:
        raise ValidationFailed.single("amends", _("An act cannot amend itself."))
    before = _snapshot(act)
    for name, value in fields.items():
        setattr(act, name, value)
    within_clearance(actor, act.classification)
    full_clean(act)
    save_versioned(act, expected_version=version, fields=list(fields))
    if released_to is not None:
        act.released_to.set(released_to)
    record_event(
        actor=actor,
        action="legislation.national.update",
        obj=act,
        before=before,
        after=_snapshot(act),
    )
    return act


@transaction.atomic
def measure_add(
    *,
    actor: User,
    act: NationalAct,
    area: str,
    instrument: Any,
    rule: Any = None,
    provisions: str = "",
) -> ImplementingMeasure:
    """Link a national act to the IHL instrument (and rule) it implements."""
    require_seen(actor, act)
    require(can_edit_national(actor, act))
    measure = ImplementingMeasure(
        act=act, area=area, instrument=instrument, rule=rule, provisions=provisions
    )
    full_clean(measure)
    measure.save()
    record_event(
        actor=actor,
        action="legislation.measure.add",
        obj=act,
        after=snapshot(measure),
    )
    return measure


@transaction.atomic
def national_import_akn(*, actor: User, content: bytes, **marking: Any) -> NationalAct:
    """Record a national act of the actor's state from an Akoma Ntoso document (parsed
    safely: a DTD, entities or external references refuse the document)."""
    from accord.legislation import akn

    require(can_keep_national(actor))
    reject_unknown(marking, ("classification", "release"))
    try:
        data = akn.read_national_act(content)
    except akn.AknError as exc:
        raise ValidationFailed.single("file", str(exc)) from exc
    if NationalAct.objects.filter(owner=party_of(actor), frbr_work=data.frbr_work).exists():
        raise ValidationFailed.single("file", _("This act is already recorded."))
    return national_create(
        actor=actor,
        kind=data.kind,
        title=data.title,
        language=data.language,
        frbr_work=data.frbr_work,
        gazette=data.gazette,
        enacted_on=data.enacted_on,
        in_force_on=data.in_force_on,
        repealed_on=data.repealed_on,
        text=data.text,
        **marking,
    )
