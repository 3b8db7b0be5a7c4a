"""Item registers, makes and models: services (every write).

A party's customs officers keep its register: register, edit (versioned), change status.
Makes and models are shared reference data, kept by customs officers and the Secretariat.
Bulk imports are in `accord.trafficking.imports`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import NotFound, PermissionDenied, TooManyRequests, ValidationFailed
from accord.core.guards import within_clearance
from accord.core.models import Party
from accord.core.permissions import require_role
from accord.core.roles import Role
from accord.core.validation import full_clean, reject_unknown
from accord.expertise.models import WeaponSystem
from accord.trafficking.domain.normalise import fold_marking, fold_name
from accord.trafficking.matching import MatchReport, make_model_keys, match_item, resolve_make_model
from accord.trafficking.models.items import Item, MakeModel
from accord.trafficking.permissions import may_keep_register, may_read_registers

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


ITEM_FIELDS = (
    "kind",
    "manufacturer",
    "model",
    "serial_number",
    "other_markings",
    "country_of_manufacture",
    "year_of_manufacture",
    "status",
    "system",
    "make_model",
    "classification",
    "release",
)

MAKE_MODEL_FIELDS = (
    "manufacturer",
    "model",
    "country",
    "kind",
    "manufacturer_aliases",
    "model_aliases",
)


def _check_system(actor: User, system: WeaponSystem | None) -> None:
    """A linked weapon system must be one the actor sees (ids are never trusted)."""
    if system is not None and not can_see(actor, system):
        raise ValidationFailed.single("system", _("No such weapon system."))


def prepare_item(item: Item) -> None:
    """Fill in what is derived: the folded serial and markings, the country code's case,
    and the make-and-model reference when what was typed resolves to one entry."""
    item.serial_number = (item.serial_number or "").strip()
    item.serial_norm = fold_marking(item.serial_number)
    item.markings_norm = fold_marking(item.other_markings or "")
    item.country_of_manufacture = (item.country_of_manufacture or "").strip().upper()
    if item.make_model_id is None and (item.model or "").strip():
        item.make_model = resolve_make_model(item.manufacturer, item.model)


def validate_item(item: Item) -> None:
    prepare_item(item)
    if not item.serial_norm:
        raise ValidationFailed.single(
            "serial_number", _("Enter a serial number with at least one letter or digit.")
        )
    full_clean(item, exclude=["released_to"])


@transaction.atomic
def item_register(*, actor: User, released_to: list[Party] | None = None, **fields: Any) -> Item:
    """Register an item in the actor's party's register."""
    party = party_of(actor)
    if party is None or not may_keep_register(actor):
        raise PermissionDenied()
    reject_unknown(fields, ITEM_FIELDS)
    item = Item(owner=party, **fields)
    within_clearance(actor, item.classification)
    _check_system(actor, item.system)
    validate_item(item)
    item.save()
    item.released_to.set(released_to or [])
    record_event(actor=actor, action="trafficking.item.register", obj=item, after=snapshot(item))
    return item


@transaction.atomic
def item_update(
    *,
    actor: User,
    item: Item,
    version: int,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> Item:
    """Edit an item; a stale `version` answers Conflict and writes nothing."""
    if not can_see(actor, item):
        raise NotFound()
    if not may_keep_register(actor, item.owner_id):
        raise PermissionDenied()
    reject_unknown(fields, ITEM_FIELDS)
    before = snapshot(item)
    for name, value in fields.items():
        setattr(item, name, value)
    if ("model" in fields or "manufacturer" in fields) and "make_model" not in fields:
        item.make_model = None  # re-resolved from what was typed
    within_clearance(actor, item.classification)
    _check_system(actor, item.system)
    validate_item(item)
    changed = [
        *fields,
        "serial_norm",
        "markings_norm",
        "make_model",
        "country_of_manufacture",
        "serial_number",
        "updated_at",
    ]
    from django.utils import timezone

    item.updated_at = timezone.now()
    save_versioned(item, expected_version=version, fields=sorted(set(changed)))
    if released_to is not None:
        item.released_to.set(released_to)
    record_event(
        actor=actor,
        action="trafficking.item.update",
        obj=item,
        before=before,
        after=snapshot(item),
    )
    return item


@transaction.atomic
def item_set_status(*, actor: User, item: Item, status: str, version: int | None = None) -> Item:
    """Record that an item was lost, stolen, transferred, destroyed, seized, or is back in
    service."""
    if not can_see(actor, item):
        raise NotFound()
    if not may_keep_register(actor, item.owner_id):
        raise PermissionDenied()
    if status not in Item.Status.values:
        raise ValidationFailed.single("status", _("Choose a valid status."))
    before = {"status": item.status}
    item.status = status
    save_versioned(
        item,
        expected_version=item.version if version is None else version,
        fields=["status"],
    )
    record_event(
        actor=actor,
        action="trafficking.item.status",
        obj=item,
        before=before,
        after={"status": status},
    )
    return item


# --- Makes and models ---------------------------------------------------------------------


def _clean_aliases(value: Any, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = list(value.replace(";", "\n").splitlines())
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationFailed.single(name, _("Enter a list of names."))
    return [v.strip() for v in value if v.strip()]


def _prepare_make_model(entry: MakeModel) -> None:
    entry.manufacturer = entry.manufacturer.strip()
    entry.model = entry.model.strip()
    entry.country = (entry.country or "").strip().upper()
    entry.manufacturer_aliases = _clean_aliases(entry.manufacturer_aliases, "manufacturer_aliases")
    entry.model_aliases = _clean_aliases(entry.model_aliases, "model_aliases")
    entry.manufacturer_norm = fold_name(entry.manufacturer)
    entry.model_norm = fold_name(entry.model)
    entry.keys = make_model_keys(entry)
    if not entry.model_norm:
        raise ValidationFailed.single("model", _("Enter the model."))
    duplicate = MakeModel.objects.filter(
        manufacturer_norm=entry.manufacturer_norm, model_norm=entry.model_norm
    ).exclude(pk=entry.pk)
    if duplicate.exists():
        raise ValidationFailed.single(
            "model", _("This make and model is already in the reference.")
        )
    full_clean(entry, exclude=["manufacturer_norm", "model_norm", "keys"])


@transaction.atomic
def make_model_add(*, actor: User, **fields: Any) -> MakeModel:
    """Add an entry to the make-and-model reference."""
    require_role(actor, Role.CUSTOMS_OFFICER, Role.SECRETARIAT_OFFICER)
    reject_unknown(fields, MAKE_MODEL_FIELDS)
    entry = MakeModel(**fields)
    _prepare_make_model(entry)
    entry.save()
    record_event(actor=actor, action="trafficking.makemodel.add", obj=entry, after=snapshot(entry))
    return entry


@transaction.atomic
def make_model_update(*, actor: User, entry: MakeModel, version: int, **fields: Any) -> MakeModel:
    """Edit an entry of the make-and-model reference (versioned)."""
    require_role(actor, Role.CUSTOMS_OFFICER, Role.SECRETARIAT_OFFICER)
    reject_unknown(fields, MAKE_MODEL_FIELDS)
    before = snapshot(entry)
    for name, value in fields.items():
        setattr(entry, name, value)
    _prepare_make_model(entry)
    save_versioned(
        entry,
        expected_version=version,
        fields=[*MAKE_MODEL_FIELDS, "manufacturer_norm", "model_norm", "keys"],
    )
    record_event(
        actor=actor,
        action="trafficking.makemodel.update",
        obj=entry,
        before=before,
        after=snapshot(entry),
    )
    return entry


# --- An officer's match ------------------------------------------------------------------

MATCH_ACTION = "trafficking.item.match"


def item_match(*, actor: User, **fields: Any) -> MatchReport:
    """Match an item as an officer reads it (the match page and the API).

    Beside the reader's role: a per-user limit of ACCORD_TRAFFICKING_MATCHES_PER_HOUR
    matches in any hour (429 beyond), because a match tells of other parties' registers
    that they hold a match, and an audit event naming what was asked and which parties
    were named (THREAT_MODEL.md, "Decisions"). The incidents service matches through
    `match_item` directly: an incident is audited as a whole."""
    from django.conf import settings
    from django.utils import timezone

    from accord.core.models import AuditEvent

    if not may_read_registers(actor):
        raise PermissionDenied()
    limit = int(getattr(settings, "ACCORD_TRAFFICKING_MATCHES_PER_HOUR", 300))
    since = timezone.now() - dt.timedelta(hours=1)
    with transaction.atomic():
        recent = AuditEvent.objects.filter(
            actor_id=actor.pk, action=MATCH_ACTION, created_at__gte=since
        ).count()
        if recent >= limit:
            raise TooManyRequests(
                _(
                    "You have matched %(limit)s items in the last hour, the most allowed. "
                    "Try again later, or ask your administrator."
                )
                % {"limit": limit}
            )
        report = match_item(actor=actor, **fields)
        record_event(
            actor=actor,
            action=MATCH_ACTION,
            object_type="trafficking.item",
            after={
                "serial": fields.get("serial", ""),
                "markings": fields.get("markings", ""),
                "visible_matches": len(report.visible),
                "parties_told": sorted(hit.party.code for hit in report.hidden),
            },
        )
    return report
