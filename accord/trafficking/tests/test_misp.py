"""MISP interchange: export then import gives the same incident; the export is MISP core
format (PyMISP loads it); import is idempotent by the event uuid (a re-import updates, never
duplicates); a bad file answers a translated 400 and stores nothing."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from accord.core.errors import ValidationFailed
from accord.core.models import AuditEvent, Classification, Release
from accord.trafficking import misp
from accord.trafficking.models import Incident, IncidentEntity, IncidentItem
from accord.trafficking.services import incidents as services

pytestmark = pytest.mark.django_db


def _incident(actor):
    return services.incident_report(
        actor=actor,
        kind="attempted_export",
        occurred_on=dt.date(2025, 2, 3),
        country="KAZ",
        locality="Dostyk (fictional)",
        latitude=Decimal("45.250000"),
        longitude=Decimal("82.480000"),
        route=["RUS", "KAZ", "CHN"],
        narrative="Fictional attempted export of a jammer.",
        classification=Classification.RESTRICTED,
        release=Release.MEMBERS,
        items=[
            {
                "kind": "electronic_warfare",
                "manufacturer": "Fictional Signals",
                "model": "J-2",
                "serial_number": "JM 0042",
                "other_markings": "LOT 7",
                "quantity": 3,
            }
        ],
        entities=[
            {"kind": "person", "name": "Test Courier", "role": "courier"},
            {"kind": "organisation", "name": "Fictional Trade LLC", "role": "consignor"},
            {"kind": "vessel", "name": "MV Imaginary", "role": "carrier"},
        ],
    )


def _shape(incident):
    return {
        "kind": incident.kind,
        "occurred_on": incident.occurred_on,
        "country": incident.country,
        "locality": incident.locality,
        "latitude": incident.latitude,
        "longitude": incident.longitude,
        "route": incident.route,
        "narrative": incident.narrative,
        "status": incident.status,
        "classification": incident.classification,
        "release": incident.release,
        "items": list(
            incident.items.values_list(
                "kind", "manufacturer", "model", "serial_number", "other_markings", "quantity"
            )
        ),
        "entities": list(incident.entities.values_list("kind", "name", "role")),
    }


def test_round_trip(officers):
    original = _incident(officers["kaz"])
    data = misp.export_incidents([original])
    event = data["response"][0]["Event"]
    assert {t["name"] for t in event["Tag"]} >= {"tlp:amber", 'accord:classification="restricted"'}
    assert {o["name"] for o in event["Object"]} >= {"accord-item", "person", "legal-entity"}
    # Another party (it sees the incident: released to members) imports it as its own.
    result = misp.import_incidents(actor=officers["arm"], content=json.dumps(data))
    [imported] = result.created
    assert result.updated == []
    assert imported.pk != original.pk and imported.reference != original.reference
    assert imported.owner.code == "ARM"
    assert _shape(imported) == _shape(original)


def test_export_is_misp_core_format(officers):
    from pymisp import MISPEvent

    event = misp.incident_event(_incident(officers["kaz"]))["Event"]
    for key in ("uuid", "info", "date", "threat_level_id", "analysis", "distribution"):
        assert event[key] not in (None, ""), key
    for attribute in event["Attribute"]:
        assert {"type", "category", "value", "to_ids"} <= attribute.keys()
    for obj in event["Object"]:
        assert {"name", "meta-category", "template_uuid", "template_version", "Attribute"} <= (
            obj.keys()
        )
        for attribute in obj["Attribute"]:
            assert {"type", "category", "value", "to_ids", "object_relation"} <= attribute.keys()
    loaded = MISPEvent()
    loaded.load(copy.deepcopy({"Event": event}))
    assert loaded.uuid == event["uuid"]
    assert loaded.info == event["info"]
    assert str(loaded.date) == event["date"]
    assert int(loaded.threat_level_id) == 4 and int(loaded.analysis) == 0
    assert {t.name for t in loaded.tags} >= {"tlp:amber"}
    assert [a.value for a in loaded.attributes] == ["Fictional attempted export of a jammer."]
    names = sorted(o.name for o in loaded.objects)
    assert names == sorted(
        ["accord-incident", "geolocation", "accord-item", "person", "legal-entity", "accord-entity"]
    )
    person = next(o for o in loaded.objects if o.name == "person")
    assert person.template_uuid == "a15b0477-e9d1-4b9c-9546-abe78a4f4248"
    [full_name] = person.get_attributes_by_relation("full-name")
    assert (full_name.type, full_name.category, full_name.value) == (
        "full-name",
        "Person",
        "Test Courier",
    )
    serial = next(o for o in loaded.objects if o.name == "accord-item")
    assert serial.get_attributes_by_relation("serial-number")[0].value == "JM 0042"
    # And what PyMISP writes back is read by the import.
    assert misp.event_to_fields(json.loads(loaded.to_json()))["items"][0]["serial_number"] == (
        "JM 0042"
    )


def _counts():
    return (
        Incident.objects.count(),
        IncidentItem.objects.count(),
        IncidentEntity.objects.count(),
    )


def test_reimport_is_idempotent_and_updates(officers):
    original = _incident(officers["kaz"])
    data = misp.export_incidents([original])
    first = misp.import_incidents(actor=officers["arm"], content=json.dumps(data))
    [imported] = first.created
    before = _counts()
    again = misp.import_incidents(actor=officers["arm"], content=json.dumps(data))
    assert again.created == [] and [i.pk for i in again.updated] == [imported.pk]
    assert _counts() == before
    imported.refresh_from_db()
    assert imported.version == 1  # nothing changed, nothing was written

    # The source changed the event: the re-import brings the imported up to date.
    event = data["response"][0]["Event"]
    event["analysis"] = "2"
    for obj in event["Object"]:
        if obj["name"] == "accord-incident":
            for attribute in obj["Attribute"]:
                if attribute["object_relation"] == "status":
                    attribute["value"] = "closed"
        if obj["name"] == "accord-item":
            for attribute in obj["Attribute"]:
                if attribute["object_relation"] == "serial-number":
                    attribute["value"] = "JM 0043"
    event["Object"] = [o for o in event["Object"] if o["name"] != "accord-entity"]
    third = misp.import_incidents(actor=officers["arm"], content=json.dumps(data))
    assert [i.pk for i in third.updated] == [imported.pk]
    imported.refresh_from_db()
    assert imported.status == "closed"
    assert list(imported.items.values_list("serial_number", flat=True)) == ["JM 0043"]
    assert sorted(imported.entities.values_list("name", flat=True)) == [
        "Fictional Trade LLC",
        "Test Courier",
    ]
    assert Incident.objects.count() == 2
    assert AuditEvent.objects.filter(
        action="trafficking.incident.update", object_id=str(imported.pk)
    ).exists()

    # The same uuid imported by a third party is that party's own first import.
    misp.import_incidents(actor=officers["blr"], content=json.dumps(data))
    assert Incident.objects.filter(owner__code="BLR").count() == 1


def test_reimport_of_own_export_updates_the_original(officers):
    original = _incident(officers["kaz"])
    data = misp.export_incidents([original])
    before = _counts()
    result = misp.import_incidents(actor=officers["kaz"], content=json.dumps(data))
    assert result.created == [] and [i.pk for i in result.updated] == [original.pk]
    assert _counts() == before


def test_event_twice_in_one_file_is_one_incident(officers):
    data = misp.export_incidents([_incident(officers["kaz"])])
    data["response"].append(data["response"][0])
    result = misp.import_incidents(actor=officers["arm"], content=json.dumps(data))
    assert len(result.created) == 1 and len(result.updated) == 1
    assert Incident.objects.filter(owner__code="ARM").count() == 1


def test_reimport_of_incident_the_user_may_not_see_is_409(officers, make_user, api_client):
    original = _incident(officers["kaz"])
    original.classification = Classification.SECRET
    original.save(update_fields=["classification"])
    data = misp.export_incidents([original])
    data["response"][0]["Event"]["Tag"] = [
        t for t in data["response"][0]["Event"]["Tag"] if "classification" not in t["name"]
    ]
    low = make_user("KAZ", clearance=Classification.RESTRICTED, roles=["customs_officer"])
    client = api_client(low)
    before = (*_counts(), AuditEvent.objects.count())
    answer = client.post(
        reverse("trafficking-api:incidents-misp-import"),
        data,
        format="json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert answer.status_code == 409, answer.content
    assert "1" in answer.json()["detail"]  # the event number (Russian once merged)
    assert (*_counts(), AuditEvent.objects.count()) == before


def test_bad_uuid_is_400(officers):
    data = misp.export_incidents([_incident(officers["kaz"])])
    data["response"][0]["Event"]["uuid"] = "not-a-uuid"
    with pytest.raises(ValidationFailed):
        misp.import_incidents(actor=officers["arm"], content=json.dumps(data))


def test_api_export_and_import(officers, api_client):
    original = _incident(officers["kaz"])
    client = api_client(officers["kaz"])
    answer = client.get(reverse("trafficking-api:incident-misp", kwargs={"pk": original.pk}))
    assert answer.status_code == 200
    body = answer.json()
    assert body["Event"]["info"].startswith(original.reference)
    answer = client.post(reverse("trafficking-api:incidents-misp-import"), body, format="json")
    assert answer.status_code == 201, answer.content
    # Its own export: the same event, so the incident is updated, not duplicated.
    assert answer.json()["imported"] == 0 and answer.json()["updated"] == 1
    assert Incident.objects.count() == 1
    answer = api_client(officers["arm"]).post(
        reverse("trafficking-api:incidents-misp-import"), body, format="json"
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["imported"] == 1 and answer.json()["updated"] == 0
    assert Incident.objects.count() == 2
    # Russia does not see Kazakhstan's... it is released to members, so it does.
    other = api_client(officers["arm"])
    hidden = _incident(officers["kaz"])
    hidden.release = Release.OWNER
    hidden.save(update_fields=["release"])
    answer = other.get(reverse("trafficking-api:incident-misp", kwargs={"pk": hidden.pk}))
    assert answer.status_code == 404


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        json.dumps({"something": 1}),
        json.dumps({"response": [{"Event": {"date": "2025-01-01", "Object": []}}]}),
        json.dumps({"response": [{"Event": {"date": "yesterday"}}]}),
    ],
)
def test_bad_file_stores_nothing(officers, api_client, content):
    good = misp.export_incidents([_incident(officers["kaz"])])["response"][0]
    client = api_client(officers["kaz"])
    before = (Incident.objects.count(), IncidentItem.objects.count(), AuditEvent.objects.count())
    broken = json.loads(content) if content.startswith("{") else None
    if broken and "response" in broken:
        broken["response"].insert(0, good)  # the good event first: still nothing is stored
        content = json.dumps(broken)
    answer = client.post(
        reverse("trafficking-api:incidents-misp-import"),
        content,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert answer.status_code == 400
    assert answer.json()["detail"]
    assert (
        Incident.objects.count(),
        IncidentItem.objects.count(),
        AuditEvent.objects.count(),
    ) == before
