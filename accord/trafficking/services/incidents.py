"""Incidents: reporting one (with its items and entities, matched against the registers in
the same transaction), changing it, adding and removing its items and entities, changing
its status. Every write checks the actor, validates, and records its audit event in the
same transaction.

Who may write: a customs or law-enforcement officer of the incident's owner party (the
reporting party). Who may read: whoever sees the incident (`visible_to`)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import NotFound, PermissionDenied, ValidationFailed
from accord.core.guards import within_clearance
from accord.core.models import Party
from accord.core.permissions import require_role
from accord.core.roles import Role
from accord.core.validation import full_clean, reject_unknown
from accord.trafficking.domain.normalise import incident_marking_fold, incident_name_fold
from accord.trafficking.models.incidents import (
    Incident,
    IncidentEntity,
    IncidentItem,
    ItemHit,
    RouteSegment,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


INCIDENT_FIELDS = (
    "kind",
    "occurred_on",
    "country",
    "locality",
    "latitude",
    "longitude",
    "route",
    "narrative",
    "status",
    "operation",
    "classification",
    "release",
)
ITEM_FIELDS = ("kind", "manufacturer", "model", "serial_number", "other_markings", "quantity")
ENTITY_FIELDS = ("kind", "name", "role", "entity")

_COUNTRY = re.compile(r"^[A-Z]{3}$")


def route_segments(route: Sequence[str]) -> list[tuple[str, str, str]]:
    """(origin, destination, key) of each leg; the key is the pair in alphabetical order.
    A country repeated in a row (a stop inside one country) makes no leg."""
    legs = []
    for origin, destination in itertools.pairwise(route):
        if origin == destination:
            continue
        legs.append((origin, destination, "-".join(sorted((origin, destination)))))
    return legs


# --- Checks --------------------------------------------------------------------------------


def _require_officer_of(actor: User, incident: Incident) -> None:
    """The actor sees the incident (else 404) and is an officer of its owner party."""
    if not can_see(actor, incident):
        raise NotFound()
    require_role(actor, Role.CUSTOMS_OFFICER)
    party = party_of(actor)
    if party is None or party.pk != incident.owner_id:
        raise PermissionDenied()


def _clean_route(route: Any) -> list[str]:
    if route in (None, ""):
        return []
    if isinstance(route, str):
        route = [part for part in re.split(r"[\s,;>→-]+", route) if part]
    if not isinstance(route, list | tuple):
        raise ValidationFailed.single("route", _("Give the route as a list of country codes."))
    codes = [str(code).strip().upper() for code in route]
    for position, code in enumerate(codes, start=1):
        if not _COUNTRY.match(code):
            raise ValidationFailed.single(
                "route",
                _("Country %(position)s of the route is not an alpha-3 code: %(code)s.")
                % {"position": position, "code": code[:20]},
            )
    if len(codes) > 30:
        raise ValidationFailed.single("route", _("A route has at most 30 countries."))
    return codes


def _resolve_operation(actor: User, operation: Any) -> Any:
    """An operation arriving from a request, resolved through what the actor sees."""
    if operation in (None, ""):
        return None
    from accord.trafficking.models import Operation

    pk = operation.pk if hasattr(operation, "pk") else operation
    try:
        return Operation.objects.visible_to(actor).get(pk=int(pk))
    except (Operation.DoesNotExist, TypeError, ValueError):
        raise ValidationFailed.single("operation", _("No such operation.")) from None


def _resolve_entity(actor: User, entity: Any, field: str) -> Any:
    """A watchlist entity arriving from a request, resolved through what the actor sees."""
    if entity in (None, ""):
        return None
    from accord.trafficking.models import Entity

    pk = entity.pk if hasattr(entity, "pk") else entity
    try:
        return Entity.objects.visible_to(actor).get(pk=int(pk))
    except (Entity.DoesNotExist, TypeError, ValueError):
        raise ValidationFailed.single(field, _("No such watchlist entity.")) from None


def _prefixed(errors: ValidationFailed, prefix: str) -> ValidationFailed:
    return ValidationFailed({f"{prefix}.{k}": v for k, v in errors.errors.items()})


# --- Building rows -------------------------------------------------------------------------


def _build_item(incident: Incident, fields: Mapping[str, Any]) -> IncidentItem:
    reject_unknown(fields, ITEM_FIELDS)
    row = IncidentItem(incident=incident, **dict(fields))
    row.manufacturer = (row.manufacturer or "").strip()
    row.model = (row.model or "").strip()
    row.serial_number = (row.serial_number or "").strip()
    row.other_markings = (row.other_markings or "").strip()
    row.serial_norm = incident_marking_fold(row.serial_number)[:100]
    row.markings_norm = incident_marking_fold(row.other_markings)
    if not (row.serial_number or row.other_markings or row.manufacturer or row.model):
        raise ValidationFailed.single(
            "serial_number",
            _("Give at least a serial number, a marking, or the make and model of the item."),
        )
    full_clean(row, exclude=["incident", "item"])
    return row


def _build_entity(actor: User, incident: Incident, fields: Mapping[str, Any]) -> IncidentEntity:
    reject_unknown(fields, ENTITY_FIELDS)
    values = dict(fields)
    values["entity"] = _resolve_entity(actor, values.get("entity"), "entity")
    row = IncidentEntity(incident=incident, **values)
    row.name = (row.name or "").strip()
    if not row.name and row.entity is not None:
        row.name = str(row.entity)[:300]
    row.name_norm = incident_name_fold(row.name)
    full_clean(row, exclude=["incident"])
    return row


def _store_route(incident: Incident) -> None:
    RouteSegment.objects.filter(incident=incident).delete()
    RouteSegment.objects.bulk_create(
        RouteSegment(
            incident=incident, position=position, origin=origin, destination=destination, key=key
        )
        for position, (origin, destination, key) in enumerate(route_segments(incident.route))
    )


def _next_reference(owner: Party) -> str:
    """INC-<party>-<year>-<number>, numbered per party and year. The owner party's row is
    locked first so that two reports cannot take the same number."""
    Party.objects.select_for_update().filter(pk=owner.pk).first()
    prefix = f"INC-{owner.code}-{timezone.now().year}-"
    last = (
        Incident.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


# --- Matching on entry ---------------------------------------------------------------------


# Incidents whose items were in the reporter's hands: a match on a lost or stolen item is
# news for its owner.
ALERTING_KINDS = (
    Incident.Kind.SEIZURE,
    Incident.Kind.INTERDICTION,
    Incident.Kind.ATTEMPTED_EXPORT,
)


def _match_and_store(actor: User, incident: Incident, row: IncidentItem) -> int:
    """Match one incident item against every register (`matching.match_item`) and keep the
    answer as `ItemHit` rows, each with its item, score and reasons — also a match on an
    item the reporter may not see: that item's owner party, once the incident is released
    to it, is shown which of its items matched, while the reporter and anyone else who may
    not see the item are shown only its party (`selectors.incident_hits` decides per
    viewer). An exact match on a register item the reporter sees (their own first)
    becomes `row.item`. Owners of a lost or stolen item matching a seized one are
    alerted. Returns the number of hits as the reporter sees them (each visible match,
    one per party holding hidden ones): never a count of the hidden items."""
    from accord.trafficking import matching

    report = matching.match_item(
        actor=actor,
        kind=row.kind,
        manufacturer=row.manufacturer,
        model=row.model,
        serial=row.serial_number,
        markings=row.other_markings,
    )
    hits = [
        ItemHit(
            incident_item=row,
            party_id=match.item.owner_id,
            item=match.item,
            exact=bool(match.exact),
            score=float(match.score),
            reasons=[str(reason) for reason in match.reasons],
        )
        for match in report.visible
    ]
    hits += [
        ItemHit(
            incident_item=row,
            party_id=hidden.party_id,
            item_id=hidden.item_id,
            exact=bool(hidden.exact),
            score=float(hidden.score),
            reasons=[str(reason) for reason in hidden.reasons],
        )
        for hidden in report._hidden_matches
    ]
    ItemHit.objects.bulk_create(hits)
    reporter = party_of(actor)
    exact = sorted(
        (m for m in report.visible if m.exact),
        key=lambda m: (reporter is None or m.item.owner_id != reporter.pk, -m.score),
    )
    if exact and row.item_id is None:
        row.item = exact[0].item
        row.save(update_fields=["item"])
    if incident.kind in ALERTING_KINDS:
        matching.alert_owners(
            actor=actor,
            report=report,
            context=incident.reference,
            link=_incident_link(incident),
        )
    return len(report.visible) + len(report.hidden)


def _incident_link(incident: Incident) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("trafficking:incident", kwargs={"pk": incident.pk})
    except NoReverseMatch:
        return ""


def _add_items(actor: User, incident: Incident, items: Iterable[Mapping[str, Any]]) -> None:
    rows = []
    for index, fields in enumerate(items):
        try:
            rows.append(_build_item(incident, fields))
        except ValidationFailed as exc:
            raise _prefixed(exc, f"items.{index}") from exc
    for row in rows:
        row.save()
        _match_and_store(actor, incident, row)


def _add_entities(actor: User, incident: Incident, entities: Iterable[Mapping[str, Any]]) -> None:
    rows = []
    for index, fields in enumerate(entities):
        try:
            rows.append(_build_entity(actor, incident, fields))
        except ValidationFailed as exc:
            raise _prefixed(exc, f"entities.{index}") from exc
    IncidentEntity.objects.bulk_create(rows)


def _item_snapshot(row: IncidentItem) -> dict[str, Any]:
    return snapshot(row, ["kind", "manufacturer", "model", "serial_number", "other_markings"])


# --- Services ------------------------------------------------------------------------------


@transaction.atomic
def incident_report(
    *,
    actor: User,
    items: Sequence[Mapping[str, Any]] = (),
    entities: Sequence[Mapping[str, Any]] = (),
    released_to: list[Party] | None = None,
    **fields: Any,
) -> Incident:
    """Report an incident of the actor's party, with its items and entities, in one
    transaction. Every item is matched against the registers on entry."""
    require_role(actor, Role.CUSTOMS_OFFICER)
    party = party_of(actor)
    if party is None:
        raise PermissionDenied()
    reject_unknown(fields, INCIDENT_FIELDS)
    fields = dict(fields)
    fields["route"] = _clean_route(fields.get("route"))
    fields["operation"] = _resolve_operation(actor, fields.get("operation"))
    if isinstance(fields.get("country"), str):
        fields["country"] = fields["country"].strip().upper()
    incident = Incident(owner=party, reported_by=actor, **fields)
    within_clearance(actor, incident.classification)
    full_clean(incident, exclude=["reference"])
    _check_date(incident)
    incident.reference = _next_reference(party)
    incident.save()
    incident.released_to.set(released_to or [])
    _store_route(incident)
    _add_entities(actor, incident, entities)
    _add_items(actor, incident, items)
    record_event(
        actor=actor,
        action="trafficking.incident.report",
        obj=incident,
        after={
            **snapshot(incident),
            "items": [_item_snapshot(row) for row in incident.items.all()],
            "entities": list(incident.entities.values("kind", "name", "role", "entity_id")),
        },
    )
    return incident


def _check_date(incident: Incident) -> None:
    if incident.occurred_on and incident.occurred_on > dt.date.today() + dt.timedelta(days=1):
        raise ValidationFailed.single("occurred_on", _("The date cannot be in the future."))


@transaction.atomic
def incident_update(
    *,
    actor: User,
    incident: Incident,
    version: int,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> Incident:
    """Change an incident's facts or marking; a stale `version` answers Conflict."""
    _require_officer_of(actor, incident)
    reject_unknown(fields, INCIDENT_FIELDS)
    fields = dict(fields)
    if "route" in fields:
        fields["route"] = _clean_route(fields["route"])
    if "operation" in fields:
        fields["operation"] = _resolve_operation(actor, fields["operation"])
    if isinstance(fields.get("country"), str):
        fields["country"] = fields["country"].strip().upper()
    before = snapshot(incident)
    for name, value in fields.items():
        setattr(incident, name, value)
    within_clearance(actor, incident.classification)
    full_clean(incident)
    _check_date(incident)
    columns = [("operation_id" if name == "operation" else name) for name in fields]
    save_versioned(incident, expected_version=version, fields=columns)
    if released_to is not None:
        incident.released_to.set(released_to)
    if "route" in fields:
        _store_route(incident)
    record_event(
        actor=actor,
        action="trafficking.incident.update",
        obj=incident,
        before=before,
        after=snapshot(incident),
    )
    return incident


