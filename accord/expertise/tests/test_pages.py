"""The expertise pages: who sees which page, the questionnaire and evidence, the whole
review walked through the pages' forms, refusals shown as messages (and changing nothing),
internal notes kept to their party, query counts, and Russian.

The world is the one of `conftest.py`: a Russian system, used by Kazakhstan's contingent,
reviewed with the Secretariat coordinating; Armenia takes no part."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accord.core.models import AuditEvent, Classification, Release
from accord.core.tests.queries import assert_flat
from accord.expertise import services
from accord.expertise.models import (
    Conclusion,
    Evidence,
    Finding,
    InformationRequest,
    InternalNote,
    Review,
    SystemVersion,
    WeaponSystem,
)
from accord.expertise.tests.conftest import MINE, record_all_findings, walk_to_deliberation

S = Review.State
TABS = ("description", "screening", "requests", "findings", "conclusions", "notes", "history")


def signed_in(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


def russian(client: Any) -> None:
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})


def text(response: Any) -> str:
    return response.content.decode()


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def review_url(review: Review, tab: str = "description") -> str:
    return reverse("expertise:review", args=[review.pk]) + f"?tab={tab}"


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _pdf(name: str = "test-report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% fictional test report\n", "application/pdf")


# --- Who sees what -------------------------------------------------------------------------


def _private_urls(review: Review) -> list[str]:
    version = review.subject
    return [
        reverse("expertise:system", args=[version.system_id]),
        reverse("expertise:version", args=[version.pk]),
        *(review_url(review, tab) for tab in TABS),
    ]


@pytest.mark.parametrize("who", ["rus", "kaz", "sec"])
def test_every_page_answers_for_a_participant(client: Any, people: Any, review: Review, who: str):
    signed_in(client, people[who])
    for url in [
        reverse("expertise:index"),
        reverse("expertise:systems"),
        reverse("expertise:matrix"),
        reverse("expertise:matrix") + f"?system={review.subject.system_id}",
        *_private_urls(review),
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert 'data-testid="expertise-subnav"' in text(response), url


@pytest.mark.parametrize("who", ["arm", "blr", "rus_low"])
def test_a_non_participant_gets_404_and_learns_nothing(
    client: Any, people: Any, review: Review, media: Any, who: str
):
    evidence = services.evidence_add_file(
        actor=people["rus"], version=review.subject, title="Range test", upload=_pdf()
    )
    signed_in(client, people[who])
    for url in [
        *_private_urls(review),
        reverse("expertise:evidence-download", args=[evidence.pk]),
        reverse("expertise:system-edit", args=[review.subject.system_id]),
    ]:
        response = client.get(url)
        assert response.status_code == 404, (url, response.status_code)
        assert "Test Mine Layer" not in text(response)
    for page in ("expertise:systems", "expertise:matrix", "expertise:index"):
        response = client.get(reverse(page))
        assert response.status_code == 200
        assert "Test Mine Layer" not in text(response)
    # Nor can a POST reach into the file.
    response = client.post(reverse("expertise:review-submit", args=[review.pk]))
    assert response.status_code == 404
    review.refresh_from_db()
    assert review.state == S.DRAFT


def test_pages_need_a_signed_in_user(client: Any, review: Review) -> None:
    for url in (reverse("expertise:index"), review_url(review)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_navigation_links_to_the_dashboard(client: Any, people: Any) -> None:
    signed_in(client, people["kaz"])
    body = text(client.get(reverse("core:home")))
    assert f'href="{reverse("expertise:index")}"' in body


# --- The register -------------------------------------------------------------------------------


def test_register_a_system_through_the_page(client: Any, people: Any, party: Any) -> None:
    signed_in(client, people["kaz"])
    form = client.get(reverse("expertise:system-new")).context["form"]
    assert [v for v, _label in form.fields["classification"].choices] == [0, 1, 2, 3]
    assert party("KAZ").pk not in [p.pk for p in form.fields["released_to"].queryset]
    response = client.post(
        reverse("expertise:system-new"),
        {
            "designation": "Steppe Owl loitering munition (fictional)",
            "category": "uncrewed",
            "stage": "development",
            "description": "Fictional.",
            "classification": Classification.RESTRICTED,
            "release": Release.LISTED,
            "released_to": [party("BLR").pk],
        },
    )
    system = WeaponSystem.objects.get(designation__startswith="Steppe Owl")
    version = system.versions.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("expertise:version", args=[version.pk])
    assert system.owner == party("KAZ") and list(system.released_to.all()) == [party("BLR")]
    listing = text(client.get(reverse("expertise:systems")))
    assert "Steppe Owl loitering munition" in listing and "Restricted" in listing
    # BLR sees it (listed), ARM does not.
    signed_in(client, people["blr"])
    assert client.get(reverse("expertise:system", args=[system.pk])).status_code == 200
    signed_in(client, people["arm"])
    assert client.get(reverse("expertise:system", args=[system.pk])).status_code == 404


def test_registering_offers_only_levels_up_to_the_clearance(client: Any, make_user: Any) -> None:
    client.force_login(make_user("RUS", roles=["legal_adviser"], clearance=1))
    form = client.get(reverse("expertise:system-new")).context["form"]
    assert [v for v, _label in form.fields["classification"].choices] == [0, 1]
    response = client.post(
        reverse("expertise:system-new"),
        {"designation": "X", "category": "other", "stage": "study", "classification": 3},
    )
    assert response.status_code == 400
    assert "classification" in response.context["form"].errors
    assert not WeaponSystem.objects.exists()


def test_registering_needs_the_role(client: Any, make_user: Any) -> None:
    client.force_login(make_user("RUS", roles=["customs_officer"]))
    assert client.get(reverse("expertise:system-new")).status_code == 403
    assert 'data-testid="system-new"' not in text(client.get(reverse("expertise:systems")))


def test_a_stale_edit_of_the_register_entry_is_a_conflict(
    client: Any, people: Any, system: WeaponSystem
) -> None:
    url = reverse("expertise:system-edit", args=[system.pk])
    signed_in(client, people["rus"])
    form = client.get(url).context["form"]
    data = {n: form[n].value() for n in form.fields if n != "released_to"}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    services.system_update(
        actor=people["rus"], system=system, version=system.version, stage="adoption"
    )
    data["designation"] = "Overwritten"
    response = client.post(url, data)
    assert response.status_code == 409
    assert "changed by someone else" in text(response)
    system.refresh_from_db()
    assert system.designation == "Test Mine Layer (fictional)" and system.stage == "adoption"
    # With the current version the edit goes through.
    data["version"] = system.version
    assert client.post(url, data).status_code == 302
    system.refresh_from_db()
    assert system.designation == "Overwritten"


def test_only_the_owner_edits_the_register_entry(client: Any, people: Any, review: Review) -> None:
    signed_in(client, people["kaz"])  # sees the system through the review
    system_id = review.subject.system_id
    assert client.get(reverse("expertise:system", args=[system_id])).status_code == 200
    assert client.get(reverse("expertise:system-edit", args=[system_id])).status_code == 403


def test_a_new_version_through_the_page(
    client: Any, people: Any, system: WeaponSystem, party: Any
) -> None:
    signed_in(client, people["rus"])
    response = client.post(
        reverse("expertise:version-new", args=[system.pk]), {"label": "Mod. 2"}, follow=True
    )
    v2 = system.versions.get(number=2)
    assert response.redirect_chain[-1][0] == reverse("expertise:version", args=[v2.pk])
    assert v2.label == "Mod. 2" and v2.characteristics == MINE
    # KAZ is no adviser of RUS: a message, nothing created.
    signed_in(client, people["kaz"])
    services.review_open(actor=people["rus"], version=v2, invited=[party("KAZ")])
    response = client.post(
        reverse("expertise:version-new", args=[system.pk]), {"label": "x"}, follow=True
    )
    assert response.status_code == 200
    assert "You do not have permission" in " ".join(messages_of(response))
    assert system.versions.count() == 2


# --- The questionnaire ---------------------------------------------------------------------------


def _questionnaire_data(client: Any, version: SystemVersion) -> dict[str, Any]:
    form = client.get(reverse("expertise:version", args=[version.pk])).context["form"]
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value
    return data


def test_the_questionnaire_saves_through_the_page(
    client: Any, people: Any, version: SystemVersion, media: Any
) -> None:
    evidence = services.evidence_add_file(
        actor=people["rus"], version=version, title="Trial report", upload=_pdf()
    )
    signed_in(client, people["rus"])
    data = _questionnaire_data(client, version)
    assert data["weapon_type"] == "anti_personnel_mine" and data["self_destruction"] == "no"
    data.update(
        self_destruction="yes",
        injury_mechanism=["blast", "fragmentation"],
        autonomy="",
        human_control="Operator arms each field (fictional).",
        cite__self_destruction=[str(evidence.pk)],
    )
    response = client.post(reverse("expertise:version", args=[version.pk]), data)
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.characteristics["self_destruction"] is True
    assert version.characteristics["injury_mechanism"] == ["blast", "fragmentation"]
    assert "autonomy" not in version.characteristics
    assert version.human_control == "Operator arms each field (fictional)."
    assert version.citations == {"self_destruction": [evidence.pk]}
    assert version.version == 3  # fixture's save, then this one
    # A stale form is a conflict and keeps the stored answers.
    data["normal_use"] = "Overwritten"
    response = client.post(reverse("expertise:version", args=[version.pk]), data)
    assert response.status_code == 409
    version.refresh_from_db()
    assert version.normal_use == "Area denial (fictional)."


def test_a_frozen_version_refuses_edits_with_a_message(
    client: Any, people: Any, review: Review
) -> None:
    version = review.subject
    signed_in(client, people["rus"])
    data = _questionnaire_data(client, version)
    services.review_submit(actor=people["rus"], review=review)
    page = client.get(reverse("expertise:version", args=[version.pk]))
    assert 'data-testid="frozen-note"' in text(page)
    assert 'data-testid="questionnaire-save"' not in text(page)
    assert 'data-testid="questionnaire-form"' not in text(page)
    assert "Anti-personnel mine" in text(page)  # the answers, read-only
    data["normal_use"] = "Changed after submission"
    response = client.post(reverse("expertise:version", args=[version.pk]), data)
    assert response.status_code == 409
    assert "frozen" in text(response)
    version.refresh_from_db()
    assert version.normal_use == "Area denial (fictional)."


def test_only_the_owner_fills_in_the_questionnaire(
    client: Any, people: Any, review: Review
) -> None:
    version = review.subject
    signed_in(client, people["kaz"])
    page = client.get(reverse("expertise:version", args=[version.pk]))
    assert 'data-testid="questionnaire-save"' not in text(page)
    data = _questionnaire_data(client, version)
    data["normal_use"] = "KAZ rewrites it"
    response = client.post(reverse("expertise:version", args=[version.pk]), data, follow=True)
    assert "You do not have permission" in " ".join(messages_of(response))
    version.refresh_from_db()
    assert version.normal_use == "Area denial (fictional)."


# --- Evidence and contingents -------------------------------------------------------------------


def test_evidence_upload_and_download(client: Any, people: Any, review: Review, media: Any) -> None:
    version = review.subject
    signed_in(client, people["rus"])
    response = client.post(
        reverse("expertise:evidence-file", args=[version.pk]),
        {"title": "Range trial", "file": _pdf()},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(version=version)
    assert evidence.sha256 and evidence.content_type == "application/pdf"
    signed_in(client, people["kaz"])  # a participant downloads it
    download = client.get(reverse("expertise:evidence-download", args=[evidence.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert "test-report.pdf" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_an_evidence_file_of_a_refused_type_shows_the_message(
    client: Any, people: Any, version: SystemVersion, media: Any
) -> None:
    signed_in(client, people["rus"])
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("expertise:evidence-file", args=[version.pk]),
        {"title": "Script", "file": SimpleUploadedFile("run.exe", b"MZ\x90\x00", "x/y")},
    )
    assert response.status_code == 400
    assert "This type of file is not accepted" in text(response)
    # A renamed file is refused too.
    response = client.post(
        reverse("expertise:evidence-file", args=[version.pk]),
        {"title": "Fake", "file": SimpleUploadedFile("fake.pdf", b"not a pdf", "application/pdf")},
    )
    assert response.status_code == 400
    assert "does not match its name" in text(response)
    assert not Evidence.objects.exists() and AuditEvent.objects.count() == events


def test_a_reference_through_the_page(client: Any, people: Any, version: SystemVersion) -> None:
    signed_in(client, people["rus"])
    response = client.post(
        reverse("expertise:evidence-reference", args=[version.pk]),
        {"title": "Manual", "reference": "Doc. 12/34 (fictional)"},
    )
    assert response.status_code == 302
    assert Evidence.objects.get(version=version).reference == "Doc. 12/34 (fictional)"


def test_a_contingent_assignment(
    client: Any, people: Any, version: SystemVersion, party: Any
) -> None:
    signed_in(client, people["rus"])
    response = client.post(
        reverse("expertise:assignment-add", args=[version.pk]),
        {"party": party("SEC").pk, "from_date": "2026-01-01"},
    )
    assert response.status_code == 400  # the Secretariat has no contingent to choose
    assert "party" in response.context["assignment_form"].errors
    response = client.post(
        reverse("expertise:assignment-add", args=[version.pk]),
        {"party": party("TJK").pk, "from_date": "2026-01-01", "until_date": "2025-01-01"},
    )
    assert response.status_code == 400
    assert "The end cannot precede the start." in text(response)
    client.post(
        reverse("expertise:assignment-add", args=[version.pk]),
        {"party": party("TJK").pk, "from_date": "2026-01-01"},
    )
    page = client.get(reverse("expertise:version", args=[version.pk]))
    assert 'data-testid="assignment-TJK"' in text(page)


# --- The review, walked through the pages ---------------------------------------------------------


def _open_through_the_page(client: Any, people: Any, version: SystemVersion, party: Any) -> Review:
    signed_in(client, people["rus"])
    response = client.post(
        reverse("expertise:review-open", args=[version.pk]),
        {
            "law_date": "2026-06-01",
            "conflict_type": "international",
            "invited": [party("KAZ").pk],
        },
    )
    review = Review.objects.get(subject=version)
    assert response["Location"] == reverse("expertise:review", args=[review.pk])
    return review


def _post(client: Any, name: str, review: Review, data: dict | None = None) -> Any:
    return client.post(reverse(name, args=[review.pk]), data or {}, follow=True)


def test_the_whole_review_through_the_pages(
    client: Any, people: Any, version: SystemVersion, party: Any
) -> None:
    review = _open_through_the_page(client, people, version, party)
    assert {p.party.code for p in review.participants.all()} == {"RUS", "KAZ", "SEC"}

    # RUS submits; the screening tab shows each party's column.
    response = _post(client, "expertise:review-submit", review)
    assert "The review is submitted" in " ".join(messages_of(response))
    screening = text(client.get(review_url(review, "screening")))
    assert 'data-testid="party-result-RUS"' in screening
    assert 'data-testid="engaged-RUS-CCW-APII-6"' in screening

    # The Secretariat starts; KAZ asks, RUS answers; the Secretariat moves to deliberation.
    signed_in(client, people["sec"])
    _post(client, "expertise:review-start", review)
    signed_in(client, people["kaz"])
    due = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    _post(client, "expertise:request-ask", review, {"question": "Failure rate?", "due_date": due})
    request = InformationRequest.objects.get(review=review)
    signed_in(client, people["sec"])
    response = _post(client, "expertise:review-deliberate", review)
    assert "still open" in " ".join(messages_of(response))
    signed_in(client, people["rus"])
    _post(
        client,
        "expertise:request-answer",
        review,
        {"request": request.pk, "answer": "Below 1% (fictional)."},
    )
    request.refresh_from_db()
    assert request.state == "answered"
    signed_in(client, people["sec"])
    _post(client, "expertise:review-deliberate", review)
    review.refresh_from_db()
    assert review.state == S.DELIBERATION

    # Each party names its reviewers, records its findings, and its lead reviewer signs.
    signed_in(client, people["kaz"])
    _post(client, "expertise:review-reviewers", review, {"lead_reviewer": people["kaz"].pk})
    signed_in(client, people["rus"])
    _post(
        client,
        "expertise:review-reviewers",
        review,
        {"lead_reviewer": people["rus_lead"].pk, "reviewers": [people["rus"].pk]},
    )
    for who, outcome in (("kaz", "prohibited"), ("rus", "restriction")):
        signed_in(client, people[who])
        page = client.get(review_url(review, "findings"))
        codes = services.missing_findings(review, people[who].party)
        assert codes and all(f'data-testid="finding-form-{c}"' in text(page) for c in codes)
        for code in codes:
            _post(
                client,
                "expertise:finding-record",
                review,
                {
                    "rule": code,
                    "outcome": outcome,
                    "reasoning": f"Assessed {code}.",
                    "restriction": "Fenced areas only." if outcome == "restriction" else "",
                },
            )
        assert not services.missing_findings(review, people[who].party)

    signed_in(client, people["kaz"])
    page = client.get(review_url(review, "conclusions"))
    assert 'data-testid="sign-form"' in text(page)
    _post(
        client,
        "expertise:conclusion-sign",
        review,
        {
            "outcome": "unlawful",
            "reasoning": "APII binds us.",
            "opinion": "dissenting",
            "opinion_text": "We disagree with RUS.",
        },
    )
    signed_in(client, people["rus"])  # not the lead reviewer: no form
    assert 'data-testid="sign-form"' not in text(client.get(review_url(review, "conclusions")))
    signed_in(client, people["rus_lead"])
    response = _post(
        client,
        "expertise:conclusion-sign",
        review,
        {
            "outcome": "lawful_with_conditions",
            "reasoning": "Meets APII if fenced.",
            "conditions": (
                "Only in marked, monitored and fenced areas.\n\nNever remotely delivered."
            ),
        },
    )
    review.refresh_from_db()
    assert review.state == S.CONCLUDED
    rus = Conclusion.objects.get(review=review, party__code="RUS")
    assert rus.conditions == [
        "Only in marked, monitored and fenced areas.",
        "Never remotely delivered.",
    ]
    page = client.get(review_url(review, "conclusions"))
    body = text(page)
    assert 'data-testid="concluded"' in body and review.conclusion_event_hash in body
    assert "We disagree with RUS." in body and "Never remotely delivered." in body

    # The matrix shows each standing, one click from the review.
    matrix = text(client.get(reverse("expertise:matrix")))
    cell = f'data-testid="cell-{version.pk}-RUS"'
    assert cell in matrix
    rus_cell = matrix.split(cell)[0].rsplit("<td", 1)[1] + matrix.split(cell)[1].split("</td>")[0]
    assert "standing-lawful_with_conditions" in rus_cell
    assert "Only in marked, monitored and fenced areas." in rus_cell
    assert f"{reverse('expertise:review', args=[review.pk])}?tab=conclusions" in rus_cell
    kaz_cell = matrix.split(f'data-testid="cell-{version.pk}-KAZ"')[0].rsplit("<td", 1)[1]
    assert "standing-unlawful" in kaz_cell
    assert 'data-status="not_reviewed"' in matrix  # e.g. ARM

    # The history tab shows the file's events the user may read.
    history = text(client.get(review_url(review, "history")))
    assert "expertise.conclusion.sign" in history and "expertise.finding.record" in history


def test_a_refused_transition_shows_a_clear_message_and_changes_nothing(
    client: Any, people: Any, review: Review
) -> None:
    signed_in(client, people["kaz"])
    events = AuditEvent.objects.count()
    page = text(client.get(review_url(review)))
    assert 'data-testid="action-start"' not in page  # not offered
    response = _post(client, "expertise:review-start", review)
    assert response.status_code == 200
    assert "You do not have permission to do this." in " ".join(messages_of(response))
    review.refresh_from_db()
    assert review.state == S.DRAFT and AuditEvent.objects.count() == events
    # A transition that does not fit the state says so.
    signed_in(client, people["sec"])
    response = _post(client, "expertise:review-deliberate", review)
    assert "Not possible while the review is Draft." in " ".join(messages_of(response))
    assert "Not possible while the review is Draft." in text(response)
    review.refresh_from_db()
    assert review.state == S.DRAFT and AuditEvent.objects.count() == events


def test_only_allowed_buttons_are_offered(client: Any, people: Any, review: Review) -> None:
    signed_in(client, people["rus"])
    page = text(client.get(review_url(review)))
    assert 'data-testid="action-submit"' in page and 'data-testid="action-start"' not in page
    assert 'data-testid="withdraw-form"' in page and 'data-testid="invite-form"' in page
    signed_in(client, people["sec"])
    page = text(client.get(review_url(review)))
    assert 'data-testid="action-submit"' in page and 'data-testid="action-start"' not in page
    services.review_submit(actor=people["rus"], review=review)
    page = text(client.get(review_url(review)))
    assert 'data-testid="action-start"' in page and 'data-testid="action-submit"' not in page


def test_invalid_data_shows_field_errors(client: Any, people: Any, review: Review) -> None:
    review = walk_to_deliberation(people, review)
    services.participant_name_reviewers(
        actor=people["kaz"], review=review, lead_reviewer=people["kaz"], reviewers=[]
    )
    signed_in(client, people["kaz"])
    # Findings still missing: the sign form says which.
    response = client.post(
        reverse("expertise:conclusion-sign", args=[review.pk]),
        {"outcome": "lawful", "reasoning": "Fine."},
    )
    assert response.status_code == 400
    assert "Record a finding on every rule" in text(response)
    record_all_findings(people, review, "kaz")
    # Conditions are needed for "lawful with conditions".
    response = client.post(
        reverse("expertise:conclusion-sign", args=[review.pk]),
        {"outcome": "lawful_with_conditions", "reasoning": "Fine."},
    )
    assert response.status_code == 400
    assert "conditions" in response.context["sign_form"].errors
    assert not Conclusion.objects.exists()
    # The withdraw form needs a reason (the form says so before the service).
    signed_in(client, people["sec"])
    response = client.post(reverse("expertise:review-withdraw", args=[review.pk]), {"reason": ""})
    assert response.status_code == 400
    review.refresh_from_db()
    assert review.state == S.DELIBERATION


def test_a_restriction_finding_needs_the_restriction(
    client: Any, people: Any, review: Review
) -> None:
    services.review_submit(actor=people["rus"], review=review)
    services.review_start(actor=people["sec"], review=review)
    signed_in(client, people["kaz"])
    response = client.post(
        reverse("expertise:finding-record", args=[review.pk]),
        {"rule": "CIHL-81", "outcome": "restriction", "reasoning": "r"},
    )
    assert response.status_code == 400
    assert "State the restriction needed." in text(response)
    # Also on a rule the party adds beyond the screening's.
    response = client.post(
        reverse("expertise:finding-record", args=[review.pk]),
        {"rule": "CCW-APII-6", "outcome": "restriction", "reasoning": "r"},
    )
    assert response.status_code == 400
    assert "State the restriction needed." in text(response)
    assert not Finding.objects.exists()


# --- Internal notes ------------------------------------------------------------------------


def test_internal_notes_of_kaz_never_reach_rus_or_the_secretariat(
    client: Any, people: Any, review: Review, make_user: Any
) -> None:
    signed_in(client, people["kaz"])
    response = _post(
        client, "expertise:note-add", review, {"text": "KAZ-ONLY: the evidence is thin."}
    )
    assert "KAZ-ONLY: the evidence is thin." in text(response)
    assert "visible only to your party" in text(response)
    note = InternalNote.objects.get()
    assert note.owner.code == "KAZ" and note.release == Release.OWNER
    auditor = make_user("SEC", roles=["auditor"], username="sec.auditor")
    people = {**people, "sec_auditor": auditor}  # reads the whole audit chain
    for who in ("rus", "sec", "rus_lead", "sec_auditor"):
        signed_in(client, people[who])
        for tab in TABS:
            body = text(client.get(review_url(review, tab)))
            assert "KAZ-ONLY" not in body, (who, tab)
            assert "the evidence is thin" not in body, (who, tab)
        assert "KAZ-ONLY" not in text(client.get(reverse("expertise:index")))


# --- Dashboard ----------------------------------------------------------------------------------


def test_the_dashboard(client: Any, people: Any, review: Review) -> None:
    services.review_submit(actor=people["rus"], review=review)
    services.review_start(actor=people["sec"], review=review)
    request = services.request_ask(
        actor=people["kaz"],
        review=review,
        question="Self-destruct reliability?",
        due_date=dt.date.today() + dt.timedelta(days=1),
    )
    InformationRequest.objects.filter(pk=request.pk).update(
        due_date=dt.date.today() - dt.timedelta(days=2)
    )
    signed_in(client, people["rus"])
    body = text(client.get(reverse("expertise:index")))
    assert f'data-testid="open-review-{review.pk}"' in body and "In review" in body
    row = body.split(f'data-testid="request-due-{request.pk}"')[1].split("</tr>")[0]
    assert 'class="overdue"' in row and "overdue" in row and "Self-destruct" in row
    assert f'href="{reverse("expertise:systems")}"' in body
    assert f'href="{reverse("expertise:matrix")}"' in body


def test_the_dashboard_shows_what_needs_re_review(client: Any, people: Any, review: Review) -> None:
    review = walk_to_deliberation(people, review)
    for who, lead in (("kaz", "kaz"), ("rus", "rus_lead")):
        services.participant_name_reviewers(
            actor=people[who], review=review, lead_reviewer=people[lead], reviewers=[people[who]]
        )
        record_all_findings(people, review, who)
        services.conclusion_sign(
            actor=people[lead], review=review, outcome="lawful", reasoning="No issue."
        )
    signed_in(client, people["sec"])
    response = _post(
        client, "expertise:review-rereview", review, {"reason": "Field reports (fictional)."}
    )
    assert "needing re-review" in " ".join(messages_of(response))
    signed_in(client, people["kaz"])
    body = text(client.get(reverse("expertise:index")))
    assert f'data-testid="rereview-{review.pk}"' in body
    assert "Field reports (fictional)." in body
    matrix = text(client.get(reverse("expertise:matrix")))
    cell = matrix.split(f'data-testid="cell-{review.subject_id}-KAZ"')[0].rsplit("<td", 1)[1]
    assert 'data-status="needs_rereview"' in cell
    after = matrix.split(f'data-testid="cell-{review.subject_id}-KAZ"')[1].split("</td>")[0]
    assert "Field reports (fictional)." in after  # the reason, in the tooltip


def test_the_conclusions_tab_gives_each_partys_legal_basis(
    client: Any, people: Any, review: Review
) -> None:
    services.review_submit(actor=people["rus"], review=review)
    signed_in(client, people["kaz"])
    body = text(client.get(review_url(review, "conclusions")))
    rus = body.split('data-testid="basis-RUS"')[1].split("</details>")[0]
    assert "CCW-APII-6" in rus and "CCW-APII Art. 6" in rus
    kaz = body.split('data-testid="basis-KAZ"')[1].split("</details>")[0]
    assert "CCW-APII-6" not in kaz and "customary international law" in kaz


def test_an_unknown_tab_shows_the_description(client: Any, people: Any, review: Review) -> None:
    signed_in(client, people["rus"])
    response = client.get(review_url(review, "nonsense"))
    assert response.status_code == 200 and response.context["tab"] == "description"


# --- Query counts ---------------------------------------------------------------------------------


def test_list_pages_do_not_grow_with_rows(
    client: Any, people: Any, party: Any, django_assert_max_num_queries: Any
) -> None:
    """The register and the matrix show every system; more systems cost no more queries.
    The home page of the module lists every open review and every request due."""
    made = itertools.count()

    def grow(count: int = 6) -> None:
        for _ in range(count):
            index = next(made)
            system = services.system_register(
                actor=people["rus"],
                designation=f"Fictional system {index:02}",
                category="other",
                classification=Classification.RESTRICTED,
                release=Release.MEMBERS,
            )
            version = system.versions.get()
            services.version_update(
                actor=people["rus"], version=version, expected_version=1, characteristics=MINE
            )
            services.contingent_assign(
                actor=people["rus"],
                version=version,
                party=party("KAZ"),
                from_date=dt.date(2026, 1, 1),
            )
            review = services.review_open(actor=people["rus"], version=version)
            if index % 2:
                services.review_submit(actor=people["rus"], review=review)
                services.review_start(actor=people["sec"], review=review)
                services.request_ask(
                    actor=people["kaz"],
                    review=review,
                    question=f"Question {index}",
                    due_date=dt.date.today() + dt.timedelta(days=3),
                )

    def systems_shown(response: Any) -> int:
        assert response.status_code == 200
        return len(set(re.findall(r"Fictional system \d\d", response.content.decode())))

    grow()
    signed_in(client, people["kaz"])
    assert assert_flat(
        lambda: client.get(reverse("expertise:systems")), grow, rows=systems_shown, at_most=9
    ) == (6, 12)
    assert assert_flat(
        lambda: client.get(reverse("expertise:matrix")), grow, rows=systems_shown, at_most=12
    ) == (12, 18)
    grow(7)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("expertise:index"))
    assert response.status_code == 200
    assert len(response.context["open_reviews"]) == 25
    assert len(response.context["requests_due"]) == 12


# --- Russian -------------------------------------------------------------------------------


def test_pages_render_in_russian(client: Any, people: Any, review: Review) -> None:
    signed_in(client, people["kaz"])
    russian(client)
    for url in [
        reverse("expertise:index"),
        reverse("expertise:systems"),
        reverse("expertise:matrix"),
        reverse("expertise:system-new"),
        *_private_urls(review),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = text(response)
        assert '<html lang="ru">' in body, url
        assert "Выйти" in body, url
    # Labels from the vocabulary follow the language (the law base's catalogue has them).
    body = text(client.get(review_url(review, "description")))
    assert "Противопехотная мина" in body


def test_the_matrix_page_filters_by_system_and_drops_a_bad_value(
    client: Any, people: Any, review: Review
) -> None:
    """The page reads ?system= through the API's FilterSet (`page_filters`): a value its own
    control never sends (not a number, not positive, a system not seen) shows every row."""
    signed_in(client, people["rus"])
    url = reverse("expertise:matrix")
    every = {version.pk for version, _cells in client.get(url).context["rows"]}
    system_id = review.subject.system_id
    chosen = client.get(url, {"system": system_id})
    assert chosen.context["system"].pk == system_id
    assert {version.system_id for version, _cells in chosen.context["rows"]} == {system_id}
    for bad in ("abc", "0", "999999"):
        response = client.get(url, {"system": bad})
        assert response.status_code == 200
        assert response.context["system"] is None
        assert {version.pk for version, _cells in response.context["rows"]} == every


@pytest.mark.parametrize("rule", ["", "NO-SUCH-RULE", "a/b"])
def test_a_finding_on_no_rule_of_the_register_is_a_400_not_a_500(
    client: Any, people: Any, review: Review, rule: str
) -> None:
    """Issue 17, point 13: an empty form answered 500 (NoReverseMatch for law:rule)."""
    services.review_submit(actor=people["rus"], review=review)
    services.review_start(actor=people["sec"], review=review)
    signed_in(client, people["kaz"])
    data = {"rule": rule} if rule else {}
    response = client.post(reverse("expertise:finding-record", args=[review.pk]), data)
    assert response.status_code == 400
    assert "Choose a rule of the register for the finding." in text(response)
    assert not Finding.objects.exists()
