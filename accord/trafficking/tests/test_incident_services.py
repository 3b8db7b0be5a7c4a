"""Incident services: reporting with items and entities in one transaction, matching on
entry and the hit/no-hit boundary, the owner's alert, edits, status, item and entity
rows, and refused actors that change nothing and record nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Notification, Release
from accord.trafficking.models import Incident, IncidentEntity, IncidentItem, ItemHit
from accord.trafficking.selectors import incidents as selectors
from accord.trafficking.services import incidents as services
from accord.trafficking.services.items import item_register, item_set_status

pytestmark = pytest.mark.django_db


def report(actor: Any, **overrides: Any) -> Incident:
    fields: dict[str, Any] = {
        "kind": "seizure",
        "occurred_on": dt.date(2025, 5, 4),
        "country": "kaz",
        "locality": "Khorgos (fictional checkpoint)",
        "route": ["CHN", "KAZ", "RUS"],
        "narrative": "Fictional seizure of drone components in a lorry.",
        "items": [
            {
                "kind": "component",
                "manufacturer": "Fictional Aero",
                "model": "FA-10",
                "serial_number": "ZX-1001",
                "quantity": 2,
            }
        ],
        "entities": [{"kind": "person", "name": "Ivan Testov", "role": "courier"}],
    }
    fields.update(overrides)
    return services.incident_report(actor=actor, **fields)


def world() -> dict[str, Any]:
    return {
        "incidents": list(Incident.objects.values_list("pk", "version", "status")),
        "items": IncidentItem.objects.count(),
        "entities": IncidentEntity.objects.count(),
        "hits": ItemHit.objects.count(),
        "events": AuditEvent.objects.count(),
    }


def test_report_stores_everything_in_one_go(officers):
    incident = report(officers["kaz"])
    assert incident.reference.startswith("INC-KAZ-")
    assert incident.reference.endswith("-0001")
    assert incident.country == "KAZ"
    assert incident.owner.code == "KAZ"
    assert incident.items.get().serial_norm == "ZX1001"
    assert incident.entities.get().name_norm
    assert list(incident.route_segments.values_list("key", flat=True)) == ["CHN-KAZ", "KAZ-RUS"]
    event = AuditEvent.objects.filter(action="trafficking.incident.report").get()
    assert event.object_id == str(incident.pk)
    second = report(officers["kaz"])
    assert second.reference.endswith("-0002")


def test_bad_item_row_rejects_the_whole_report(officers):
    before = world()
    with pytest.raises(ValidationFailed) as exc:
        report(
            officers["kaz"],
            items=[
                {"kind": "component", "serial_number": "OK-1"},
                {"kind": "component", "serial_number": "OK-2", "quantity": 0},
            ],
        )
    assert "items.1.quantity" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        report(officers["kaz"], route=["KAZ", "XX"])
    assert "route" in exc.value.errors
    assert world() == before


@pytest.mark.parametrize("who", ["rus_norole"])
def test_report_needs_the_role(officers, who):
    before = world()
    with pytest.raises(PermissionDenied):
        report(officers[who])
    assert world() == before


def test_classification_above_clearance_is_refused(officers):
    with pytest.raises(ValidationFailed):
        report(officers["rus_low"], classification=Classification.RESTRICTED)


def test_hit_no_hit_boundary(officers, party):
    """Russia's unreleased stolen item shows Kazakhstan only Russia's code; once
    released, its details; Russia's officers are told at once."""
    stolen = item_register(
        actor=officers["rus"],
        kind="component",
        manufacturer="Fictional Aero",
        model="FA-10",
        serial_number="zx 1001",
        status="stolen",
        classification=Classification.RESTRICTED,
        release=Release.OWNER,
    )
    incident = report(officers["kaz"])
    hit = ItemHit.objects.get()
    assert hit.party.code == "RUS"
    assert hit.item == stolen  # kept for its owner; Kazakhstan is shown only the party
    row = incident.items.get()
    assert row.item_id is None
    shown = selectors.incident_hits(actor=officers["kaz"], incident=incident)
    assert len(shown) == 1
    assert shown[0].party.code == "RUS" and shown[0].item is None
    assert Notification.objects.filter(
        recipient=officers["rus"], kind="trafficking.item.found"
    ).exists()
    assert not Notification.objects.filter(recipient=officers["kaz"]).exists()

    # Released to the members: a new report sees the item itself, exactly.
    stolen.release = Release.MEMBERS
    stolen.save(update_fields=["release"])
    again = report(officers["kaz"])
    hit = ItemHit.objects.filter(incident_item__incident=again).get()
    assert hit.item == stolen and hit.exact and hit.score == 100
    assert again.items.get().item == stolen
    shown = selectors.incident_hits(actor=officers["kaz"], incident=again)
    assert shown[0].item == stolen
    # A third party seeing the incident but not the item sees only the party.
    again.release = Release.LISTED
    again.save(update_fields=["release"])
    again.released_to.set([party("ARM")])
    stolen.release = Release.LISTED
    stolen.save(update_fields=["release"])
    stolen.released_to.set([party("KAZ")])
    shown = selectors.incident_hits(actor=officers["arm"], incident=again)
    assert shown[0].party.code == "RUS" and shown[0].item is None