@transaction.atomic
def incident_status_change(
    *, actor: User, incident: Incident, status: str, version: int
) -> Incident:
    """Open, under investigation, closed (and reopened: closing is not final)."""
    _require_officer_of(actor, incident)
    if status not in Incident.Status.values:
        raise ValidationFailed.single("status", _("Unknown status."))
    before = {"status": incident.status}
    incident.status = status
    save_versioned(incident, expected_version=version, fields=["status"])
    record_event(
        actor=actor,
        action="trafficking.incident.status",
        obj=incident,
        before=before,
        after={"status": status},
    )
    return incident


def _bump(incident: Incident) -> None:
    """Adding or removing an item or entity changes the incident: its version moves on,
    so an edit form opened before sees a conflict instead of overwriting blindly."""
    save_versioned(incident, expected_version=incident.version, fields=[])


@transaction.atomic
def incident_item_add(*, actor: User, incident: Incident, **fields: Any) -> IncidentItem:
    """Add an item to an incident; it is matched against the registers at once."""
    _require_officer_of(actor, incident)
    row = _build_item(incident, fields)
    row.save()
    _match_and_store(actor, incident, row)
    _bump(incident)
    record_event(
        actor=actor,
        action="trafficking.incident.item.add",
        obj=incident,
        after={"item_id": row.pk, **_item_snapshot(row)},
    )
    return row


