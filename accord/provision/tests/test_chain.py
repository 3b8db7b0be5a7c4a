"""The chain through the services: requirement -> commitment -> legal gate ->
authorisation and certificate -> consignment -> inspection -> discrepancy; the gate's
refusal reasons, the hold on re-review, signed inspections immutable, the register entry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Notification, Party
from accord.provision import services
from accord.provision.models import Commitment, Consignment, Discrepancy, Inspection
from accord.provision.tests.world import TODAY


def test_the_gate_refuses_naming_what_is_missing(world):
    commitment = world.commit()
    services.commitment_gate(actor=world.rus_legal, commitment=commitment)
    commitment.refresh_from_db()
    assert commitment.state == Commitment.State.GATE_REFUSED
    assert commitment.gate_reasons == [{"party": "KAZ", "status": "not_reviewed", "detail": ""}]
    assert "KAZ: no concluded joint review" in services.gate_reason_text(commitment.gate_reasons[0])
    assert AuditEvent.objects.filter(action="provision.commitment.gate_refused").count() == 1
    with pytest.raises(Conflict):  # no papers before the gate
        services.authorisation_record(
            actor=world.rus_legal,
            commitment=commitment,
            number="X",
            authority="A",
            valid_from=TODAY,
            valid_until=TODAY,
            items="i",
            risk_assessment="r",
            decision="granted",
            reasons="r",
        )


def test_the_gate_refuses_an_unlawful_conclusion_and_passes_with_conditions(world):
    world.clear("unlawful")
    commitment = world.commit()
    services.commitment_gate(actor=world.rus_legal, commitment=commitment)
    commitment.refresh_from_db()
    assert commitment.gate_reasons[0]["status"] == "unlawful"
    world.clear("lawful_with_conditions")  # a newer review
    services.commitment_gate(actor=world.rus_legal, commitment=commitment)
    commitment.refresh_from_db()
    assert commitment.state == Commitment.State.CLEARED
    assert commitment.assurances == ["Only under human control."]


def test_only_the_suppliers_legal_adviser_passes_the_gate(world, make_user):
    world.clear()
    commitment = world.commit()
    with pytest.raises(PermissionDenied):
        services.commitment_gate(actor=world.rus, commitment=commitment)
    with pytest.raises(PermissionDenied):
        services.commitment_gate(
            actor=make_user("KAZ", roles=["legal_adviser"]), commitment=commitment
        )
    with pytest.raises(NotFound):  # Armenia does not see the commitment
        services.commitment_gate(
            actor=make_user("ARM", roles=["legal_adviser"]), commitment=commitment
        )
    commitment.refresh_from_db()
    assert commitment.state == Commitment.State.PROPOSED


def test_no_delivery_without_papers(world):
    world.clear()
    commitment = world.commit()
    services.commitment_gate(actor=world.rus_legal, commitment=commitment)
    with pytest.raises(Conflict):
        services.consignment_record(
            actor=world.rus, commitment=commitment, reference="CN", dispatched_on=TODAY
        )
    assert not Consignment.objects.exists()


def test_the_whole_chain_to_a_discrepancy(world):
    world.clear()
    commitment = world.authorise(world.commit())
    assert commitment.state == Commitment.State.AUTHORISED
    with pytest.raises(Conflict):  # the certificate is not valid yet
        services.consignment_record(
            actor=world.rus,
            commitment=commitment,
            reference="CN-0",
            dispatched_on=dt.date(2025, 1, 1),
        )
    consignment = world.deliver(commitment, ["SN-1", "SN-2", "SN-3"])
    assert consignment.state == Consignment.State.DELIVERED
    inspection = services.inspection_record(
        actor=world.kaz,
        consignment=consignment,
        inspected_on=TODAY,
        received_serials=["sn-1", "SN-3", "SN-9"],
        damaged_serials=["SN-3"],
    )
    assert inspection.result == {
        "matched": ["SN-1"],
        "missing": ["SN-2"],
        "extra": ["SN-9"],
        "damaged": ["SN-3"],
    }
    services.inspection_sign(actor=world.kaz, inspection=inspection)
    with pytest.raises(Conflict):  # one signature per side
        services.inspection_sign(actor=world.kaz, inspection=inspection)
    assert not Discrepancy.objects.exists()
    services.inspection_sign(actor=world.rus, inspection=inspection)
    inspection.refresh_from_db()
    assert inspection.state == Inspection.State.SIGNED
    kinds = sorted(d.kind for d in Discrepancy.objects.all())
    assert kinds == ["damage", "overage", "shortage"]
    assert Notification.objects.filter(kind="provision.discrepancy").exists()
    shortage = Discrepancy.objects.get(kind="shortage")
    assert shortage.serials == ["SN-2"] and shortage.due_on > timezone.localdate()
    with pytest.raises(ValidationFailed):
        services.discrepancy_advance(
            actor=world.rus, discrepancy=shortage, version=1, state="resolved"
        )
    services.discrepancy_advance(
        actor=world.rus,
        discrepancy=shortage,
        version=1,
        state="resolved",
        resolution="Found in the second truck.",
    )
    with pytest.raises(Conflict):  # stale version
        services.discrepancy_advance(
            actor=world.rus, discrepancy=shortage, version=1, state="investigating"
        )


def test_signed_inspections_are_immutable_and_only_superseded(world):
    world.clear()
    consignment = world.deliver(world.authorise(world.commit()), ["A1", "A2"])
    inspection = services.inspection_record(
        actor=world.kaz, consignment=consignment, inspected_on=TODAY, received_serials=["A1"]
    )
    services.inspection_update(
        actor=world.kaz, inspection=inspection, received_serials=["A1", "A2"]
    )
    services.inspection_sign(actor=world.kaz, inspection=inspection)
    with pytest.raises(Conflict):
        services.inspection_update(actor=world.kaz, inspection=inspection, received_serials=[])
    services.inspection_sign(actor=world.rus, inspection=inspection)
    with pytest.raises(Conflict):
        services.inspection_update(actor=world.rus, inspection=inspection, received_serials=[])
    with pytest.raises(Conflict):  # a second inspection must supersede the first
        services.inspection_record(actor=world.kaz, consignment=consignment, inspected_on=TODAY)
    newer = services.inspection_record(
        actor=world.kaz,
        consignment=consignment,
        inspected_on=TODAY,
        received_serials=["A1", "A2"],
        supersedes=inspection,
    )
    inspection.refresh_from_db()
    assert inspection.state == Inspection.State.SUPERSEDED
    assert inspection.received_serials == ["A1", "A2"] and newer.supersedes_id == inspection.pk


def test_a_rereview_holds_further_deliveries_and_notifies(world):
    review = world.clear()
    commitment = world.authorise(world.commit())
    from accord.expertise.models import Review

    Review.objects.filter(pk=review.pk).update(
        rereview_marked_at=timezone.now(), rereview_reason="New evidence"
    )
    with pytest.raises(Conflict) as refused:
        services.consignment_record(
            actor=world.rus, commitment=commitment, reference="CN", dispatched_on=TODAY
        )
    assert "re-review" in str(refused.value.message)
    assert services.clearances_recheck() == 1
    commitment.refresh_from_db()
    assert commitment.on_hold and commitment.hold_reasons[0]["status"] == "needs_rereview"
    told = set(
        Notification.objects.filter(kind="provision.hold").values_list(
            "recipient__party__code", flat=True
        )
    )
    assert told == {"RUS", "KAZ"}
    assert services.clearances_recheck() == 0  # safe to run twice
    world.clear()  # a fresh concluded review lifts the hold
    assert services.clearances_recheck() == 1
    commitment.refresh_from_db()
    assert not commitment.on_hold


def test_delivered_serials_enter_the_title_holders_register(world):
    from accord.trafficking.models.items import Item

    world.clear()
    consignment = world.deliver(world.authorise(world.commit()), ["R-1", "R-2"])
    line = consignment.lines.get()
    with pytest.raises(PermissionDenied):  # the supplier is not the title holder
        services.line_items_register(actor=world.rus, line=line)
    ids = services.line_items_register(actor=world.kaz_customs, line=line)
    items = Item.objects.filter(pk__in=ids)
    assert sorted(i.serial_number for i in items) == ["R-1", "R-2"]
    assert {i.owner.code for i in items} == {"KAZ"} and {i.system_id for i in items} == {
        world.system.pk
    }
    assert services.line_items_register(actor=world.kaz_customs, line=line) == ids
    assert Item.objects.count() == 2


def test_requirement_needs_the_role_and_a_receiving_party(world, make_user):
    with pytest.raises(PermissionDenied):
        services.requirement_create(
            actor=world.rus,
            capability="x",
            quantity=1,
            needed_by=TODAY,
            receiving_parties=[Party.objects.get(code="KAZ")],
        )
    with pytest.raises(ValidationFailed):
        services.requirement_create(
            actor=world.sec, capability="x", quantity=1, needed_by=TODAY, receiving_parties=[]
        )
    updated = services.requirement_update(
        actor=world.sec, requirement=world.requirement, version=1, quantity=12
    )
    assert updated.version == 2
    with pytest.raises(Conflict):
        services.requirement_update(
            actor=world.sec, requirement=world.requirement, version=1, quantity=13
        )
