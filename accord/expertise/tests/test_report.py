"""The bilingual PDF report of a concluded review, and the CSV/JSON exports of the register
and the interoperability matrix: what they contain, and who gets them."""

import csv
import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accord.core.errors import Conflict
from accord.core.models import AuditEvent, Classification, Release
from accord.expertise import exports, selectors, services
from accord.expertise.models import Review
from accord.expertise.reports import review_pdf
from accord.expertise.tests.conftest import record_all_findings, walk_to_deliberation
from accord.reports import tabular

CONDITION = "Only in marked, monitored and fenced areas."
DISSENT = "We disagree with RUS: the Ottawa Convention's standard should guide joint units."


def conclude(people, review):
    """KAZ concludes "unlawful" with a dissent, RUS "lawful with conditions"."""
    review = walk_to_deliberation(people, review)
    services.participant_name_reviewers(
        actor=people["kaz"], review=review, lead_reviewer=people["kaz"], reviewers=[]
    )
    services.participant_name_reviewers(
        actor=people["rus"],
        review=review,
        lead_reviewer=people["rus_lead"],
        reviewers=[people["rus"]],
    )
    record_all_findings(people, review, "kaz", outcome="prohibited")
    record_all_findings(people, review, "rus", outcome="restriction")
    services.conclusion_sign(
        actor=people["kaz"],
        review=review,
        outcome="unlawful",
        reasoning="Remotely delivered anti-personnel mines are not acceptable to us.",
        opinion="dissenting",
        opinion_text=DISSENT,
    )
    services.conclusion_sign(
        actor=people["rus_lead"],
        review=review,
        outcome="lawful_with_conditions",
        reasoning="Meets Amended Protocol II if fenced.",
        conditions=[CONDITION],
    )
    review.refresh_from_db()
    assert review.state == Review.State.CONCLUDED
    return review


def pdf_pages(content: bytes) -> list[str]:
    """Each page's text, whitespace folded (line breaks fall where the layout puts them)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def concluded(people, review):
    return conclude(people, review)


# --- The report -------------------------------------------------------------------------------


def test_the_report_carries_the_conclusions_conditions_dissent_and_hash(concluded):
    content = review_pdf(concluded)
    assert content.startswith(b"%PDF")
    pages = pdf_pages(content)
    text = " ".join(pages)
    for expected in (
        "Test Mine Layer (fictional)",
        "Unlawful",
        "Lawful with conditions of use",
        "Remotely delivered anti-personnel mines are not acceptable to us.",
        "Meets Amended Protocol II if fenced.",
        CONDITION,
        DISSENT,
        "Dissenting opinion",
        "rus.lead",  # who signed for RUS
        "kaz.lead",
        "CCW-APII-6",  # the screening
        "accord audit verify",
    ):
        assert expected in text, expected
    # Bilingual: the parties' Russian names, from the records themselves.
    assert "Российская Федерация" in text and "Казахстан" in text
    # The hash of the conclusion event, as the audit trail holds it.
    event = AuditEvent.objects.get(action="expertise.review.concluded")
    assert concluded.conclusion_event_hash == event.hash
    assert event.hash in "".join(text.split())
    # Every page carries the marking and its number.
    for number, page in enumerate(pages, start=1):
        assert "RESTRICTED" in page, number
        assert f"{number} / {len(pages)}" in page


def test_a_review_not_concluded_has_no_report(review):
    with pytest.raises(Conflict):
        review_pdf(review)


def _report_url(review):
    return reverse("expertise:report-pdf", kwargs={"pk": review.pk})


def test_a_participant_downloads_the_report(client, people, concluded):
    Review.objects.filter(pk=concluded.pk).update(classification=Classification.CONFIDENTIAL)
    client.force_login(people["kaz"])
    response = client.get(_report_url(concluded))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="review-{concluded.pk}.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    # Reading a CONFIDENTIAL record is itself an audit event.
    assert AuditEvent.objects.filter(
        action="view", object_id=str(concluded.pk), actor_username="kaz.lead"
    ).exists()


def test_the_report_of_a_review_not_concluded_answers_409(client, people, review):
    client.force_login(people["rus"])
    response = client.get(_report_url(review))
    assert response.status_code == 409
    assert not AuditEvent.objects.filter(action="view").exists()


@pytest.mark.parametrize("who", ["arm", "blr", "rus_low"])
def test_the_report_is_not_found_for_those_who_may_not_see_the_review(
    client, people, concluded, who
):
    client.force_login(people[who])
    assert client.get(_report_url(concluded)).status_code == 404


def test_the_report_needs_a_signed_in_user(client, concluded):
    response = client.get(_report_url(concluded))
    assert response.status_code == 302 and "sign" in response["Location"]


# --- Exports ----------------------------------------------------------------------------------


@pytest.fixture
def two_registers(people, system):
    """RUS's mine layer (the `system` fixture, release OWNER) and an Armenian system."""
    armenian = services.system_register(
        actor=people["arm"],
        designation="=Armenian Jammer (fictional)",  # also: a cell a spreadsheet would run
        category="electronic_warfare",
        classification=Classification.RESTRICTED,
        release=Release.OWNER,
    )
    return system, armenian


