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

Import: every event of a file becomes an incident of the importer's party, through
`incident_report` (the same checks and the same matching as a report typed in), in one
transaction: a bad event rejects the file with the event's number and the reason, and
nothing of it is stored.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.audit import record_event
from accord.core.errors import ValidationFailed
from accord.core.models import Classification, Release
from accord.trafficking.models.incidents import Incident, IncidentEntity

NAMESPACE = uuid.UUID("6f1c2f9e-5d8e-4c55-9b7a-2b7d2d5a9e11")
MAX_EVENTS = 1000

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
        "value": str(value),
        "to_ids": False,
        "disable_correlation": False,
    }
    attribute.update(extra)
    return attribute


def _object(name: str, attributes: list[dict[str, Any]], seed: str) -> dict[str, Any]:
    return {
        "name": name,
        "meta-category": "misc",
        "uuid": str(uuid.uuid5(NAMESPACE, seed)),
        "distribution": "0",
        "Attribute": [a for a in attributes if a["value"] not in ("", "None")],
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
        objects.append(
            _object(
                name,
                [
                    _attribute(relation, entity.name),
                    _attribute("role", entity.role),
                    _attribute("kind", entity.kind),
                ],
                f"{ref}/entity/{n}",
            )
        )
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
    return {
        "Event": {
            "uuid": event_uuid(incident),
            "info": f"{ref}: {incident.get_kind_display()}",
            "date": incident.occurred_on.isoformat(),
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
                    "role": values.get("role") or "other",
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


@transaction.atomic
def import_incidents(*, actor: Any, content: bytes | str) -> list[Incident]:
    """Import the events of a MISP JSON file as incidents of the actor's party (see the
    module docstring). One transaction: a bad event stores nothing of the file."""
    from accord.trafficking.services.incidents import incident_report

    events = parse(content)
    created = []
    for number, event in enumerate(events, start=1):
        try:
            fields = event_to_fields(event)
            created.append(incident_report(actor=actor, **fields))
        except ValidationFailed as exc:
            raise ValidationFailed(
                {f"event {number}.{key}": messages for key, messages in exc.errors.items()},
                message=_("Event %(n)s of the file is not valid; nothing was imported.")
                % {"n": number},
            ) from exc
    record_event(
        actor=actor,
        action="trafficking.incident.misp_import",
        object_type="trafficking.incident",
        after={"events": len(events), "references": [i.reference for i in created]},
    )
    return created
