"""Pages of facilities and assessments: register, detail with history chart, the
assessment form (autosave, conflicts, 300 requirements), report PDF, plan, Russian."""

from __future__ import annotations

import io
import itertools
import re
from typing import Any

import pytest
from django.urls import reverse

from accord.core.models import AuditEvent
from accord.core.tests.queries import assert_flat
from accord.standards.models import AssessmentAnswer, Facility
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
def facility(people):
    return world.register_facility(people["rus"])


@pytest.fixture
def assessment(people, facility, version):
    return services.assessment_start(
        actor=people["rus"], facility=facility, standard_version=version
    )


def _htmx(client, url, data):
    return client.post(url, data, HTTP_HX_REQUEST="true")


def test_register_a_facility_through_the_page(client, people):
    client.force_login(people["rus"])
    response = client.post(
        reverse("standards:facility-new"),
        {
            "name": "River Pumping Station (fictional)",
            "sector": "water",
            "protection_class": "PC1",
            "region": "Volga",
            "classification": "2",
            "release": "owner",
        },
    )
    facility = Facility.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("standards:facility", args=[facility.pk])
    page = client.get(reverse("standards:facilities"))
    assert facility.name in page.content.decode()


def test_register_page_refuses_without_the_role(client, people):
    client.force_login(people["rus_plain"])
    assert client.get(reverse("standards:facility-new")).status_code == 403