def _get(client, user, name):
    client.force_login(user)
    response = client.get(reverse(f"expertise:{name}"))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content.decode("utf-8-sig")  # exports start with a BOM


def test_the_matrix_csv_has_a_row_per_version_and_party(client, people, concluded):
    text = _get(client, people["kaz"], "export-matrix-csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    versions, parties, _cells = selectors.matrix(actor=people["kaz"])
    assert len(rows) == len(versions) * len(parties) > 0
    assert {(r["version_id"], r["party"]) for r in rows} == {
        (str(v.pk), p.code) for v in versions for p in parties
    }
    by_party = {r["party"]: r for r in rows if r["version_id"] == str(concluded.subject_id)}
    assert by_party["KAZ"]["status"] == "unlawful"
    assert by_party["RUS"]["status"] == "lawful_with_conditions"
    assert json.loads(by_party["RUS"]["conditions"]) == [CONDITION]
    assert by_party["RUS"]["review"] == str(concluded.pk)
    assert by_party["ARM"]["status"] == "not_reviewed" and by_party["ARM"]["review"] == ""


def test_the_matrix_json_round_trips(client, people, concluded):
    data = json.loads(_get(client, people["rus"], "export-matrix-json"))
    assert data["format"] == exports.MATRIX_FORMAT and data["version"] == exports.FORMAT_VERSION
    (version,) = [v for v in data["versions"] if v["version_id"] == concluded.subject_id]
    standings = {s["party"]: s for s in version["standings"]}
    assert standings["RUS"]["conditions"] == [CONDITION]
    assert standings["KAZ"]["status"] == "unlawful"
    assert len(version["standings"]) == len(data["parties"])
    assert json.loads(json.dumps(data)) == data


def test_the_register_exports_describe_each_version(client, people, system):
    rows = list(csv.DictReader(io.StringIO(_get(client, people["rus"], "export-register-csv"))))
    (row,) = rows
    assert row["designation"] == "Test Mine Layer (fictional)" and row["owner"] == "RUS"
    assert row["classification"] == "restricted" and row["release"] == "owner"
    assert json.loads(row["characteristics"])["weapon_type"] == "anti_personnel_mine"
    assert row["normal_use"] == "Area denial (fictional)."
    data = json.loads(_get(client, people["rus"], "export-register-json"))
    assert data["format"] == exports.REGISTER_FORMAT and data["version"] == 1
    (record,) = data["systems"]
    assert [v["number"] for v in record["versions"]] == [1]
    assert record["versions"][0]["characteristics"]["delivery"] == "remotely_delivered"


def test_exports_hold_only_what_the_user_may_see(client, people, two_registers):
    mine, _armenian = two_registers
    for name in ("export-register-csv", "export-register-json", "export-matrix-csv"):
        russian = _get(client, people["rus"], name)
        assert mine.designation in russian and "Armenian Jammer" not in russian, name
        own = _get(client, people["arm"], name)
        assert "Armenian Jammer" in own and mine.designation not in own, name
        outsider = _get(client, people["blr"], name)
        assert mine.designation not in outsider and "Armenian Jammer" not in outsider, name


def test_a_cell_a_spreadsheet_would_run_is_quoted(client, people, two_registers):
    rows = list(csv.DictReader(io.StringIO(_get(client, people["arm"], "export-register-csv"))))
    assert rows[0]["designation"] == "'=Armenian Jammer (fictional)"
    assert tabular.csv_uncell(rows[0]["designation"]) == "=Armenian Jammer (fictional)"


def test_the_matrix_export_of_one_system(client, people, concluded, two_registers):
    client.force_login(people["rus"])
    url = reverse("expertise:export-matrix-csv")
    response = client.get(url, {"system": concluded.subject.system_id})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["system_id"] for r in rows} == {str(concluded.subject.system_id)}
    assert client.get(url, {"system": two_registers[1].pk}).status_code == 404
    assert client.get(url, {"system": "x"}).status_code == 400


def test_exporting_a_confidential_system_is_recorded_as_reading_it(client, people, system):
    from accord.expertise.models import WeaponSystem

    WeaponSystem.objects.filter(pk=system.pk).update(classification=Classification.CONFIDENTIAL)
    _get(client, people["rus"], "export-register-json")
    assert AuditEvent.objects.filter(
        action="view", object_id=str(system.pk), actor_username="rus.adviser"
    ).exists()
