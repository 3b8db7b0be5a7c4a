"""Seeing an incident does not mean seeing what it links to: a third party the incident is
released to gets no id of the reporter's register item, watchlist entity or joint
operation that it may not see (API), nor the operation's name (page)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from accord.core.models import Party, Release
from accord.trafficking.services.incidents import incident_report
from accord.trafficking.services.operations import operation_create
from accord.trafficking.services.watchlist import entity_create
from accord.trafficking.tests.test_items_world import make_officers, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(make_user: Any) -> tuple[Any, dict[str, Any]]:
    people = make_officers(make_user)
    rus = people["rus"]
    register(rus, "LNK-0001")  # owner-only register item of the reporter
    entity = entity_create(
        actor=rus, kind="person", name="Fictional Courier Linkov", reason="Demo listing"
    )
    operation = operation_create(
        actor=rus,
        name="Operation Hidden Name (fictional)",
        code="OP-HIDDEN",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    reported = incident_report(
        actor=rus,
        kind="seizure",
        occurred_on=dt.date(2026, 3, 1),
        country="RUS",
        operation=operation.pk,
        release=Release.LISTED,
        released_to=[Party.objects.get(code="KAZ")],
        items=[{"kind": "uncrewed", "serial_number": "LNK-0001", "quantity": 1}],
        entities=[
            {
                "kind": "person",
                "name": "Fictional Courier Linkov",
                "role": "courier",
                "entity": entity.pk,
            }
        ],
    )
    return reported, people


def test_reporter_sees_its_links(api_client: Any, incident: tuple[Any, dict[str, Any]]) -> None:
    reported, people = incident
    body = api_client(people["rus"]).get(f"/api/v1/trafficking/incidents/{reported.pk}/").json()
    assert body["items"][0]["item"] is not None
    assert body["entities"][0]["entity"] is not None
    assert body["operation"] == reported.operation_id


def test_third_party_gets_no_id_of_what_it_may_not_see(
    api_client: Any, client: Any, incident: tuple[Any, dict[str, Any]]
) -> None:
    reported, people = incident
    kaz = people["kaz"]
    body = api_client(kaz).get(f"/api/v1/trafficking/incidents/{reported.pk}/").json()
    assert body["reference"] == reported.reference  # the incident itself is released to KAZ
    assert body["items"][0]["item"] is None
    assert body["entities"][0]["entity"] is None
    assert body["operation"] is None
    listing = api_client(kaz).get("/api/v1/trafficking/incidents/").json()
    row = next(r for r in listing["results"] if r["id"] == reported.pk)
    assert row["operation"] is None

    client.force_login(kaz)
    page = client.get(reverse("trafficking:incident", kwargs={"pk": reported.pk}))
    assert page.status_code == 200
    assert "Operation Hidden Name" not in page.content.decode()
