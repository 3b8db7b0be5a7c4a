"""Writing model acts: create and edit (the Secretariat's parliamentary staff), the
provisions of the current version, new versions, and the stages.

Stages (`TRANSITIONS`): draft -> commission -> adopted -> sent. Adoption takes four eyes:
one officer proposes it (`propose`), another confirms it (`adopt`); the proposer cannot
confirm. A transition that does not fit the act's stage, or a stale version, is a
`Conflict` (409). Provisions change only while the act is a draft or in commission.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, ValidationFailed
from accord.core.guards import require, require_seen, within_clearance
from accord.core.models import Party
from accord.core.validation import full_clean, reject_unknown
from accord.legislation.models import (
    ActVersion,
    ItemStatus,
    ModelAct,
    ProgrammeItem,
    Provision,
    Stage,
)
from accord.legislation.permissions import can_draft, can_edit_act

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


ACT_FIELDS = (
    "number",
    "title_en",
    "title_ru",
    "summary",
    "programme_item",
    "classification",
    "release",
)
PROVISION_FIELDS = ("num", "heading_en", "heading_ru", "text_en", "text_ru", "position")
EDITABLE_STAGES = (Stage.DRAFT, Stage.COMMISSION)

# action -> (from stage, to stage)
TRANSITIONS: dict[str, tuple[str, str]] = {
    "to_commission": (Stage.DRAFT, Stage.COMMISSION),
    "propose": (Stage.COMMISSION, Stage.COMMISSION),
    "adopt": (Stage.COMMISSION, Stage.ADOPTED),
    "send": (Stage.ADOPTED, Stage.SENT),
}


def _snapshot(act: ModelAct) -> dict[str, Any]:
    data = snapshot(act)
    data["released_to"] = sorted(act.released_to.values_list("code", flat=True))
    return data


def current_version(act: ModelAct) -> ActVersion:
    version = act.versions.order_by("-number").first()
    assert version is not None, "every model act has a first version"
    return version


@transaction.atomic
def act_create(*, actor: User, released_to: list[Party] | None = None, **fields: Any) -> ModelAct:
    """Register a model act (stage draft) with an empty first version."""
    require(can_draft(actor))
    reject_unknown(fields, ACT_FIELDS)
    act = ModelAct(owner=party_of(actor), **fields)
    within_clearance(actor, act.classification)
    full_clean(act)
    act.save()
    act.released_to.set(released_to or [])
    ActVersion.objects.create(act=act, number=1)
    record_event(actor=actor, action="legislation.act.create", obj=act, after=_snapshot(act))
    return act


@transaction.atomic
def act_update(
    *,
    actor: User,
    act: ModelAct,
    version: int,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> ModelAct:
    """Change an act's titles, summary or marking (its owner's drafters)."""
    require_seen(actor, act)
    require(can_edit_act(actor, act))
    reject_unknown(fields, ACT_FIELDS)
    before = _snapshot(act)
    for name, value in fields.items():
        setattr(act, name, value)
    within_clearance(actor, act.classification)
    full_clean(act)
    save_versioned(act, expected_version=version, fields=list(fields))
    if released_to is not None:
        act.released_to.set(released_to)
    record_event(
        actor=actor, action="legislation.act.update", obj=act, before=before, after=_snapshot(act)
    )
    return act


@transaction.atomic
def provision_save(*, actor: User, act: ModelAct, eid: str, **fields: Any) -> Provision:
    """Add a provision to the act's current version, or change the one with `eid`. A
    nested provision (art_1__para_2) needs its parent (art_1) first."""
    require_seen(actor, act)
    require(can_edit_act(actor, act))
    reject_unknown(fields, PROVISION_FIELDS)
    if act.stage not in EDITABLE_STAGES:
        raise Conflict(_("The provisions of an adopted act do not change; draft a new act."))
    version = current_version(act)
    provision = version.provisions.filter(eid=eid).first()
    before = snapshot(provision) if provision else None
    if provision is None:
        provision = Provision(version=version, eid=eid)
        if "position" not in fields:
            fields["position"] = version.provisions.count() + 1
    for name, value in fields.items():
        setattr(provision, name, value)
    full_clean(provision, exclude=["version"])
    parent = provision.parent_eid
    if parent and not version.provisions.filter(eid=parent).exists():
        raise ValidationFailed.single(
            "eid", _("Add the provision %(eid)s first.") % {"eid": parent}
        )
    provision.save()
    record_event(
        actor=actor,
        action="legislation.provision.save",
        obj=act,
        before=before,
        after=snapshot(provision),
    )
    return provision


@transaction.atomic
def version_create(*, actor: User, act: ModelAct, note: str = "") -> ActVersion:
    """Start a new version of a draft act as a copy of the current one (same ids)."""
    require_seen(actor, act)
    require(can_edit_act(actor, act))
    if act.stage not in EDITABLE_STAGES:
        raise Conflict(_("Only a draft act gets new versions."))
    last = current_version(act)
    version = ActVersion(act=act, number=last.number + 1, note=note)
    full_clean(version, exclude=["act"])
    version.save()
    Provision.objects.bulk_create(
        Provision(
            version=version,
            eid=p.eid,
            position=p.position,
            num=p.num,
            heading_en=p.heading_en,
            heading_ru=p.heading_ru,
            text_en=p.text_en,
            text_ru=p.text_ru,
        )
        for p in last.provisions.all()
    )
    record_event(
        actor=actor,
        action="legislation.act.version",
        obj=act,
        after={"version": version.number, "note": note},
    )
    return version


@transaction.atomic
def act_transition(
    *, actor: User, act: ModelAct, action: str, version: int, on: dt.date | None = None
) -> ModelAct:
    """Move the act along `TRANSITIONS`; a step that does not fit its stage is a 409. The
    act is re-read under a row lock, so the caller's copy is never half-changed."""
    require_seen(actor, act)
    act = ModelAct.objects.select_for_update().get(pk=act.pk)
    require(can_edit_act(actor, act))
    if action not in TRANSITIONS:
        raise ValidationFailed.single("action", _("Unknown action."))
    source, target = TRANSITIONS[action]
    if act.stage != source:
        raise Conflict(_("This step does not fit the act's current stage."))
    before = _snapshot(act)
    fields = ["stage"]
    if action == "to_commission" and not current_version(act).provisions.exists():
        raise Conflict(_("An act without provisions cannot go to the commission."))
    if action == "propose":
        if act.adoption_proposed_by_id is not None:
            raise Conflict(_("The adoption is already proposed."))
        act.adoption_proposed_by = actor
        fields.append("adoption_proposed_by")
    if action == "adopt":
        if act.adoption_proposed_by_id is None:
            raise Conflict(_("Another officer must first propose the adoption."))
        if act.adoption_proposed_by_id == actor.pk:
            raise Conflict(_("The officer who proposed the adoption cannot also confirm it."))
        act.adopted_on = on or dt.date.today()
        fields.append("adopted_on")
    act.stage = target
    save_versioned(act, expected_version=version, fields=fields)
    record_event(
        actor=actor,
        action=f"legislation.act.{action}",
        obj=act,
        before=before,
        after=_snapshot(act),
    )
    if action == "adopt":
        # The programme items the act was drafted from are now adopted (recorded in the
        # adoption's own event above: the items follow the act).
        ProgrammeItem.objects.filter(model_act=act).exclude(status=ItemStatus.DROPPED).update(
            status=ItemStatus.ADOPTED
        )
    return act
