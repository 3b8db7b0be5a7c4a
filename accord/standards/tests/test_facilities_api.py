"""The facilities API end to end: register, assess, autosave, complete, plan; the access
matrix; query counts of the list endpoints; the OpenAPI schema."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest

from accord.core.models import AuditEvent
from accord.core.tests.queries import assert_flat
from accord.standards.models import Facility
from accord.standards.services import facilities as services
from accord.standards.tests import test_facilities_world as world

pytestmark = pytest.mark.django_db
BASE = "/api/v1/standards"


@pytest.fixture
def people(make_user):
    return world.make_people(make_user)


@pytest.fixture
def version(db):
    return world.build_standard()


def test_an_assessment_end_to_end(api_client, people, version):
    client = api_client(people["rus"])
    created = client.post(
        f"{BASE}/facilities/",
        {"name": "Port Terminal (fictional)", "sector": "transport", "protection_class": "PC3"},
        format="json",
    )
    assert created.status_code == 201, created.content
    facility = created.json()
    assert facility["classification"] == 2 and facility["release"] == "owner"
    started = client.post(
        f"{BASE}/facilities/{facility['id']}/assessments/",
        {"standard_version": version.pk},
        format="json",
    )
    assert started.status_code == 201
    assessment = started.json()
    assert (assessment["total"], assessment["answered"]) == (6, 0)
    for clause in services.requirements_of(version):
        saved = client.post(
            f"{BASE}/assessments/{assessment['id']}/answers/",
            {"clause": clause.pk, "status": "implemented", "maturity": 5},
            format="json",
        )
        assert saved.status_code == 200, saved.content
    stale = client.post(
        f"{BASE}/assessments/{assessment['id']}/answers/",
        {"clause": clause.pk, "expected_version": 0, "status": "partly"},
        format="json",
    )
    assert stale.status_code == 409
    bad = client.post(
        f"{BASE}/assessments/{assessment['id']}/answers/",
        {"clause": clause.pk, "expected_version": 1, "status": "not_applicable"},
        format="json",
    )
    assert bad.status_code == 400 and "justification" in bad.json()["errors"]
    done = client.post(
        f"{BASE}/assessments/{assessment['id']}/complete/", {"version": 1}, format="json"
    )
    assert done.status_code == 200 and done.json()["score"] == "100.00"
    action = client.post(
        f"{BASE}/assessments/{assessment['id']}/actions/",
        {"title": "Drill the response team", "due_date": "2001-01-01"},
        format="json",
    )
    assert action.status_code == 201 and action.json()["overdue"] is True
    moved = client.post(
        f"{BASE}/actions/{action.json()['id']}/status/",
        {"version": 1, "status": "done"},
        format="json",
    )
    assert moved.status_code == 200 and moved.json()["overdue"] is False
    again = client.post(f"{BASE}/assessments/{assessment['id']}/reassess/", {}, format="json")
    assert again.status_code == 201 and again.json()["answered"] == 6


@pytest.mark.parametrize(("viewer", "status"), [("kaz", 404), ("sec", 404), ("rus_plain", 403)])
def test_denied_writes_change_nothing(api_client, people, version, viewer, status):
    facility = world.register_facility(people["rus"])
    assessment = services.assessment_start(
        actor=people["rus"], facility=facility, standard_version=version
    )
    clause = services.requirements_of(version)[0]
    client = api_client(people[viewer])
    before = AuditEvent.objects.count()
    responses = [
        client.patch(
            f"{BASE}/facilities/{facility.pk}/", {"version": 1, "name": "X"}, format="json"
        ),
        client.post(
            f"{BASE}/assessments/{assessment.pk}/answers/",
            {"clause": clause.pk, "status": "implemented"},
            format="json",
        ),
        client.post(f"{BASE}/assessments/{assessment.pk}/complete/", {"version": 1}, format="json"),
    ]
    assert [r.status_code for r in responses] == [status] * 3
    facility.refresh_from_db()
    assert facility.name.startswith("Northern") and not assessment.answers.exists()
    assert AuditEvent.objects.count() == before


def test_reads_of_another_party_answer_404(api_client, people, version):
    facility = world.register_facility(people["rus"])
    assessment = services.assessment_start(
        actor=people["rus"], facility=facility, standard_version=version
    )
    client = api_client(people["kaz"])
    assert client.get(f"{BASE}/facilities/{facility.pk}/").status_code == 404
    assert client.get(f"{BASE}/assessments/{assessment.pk}/").status_code == 404
    assert client.get(f"{BASE}/facilities/").json()["results"] == []
    assert client.get(f"{BASE}/actions/").json()["results"] == []


def test_list_endpoints_have_a_fixed_number_of_queries(api_client, people, version):
    """Each list answers every facility or action; more of them cost no more queries."""
    made = itertools.count()

    def grow() -> None:
        for _ in range(3):
            n = next(made)
            facility = world.register_facility(people["rus"], name=f"Site {n} (fictional)")
            assessment = services.assessment_start(
                actor=people["rus"], facility=facility, standard_version=version
            )
            services.action_create(
                actor=people["rus"], assessment=assessment, title=f"Act {n}", due_date="2001-01-01"
            )

    def rows(response: Any) -> int:
        assert response.status_code == 200
        found = re.findall(r"Site \d+ \(fictional\)|Act \d+", response.content.decode())
        return len(set(found))

    grow()
    client = api_client(people["rus"])
    for url in (f"{BASE}/facilities/", f"{BASE}/actions/"):
        assert_flat(lambda url=url: client.get(url), grow, rows=rows, at_most=15)
    # The aggregates count, not list: the overdue actions counted grow, the queries do not.
    aggregates = f"{BASE}/aggregates/"
    assert_flat(
        lambda: client.get(aggregates),
        grow,
        rows=lambda response: response.json()["overdue_actions"],
        at_most=15,
    )


def test_the_openapi_schema_describes_the_endpoints(client, people):
    client.force_login(people["rus"])
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    assert f"{BASE}/facilities/{{id}}/assessments/" in paths
    assert f"{BASE}/assessments/{{id}}/answers/" in paths
    assert f"{BASE}/aggregates/" in paths


def test_facility_marking_cannot_exceed_the_actor_clearance(api_client, people):
    client = api_client(people["rus_low"])
    response = client.post(
        f"{BASE}/facilities/",
        {"name": "Low (fictional)", "sector": "water", "protection_class": "PC1"},
        format="json",
    )
    assert response.status_code == 400  # CONFIDENTIAL by default, above a RESTRICTED clearance
    assert not Facility.objects.exists()