def test_no_alert_for_a_reported_loss(officers):
    item_register(actor=officers["rus"], kind="component", serial_number="LOSS-77", status="stolen")
    report(officers["kaz"], kind="loss", items=[{"kind": "component", "serial_number": "LOSS77"}])
    assert ItemHit.objects.count() == 1
    assert not Notification.objects.filter(kind="trafficking.item.found").exists()


def test_own_register_item_is_linked(officers):
    mine = item_register(actor=officers["kaz"], kind="component", serial_number="ZX1001")
    item_set_status(actor=officers["kaz"], item=mine, status="stolen")
    incident = report(officers["kaz"], kind="theft")
    assert incident.items.get().item == mine


def test_update_status_and_rows(officers):
    incident = report(officers["kaz"])
    services.incident_update(
        actor=officers["kaz"], incident=incident, version=1, route=["KAZ", "KGZ"]
    )
    assert list(incident.route_segments.values_list("key", flat=True)) == ["KAZ-KGZ"]
    with pytest.raises(Conflict):
        services.incident_update(actor=officers["kaz"], incident=incident, version=1, locality="X")
    services.incident_status_change(
        actor=officers["kaz"], incident=incident, status="under_investigation", version=2
    )
    row = services.incident_item_add(
        actor=officers["kaz"], incident=incident, kind="laser", serial_number="L-55"
    )
    entity = services.incident_entity_add(
        actor=officers["kaz"], incident=incident, kind="organisation", name="ООО «Тест»"
    )
    incident.refresh_from_db()
    assert incident.version == 5
    services.incident_item_remove(actor=officers["kaz"], incident_item=row)
    services.incident_entity_remove(actor=officers["kaz"], incident_entity=entity)
    actions = list(
        AuditEvent.objects.filter(object_type="trafficking.incident", object_id=str(incident.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "trafficking.incident.report",
        "trafficking.incident.update",
        "trafficking.incident.status",
        "trafficking.incident.item.add",
        "trafficking.incident.entity.add",
        "trafficking.incident.item.remove",
        "trafficking.incident.entity.remove",
    ]


def test_others_cannot_write(officers):
    incident = report(officers["kaz"])
    before = world()
    with pytest.raises(NotFound):  # Russia does not see Kazakhstan's OWNER incident
        services.incident_update(actor=officers["rus"], incident=incident, version=1, locality="X")
    incident.release = Release.MEMBERS
    incident.save(update_fields=["release"])
    before = world()
    with pytest.raises(PermissionDenied):  # sees it now, but it is not Russia's
        services.incident_status_change(
            actor=officers["rus"], incident=incident, status="closed", version=1
        )
    with pytest.raises(PermissionDenied):
        services.incident_item_add(
            actor=officers["rus"], incident=incident, kind="laser", serial_number="X1"
        )
    assert world() == before
