"""Pages and API of joint operations: access (404 for outsiders), the steps end to end,
pinned query counts, the module home page and a Russian page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from accord.core.models import AuditEvent, Classification, Release
from accord.trafficking.models import Incident, Operation
from accord.trafficking.services import operations as services

pytestmark = pytest.mark.django_db


# --- Pages -----------------------------------------------------------------------------------


def test_module_home_counts_and_links(client, officers, joint_operation):
    client.force_login(officers["kaz"])
    response = client.get(reverse("trafficking:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="count-operations"' in html
    assert reverse("trafficking:operations") in html
    assert reverse("trafficking:dashboard") in html
    assert 'data-testid="trafficking-subnav"' in html


def test_operation_page_for_participants_404_for_others(client, officers, joint_operation):
    url = reverse("trafficking:operation", args=[joint_operation.pk])
    for who, expected in (("rus", 200), ("kaz", 200), ("blr", 404), ("rus_low", 404)):
        client.force_login(officers[who])
        assert client.get(url).status_code == expected, who


def test_list_shows_only_visible_operations(client, officers, joint_operation):
    client.force_login(officers["blr"])
    assert "OP-TEST-1" not in client.get(reverse("trafficking:operations")).content.decode()
    client.force_login(officers["kaz"])
    assert "OP-TEST-1" in client.get(reverse("trafficking:operations")).content.decode()


def test_list_query_count_is_pinned(client, officers, django_assert_max_num_queries):
    for n in range(15):
        services.operation_create(
            actor=officers["rus"], name=f"Op {n}", code=f"OP-{n}", starts_on=dt.date(2025, 1, 1)
        )
    client.force_login(officers["rus"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("trafficking:operations"))
    assert response.content.decode().count('data-testid="operation-') >= 15


def test_plan_an_operation_through_the_page(client, officers):
    client.force_login(officers["kaz"])
    response = client.post(
        reverse("trafficking:operation-new"),
        {
            "name": "Steppe Watch (fictional)",
            "code": "OP-STEPPE",
            "starts_on": "2025-05-01",
            "ends_on": "2025-05-31",
            "area": "Test area",
            "objectives": "Test objectives",
            "classification": Classification.RESTRICTED,
            "release": Release.OWNER,
            "agencies": "Border service (test)",
        },
    )
    operation = Operation.objects.get(code="OP-STEPPE")
    assert response.status_code == 302
    assert response["Location"] == reverse("trafficking:operation", args=[operation.pk])
    assert operation.owner.code == "KAZ"


def test_bad_input_on_the_page_is_a_400_naming_the_field(client, officers):
    client.force_login(officers["kaz"])
    response = client.post(
        reverse("trafficking:operation-new"),
        {
            "name": "X",
            "code": "OP-X",
            "starts_on": "2025-05-31",
            "ends_on": "2025-05-01",
            "classification": Classification.RESTRICTED,
            "release": Release.OWNER,
        },
    )
    assert response.status_code == 400
    assert not Operation.objects.filter(code="OP-X").exists()


def test_page_steps_status_participant_link_summary(
    client, officers, joint_operation, record_incident, party
):
    pk = joint_operation.pk
    client.force_login(officers["rus"])
    client.post(
        reverse("trafficking:operation-participant-add", args=[pk]),
        {"party": party("BLR").pk, "agencies": "Test customs"},
    )
    assert joint_operation.participants.filter(party__code="BLR").exists()
    client.post(
        reverse("trafficking:operation-status", args=[pk]), {"status": "active", "version": 1}
    )
    joint_operation.refresh_from_db()
    assert joint_operation.status == "active"
    incident = record_incident("RUS", items=[("laser", "L-1", 2)])
    client.post(
        reverse("trafficking:operation-incident-link", args=[pk]), {"incident": incident.pk}
    )
    incident.refresh_from_db()
    assert incident.operation_id == pk
    client.post(
        reverse("trafficking:operation-summary", args=[pk]),
        {"after_action_summary": "Done.", "version": joint_operation.version},
    )
    joint_operation.refresh_from_db()
    assert joint_operation.after_action_summary == "Done."
    page = client.get(reverse("trafficking:operation", args=[pk])).content.decode()
    assert 'data-testid="figure-items-seized">2<' in page
    assert f'data-testid="linked-{incident.reference}"' in page


def test_participant_page_refusal_shows_a_message_and_changes_nothing(
    client, officers, joint_operation
):
    client.force_login(officers["kaz"])
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("trafficking:operation-status", args=[joint_operation.pk]),
        {"status": "active", "version": 1},
        follow=True,
    )
    assert response.status_code == 200
    joint_operation.refresh_from_db()
    assert joint_operation.status == "planned"
    assert AuditEvent.objects.count() == before


def test_outsider_post_is_404(client, officers, joint_operation):
    client.force_login(officers["blr"])
    response = client.post(
        reverse("trafficking:operation-status", args=[joint_operation.pk]),
        {"status": "active", "version": 1},
    )
    assert response.status_code == 404


def test_operation_page_in_russian(client, officers, joint_operation):
    client.force_login(officers["kaz"])
    response = client.get(
        reverse("trafficking:operation", args=[joint_operation.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 200
    assert '<html lang="ru">' in response.content.decode()


# --- API -------------------------------------------------------------------------------------


def test_api_create_link_figures(api_client, officers, record_incident, party):
    api = api_client(officers["rus"])
    response = api.post(
        "/api/v1/trafficking/operations/",
        {
            "name": "Api Op (fictional)",
            "code": "OP-API",
            "starts_on": "2025-06-01",
            "agencies": "Customs (test)",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = api.post(
        f"/api/v1/trafficking/operations/{pk}/participants/",
        {"party": "KAZ", "agencies": "Test"},
        format="json",
    )
    assert response.status_code == 200
    assert {p["party"] for p in response.json()["participants"]} == {"RUS", "KAZ"}
    incident = record_incident("KAZ", release=Release.MEMBERS, items=[("laser", "A", 3)])
    linkable = api.get(f"/api/v1/trafficking/operations/{pk}/linkable-incidents/").json()
    assert [row["reference"] for row in linkable["results"]] == [incident.reference]
    response = api.post(
        f"/api/v1/trafficking/operations/{pk}/incidents/", {"incident": incident.pk}, format="json"
    )
    assert response.status_code == 200
    assert [row["reference"] for row in response.json()] == [incident.reference]
    figures = api.get(f"/api/v1/trafficking/operations/{pk}/figures/").json()
    assert figures["seizures"] == 1 and figures["items_seized"] == 3
    response = api.post(
        f"/api/v1/trafficking/operations/{pk}/status/", {"status": "concluded"}, format="json"
    )
    assert response.status_code == 409
    response = api.patch(
        f"/api/v1/trafficking/operations/{pk}/", {"version": 99, "name": "X"}, format="json"
    )
    assert response.status_code == 409


def test_api_outsider_gets_404_and_hidden_incident_404(
    api_client, officers, joint_operation, record_incident
):
    pk = joint_operation.pk
    outsider = api_client(officers["blr"])
    assert outsider.get(f"/api/v1/trafficking/operations/{pk}/").status_code == 404
    assert outsider.get(f"/api/v1/trafficking/operations/{pk}/figures/").status_code == 404
    hidden = record_incident("KAZ", release=Release.OWNER)
    response = api_client(officers["rus"]).post(
        f"/api/v1/trafficking/operations/{pk}/incidents/", {"incident": hidden.pk}, format="json"
    )
    assert response.status_code == 404
    assert Incident.objects.get(pk=hidden.pk).operation_id is None


def test_api_bad_input_is_400(api_client, officers):
    response = api_client(officers["rus"]).post(
        "/api/v1/trafficking/operations/", {"name": "X", "starts_on": "nope"}, format="json"
    )
    assert response.status_code == 400
    assert "starts_on" in response.json()["errors"]


def test_api_list_query_count_is_pinned(api_client, officers, django_assert_max_num_queries):
    for n in range(15):
        services.operation_create(
            actor=officers["rus"], name=f"Op {n}", code=f"OP-{n}", starts_on=dt.date(2025, 1, 1)
        )
    api = api_client(officers["rus"])
    with django_assert_max_num_queries(10):
        response = api.get("/api/v1/trafficking/operations/")
    assert response.json()["count"] == 15


def test_module_home_query_count_is_pinned(
    client, officers, record_incident, django_assert_max_num_queries
):
    for _n in range(10):
        record_incident("RUS")
    client.force_login(officers["rus"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("trafficking:index"))
    assert 'data-testid="count-incidents"><th scope="row">Incidents</th><td>10<' in (
        response.content.decode()
    )


def test_stale_edit_on_the_page_says_so_and_keeps_the_newer_data(client, officers, joint_operation):
    services.operation_update(
        actor=officers["rus"], operation=joint_operation, version=1, area="Newer area"
    )
    client.force_login(officers["rus"])
    response = client.post(
        reverse("trafficking:operation-edit", args=[joint_operation.pk]),
        {
            "version": 1,
            "name": "Stale",
            "code": "OP-TEST-1",
            "starts_on": "2025-03-01",
            "classification": Classification.RESTRICTED,
            "release": Release.OWNER,
        },
    )
    assert response.status_code == 400
    assert 'data-testid="form-errors"' in response.content.decode()
    joint_operation.refresh_from_db()
    assert (joint_operation.name, joint_operation.area) != ("Stale", "")
    assert joint_operation.area == "Newer area"
