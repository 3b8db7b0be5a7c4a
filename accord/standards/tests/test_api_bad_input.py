"""Bad input found by fuzzing the API against its OpenAPI schema (schemathesis): each case
answered 500 before; now a 400 naming the field, or a sound answer. Another party's
records answer 404."""

from __future__ import annotations

import io

import pytest

from accord.standards.services import facilities as services
from accord.standards.tests import test_facilities_world as world

pytestmark = pytest.mark.django_db
BASE = "/api/v1/standards"


@pytest.fixture
def people(make_user):
    return world.make_people(make_user)


@pytest.fixture
def action(api_client, people):
    version = world.build_standard()
    facility = world.register_facility(people["rus"])
    assessment = services.assessment_start(
        actor=people["rus"], facility=facility, standard_version=version
    )
    answer = api_client(people["rus"]).post(
        f"{BASE}/assessments/{assessment.pk}/actions/", {"title": "Drill"}, format="json"
    )
    assert answer.status_code == 201, answer.content
    return answer.json()


def test_patching_an_action_without_its_version_answers_400(api_client, people, action):
    client = api_client(people["rus"])
    answer = client.patch(
        f"{BASE}/actions/{action['id']}/",
        {"title": "Other"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert answer.status_code == 400, answer.content
    assert list(answer.json()["errors"]) == ["version"]
    answer = client.patch(
        f"{BASE}/actions/{action['id']}/", {"version": 1, "title": "Other"}, format="json"
    )
    assert answer.status_code == 200, answer.content


def test_an_action_of_another_party_answers_404(api_client, people, action):
    client = api_client(people["kaz"])
    url = f"{BASE}/actions/{action['id']}/"
    assert client.patch(url, {"version": 1, "title": "Mine"}, format="json").status_code == 404
    assert (
        client.post(f"{url}status/", {"version": 1, "status": "done"}, format="json").status_code
        == 404
    )


def test_the_comment_table_drops_control_characters_xlsx_cannot_hold():
    from types import SimpleNamespace

    from openpyxl import load_workbook

    from accord.standards.comment_table import export_xlsx

    comment = SimpleNamespace(
        withdrawn=False,
        pk=1,
        party=SimpleNamespace(code="RUS"),
        line=1,
        clause=None,
        clause_number="1",
        paragraph="",
        type="ge",
        comment="Bad\x05text",
        proposed_change="",
        disposition="",
    )
    version = SimpleNamespace(standard=SimpleNamespace(code="PS-1"), number=1)
    data = export_xlsx(version=version, comments=[comment])  # type: ignore[arg-type]
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert "Badtext" in [cell for row in sheet.iter_rows(values_only=True) for cell in row]


def test_comment_text_starting_with_equals_is_text_not_a_formula(standards_people, draft_version):
    import io

    from openpyxl import load_workbook

    from accord.standards.comment_table import export_xlsx
    from accord.standards.services.consultation import comment_add
    from accord.standards.services.drafting import version_set_stage

    version_set_stage(
        actor=standards_people["editor"], version=draft_version, stage="committee_draft"
    )
    comment_add(
        actor=standards_people["rus_editor"],
        version=draft_version,
        type="general",
        comment='=HYPERLINK("http://example.invalid","click")',
    )
    from accord.standards.models import Comment

    comments = Comment.objects.filter(standard_version=draft_version)
    sheet = load_workbook(io.BytesIO(export_xlsx(version=draft_version, comments=comments))).active
    cell = sheet.cell(row=2, column=7)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://example.invalid","click")'
