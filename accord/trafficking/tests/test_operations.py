"""Joint operations: access (participants see it, others 404), the write rules, linking
incidents, and the after-action figures computed from what the user may see."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.core.access import can_see
from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Release
from accord.trafficking.models import Incident, Operation, TracingRequest
from accord.trafficking.selectors import operations as selectors
from accord.trafficking.services import operations as services

pytestmark = pytest.mark.django_db


def _events() -> int:
    return AuditEvent.objects.count()


# --- Access ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("rus", True),  # lead party
        ("kaz", True),  # participating party, though the release is OWNER
        ("blr", False),  # another party
        ("arm", False),
        ("rus_norole", True),  # same party without the role still sees it
        ("rus_low", False),  # clearance below the marking
    ],
)
def test_who_sees_an_operation(officers, joint_operation, who, sees):
    user = officers[who]
    assert can_see(user, joint_operation) is sees
    assert Operation.objects.visible_to(user).filter(pk=joint_operation.pk).exists() is sees
    if not sees:
        with pytest.raises(NotFound):
            selectors.operation_get(actor=user, pk=joint_operation.pk)


def test_removed_participant_no_longer_sees_it(officers, joint_operation, party):
    services.participant_remove(
        actor=officers["rus"], operation=joint_operation, party=party("KAZ")
    )
    assert not can_see(officers["kaz"], joint_operation)


def test_members_release_lets_other_members_see(officers, joint_operation):
    services.operation_update(
        actor=officers["rus"],
        operation=joint_operation,
        version=joint_operation.version,
        release=Release.MEMBERS,
    )
    assert can_see(officers["blr"], joint_operation)


# --- Writes ----------------------------------------------------------------------------------


def test_create_makes_the_lead_party_owner_and_participant(officers, joint_operation):
    assert joint_operation.owner.code == "RUS"
    assert set(joint_operation.participants.values_list("party__code", flat=True)) == {
        "RUS",
        "KAZ",
    }
    assert AuditEvent.objects.filter(
        action="trafficking.operation.create", object_id=str(joint_operation.pk)
    ).exists()


def test_create_needs_the_officer_role(officers):
    before = _events()
    with pytest.raises(PermissionDenied):
        services.operation_create(
            actor=officers["rus_norole"], name="X", code="OP-X", starts_on=dt.date(2025, 1, 1)
        )
    assert not Operation.objects.filter(code="OP-X").exists()
    assert _events() == before


def test_create_refuses_a_period_that_ends_before_it_starts(officers):
    with pytest.raises(ValidationFailed) as exc:
        services.operation_create(
            actor=officers["rus"],
            name="X",
            code="OP-X",
            starts_on=dt.date(2025, 2, 1),
            ends_on=dt.date(2025, 1, 1),
        )
    assert exc.value.errors


def test_create_refuses_a_marking_above_clearance(officers):
    with pytest.raises(ValidationFailed) as exc:
        services.operation_create(
            actor=officers["rus_low"],
            name="X",
            code="OP-X",
            starts_on=dt.date(2025, 1, 1),
            classification=Classification.SECRET,
        )
    assert "classification" in exc.value.errors


def test_duplicate_reference_is_refused(officers, joint_operation):
    with pytest.raises(ValidationFailed) as exc:
        services.operation_create(
            actor=officers["kaz"], name="X", code="OP-TEST-1", starts_on=dt.date(2025, 1, 1)
        )
    assert "code" in exc.value.errors


def test_participant_cannot_edit_and_nothing_changes(officers, joint_operation):
    before = _events()
    with pytest.raises(PermissionDenied):
        services.operation_update(
            actor=officers["kaz"],
            operation=joint_operation,
            version=joint_operation.version,
            name="Renamed",
        )
    joint_operation.refresh_from_db()
    assert joint_operation.name == "Operation Test Frontier (fictional)"
    assert _events() == before


def test_outsider_gets_not_found_and_nothing_changes(officers, joint_operation):
    before = _events()
    with pytest.raises(NotFound):
        services.operation_update(
            actor=officers["blr"], operation=joint_operation, version=1, name="Renamed"
        )
    with pytest.raises(NotFound):
        services.operation_set_status(
            actor=officers["blr"], operation=joint_operation, status="active"
        )
    assert _events() == before


def test_stale_version_conflicts(officers, joint_operation):
    services.operation_update(
        actor=officers["rus"], operation=joint_operation, version=1, area="New area"
    )
    with pytest.raises(Conflict):
        services.operation_update(
            actor=officers["rus"], operation=joint_operation, version=1, area="Other"
        )
    joint_operation.refresh_from_db()
    assert joint_operation.area == "New area"


def test_status_moves_forward_only(officers, joint_operation):
    op = services.operation_set_status(
        actor=officers["rus"], operation=joint_operation, status="active"
    )
    assert op.status == "active"
    op = services.operation_set_status(actor=officers["rus"], operation=op, status="concluded")
    assert op.status == "concluded"
    with pytest.raises(Conflict):
        services.operation_set_status(actor=officers["rus"], operation=op, status="active")
    with pytest.raises(ValidationFailed):
        services.operation_set_status(actor=officers["rus"], operation=op, status="nonsense")


def test_summary_is_written_and_audited(officers, joint_operation):
    services.operation_summarise(
        actor=officers["rus"],
        operation=joint_operation,
        after_action_summary="Two shipments stopped.",
        version=joint_operation.version,
    )
    joint_operation.refresh_from_db()
    assert joint_operation.after_action_summary == "Two shipments stopped."
    assert AuditEvent.objects.filter(action="trafficking.operation.summarise").exists()


def test_lead_party_cannot_be_removed(officers, joint_operation, party):
    with pytest.raises(ValidationFailed):
        services.participant_remove(
            actor=officers["rus"], operation=joint_operation, party=party("RUS")
        )


# --- Linking incidents -----------------------------------------------------------------------


def test_participant_links_its_own_incident(officers, joint_operation, record_incident):
    incident = record_incident("KAZ")
    services.operation_link_incident(
        actor=officers["kaz"], operation=joint_operation, incident=incident.pk
    )
    incident.refresh_from_db()
    assert incident.operation_id == joint_operation.pk
    assert AuditEvent.objects.filter(action="trafficking.incident.link_operation").exists()


def test_lead_links_a_participant_incident_it_may_see(officers, joint_operation, record_incident):
    incident = record_incident("KAZ", release=Release.MEMBERS)
    services.operation_link_incident(
        actor=officers["rus"], operation=joint_operation, incident=incident
    )
    incident.refresh_from_db()
    assert incident.operation_id == joint_operation.pk


def test_an_incident_the_actor_may_not_see_is_not_found(officers, joint_operation, record_incident):
    incident = record_incident("KAZ", release=Release.OWNER)  # not released to Russia
    before = _events()
    with pytest.raises(NotFound):
        services.operation_link_incident(
            actor=officers["rus"], operation=joint_operation, incident=incident.pk
        )
    incident.refresh_from_db()
    assert incident.operation_id is None
    assert _events() == before


def test_an_incident_of_a_non_participant_is_refused(officers, joint_operation, record_incident):
    incident = record_incident("BLR", release=Release.MEMBERS)
    with pytest.raises(ValidationFailed):
        services.operation_link_incident(
            actor=officers["rus"], operation=joint_operation, incident=incident
        )
    incident.refresh_from_db()
    assert incident.operation_id is None


def test_a_participant_cannot_link_another_party_incident(
    officers, joint_operation, record_incident
):
    incident = record_incident("RUS", release=Release.MEMBERS)
    with pytest.raises(PermissionDenied):
        services.operation_link_incident(
            actor=officers["kaz"], operation=joint_operation, incident=incident
        )


def test_an_outsider_cannot_link(officers, joint_operation, record_incident):
    incident = record_incident("BLR")
    with pytest.raises(NotFound):
        services.operation_link_incident(
            actor=officers["blr"], operation=joint_operation, incident=incident
        )


def test_an_incident_linked_elsewhere_conflicts(officers, joint_operation, record_incident):
    other = services.operation_create(
        actor=officers["rus"], name="Other", code="OP-OTHER", starts_on=dt.date(2025, 1, 1)
    )
    incident = record_incident("RUS", operation=other)
    with pytest.raises(Conflict):
        services.operation_link_incident(
            actor=officers["rus"], operation=joint_operation, incident=incident
        )


def test_unlink(officers, joint_operation, record_incident):
    incident = record_incident("KAZ", operation=joint_operation)
    services.operation_unlink_incident(
        actor=officers["kaz"], operation=joint_operation, incident=incident
    )
    incident.refresh_from_db()
    assert incident.operation_id is None


def test_removing_a_party_with_linked_incidents_conflicts(
    officers, joint_operation, record_incident, party
):
    record_incident("KAZ", operation=joint_operation)
    with pytest.raises(Conflict):
        services.participant_remove(
            actor=officers["rus"], operation=joint_operation, party=party("KAZ")
        )


# --- After-action figures --------------------------------------------------------------------


def test_after_action_figures_count_what_each_party_may_see(
    officers, joint_operation, record_incident, party
):
    shared = record_incident(
        "RUS",
        kind="seizure",
        release=Release.MEMBERS,
        items=[("component", "AB-1", 3), ("uncrewed", "CD-2", 1)],
        entities=["Ivan Testov", "Test Trading LLC"],
        operation=joint_operation,
    )
    record_incident(
        "KAZ",
        kind="interdiction",
        release=Release.OWNER,  # Russia may not see it
        items=[("laser", "EF-3", 5)],
        entities=["Ivan Testov"],
        operation=joint_operation,
    )
    record_incident("RUS", kind="seizure", items=[("laser", "ZZ", 9)])  # not linked
    TracingRequest.objects.create(
        reference="T-TR-1",
        owner=party("RUS"),
        requested_party=party("BLR"),
        incident=shared,
        circumstances="Found at the border.",
        grounds="No export licence.",
        release=Release.OWNER,
    )

    rus = selectors.after_action_figures(actor=officers["rus"], operation=joint_operation)
    assert rus["incidents"] == 1
    assert rus["seizures"] == 1
    assert rus["item_records"] == 2
    assert rus["items"] == 4
    assert rus["items_seized"] == 4
    assert rus["entities"] == 2
    assert rus["tracing_requests"] == 1

    kaz = selectors.after_action_figures(actor=officers["kaz"], operation=joint_operation)
    assert kaz["incidents"] == 2
    assert kaz["seizures"] == 1
    assert kaz["items"] == 9
    assert kaz["items_seized"] == 4
    assert kaz["entities"] == 2  # Ivan Testov counted once
    assert kaz["tracing_requests"] == 0  # Russia's request is not released to Kazakhstan


def test_linkable_incidents(officers, joint_operation, record_incident):
    mine = record_incident("KAZ")
    theirs = record_incident("RUS", release=Release.MEMBERS)
    hidden = record_incident("KAZ", release=Release.OWNER)
    outsider = record_incident("BLR", release=Release.MEMBERS)
    kaz = set(selectors.linkable_incidents(actor=officers["kaz"], operation=joint_operation))
    assert mine in kaz and theirs not in kaz and outsider not in kaz
    rus = set(selectors.linkable_incidents(actor=officers["rus"], operation=joint_operation))
    assert theirs in rus and hidden not in rus and outsider not in rus
    assert Incident.objects.filter(operation__isnull=False).count() == 0


def test_list_counts_only_linked_incidents_the_user_may_see(
    officers, joint_operation, record_incident
):
    record_incident("KAZ", release=Release.OWNER, operation=joint_operation)
    record_incident("RUS", release=Release.MEMBERS, operation=joint_operation)
    counts = {
        who: selectors.operation_list(actor=officers[who]).get(pk=joint_operation.pk).incident_count
        for who in ("rus", "kaz")
    }
    assert counts == {"rus": 1, "kaz": 2}


def test_the_api_answers_an_operations_incidents_as_a_page(
    officers, joint_operation, record_incident, api_client
):
    from django.urls import reverse

    for _ in range(3):
        services.operation_link_incident(
            actor=officers["kaz"], operation=joint_operation, incident=record_incident("KAZ").pk
        )
    url = reverse("trafficking-api:operation-incidents", kwargs={"pk": joint_operation.pk})
    answer = api_client(officers["kaz"]).get(url, {"limit": 2}).json()
    assert answer["count"] == 3
    assert len(answer["results"]) == 2 and answer["next"]
    rest = api_client(officers["kaz"]).get(url, {"limit": 2, "offset": 2}).json()
    seen = {row["id"] for row in answer["results"]} | {row["id"] for row in rest["results"]}
    assert len(seen) == 3