@transaction.atomic
def incident_item_remove(*, actor: User, incident_item: IncidentItem) -> None:
    """Remove an item entered by mistake (its hits go with it)."""
    incident = incident_item.incident
    _require_officer_of(actor, incident)
    before = {"item_id": incident_item.pk, **_item_snapshot(incident_item)}
    incident_item.delete()
    _bump(incident)
    record_event(
        actor=actor, action="trafficking.incident.item.remove", obj=incident, before=before
    )


@transaction.atomic
def incident_entity_add(*, actor: User, incident: Incident, **fields: Any) -> IncidentEntity:
    """Add a person, organisation, vessel or aircraft to an incident."""
    _require_officer_of(actor, incident)
    row = _build_entity(actor, incident, fields)
    row.save()
    _bump(incident)
    record_event(
        actor=actor,
        action="trafficking.incident.entity.add",
        obj=incident,
        after={"entity_row_id": row.pk, **snapshot(row, ["kind", "name", "role", "entity"])},
    )
    return row


@transaction.atomic
def incident_entity_remove(*, actor: User, incident_entity: IncidentEntity) -> None:
    """Remove an entity entered by mistake."""
    incident = incident_entity.incident
    _require_officer_of(actor, incident)
    before = {
        "entity_row_id": incident_entity.pk,
        **snapshot(incident_entity, ["kind", "name", "role", "entity"]),
    }
    incident_entity.delete()
    _bump(incident)
    record_event(
        actor=actor, action="trafficking.incident.entity.remove", obj=incident, before=before
    )


@transaction.atomic
def incident_rematch(*, actor: User, incident: Incident) -> int:
    """Match the incident's items again (registers change after an incident is reported);
    returns the number of hits as the actor sees them (hidden items count once a party)."""
    _require_officer_of(actor, incident)
    ItemHit.objects.filter(incident_item__incident=incident).delete()
    total = 0
    for row in incident.items.all():
        total += _match_and_store(actor, incident, row)
    record_event(
        actor=actor, action="trafficking.incident.rematch", obj=incident, after={"hits": total}
    )
    return total
