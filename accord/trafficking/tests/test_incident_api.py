"""The incidents API and pages: reporting through HTTP, the access matrix (other party,
same party without the role, with the role, each release), what a hit shows across the
release boundary, pinned query counts, the report form, the detail page with its tracing
link, the correlation page, and a page in Russian."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.urls import reverse

from accord.core.models import AuditEvent, Classification, Release
from accord.core.tests.queries import assert_flat
from accord.trafficking.models import Incident, IncidentItem
from accord.trafficking.services import incidents as services
from accord.trafficking.services.items import item_register

pytestmark = pytest.mark.django_db

BODY = {
    "kind": "seizure",
    "occurred_on": "2025-04-01",
    "country": "KAZ",
    "locality": "Fictional post",
    "route": ["UZB", "KAZ"],
    "items": [{"kind": "component", "serial_number": "Q-100", "quantity": 1}],
    "entities": [{"kind": "organisation", "name": "Fictional Freight LLC", "role": "carrier"}],
}


def api(name: str, **kwargs: Any) -> str:
    return reverse(f"trafficking-api:{name}", kwargs=kwargs)


def page(name: str, **kwargs: Any) -> str:
    return reverse(f"trafficking:{name}", kwargs=kwargs)


def test_report_read_change_through_the_api(officers, api_client):
    client = api_client(officers["kaz"])
    answer = client.post(api("incidents"), BODY, format="json")
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["reference"].startswith("INC-KAZ-")
    assert body["items"][0]["serial_norm"] == "Q100"
    assert body["hits"] == []
    pk = body["id"]
    answer = client.patch(api("incident", pk=pk), {"version": 1, "locality": "X"}, format="json")
    assert answer.status_code == 200 and answer.json()["version"] == 2
    answer = client.patch(api("incident", pk=pk), {"version": 1, "locality": "Y"}, format="json")
    assert answer.status_code == 409
    answer = client.post(
        api("incident-status", pk=pk), {"version": 2, "status": "closed"}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["status"] == "closed"
    answer = client.post(
        api("incident-items", pk=pk), {"kind": "laser", "serial_number": "L-1"}, format="json"
    )
    assert answer.status_code == 201 and len(answer.json()["items"]) == 2
    row = IncidentItem.objects.get(serial_norm="L1")
    assert client.delete(api("incident-item", pk=row.pk)).status_code == 204
    answer = client.post(
        api("incident-entities", pk=pk), {"kind": "person", "name": "A B"}, format="json"
    )
    assert answer.status_code == 201
    assert client.get(api("incident-links", pk=pk)).status_code == 200
    assert client.get(api("correlation")).status_code == 200


def test_bad_input_answers_400_naming_the_row(officers, api_client):
    client = api_client(officers["kaz"])
    body = {**BODY, "items": [{"kind": "component", "serial_number": ""}]}
    answer = client.post(api("incidents"), body, format="json", HTTP_ACCEPT_LANGUAGE="ru")
    assert answer.status_code == 400
    assert "items.0.serial_number" in answer.json()["errors"]
    answer = client.post(api("incidents"), {**BODY, "route": ["KAZ", "??"]}, format="json")
    assert answer.status_code == 400
    assert Incident.objects.count() == 0


@pytest.mark.parametrize(
    "release,viewer,sees",
    [
        (Release.OWNER, "kaz", True),
        (Release.OWNER, "rus", False),
        (Release.OWNER, "rus_norole", False),
        (Release.MEMBERS, "rus", True),
        (Release.MEMBERS, "rus_norole", True),
        (Release.LISTED, "blr", True),
        (Release.LISTED, "rus", False),
    ],
)
def test_access_matrix(officers, api_client, party, release, viewer, sees):
    incident = services.incident_report(
        actor=officers["kaz"],
        kind="seizure",
        occurred_on=dt.date(2025, 4, 1),
        country="KAZ",
        release=release,
        released_to=[party("BLR")] if release == Release.LISTED else [],
        items=[{"kind": "component", "serial_number": "ACC-1"}],
    )
    client = api_client(officers[viewer])
    assert client.get(api("incident", pk=incident.pk)).status_code == (200 if sees else 404)
    listed = [row["id"] for row in client.get(api("incidents")).json()["results"]]
    assert (incident.pk in listed) is sees
    # Nobody but Kazakhstan's officers may change it; a refusal changes and records nothing.
    if viewer != "kaz":
        events = AuditEvent.objects.count()
        answer = client.patch(
            api("incident", pk=incident.pk), {"version": 1, "locality": "X"}, format="json"
        )
        assert answer.status_code == (403 if sees else 404)
        incident.refresh_from_db()
        assert incident.version == 1 and incident.locality == ""
        assert AuditEvent.objects.count() == events


def test_low_clearance_does_not_see_restricted(officers, api_client):
    incident = services.incident_report(
        actor=officers["rus"],
        kind="theft",
        occurred_on=dt.date(2025, 4, 1),
        country="RUS",
        classification=Classification.RESTRICTED,
    )
    client = api_client(officers["rus_low"])
    assert client.get(api("incident", pk=incident.pk)).status_code == 404


def test_hit_boundary_in_the_api_and_page(officers, api_client, client):
    item_register(
        actor=officers["rus"],
        kind="component",
        serial_number="Q100",
        status="stolen",
        release=Release.OWNER,
    )
    answer = api_client(officers["kaz"]).post(api("incidents"), BODY, format="json")
    hits = answer.json()["hits"]
    assert hits == [
        {
            "incident_item": hits[0]["incident_item"],
            "party": "RUS",
            "disclosed": False,
            "item": None,
            "exact": False,
            "score": None,
            "reasons": [],
        }
    ]
    client.force_login(officers["kaz"])
    html = client.get(page("incident", pk=answer.json()["id"])).content.decode()
    assert "RUS" in html and "Q100" not in html.replace("Q-100", "")
    assert "/tracing/new/?incident_item=" in html and "party=RUS" in html


def test_list_query_count_is_pinned(officers, api_client, client):
    """The list shows every incident; 12 more cost no more queries."""
    made = itertools.count()

    def grow() -> None:
        for _ in range(6):
            n = next(made)
            services.incident_report(
                actor=officers["kaz"],
                kind="seizure",
                occurred_on=dt.date(2025, 1, 1 + n),
                country="KAZ",
                items=[{"kind": "component", "serial_number": f"QC-{n}"}],
                entities=[{"kind": "person", "name": f"Person {n}"}],
            )

    grow()
    api = api_client(officers["kaz"])
    assert_flat(
        lambda: api.get(reverse("trafficking-api:incidents")),
        grow,
        rows=lambda response: len(response.json()["results"]),
        at_most=8,
    )
    client.force_login(officers["kaz"])
    assert_flat(
        lambda: client.get(page("incidents")),
        grow,
        rows=lambda response: sum(
            reference in response.content.decode()
            for reference in Incident.objects.values_list("reference", flat=True)
        ),
        at_most=14,
    )


def test_report_form_and_pages(officers, client):
    client.force_login(officers["kaz"])
    assert client.get(page("incident-new")).status_code == 200
    form = {
        "kind": "seizure",
        "occurred_on": "2025-04-02",
        "country": "kaz",
        "route": "CHN KAZ",
        "classification": "1",
        "release": "members",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-0-kind": "component",
        "items-0-serial_number": "FORM-1",
        "items-0-quantity": "2",
        "items-1-kind": "",
        "items-1-quantity": "1",
        "entities-TOTAL_FORMS": "1",
        "entities-INITIAL_FORMS": "0",
        "entities-0-kind": "person",
        "entities-0-name": "Form Person",
        "entities-0-role": "courier",
    }
    more = client.post(page("incident-new"), {**form, "more_items": "1"})
    assert more.status_code == 200 and b"items-4-serial_number" in more.content
    answer = client.post(page("incident-new"), form)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    incident = Incident.objects.get()
    assert incident.items.get().quantity == 2
    assert incident.entities.get().role == "courier"
    detail = client.get(answer["Location"])
    assert detail.status_code == 200 and b"FORM-1" in detail.content
    assert client.get(page("incident-edit", pk=incident.pk)).status_code == 200
    answer = client.post(
        page("incident-status", pk=incident.pk), {"version": 1, "status": "closed"}
    )
    assert answer.status_code == 302
    incident.refresh_from_db()
    assert incident.status == "closed"
    assert client.get(page("correlation")).status_code == 200
    assert client.get(page("incident-misp", pk=incident.pk)).status_code == 200
    # A bad row keeps the form, names the problem, stores nothing more.
    bad = {**form, "items-0-quantity": "0"}
    assert client.post(page("incident-new"), bad).status_code == 400
    assert Incident.objects.count() == 1
    # Another party's officer: 404 on the page of an OWNER incident? It is released to members.
    client.force_login(officers["rus"])
    assert client.get(page("incident", pk=incident.pk)).status_code == 200
    assert client.get(page("incident-edit", pk=incident.pk)).status_code == 403


def test_pages_in_russian(officers, client):
    incident = services.incident_report(
        actor=officers["kaz"],
        kind="seizure",
        occurred_on=dt.date(2025, 4, 1),
        country="KAZ",
        items=[{"kind": "component", "serial_number": "RU-1"}],
    )
    client.force_login(officers["kaz"])
    for url in (page("incidents"), page("incident", pk=incident.pk), page("correlation")):
        answer = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
        assert answer.status_code == 200
        assert 'lang="ru"' in answer.content.decode()