@pytest.mark.parametrize(
    ("viewer", "status"),
    [("rus", 200), ("rus_plain", 200), ("kaz", 404), ("sec", 404), ("rus_low", 404)],
)
def test_access_matrix_of_the_pages(client, people, assessment, viewer, status):
    client.force_login(people[viewer])
    for name, pk in (
        ("standards:facility", assessment.facility_id),
        ("standards:assessment", assessment.pk),
        ("standards:assessment-report", assessment.pk),
        ("standards:assessment-oscal", assessment.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == status, name


def test_other_party_cannot_save_an_answer(client, people, assessment):
    clause = services.requirements_of(assessment.standard_version)[0]
    before = AuditEvent.objects.count()
    client.force_login(people["kaz"])
    response = _htmx(
        client,
        reverse("standards:assessment-answer", args=[assessment.pk]),
        {"clause": clause.pk, "version": 0, "status": "implemented", "maturity": 3},
    )
    assert response.status_code == 404
    assert not AssessmentAnswer.objects.exists()
    assert AuditEvent.objects.count() == before


def test_autosave_saves_and_reports_a_conflict(client, people, assessment):
    clause = services.requirements_of(assessment.standard_version)[0]
    url = reverse("standards:assessment-answer", args=[assessment.pk])
    client.force_login(people["rus"])
    first = _htmx(
        client, url, {"clause": clause.pk, "version": 0, "status": "partly", "maturity": 2}
    )
    text = first.content.decode()
    assert 'data-state="saved"' in text
    assert f'id="v{clause.pk}" value="1" hx-swap-oob="true"' in text
    assert "1 of 6 answered" in text
    # Someone else saved version 1 meanwhile: this stale edit is refused, not lost silently.
    services.answer_save(
        actor=people["rus"],
        assessment=assessment,
        clause=clause,
        expected_version=1,
        status="implemented",
    )
    stale = _htmx(client, url, {"clause": clause.pk, "version": 1, "status": "not_implemented"})
    assert 'data-state="conflict"' in stale.content.decode()
    assert AssessmentAnswer.objects.get().status == "implemented"
    invalid = _htmx(
        client,
        url,
        {"clause": clause.pk, "version": 2, "status": "not_applicable", "justification": ""},
    )
    assert 'data-state="invalid"' in invalid.content.decode()


def test_without_javascript_the_save_button_redirects_back(client, people, assessment):
    clause = services.requirements_of(assessment.standard_version)[0]
    client.force_login(people["rus"])
    response = client.post(
        reverse("standards:assessment-answer", args=[assessment.pk]),
        {"clause": clause.pk, "version": 0, "status": "implemented", "maturity": "x"},
    )
    assert response.status_code == 302
    assert AssessmentAnswer.objects.count() == 0  # a bad maturity is refused with a message


def test_complete_report_and_history(client, people, assessment):
    from pypdf import PdfReader

    actor = people["rus"]
    world.answer_all(actor, assessment, status="not_implemented", maturity=1)
    client.force_login(actor)
    response = client.post(
        reverse("standards:assessment-complete", args=[assessment.pk]), {"version": 1}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.state == "complete" and assessment.score == 0
    client.post(reverse("standards:assessment-plan-gaps", args=[assessment.pk]))
    assert assessment.actions.count() == 6
    pdf = client.get(reverse("standards:assessment-report", args=[assessment.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Facility assessment report" in text
    assert "Northern Power Station" in text
    assert "Close the gap in 1.1" in text
    detail = client.get(reverse("standards:facility", args=[assessment.facility_id]))
    assert b'data-testid="score-chart"' in detail.content
    assert b"<svg" in detail.content
    board = client.get(reverse("standards:plan"))
    assert board.status_code == 200
    assert b"Close the gap in 1.1" in board.content


def test_reassess_page_shows_only_what_changed(client, people, assessment, version):
    actor = people["rus"]
    world.answer_all(actor, assessment)
    services.assessment_complete(actor=actor, assessment=assessment, version=1)
    world.next_version(version, change="1.2")
    client.force_login(actor)
    response = client.post(reverse("standards:assessment-reassess", args=[assessment.pk]))
    assert response.status_code == 302 and response["Location"].endswith("?only=changed")
    page = client.get(response["Location"])
    text = page.content.decode()
    assert 'data-testid="carry-over"' in text
    assert 'data-testid="req-1.2"' in text and 'data-testid="changed"' in text
    assert 'data-testid="req-1.1"' not in text


def test_the_assessment_page_in_russian(client, people, assessment):
    client.force_login(people["rus"])
    response = client.get(
        reverse("standards:assessment", args=[assessment.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Требование 1.1" in text  # the requirement's Russian title
    assert 'lang="ru"' in text


def test_the_form_of_300_requirements_has_a_fixed_number_of_queries(
    client, people, facility, django_assert_max_num_queries
):
    big = world.build_standard("BIG-300", sections=10, per_section=30)
    assessment = services.assessment_start(
        actor=people["rus"], facility=facility, standard_version=big
    )
    for clause in list(services.requirements_of(big))[:150]:
        services.answer_save(
            actor=people["rus"], assessment=assessment, clause=clause, status="implemented"
        )
    client.force_login(people["rus"])
    url = reverse("standards:assessment", args=[assessment.pk])
    with django_assert_max_num_queries(25):
        response = client.get(url)
    text = response.content.decode()
    assert text.count('class="answer"') == 300
    assert "150 of 300 answered" in text
    with django_assert_max_num_queries(25):
        unanswered = client.get(url + "?only=unanswered")
    assert unanswered.content.decode().count('class="answer"') == 150


def test_list_pages_have_a_fixed_number_of_queries(client, people, version):
    """Each page shows every facility or action; more of them cost no more queries."""
    made = itertools.count()

    def grow() -> None:
        for _ in range(4):
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
    client.force_login(people["rus"])
    for name in ("standards:facilities", "standards:plan", "standards:dashboard"):
        assert_flat(lambda name=name: client.get(reverse(name)), grow, rows=rows, at_most=15)


def test_evidence_upload_and_download(client, people, assessment):
    from django.core.files.uploadedfile import SimpleUploadedFile

    clause = services.requirements_of(assessment.standard_version)[0]
    answer = services.answer_save(
        actor=people["rus"], assessment=assessment, clause=clause, status="implemented"
    )
    client.force_login(people["rus"])
    response = client.post(
        reverse("standards:answer-evidence", args=[answer.pk]),
        {"file": SimpleUploadedFile("drill.txt", b"drill log"), "title": "Drill log"},
    )
    assert response.status_code == 302
    evidence = answer.evidence.get()
    page = client.get(reverse("standards:assessment", args=[assessment.pk]))
    assert b"Drill log" in page.content
    download = client.get(reverse("standards:assessment-evidence", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == b"drill log"
    client.force_login(people["kaz"])
    assert (
        client.get(reverse("standards:assessment-evidence", args=[evidence.pk])).status_code == 404
    )
    refused = client.post(
        reverse("standards:answer-evidence", args=[answer.pk]),
        {"file": SimpleUploadedFile("x.txt", b"x")},
    )
    assert refused.status_code == 404 and answer.evidence.count() == 1


def test_the_report_follows_the_request_language(people, assessment):
    from django.utils import translation

    from accord.standards.reports import assessment_html

    html = assessment_html(assessment, "ru")
    assert 'lang="ru"' in html
    assert "Тестовый стандарт защиты" in html  # the standard's Russian title
    assert translation.get_language() == "en"  # the page's language is left as it was
    assert "Test protection standard" in assessment_html(assessment, "en")


def test_facility_detail_has_a_fixed_number_of_queries(
    client, people, facility, version, django_assert_max_num_queries
):
    actor = people["rus"]
    for _n in range(4):
        assessment = services.assessment_start(
            actor=actor, facility=facility, standard_version=version
        )
        world.answer_all(actor, assessment)
        services.assessment_complete(actor=actor, assessment=assessment, version=1)
        services.action_create(actor=actor, assessment=assessment, title="Act")
    client.force_login(actor)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("standards:facility", args=[facility.pk]))
    assert response.content.decode().count('data-testid="assessment-') >= 4
