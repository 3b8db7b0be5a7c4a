"""OSCAL assessment results: the export validates against NIST's schema, and imports back
into an assessment with the same answers."""

from __future__ import annotations

import copy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.core.errors import ValidationFailed
from accord.standards.models import AssessmentAnswer
from accord.standards.oscal.assessment import assessment_import, export_assessment, validate
from accord.standards.services import facilities as services
from accord.standards.tests import test_facilities_world as world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    return world.make_people(make_user)


@pytest.fixture
def version(db):
    return world.build_standard()


@pytest.fixture
def assessment(people, version):
    actor = people["rus"]
    facility = world.register_facility(actor)
    assessment = services.assessment_start(actor=actor, facility=facility, standard_version=version)
    requirements = list(services.requirements_of(version))
    services.answer_save(
        actor=actor,
        assessment=assessment,
        clause=requirements[0],
        status="partly",
        maturity=2,
        notes="Radar covers the north sector only.",
    )
    services.answer_save(
        actor=actor,
        assessment=assessment,
        clause=requirements[1],
        status="not_applicable",
        justification="No airspace over the site.",
    )
    answer = AssessmentAnswer.objects.get(assessment=assessment, clause=requirements[0])
    services.evidence_add(
        actor=actor, answer=answer, upload=SimpleUploadedFile("survey.txt", b"survey")
    )
    world.answer_all(actor, assessment, status="implemented", maturity=4)
    return services.assessment_complete(actor=actor, assessment=assessment, version=1)


def test_export_validates_against_the_oscal_schema(assessment):
    document = export_assessment(assessment)
    assert validate(document) == []
    result = document["assessment-results"]["results"][0]
    assert len(result["findings"]) == 6
    states = {f["target"]["implementation-status"]["state"] for f in result["findings"]}
    assert states == {"partial", "not-applicable", "implemented"}
    evidence = result["observations"][0]["relevant-evidence"][0]
    assert any(p["name"] == "sha256" for p in evidence["props"])


def test_the_schema_catches_a_broken_document(assessment):
    document = export_assessment(assessment)
    broken = copy.deepcopy(document)
    del broken["assessment-results"]["results"][0]["reviewed-controls"]
    assert validate(broken)
    broken = copy.deepcopy(document)
    broken["assessment-results"]["results"][0]["findings"][0]["target"]["status"]["state"] = "ok"
    assert validate(broken)


def test_round_trip(assessment, people):
    document = export_assessment(assessment)
    other = world.register_facility(people["rus"], name="Southern Substation (fictional)")
    imported = assessment_import(actor=people["rus"], facility=other, document=document)

    def answers(a):
        return sorted(
            (x.clause.uid, x.status, x.maturity, x.justification, x.notes)
            for x in a.answers.select_related("clause")
        )

    assert answers(imported) == answers(assessment)
    completed = services.assessment_complete(actor=people["rus"], assessment=imported, version=1)
    assert completed.score == assessment.score
    again = export_assessment(completed)
    assert validate(again) == []


def test_a_bad_finding_rejects_the_whole_file(assessment, people):
    document = export_assessment(assessment)
    observation = document["assessment-results"]["results"][0]["observations"][1]
    for prop in observation["props"]:
        if prop["name"] == "implementation-status":
            prop["value"] = "not_applicable"
    observation.pop("remarks", None)  # not applicable without a justification
    other = world.register_facility(people["rus"], name="Eastern Depot (fictional)")
    with pytest.raises(ValidationFailed) as exc:
        assessment_import(actor=people["rus"], facility=other, document=document)
    assert "Finding 2" in str(exc.value.errors["file"][0])
    assert not other.assessments.exists()


def test_api_export_and_import(api_client, assessment, people):
    client = api_client(people["rus"])
    response = client.get(f"/api/v1/standards/assessments/{assessment.pk}/oscal/")
    assert response.status_code == 200
    assert validate(response.json()) == []
    other = world.register_facility(people["rus"], name="Western Works (fictional)")
    response = client.post(
        f"/api/v1/standards/facilities/{other.pk}/oscal-import/", response.json(), format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["answered"] == 6
    # Another party can neither read the export nor import into the facility.
    kaz = api_client(people["kaz"])
    assert kaz.get(f"/api/v1/standards/assessments/{assessment.pk}/oscal/").status_code == 404
    assert (
        kaz.post(
            f"/api/v1/standards/facilities/{other.pk}/oscal-import/", {}, format="json"
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/api/v1/standards/facilities/{other.pk}/oscal-import/", {"x": 1}, format="json"
        ).status_code
        == 400
    )
