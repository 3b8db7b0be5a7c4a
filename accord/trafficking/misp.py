"""Incidents in MISP-compatible JSON, both ways.

Export: one MISP Event per incident, in the shape MISP's own REST API answers
(`{"response": [{"Event": ...}, ...]}`; a single `{"Event": ...}` is read as well):

- Event: `uuid` (stable, derived from the reference), `info`, `date`, `analysis` (from the
  status), `distribution` 0 (this community only), tags for the marking (`tlp:*` and
  `accord:classification=...`, `accord:release=...`) and the incident kind;
- Attributes: the narrative (`text`), the country and locality;
- Objects: `accord-incident` (reference, kind, status, route), `geolocation`
  (country, city, latitude, longitude), one `accord-item` per item (kind, manufacturer,
  model, serial-number, other-markings, quantity) and one object per entity (`person`
  with `full-name`; `legal-entity` with `name`; `accord-entity` for vessels and aircraft),
  each with its role.

The shape follows the MISP core format: every attribute has `type`, `category`,
`value` and `to_ids`; every object has `name`, `meta-category`, `template_uuid` and
`template_version` (the published templates' uuids for `person`, `legal-entity` and
`geolocation`; stable uuids of this module's own `accord-*` templates) and its
`Attribute` list. The tests load the export with PyMISP's `MISPEvent().load()`.

Import: every event of a file becomes an incident of the importer's party, through
`incident_report` (the same checks and the same matching as a report typed in), in one
transaction: a bad event rejects the file with the event's number and the reason, and
nothing of it is stored.

Import is idempotent by the event's `uuid`, per importing party: an event that party
imported before (or that it exported itself: its uuid is the one derived from one of its
own references) is not stored a second time; the existing incident is **updated** to what
the event now says, through the same services as an edit (`incident_update`, adding and
removing items and entities), each with its audit event. Importing one file twice thus
leaves the data as after the first import. Which incident came from which event is kept
in the audit log (`trafficking.incident.misp_event`, one event per imported incident),
the provenance record this module already writes in the same transaction. An event
without a `uuid` is always a new incident.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.audit import record_event
from accord.core.errors import Conflict, ValidationFailed
from accord.core.models import Classification, Release
from accord.trafficking.models.incidents import Incident, IncidentEntity

NAMESPACE = uuid.UUID("6f1c2f9e-5d8e-4c55-9b7a-2b7d2d5a9e11")
MAX_EVENTS = 1000
EVENT_ACTION = "trafficking.incident.misp_event"

# Published MISP object templates (misp-objects: name -> uuid, version); this module's own
# objects get stable uuids of their own.
_TEMPLATES: dict[str, tuple[str, str]] = {
    "person": ("a15b0477-e9d1-4b9c-9546-abe78a4f4248", "21"),
    "legal-entity": ("14f5688f-d89c-469f-9878-c48bf6c41c65", "2"),
    "geolocation": ("cd6f2238-ba55-4888-82c4-104e6e1acf21", "8"),
}
# Attribute types whose default MISP category is not "Other".
_CATEGORY = {"full-name": "Person"}

_TLP: dict[str, str] = {
    Release.OWNER: "tlp:red",
    Release.LISTED: "tlp:amber",
    Release.MEMBERS: "tlp:amber",
    Release.MEMBERS_OBSERVERS: "tlp:green",
    Release.PUBLIC: "tlp:clear",
}
_ANALYSIS: dict[str, str] = {
    Incident.Status.OPEN: "0",
    Incident.Status.UNDER_INVESTIGATION: "1",
    Incident.Status.CLOSED: "2",
}
_ANALYSIS_BACK = {v: k for k, v in _ANALYSIS.items()}
_ENTITY_OBJECT = {
    IncidentEntity.Kind.PERSON: ("person", "full-name"),
    IncidentEntity.Kind.ORGANISATION: ("legal-entity", "name"),
    IncidentEntity.Kind.VESSEL: ("accord-entity", "name"),
    IncidentEntity.Kind.AIRCRAFT: ("accord-entity", "name"),
}


def event_uuid(incident: Incident) -> str:
    return str(uuid.uuid5(NAMESPACE, incident.reference))


def _attribute(relation: str, value: Any, kind: str = "text", **extra: Any) -> dict[str, Any]:
    attribute = {
        "object_relation": relation,
        "type": kind,
        "category": _CATEGORY.get(kind, "Other"),
        "value": str(value),
        "to_ids": False,
        "disable_correlation": False,
    }
    attribute.update(extra)
    return attribute


def _object(name: str, attributes: list[dict[str, Any]], seed: str) -> dict[str, Any]:
    template_uuid, template_version = _TEMPLATES.get(
        name, (str(uuid.uuid5(NAMESPACE, f"template/{name}")), "1")
    )
    kept = [a for a in attributes if a["value"] not in ("", "None")]
    for attribute in kept:
        attribute["uuid"] = str(uuid.uuid5(NAMESPACE, f"{seed}/{attribute['object_relation']}"))
    return {
        "name": name,
        "meta-category": "misc",
        "description": name,
        "template_uuid": template_uuid,
        "template_version": template_version,
        "uuid": str(uuid.uuid5(NAMESPACE, seed)),
        "distribution": "0",
        "Attribute": kept,
    }


def incident_event(incident: Incident) -> dict[str, Any]:
    """One incident as a MISP Event (the caller checked the reader may see it)."""
    ref = incident.reference
    tags = [
        {"name": _TLP.get(incident.release, "tlp:amber")},
        {"name": f'accord:classification="{Classification(incident.classification).name.lower()}"'},
        {"name": f'accord:release="{incident.release}"'},
        {"name": f'accord:incident-kind="{incident.kind}"'},
        {"name": f'accord:owner="{incident.owner.code}"'},
    ]
    objects = [
        _object(
            "accord-incident",
            [
                _attribute("reference", ref),
                _attribute("kind", incident.kind),
                _attribute("status", incident.status),
                _attribute("route", ">".join(incident.route or [])),
                _attribute("occurred-on", incident.occurred_on.isoformat(), "datetime"),
            ],
            f"{ref}/incident",
        ),
        _object(
            "geolocation",
            [
                _attribute("country", incident.country),
                _attribute("city", incident.locality),
                _attribute("latitude", incident.latitude, "float"),
                _attribute("longitude", incident.longitude, "float"),
            ],
            f"{ref}/place",
        ),
    ]
    for n, row in enumerate(incident.items.all()):
        objects.append(
            _object(
                "accord-item",
                [
                    _attribute("kind", row.kind),
                    _attribute("manufacturer", row.manufacturer),
                    _attribute("model", row.model),
                    _attribute("serial-number", row.serial_number),
                    _attribute("other-markings", row.other_markings),
                    _attribute("quantity", row.quantity, "counter"),
                ],
                f"{ref}/item/{n}",
            )
        )
    for n, entity in enumerate(incident.entities.all()):
        name, relation = _ENTITY_OBJECT[IncidentEntity.Kind(entity.kind)]
        # Only relations the published templates define: `person` has a role, a
        # `legal-entity` has none (its role travels in the object's comment, as for all
        # entities); the kind is implied by the template except for `accord-entity`.
        entity_attributes = [
            _attribute(relation, entity.name, "full-name" if name == "person" else "text")
        ]
        if name != "legal-entity":
            entity_attributes.append(_attribute("role", entity.role))
        if name == "accord-entity":
            entity_attributes.append(_attribute("kind", entity.kind))
        entity_object = _object(name, entity_attributes, f"{ref}/entity/{n}")
        entity_object["comment"] = entity.role
        objects.append(entity_object)
    attributes = [
        {
            "type": "text",
            "category": "Other",
            "value": incident.narrative,
            "comment": "narrative",
            "to_ids": False,
            "uuid": str(uuid.uuid5(NAMESPACE, f"{ref}/narrative")),
        }
    ]
    changed = incident.updated_at or incident.created_at
    return {
        "Event": {
            "uuid": event_uuid(incident),
            "info": f"{ref}: {incident.get_kind_display()}",
            "date": incident.occurred_on.isoformat(),
            "timestamp": str(int(changed.timestamp())) if changed else "0",
            "threat_level_id": "4",
            "analysis": _ANALYSIS.get(incident.status, "0"),
            "distribution": "0",
            "published": False,
            "Orgc": {"name": incident.owner.code},
            "Tag": tags,
            "Attribute": [a for a in attributes if a["value"]],
            "Object": objects,
        }
    }


def export_incidents(incidents: Iterable[Incident]) -> dict[str, Any]:
    """Incidents as a MISP search answer: `{"response": [{"Event": ...}, ...]}`."""
    return {"response": [incident_event(incident) for incident in incidents]}


# --- Import --------------------------------------------------------------------------------


def _tags(event: dict[str, Any]) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in event.get("Tag") or []:
        name = str(tag.get("name", "")) if isinstance(tag, dict) else ""
        if name.startswith("accord:") and "=" in name:
            key, _sep, value = name[len("accord:") :].partition("=")
            found[key] = value.strip('"')
    return found


def _relations(obj: dict[str, Any]) -> dict[str, str]:
    values: dict[str, str] = {}
    for attribute in obj.get("Attribute") or []:
        if isinstance(attribute, dict) and attribute.get("object_relation"):
            values.setdefault(str(attribute["object_relation"]), str(attribute.get("value", "")))
    return values


def _decimal(value: str | None) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValidationFailed.single("latitude", _("Coordinates must be numbers.")) from None


def event_to_fields(event: dict[str, Any]) -> dict[str, Any]:
    """The `incident_report` arguments an Event carries; ValidationFailed if it is not an
    event this module can read."""
    if not isinstance(event, dict):
        raise ValidationFailed.single("Event", _("An event must be a JSON object."))
    tags = _tags(event)
    fields: dict[str, Any] = {"items": [], "entities": [], "route": []}
    try:
        fields["occurred_on"] = dt.date.fromisoformat(str(event.get("date", "")))
    except ValueError:
        raise ValidationFailed.single("date", _("The event has no valid date.")) from None
    fields["status"] = _ANALYSIS_BACK.get(str(event.get("analysis", "0")), "open")
    if "classification" in tags:
        names = {c.name.lower(): c.value for c in Classification}
        if tags["classification"] not in names:
            raise ValidationFailed.single("classification", _("Unknown classification tag."))
        fields["classification"] = names[tags["classification"]]
    if "release" in tags:
        fields["release"] = tags["release"]
    if "incident-kind" in tags:
        fields["kind"] = tags["incident-kind"]
    narrative = [
        str(a.get("value", ""))
        for a in event.get("Attribute") or []
        if isinstance(a, dict) and a.get("comment") == "narrative"
    ]
    fields["narrative"] = "\n".join(narrative)
    for obj in event.get("Object") or []:
        if not isinstance(obj, dict):
            continue
        name = obj.get("name")
        values = _relations(obj)
        if name == "accord-incident":
            fields["kind"] = values.get("kind") or fields.get("kind")
            if values.get("status"):
                fields["status"] = values["status"]
            fields["route"] = [c for c in values.get("route", "").split(">") if c]
        elif name == "geolocation":
            fields["country"] = values.get("country", "")
            fields["locality"] = values.get("city", "")
            fields["latitude"] = _decimal(values.get("latitude"))
            fields["longitude"] = _decimal(values.get("longitude"))
        elif name == "accord-item":
            try:
                quantity = int(values.get("quantity") or 1)
            except ValueError:
                raise ValidationFailed.single(
                    "quantity", _("The quantity must be a whole number.")
                ) from None
            fields["items"].append(
                {
                    "kind": values.get("kind", "other"),
                    "manufacturer": values.get("manufacturer", ""),
                    "model": values.get("model", ""),
                    "serial_number": values.get("serial-number", ""),
                    "other_markings": values.get("other-markings", ""),
                    "quantity": quantity,
                }
            )
        elif name in ("person", "legal-entity", "accord-entity"):
            default_kind = {"person": "person", "legal-entity": "organisation"}.get(
                str(name), "vessel"
            )
            fields["entities"].append(
                {
                    "kind": values.get("kind") or default_kind,
                    "name": values.get("full-name") or values.get("name", ""),
                    "role": values.get("role") or str(obj.get("comment") or "other"),
                }
            )
    if not fields.get("kind"):
        raise ValidationFailed.single("kind", _("The event does not say what kind of incident."))
    return fields


def parse(content: bytes | str) -> list[dict[str, Any]]:
    """The events of a MISP JSON file; ValidationFailed when it is not one."""
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        raise ValidationFailed.single("file", _("The file is not valid JSON.")) from None
    if isinstance(data, dict) and isinstance(data.get("response"), list):
        items = data["response"]
    elif isinstance(data, dict) and "Event" in data:
        items = [data]
    elif isinstance(data, list):
        items = data
    else:
        raise ValidationFailed.single("file", _("The file holds no MISP events."))
    if not items:
        raise ValidationFailed.single("file", _("The file holds no MISP events."))
    if len(items) > MAX_EVENTS:
        raise ValidationFailed.single(
            "file", _("A file may hold at most %(n)s events.") % {"n": MAX_EVENTS}
        )
    events = []
    for number, item in enumerate(items, start=1):
        event = item.get("Event") if isinstance(item, dict) else None
        if not isinstance(event, dict):
            raise ValidationFailed.single(
                "file", _("Event %(n)s: not a MISP event.") % {"n": number}
            )
        events.append(event)
    return events


@dataclass
class ImportResult:
    """What an import did: the incidents it created and those it updated (events the
    party had imported before)."""

    created: list[Incident] = field(default_factory=list)
    updated: list[Incident] = field(default_factory=list)

    @property
    def incidents(self) -> list[Incident]:
        return [*self.created, *self.updated]


def _event_id(event: dict[str, Any]) -> str | None:
    raw = event.get("uuid")
    if raw in (None, ""):
        return None
    try:
        return str(uuid.UUID(str(raw)))
    except ValueError:
        raise ValidationFailed.single("uuid", _("The event's uuid is not valid.")) from None


def _own_reference(event: dict[str, Any]) -> str:
    for obj in event.get("Object") or []:
        if isinstance(obj, dict) and obj.get("name") == "accord-incident":
            return _relations(obj).get("reference", "")
    return ""


def _imported_before(actor: Any, party: Any, event: dict[str, Any], event_id: str) -> Any:
    """The party's incident this event is (or None): one the party exported itself, or
    one it imported from this event before. Raises Conflict when that incident exists
    but the importing user may not see it (it cannot be updated by them)."""
    found = None
    reference = _own_reference(event)
    if reference:
        own = Incident.objects.filter(owner=party, reference=reference).first()
        if own is not None and event_uuid(own) == event_id:
            found = own
    if found is None:
        found = Incident.objects.filter(owner=party, misp_uuid=event_id).first()
    if found is None:
        return None
    visible = Incident.objects.visible_to(actor).filter(pk=found.pk).first()
    if visible is None:
        raise Conflict(
            _("This event was imported before as an incident you may not see; ask its reporter.")
        )
    return visible


_ITEM_KEY = ("kind", "manufacturer", "model", "serial_number", "other_markings", "quantity")
_ENTITY_KEY = ("kind", "name", "role")


def _changes(
    rows: Iterable[Any], wanted: list[dict[str, Any]], names: tuple[str, ...]
) -> tuple[list[Any], list[tuple[int, dict[str, Any]]]]:
    """The stored rows the event no longer has, and the event's rows not stored yet (with
    their index in the event), compared on `names` as multisets."""
    left = Counter(tuple(values[name] for name in names) for values in wanted)
    stale = []
    for row in rows:
        key = tuple(getattr(row, name) for name in names)
        if left[key] > 0:
            left[key] -= 1
        else:
            stale.append(row)
    new = []
    for index, values in enumerate(wanted):
        key = tuple(values[name] for name in names)
        if left[key] > 0:
            left[key] -= 1
            new.append((index, values))
    return stale, new


def _prefixed(exc: ValidationFailed, prefix: str) -> ValidationFailed:
    return ValidationFailed({f"{prefix}.{key}": value for key, value in exc.errors.items()})


def _update_from_event(actor: Any, incident: Incident, fields: dict[str, Any]) -> Incident:
    """Bring an imported incident to what its event says now, through the edit services
    (each change audited); nothing is written when nothing changed."""
    from accord.trafficking.services import incidents as services

    items = fields.pop("items")
    entities = fields.pop("entities")
    changed = {name: value for name, value in fields.items() if getattr(incident, name) != value}
    if changed:
        incident = services.incident_update(
            actor=actor, incident=incident, version=incident.version, **changed
        )
    stale_entities, new_entities = _changes(incident.entities.all(), entities, _ENTITY_KEY)
    for entity in stale_entities:
        services.incident_entity_remove(actor=actor, incident_entity=entity)
    for index, values in new_entities:
        try:
            services.incident_entity_add(actor=actor, incident=incident, **values)
        except ValidationFailed as exc:
            raise _prefixed(exc, f"entities.{index}") from exc
    stale_items, new_items = _changes(incident.items.all(), items, _ITEM_KEY)
    for item in stale_items:
        services.incident_item_remove(actor=actor, incident_item=item)
    for index, values in new_items:
        try:
            services.incident_item_add(actor=actor, incident=incident, **values)
        except ValidationFailed as exc:
            raise _prefixed(exc, f"items.{index}") from exc
    return incident


@transaction.atomic
def import_incidents(*, actor: Any, content: bytes | str) -> ImportResult:
    """Import the events of a MISP JSON file as incidents of the actor's party (see the
    module docstring): new events are reported, events imported before update their
    incident. One transaction: a bad event stores nothing of the file."""
    from accord.core.access import party_of
    from accord.core.permissions import require_role
    from accord.core.roles import Role
    from accord.trafficking.services.incidents import incident_report

    require_role(actor, Role.CUSTOMS_OFFICER)
    party = party_of(actor)
    events = parse(content)
    result = ImportResult()
    for number, event in enumerate(events, start=1):
        try:
            event_id = _event_id(event)
            fields = event_to_fields(event)
            existing = _imported_before(actor, party, event, event_id) if event_id else None
            if existing is not None:
                result.updated.append(_update_from_event(actor, existing, fields))
                continue
            incident = incident_report(actor=actor, **fields)
            result.created.append(incident)
            if event_id:
                incident.misp_uuid = event_id
                incident.save(update_fields=["misp_uuid"])
                record_event(
                    actor=actor,
                    action=EVENT_ACTION,
                    obj=incident,
                    after={"misp_uuid": event_id, "event": number},
                )
        except ValidationFailed as exc:
            raise ValidationFailed(
                {f"event {number}.{key}": messages for key, messages in exc.errors.items()},
                message=_("Event %(n)s of the file is not valid; nothing was imported.")
                % {"n": number},
            ) from exc
        except Conflict as exc:
            raise Conflict(
                _("Event %(n)s of the file: %(reason)s Nothing was imported.")
                % {"n": number, "reason": exc.message}
            ) from exc
    record_event(
        actor=actor,
        action="trafficking.incident.misp_import",
        object_type="trafficking.incident",
        after={
            "events": len(events),
            "created": [i.reference for i in result.created],
            "updated": [i.reference for i in result.updated],
        },
    )
    return result
