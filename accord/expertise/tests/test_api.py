"""The expertise API through HTTP: a review walked from registration to the joint
conclusion by two parties and the Secretariat; refused moves (409 with the reason) and
refused actors (403/404) that change nothing and record nothing; who sees systems and
reviews; evidence uploads and downloads; stale edits; that a party's internal notes never
reach another party; pinned query counts on the list endpoints; the exports."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from accord.core.models import AuditEvent, Classification, Release
from accord.core.tests.queries import rows_of
from accord.expertise import services
from accord.expertise.models import (
    Conclusion,
    ContingentAssignment,
    Evidence,
    Finding,
    InformationRequest,
    InternalNote,
    Review,
    SystemVersion,
    WeaponSystem,
)
from accord.expertise.tests.conftest import MINE, record_all_findings, walk_to_deliberation
from accord.law.models import Rule

S = Review.State
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"expertise-api:{name}", kwargs=kwargs)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded evidence goes to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def clients(people, make_user, api_client):
    """An API client per person of the review world, and an observer (Iran)."""
    people["irn"] = make_user("IRN", roles=["legal_adviser"], username="irn.adviser")
    return {who: api_client(user) for who, user in people.items()}


def stored_files(media) -> list[Any]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def state_of_the_world() -> dict[str, Any]:
    """Everything a refused call must leave as it was."""
    return {
        "reviews": list(Review.objects.order_by("pk").values_list("pk", "state", "version")),
        "systems": list(WeaponSystem.objects.order_by("pk").values_list("pk", "version")),
        "versions": list(SystemVersion.objects.order_by("pk").values_list("pk", "version")),
        "counts": [
            model.objects.count()
            for model in (
                Evidence,
                ContingentAssignment,
                InformationRequest,
                Finding,
                Conclusion,
                InternalNote,
            )
        ],
        "events": AuditEvent.objects.count(),
    }


# --- The whole journey -----------------------------------------------------------------------


def test_a_review_walks_from_registration_to_the_joint_conclusion(clients, people, media):
    rus, kaz, sec = clients["rus"], clients["kaz"], clients["sec"]

    # RUS registers a system and describes its first version.
    created = rus.post(
        url("system-list"),
        {
            "designation": "Fictional Area Denial System",
            "category": "novel_munition",
            "classification": Classification.RESTRICTED,
            "release": Release.OWNER,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    system = created.json()
    assert (system["owner"], system["version"]) == ("RUS", 1)
    (first,) = system["versions"]
    version_url = url("version-detail", pk=first["id"])
    described = rus.patch(
        version_url,
        {"expected_version": 1, "characteristics": MINE, "normal_use": "Area denial."},
        format="json",
    )
    assert described.status_code == 200, described.json()
    assert described.json()["characteristics"] == MINE

    # Evidence: a PDF (multipart), cited by an answer.
    pdf = rus.post(
        url("version-evidence", pk=first["id"]),
        {"title": "Specification", "file": SimpleUploadedFile("spec.pdf", PDF)},
        format="multipart",
    )
    assert pdf.status_code == 201, pdf.json()
    evidence = pdf.json()
    assert evidence["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert (evidence["content_type"], evidence["size"]) == ("application/pdf", len(PDF))
    cited = rus.patch(
        version_url,
        {"expected_version": 2, "citations": {"normal_use": [evidence["id"]]}},
        format="json",
    )
    assert cited.status_code == 200, cited.json()

    # KAZ's contingent uses the version; RUS opens the review.
    assigned = rus.post(
        url("version-assignments", pk=first["id"]),
        {"party": "KAZ", "from_date": "2026-01-01"},
        format="json",
    )
    assert assigned.status_code == 201, assigned.json()
    opened = rus.post(
        url("review-list"),
        {"version": first["id"], "conflict_type": "international"},
        format="json",
    )
    assert opened.status_code == 201, opened.json()
    review = opened.json()
    review_id = review["id"]
    assert review["state"] == S.DRAFT
    roles = {p["party"]: p["role"] for p in review["participants"]}
    assert roles == {"RUS": "owner", "KAZ": "contingent", "SEC": "coordinator"}
    assert kaz.get(url("review-detail", pk=review_id)).status_code == 200

    def move(client: Any, step: str, **body: Any) -> dict[str, Any]:
        response = client.post(url(f"review-{step}", pk=review_id), body, format="json")
        assert response.status_code == 200, (step, response.json())
        return response.json()

    submitted = move(rus, "submit")
    assert submitted["state"] == S.SUBMITTED
    assert set(submitted["screening"]["parties"]) == {"RUS", "KAZ"}
    frozen = rus.patch(version_url, {"expected_version": 3, "normal_use": "x"}, format="json")
    assert frozen.status_code == 409
    assert "frozen" in frozen.json()["detail"]
    assert move(sec, "start")["state"] == S.IN_REVIEW

    # A request for information blocks deliberation until the owner answers it.
    asked = kaz.post(
        url("review-requests", pk=review_id),
        {"question": "Self-destruct failure rate?", "due_date": str(dt.date.today())},
        format="json",
    )
    assert asked.status_code == 201, asked.json()
    blocked = sec.post(url("review-deliberate", pk=review_id))
    assert blocked.status_code == 409
    assert "still open" in blocked.json()["detail"]
    answered = rus.post(
        url("request-answer", pk=asked.json()["id"]),
        {"answer": "Below 1% (fictional)."},
        format="json",
    )
    assert answered.status_code == 200, answered.json()
    assert answered.json()["state"] == "answered"
    assert move(sec, "deliberate")["state"] == S.DELIBERATION

    # Each party names its reviewers and records a finding on every rule engaged for it.
    named = rus.post(
        url("review-reviewers", pk=review_id),
        {"lead_reviewer": "rus.lead", "reviewers": ["rus.adviser"]},
        format="json",
    )
    assert named.status_code == 200, named.json()
    assert (named.json()["lead_reviewer"], named.json()["reviewers"]) == (
        "rus.lead",
        ["rus.adviser"],
    )
    assert (
        kaz.post(
            url("review-reviewers", pk=review_id), {"lead_reviewer": "kaz.lead"}, format="json"
        ).status_code
        == 200
    )
    for who, client, outcome in (("KAZ", kaz, "prohibited"), ("RUS", rus, "restriction")):
        for item in submitted["screening"]["parties"][who]["engaged"]:
            recorded = client.post(
                url("review-findings", pk=review_id),
                {
                    "rule": item["rule"],
                    "outcome": outcome,
                    "reasoning": f"Assessed {item['rule']}.",
                    "restriction": "Fenced areas only." if outcome == "restriction" else "",
                    "evidence": [evidence["id"]],
                },
                format="json",
            )
            assert recorded.status_code == 201, recorded.json()
            assert recorded.json()["evidence"] == [evidence["id"]]

    # Each lead reviewer signs; the last signature adopts the joint conclusion.
    kaz_signed = kaz.post(
        url("review-conclusions", pk=review_id),
        {
            "outcome": "unlawful",
            "reasoning": "APII binds us.",
            "opinion": "dissenting",
            "opinion_text": "We disagree with RUS.",
        },
        format="json",
    )
    assert kaz_signed.status_code == 201, kaz_signed.json()
    assert kaz.get(url("review-detail", pk=review_id)).json()["state"] == S.DELIBERATION
    rus_signed = clients["rus_lead"].post(
        url("review-conclusions", pk=review_id),
        {
            "outcome": "lawful_with_conditions",
            "conditions": ["Only in marked, monitored and fenced areas."],
            "reasoning": "Meets APII if fenced.",
        },
        format="json",
    )
    assert rus_signed.status_code == 201, rus_signed.json()
    concluded = kaz.get(url("review-detail", pk=review_id)).json()
    assert concluded["state"] == S.CONCLUDED
    event = AuditEvent.objects.get(action="expertise.review.concluded", object_id=str(review_id))
    assert concluded["conclusion_event_hash"] == event.hash
    outcomes = {c["party"]: (c["outcome"], c["opinion"]) for c in concluded["conclusions"]}
    assert outcomes == {
        "KAZ": ("unlawful", "dissenting"),
        "RUS": ("lawful_with_conditions", ""),
    }
    assert concluded["rereview"]["needed"] is False

    # The matrix and the gate.
    matrix = kaz.get(url("matrix"), {"system": system["id"]}).json()
    cells = {(c["version"], c["party"]): c for c in matrix["cells"]}
    assert cells[(first["id"], "KAZ")]["status"] == "unlawful"
    rus_cell = cells[(first["id"], "RUS")]
    assert rus_cell["status"] == "lawful_with_conditions"
    assert rus_cell["conditions"] == ["Only in marked, monitored and fenced areas."]
    assert rus_cell["review"] == review_id
    assert cells[(first["id"], "ARM")]["status"] == "not_reviewed"
    gate = sec.get(url("version-clearance", pk=first["id"], code="RUS")).json()
    assert (gate["status"], gate["review"]) == ("lawful_with_conditions", review_id)

    # A new version marks the conclusion for re-review; the dashboard shows it.
    second = rus.post(url("system-versions", pk=system["id"]), {"label": "Mk 2"}, format="json")
    assert second.status_code == 201, second.json()
    assert second.json()["number"] == 2
    assert second.json()["characteristics"] == MINE
    rereview = kaz.get(url("review-detail", pk=review_id)).json()["rereview"]
    assert rereview["needed"] is True and "new version" in rereview["reason"]
    dashboard = kaz.get(url("dashboard")).json()
    assert [r["id"] for r in dashboard["rereview"]] == [review_id]
    gate = kaz.get(url("version-clearance", pk=first["id"], code="KAZ")).json()
    assert (gate["status"], gate["outcome"]) == ("needs_rereview", "unlawful")


def test_withdraw_invite_and_mark_for_re_review(clients, people, review):
    rus, sec = clients["rus"], clients["sec"]
    invited = rus.post(url("review-invite", pk=review.pk), {"party": "BLR"}, format="json")
    assert invited.status_code == 200, invited.json()
    assert (invited.json()["party"], invited.json()["role"]) == ("BLR", "invited")
    assert clients["blr"].get(url("review-detail", pk=review.pk)).status_code == 200
    not_a_state = rus.post(url("review-invite", pk=review.pk), {"party": "SEC"}, format="json")
    assert not_a_state.status_code == 400
    assert list(not_a_state.json()["errors"]) == ["party"]

    early = sec.post(url("review-rereview", pk=review.pk), {"reason": "x"}, format="json")
    assert early.status_code == 409
    assert "concluded" in early.json()["detail"]

    no_reason = rus.post(url("review-withdraw", pk=review.pk), {"reason": ""}, format="json")
    assert no_reason.status_code == 400
    withdrawn = rus.post(
        url("review-withdraw", pk=review.pk), {"reason": "Programme cancelled."}, format="json"
    )
    assert withdrawn.status_code == 200, withdrawn.json()
    body = withdrawn.json()
    assert (body["state"], body["withdrawal_reason"]) == (S.WITHDRAWN, "Programme cancelled.")
    assert body["rereview"]["reason"] == ""


def test_the_secretariat_marks_a_concluded_review_for_re_review(clients, people, review):
    _conclude(people, review)
    refused = clients["rus"].post(
        url("review-rereview", pk=review.pk), {"reason": "x"}, format="json"
    )
    assert refused.status_code == 403
    marked = clients["sec"].post(
        url("review-rereview", pk=review.pk), {"reason": "New test data."}, format="json"
    )
    assert marked.status_code == 200, marked.json()
    assert marked.json()["rereview"]["needed"] is True
    assert marked.json()["rereview"]["reason"] == "New test data."


def _conclude(people: dict[str, Any], review: Review, conditions: tuple[str, ...] = ()) -> Review:
    review = walk_to_deliberation(people, review)
    services.participant_name_reviewers(
        actor=people["kaz"], review=review, lead_reviewer=people["kaz"], reviewers=[]
    )
    services.participant_name_reviewers(
        actor=people["rus"], review=review, lead_reviewer=people["rus_lead"], reviewers=[]
    )
    record_all_findings(people, review, "kaz")
    record_all_findings(people, review, "rus_lead")
    for who in ("kaz", "rus_lead"):
        services.conclusion_sign(
            actor=people[who],
            review=review,
            outcome="lawful_with_conditions" if conditions else "lawful",
            conditions=list(conditions),
            reasoning="Lawful.",
        )
    review.refresh_from_db()
    assert review.state == S.CONCLUDED
    return review


def test_review_list_filters_by_state(clients, review):
    drafts = clients["kaz"].get(url("review-list"), {"state": "draft"}).json()
    assert [r["id"] for r in drafts["results"]] == [review.pk]
    assert drafts["results"][0]["parties"] == ["KAZ", "RUS", "SEC"]
    assert clients["kaz"].get(url("review-list"), {"state": "concluded"}).json()["count"] == 0
    bad = clients["kaz"].get(url("review-list"), {"state": "finished"})
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["state"]


# --- Refused moves and refused actors --------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "state", "who"),
    [
        ("start", S.DRAFT, "sec"),
        ("deliberate", S.SUBMITTED, "sec"),
        ("submit", S.IN_REVIEW, "rus"),
        ("start", S.CONCLUDED, "sec"),
        ("withdraw", S.CONCLUDED, "sec"),
        ("withdraw", S.WITHDRAWN, "rus"),
        ("invite", S.IN_REVIEW, "rus"),
        ("reviewers", S.CONCLUDED, "kaz"),
    ],
)
def test_a_move_the_state_does_not_allow_is_409_with_the_reason(clients, review, step, state, who):
    Review.objects.filter(pk=review.pk).update(state=state)
    body = {
        "withdraw": {"reason": "Changed plans."},
        "invite": {"party": "BLR"},
        "reviewers": {"lead_reviewer": "kaz.lead"},
    }.get(step, {})
    before = state_of_the_world()
    response = clients[who].post(url(f"review-{step}", pk=review.pk), body, format="json")
    assert response.status_code == 409, response.json()
    assert response.json()["code"] == "conflict"
    assert "Not possible while the review is" in response.json()["detail"]
    assert state_of_the_world() == before


def _post(path: str, body: dict[str, Any] | None = None) -> tuple[str, str, dict[str, Any]]:
    return ("post", path, body or {})


# (who, method, url name, body) → expected status. `review` and `version` are filled in.
REFUSALS = [
    # The Secretariat's moves, by a participating state (403) and an outsider (404).
    ("rus", "review-start", {}, 403),
    ("kaz", "review-start", {}, 403),
    ("arm", "review-start", {}, 404),
    ("irn", "review-start", {}, 404),
    ("rus_low", "review-start", {}, 404),
    # Submitting: the initiating or owner party, or the Secretariat.
    ("kaz", "review-submit", {}, 403),
    ("blr", "review-submit", {}, 404),
    ("kaz", "review-withdraw", {"reason": "No."}, 403),
    ("arm", "review-withdraw", {"reason": "No."}, 404),
    ("kaz", "review-invite", {"party": "BLR"}, 403),
    ("rus", "review-rereview", {"reason": "x"}, 403),
    ("arm", "review-notes", {"text": "Peeking."}, 404),
    ("irn", "review-notes", {"text": "Peeking."}, 404),
    ("sec", "review-reviewers", {"lead_reviewer": "sec.officer"}, 403),
    ("arm", "review-reviewers", {"lead_reviewer": "arm.adviser"}, 404),
    # The register: only the owner party's legal advisers write.
    ("kaz", "system-detail", {"version": 1, "designation": "Renamed"}, 403),
    ("arm", "system-detail", {"version": 1, "designation": "Renamed"}, 404),
    ("kaz", "system-versions", {"label": "v2"}, 403),
    ("arm", "system-versions", {"label": "v2"}, 404),
    ("kaz", "version-detail", {"expected_version": 2, "normal_use": "x"}, 403),
    ("rus_low", "version-detail", {"expected_version": 2, "normal_use": "x"}, 404),
    ("kaz", "version-evidence", {"title": "t", "reference": "r"}, 403),
    ("irn", "version-evidence", {"title": "t", "reference": "r"}, 404),
    ("kaz", "version-assignments", {"party": "KAZ", "from_date": "2026-01-01"}, 403),
    ("arm", "version-assignments", {"party": "ARM", "from_date": "2026-01-01"}, 404),
    ("arm", "review-list", {"version": "<version>"}, 400),
]


@pytest.mark.parametrize(("who", "name", "body", "expected"), REFUSALS)
def test_a_refused_actor_changes_nothing_and_records_nothing(
    clients, review, who, name, body, expected
):
    version = review.subject
    kwargs = (
        {}
        if name == "review-list"
        else {"pk": version.system_id}
        if name.startswith("system-")
        else {"pk": version.pk}
        if name.startswith("version-")
        else {"pk": review.pk}
    )
    if name == "review-rereview":
        Review.objects.filter(pk=review.pk).update(state=S.CONCLUDED)
    body = {k: (version.pk if v == "<version>" else v) for k, v in body.items()}
    before = state_of_the_world()
    client = clients[who]
    call = client.patch if name in ("system-detail", "version-detail") else client.post
    response = call(url(name, **kwargs), body, format="json")
    assert response.status_code == expected, response.json()
    assert response.json()["code"] in ("permission_denied", "not_found", "invalid")
    if expected == 404:
        assert response.json()["detail"] == "Not found."
    assert state_of_the_world() == before


def test_refused_work_inside_a_review(clients, people, review):
    """Requests, findings and conclusions: the wrong party or the wrong person."""
    services.review_submit(actor=people["rus"], review=review)
    services.review_start(actor=people["sec"], review=review)
    asked = services.request_ask(
        actor=people["kaz"], review=review, question="Q?", due_date=dt.date.today()
    )
    review.refresh_from_db()
    rule = Rule.objects.get(code=review.screening["parties"]["KAZ"]["engaged"][0]["rule"])
    before = state_of_the_world()
    cases = [
        ("kaz", url("request-answer", pk=asked.pk), {"answer": "Mine."}, 403),
        ("arm", url("request-answer", pk=asked.pk), {"answer": "Mine."}, 404),
        ("rus", url("request-withdraw", pk=asked.pk), {}, 403),
        (
            "sec",
            url("review-requests", pk=review.pk),
            {"question": "Q", "due_date": "2099-01-01"},
            403,
        ),
        (
            "sec",
            url("review-findings", pk=review.pk),
            {"rule": rule.code, "outcome": "no_issue", "reasoning": "r"},
            403,
        ),
        (
            "blr",
            url("review-findings", pk=review.pk),
            {"rule": rule.code, "outcome": "no_issue", "reasoning": "r"},
            404,
        ),
        (
            "kaz",
            url("review-conclusions", pk=review.pk),
            {"outcome": "lawful", "reasoning": "r"},
            403,
        ),
    ]
    for who, path, body, expected in cases:
        response = clients[who].post(path, body, format="json")
        assert response.status_code == expected, (who, path, response.json())
    assert state_of_the_world() == before

    # Signing before deliberation: the lead reviewer, but the wrong state.
    services.participant_name_reviewers(
        actor=people["kaz"], review=review, lead_reviewer=people["kaz"], reviewers=[]
    )
    before = state_of_the_world()
    early = clients["kaz"].post(
        url("review-conclusions", pk=review.pk), {"outcome": "lawful", "reasoning": "r"}
    )
    assert early.status_code == 409
    assert "Not possible while the review is" in early.json()["detail"]
    withdrawn = clients["kaz"].post(url("request-withdraw", pk=asked.pk))
    assert withdrawn.status_code == 200
    again = clients["kaz"].post(url("request-withdraw", pk=asked.pk))
    assert again.status_code == 409
    assert "no longer open" in again.json()["detail"]
    assert InformationRequest.objects.get(pk=asked.pk).state == "withdrawn"
    assert Review.objects.get(pk=review.pk).state == S.IN_REVIEW
    assert before["counts"] == state_of_the_world()["counts"]


def test_a_conclusion_needs_every_finding_first(clients, people, review):
    review = walk_to_deliberation(people, review)
    services.participant_name_reviewers(
        actor=people["kaz"], review=review, lead_reviewer=people["kaz"], reviewers=[]
    )
    before = state_of_the_world()
    response = clients["kaz"].post(
        url("review-conclusions", pk=review.pk),
        {"outcome": "lawful", "reasoning": "r"},
        format="json",
    )
    assert response.status_code == 400
    assert "CIHL-81" in response.json()["errors"]["findings"][0]
    assert state_of_the_world() == before
    record_all_findings(people, review, "kaz")
    conditions = clients["kaz"].post(
        url("review-conclusions", pk=review.pk),
        {"outcome": "lawful_with_conditions", "reasoning": "r"},
        format="json",
    )
    assert conditions.status_code == 400
    assert list(conditions.json()["errors"]) == ["conditions"]


# --- Who sees what ---------------------------------------------------------------------------

# The review is RESTRICTED like its system and released to its participants only (RUS
# owner, KAZ through its contingent, SEC coordinating); the system's own release decides
# who else sees the system.
VISIBILITY = [
    # release of the system, who, sees the system, sees the review
    (Release.OWNER, "rus", True, True),
    (Release.OWNER, "kaz", True, True),
    (Release.OWNER, "sec", True, True),
    (Release.OWNER, "arm", False, False),
    (Release.OWNER, "irn", False, False),
    (Release.OWNER, "rus_low", False, False),
    (Release.MEMBERS, "arm", True, False),
    (Release.MEMBERS, "irn", False, False),
    (Release.MEMBERS, "rus_low", False, False),
    (Release.MEMBERS_OBSERVERS, "irn", True, False),
    (Release.MEMBERS_OBSERVERS, "rus_low", False, False),
]


@pytest.mark.parametrize(("release", "who", "sees_system", "sees_review"), VISIBILITY)
def test_visibility_of_systems_and_reviews(clients, review, release, who, sees_system, sees_review):
    version = review.subject
    WeaponSystem.objects.filter(pk=version.system_id).update(release=release)
    client = clients[who]
    system_urls = [
        url("system-detail", pk=version.system_id),
        url("system-versions", pk=version.system_id),
        url("version-detail", pk=version.pk),
        url("version-evidence", pk=version.pk),
        url("version-assignments", pk=version.pk),
        url("version-clearance", pk=version.pk, code="KAZ"),
    ]
    review_urls = [
        url(name, pk=review.pk)
        for name in (
            "review-detail",
            "review-requests",
            "review-findings",
            "review-conclusions",
            "review-notes",
        )
    ]
    for path in system_urls:
        response = client.get(path)
        assert response.status_code == (200 if sees_system else 404), path
    for path in review_urls:
        response = client.get(path)
        assert response.status_code == (200 if sees_review else 404), path
        if not sees_review:
            assert response.json() == {"code": "not_found", "detail": "Not found."}
    systems = client.get(url("system-list")).json()["results"]
    assert (version.system_id in [s["id"] for s in systems]) == sees_system
    reviews = client.get(url("review-list")).json()["results"]
    assert (review.pk in [r["id"] for r in reviews]) == sees_review
    matrix = client.get(url("matrix")).json()
    assert (version.pk in [v["id"] for v in matrix["versions"]]) == sees_system
    hidden = client.get(url("matrix"), {"system": version.system_id})
    assert hidden.status_code == (200 if sees_system else 404)


def test_the_matrix_shows_the_conclusion_only_to_those_who_may_open_the_review(
    clients, people, review
):
    """ARM sees the system (released to members) but takes no part in its review: it reads
    each party's standing, not the conditions, the reason or the review behind it."""
    _conclude(people, review, conditions=("Fenced areas only.",))
    WeaponSystem.objects.filter(pk=review.subject.system_id).update(release=Release.MEMBERS)
    version = review.subject_id

    def kaz_cell(who: str) -> dict[str, Any]:
        cells = clients[who].get(url("matrix")).json()["cells"]
        (cell,) = [c for c in cells if (c["version"], c["party"]) == (version, "KAZ")]
        gate = clients[who].get(url("version-clearance", pk=version, code="KAZ")).json()
        assert {k: v for k, v in gate.items() if k not in ("version", "party")} == {
            k: v for k, v in cell.items() if k not in ("version", "party")
        }
        return cell

    outsider = kaz_cell("arm")
    assert outsider["status"] == "lawful_with_conditions"
    assert outsider["review"] is None and outsider["concluded_at"] is None
    assert (outsider["outcome"], outsider["conditions"]) == (None, [])
    participant = kaz_cell("kaz")
    assert participant["review"] == review.pk
    assert (participant["outcome"], participant["conditions"]) == (
        "lawful_with_conditions",
        ["Fenced areas only."],
    )


def test_a_confidential_review_read_is_audited(clients, people, version):
    WeaponSystem.objects.filter(pk=version.system_id).update(
        classification=Classification.CONFIDENTIAL
    )
    version = SystemVersion.objects.select_related("system").get(pk=version.pk)
    review = services.review_open(actor=people["rus"], version=version)
    assert review.classification == Classification.CONFIDENTIAL
    views = AuditEvent.objects.filter(action="view").count()
    assert clients["rus"].get(url("review-detail", pk=review.pk)).status_code == 200
    assert clients["rus"].get(url("system-detail", pk=version.system_id)).status_code == 200
    assert AuditEvent.objects.filter(action="view").count() == views + 2


# --- Internal notes --------------------------------------------------------------------------


def test_internal_notes_never_reach_another_party(clients, review):
    texts = {
        "rus": "RUS internal: evidence is thin.",
        "kaz": "KAZ internal: our treaty position.",
        "sec": "SEC internal: chase KAZ.",
    }
    for who, text in texts.items():
        added = clients[who].post(url("review-notes", pk=review.pk), {"text": text}, format="json")
        assert added.status_code == 201, added.json()
        assert added.json()["party"] == who.upper()
    for who, text in texts.items():
        client = clients[who]
        others = [t for w, t in texts.items() if w != who]
        detail = client.get(url("review-detail", pk=review.pk))
        notes = client.get(url("review-notes", pk=review.pk))
        assert [n["text"] for n in detail.json()["notes"]] == [text]
        assert [n["text"] for n in notes.json()["results"]] == [text]
        for response in (detail, notes, client.get(url("review-list"))):
            for other in others:
                assert other not in response.content.decode()
    # A second user of the same party reads the party's notes.
    assert [
        n["text"]
        for n in clients["rus_lead"].get(url("review-notes", pk=review.pk)).json()["results"]
    ] == [texts["rus"]]
    for outsider in ("arm", "irn"):
        assert clients[outsider].get(url("review-notes", pk=review.pk)).status_code == 404
    blank = clients["kaz"].post(url("review-notes", pk=review.pk), {"text": ""}, format="json")
    assert blank.status_code == 400


# --- Evidence --------------------------------------------------------------------------------


def test_an_accepted_pdf_is_stored_and_downloaded_by_those_who_see_the_version(
    clients, review, media
):
    version = review.subject
    response = clients["rus"].post(
        url("version-evidence", pk=version.pk),
        {"title": "", "file": SimpleUploadedFile("trials.pdf", PDF, "application/pdf")},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    evidence = response.json()
    assert evidence["title"] == "trials.pdf"  # the name when no title is given
    assert evidence["kind"] == "file" and evidence["file_name"] == "trials.pdf"
    assert len(stored_files(media)) == 1
    listed = clients["kaz"].get(url("version-evidence", pk=version.pk)).json()["results"]
    assert [e["id"] for e in listed] == [evidence["id"]]

    for who in ("rus", "kaz", "sec"):
        download = clients[who].get(evidence["download"])
        assert download.status_code == 200, who
        assert b"".join(download.streaming_content) == PDF
        assert download["Content-Type"] == "application/pdf"
        assert download["Content-Disposition"] == 'attachment; filename="trials.pdf"'
        assert download["X-Content-Type-Options"] == "nosniff"
    asked_for_pdf = clients["kaz"].get(evidence["download"], HTTP_ACCEPT="application/pdf")
    assert asked_for_pdf.status_code == 200
    for who in ("arm", "irn", "rus_low"):
        hidden = clients[who].get(evidence["download"], HTTP_ACCEPT="application/pdf")
        assert hidden.status_code == 404, who
        assert hidden.json()["code"] == "not_found"
    assert clients["kaz"].get(url("evidence-download", pk=999999)).status_code == 404
    for lost in stored_files(media):
        lost.unlink()
    gone = clients["kaz"].get(evidence["download"])
    assert (gone.status_code, gone.json()["code"]) == (404, "not_found")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("installer.exe", b"MZ\x90\x00" + b"\x00" * 60, "This type of file is not accepted"),
        ("report.pdf", b"MZ\x90\x00 not a pdf at all", "does not match its name (report.pdf)"),
        ("photo.png", PDF, "does not match its name (photo.png)"),
        ("notes.txt", b"\xff\xfe\x00bad", "A text file must be UTF-8"),
        ("noextension", PDF, "This type of file is not accepted"),
    ],
)
def test_a_refused_file_is_400_with_a_clear_message_and_stores_nothing(
    clients, version, media, name, content, message
):
    before = state_of_the_world()
    response = clients["rus"].post(
        url("version-evidence", pk=version.pk),
        {"title": "Upload", "file": SimpleUploadedFile(name, content)},
        format="multipart",
    )
    assert response.status_code == 400, response.json()
    (error,) = response.json()["errors"]["file"]
    assert message in error
    assert state_of_the_world() == before
    assert stored_files(media) == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "No file"}, "file"),
        ({"title": "Empty", "file": SimpleUploadedFile("empty.pdf", b"")}, "file"),
    ],
)
def test_an_unusable_upload_is_400_on_file(clients, version, media, body, field):
    before = state_of_the_world()
    response = clients["rus"].post(url("version-evidence", pk=version.pk), body, format="multipart")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert state_of_the_world() == before and stored_files(media) == []


def test_a_reference_is_evidence_without_a_file(clients, version):
    response = clients["rus"].post(
        url("version-evidence", pk=version.pk),
        {"title": "Trials report", "reference": "Report no. 1 (fictional)"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["kind"], response.json()["download"]) == ("reference", None)
    download = clients["rus"].get(url("evidence-download", pk=response.json()["id"]))
    assert download.status_code == 404


# --- Stale and invalid edits -----------------------------------------------------------------


def test_a_stale_system_edit_is_409_and_changes_nothing(clients, system):
    first = clients["rus"].patch(
        url("system-detail", pk=system.pk),
        {"version": 1, "designation": "Renamed (fictional)", "released_to": ["KAZ"]},
        format="json",
    )
    assert first.status_code == 200, first.json()
    assert (first.json()["version"], first.json()["released_to"]) == (2, ["KAZ"])
    before = state_of_the_world()
    stale = clients["rus"].patch(
        url("system-detail", pk=system.pk), {"version": 1, "designation": "Lost"}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    assert "changed by someone else" in stale.json()["detail"]
    assert state_of_the_world() == before
    assert WeaponSystem.objects.get(pk=system.pk).designation == "Renamed (fictional)"
    missing = clients["rus"].patch(
        url("system-detail", pk=system.pk), {"designation": "No version"}, format="json"
    )
    assert missing.status_code == 400
    assert list(missing.json()["errors"]) == ["version"]


def test_a_stale_version_edit_is_409(clients, version):
    before = state_of_the_world()
    stale = clients["rus"].patch(
        url("version-detail", pk=version.pk),
        {"expected_version": version.version - 1, "normal_use": "Lost."},
        format="json",
    )
    assert stale.status_code == 409
    assert state_of_the_world() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"characteristics": {"weapon_type": "death_ray"}}, "characteristics.weapon_type"),
        ({"characteristics": {"self_destruction": "maybe"}}, "characteristics.self_destruction"),
        ({"characteristics": {"colour": "red"}}, "characteristics.colour"),
        ({"citations": {"normal_use": [999999]}}, "citations"),
        ({"characteristics": ["weapon_type"]}, "characteristics"),
    ],
)
def test_an_invalid_questionnaire_is_400_naming_the_field(clients, version, change, field):
    before = state_of_the_world()
    response = clients["rus"].patch(
        url("version-detail", pk=version.pk),
        {"expected_version": version.version, **change},
        format="json",
    )
    assert response.status_code == 400, response.json()
    assert list(response.json()["errors"]) == [field]
    assert state_of_the_world() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"designation": ""}, "designation"),
        ({"category": "death_ray"}, "category"),
        ({"classification": 9}, "classification"),
        ({"release": "listed", "released_to": ["XXX"]}, "released_to"),
    ],
)
def test_an_invalid_registration_is_400_naming_the_field(clients, change, field):
    before = state_of_the_world()
    response = clients["rus"].post(
        url("system-list"),
        {"designation": "Fictional", "category": "laser", **change},
        format="json",
    )
    assert response.status_code == 400, response.json()
    assert list(response.json()["errors"]) == [field]
    assert state_of_the_world() == before


def test_registering_above_ones_clearance_is_refused(clients):
    response = clients["rus_low"].post(
        url("system-list"),
        {"designation": "Fictional", "category": "laser", "classification": 2},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["classification"]


# --- Naming reviewers, findings input ------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"lead_reviewer": "nobody"}, "lead_reviewer"),
        ({"lead_reviewer": "rus.lead"}, "lead_reviewer"),  # another party's user
        ({"lead_reviewer": "kaz.lead", "reviewers": ["rus.adviser"]}, "reviewers"),
        ({"reviewers": []}, "lead_reviewer"),
    ],
)
def test_reviewers_are_users_of_the_actors_party(clients, review, body, field):
    before = state_of_the_world()
    response = clients["kaz"].post(url("review-reviewers", pk=review.pk), body, format="json")
    assert response.status_code == 400, response.json()
    assert list(response.json()["errors"]) == [field]
    if "nobody" in str(body) or "rus." in str(body):
        message = response.json()["errors"][field][0]
        assert message.startswith("No user of your party has the username")
    assert state_of_the_world() == before


def test_a_lead_reviewer_needs_the_role(clients, review):
    response = clients["rus"].post(
        url("review-reviewers", pk=review.pk), {"lead_reviewer": "rus.adviser"}, format="json"
    )
    assert response.status_code == 400
    assert "lead reviewer role" in response.json()["errors"]["lead_reviewer"][0]


def test_findings_input_is_checked_and_revisions_are_versioned(clients, people, review, party):
    services.review_submit(actor=people["rus"], review=review)
    services.review_start(actor=people["sec"], review=review)
    other_version = services.version_create(actor=people["rus"], system=review.subject.system)
    services.contingent_assign(
        actor=people["rus"], version=other_version, party=party("KAZ"), from_date=dt.date.today()
    )
    foreign = clients["rus"].post(
        url("version-evidence", pk=other_version.pk),
        {"file": SimpleUploadedFile("other.pdf", PDF)},
        format="multipart",
    )
    assert foreign.status_code == 201
    review.refresh_from_db()
    code = review.screening["parties"]["KAZ"]["engaged"][0]["rule"]
    findings = url("review-findings", pk=review.pk)
    kaz = clients["kaz"]
    for body, field in (
        ({"rule": "NO-SUCH-RULE", "outcome": "no_issue", "reasoning": "r"}, "rule"),
        ({"rule": code, "outcome": "fine", "reasoning": "r"}, "outcome"),
        ({"rule": code, "outcome": "restriction", "reasoning": "r"}, "restriction"),
        (
            {
                "rule": code,
                "outcome": "no_issue",
                "reasoning": "r",
                "evidence": [foreign.json()["id"]],
            },
            "evidence",
        ),
    ):
        response = kaz.post(findings, body, format="json")
        assert response.status_code == 400, (body, response.json())
        assert list(response.json()["errors"]) == [field]
    created = kaz.post(
        findings, {"rule": code, "outcome": "no_issue", "reasoning": "r"}, format="json"
    )
    assert created.status_code == 201, created.json()
    assert created.json()["version"] == 1
    revised = kaz.post(
        findings,
        {"rule": code, "outcome": "insufficient", "reasoning": "Need data.", "expected_version": 1},
        format="json",
    )
    assert revised.status_code == 200, revised.json()
    assert (revised.json()["outcome"], revised.json()["version"]) == ("insufficient", 2)
    stale = kaz.post(
        findings,
        {"rule": code, "outcome": "no_issue", "reasoning": "r", "expected_version": 1},
        format="json",
    )
    assert stale.status_code == 409
    assert Finding.objects.get(pk=created.json()["id"]).outcome == "insufficient"
    listed = clients["rus"].get(findings).json()["results"]
    assert [(f["party"], f["rule"], f["outcome"]) for f in listed] == [
        ("KAZ", code, "insufficient")
    ]


# --- Query counts ------------------------------------------------------------------------


@pytest.fixture
def many(people, party, make_user):
    """Four systems of two owners, each with evidence, contingents (KAZ, ARM), notes and a
    request; the RUS-owned ones carry every party's findings and conclusions (the first
    concluded, the second in deliberation), the BLR-owned ones wait on an open request."""
    people["arm_lead"] = make_user("ARM", roles=["lead_reviewer"], username="arm.lead")
    leads = {"RUS": "rus_lead", "KAZ": "kaz", "ARM": "arm_lead", "BLR": "blr"}
    reviews = []
    for index in range(4):
        owner = people["rus"] if index % 2 == 0 else people["blr"]
        system = services.system_register(
            actor=owner,
            designation=f"Fictional System {index}",
            category="novel_munition",
            classification=Classification.RESTRICTED,
            release=Release.MEMBERS,
            released_to=[party("KAZ"), party("ARM")],
        )
        version = system.versions.get()
        services.version_update(
            actor=owner, version=version, expected_version=1, characteristics=MINE
        )
        for name in ("a.pdf", "b.pdf"):
            services.evidence_add_file(
                actor=owner, version=version, title=name, upload=SimpleUploadedFile(name, PDF)
            )
        for code in ("KAZ", "ARM"):
            services.contingent_assign(
                actor=owner, version=version, party=party(code), from_date=dt.date(2026, 1, 1)
            )
        review = services.review_open(actor=owner, version=version)
        services.note_add(actor=owner, review=review, text="Owner's note.")
        services.note_add(actor=owner, review=review, text="Another note.")
        services.review_submit(actor=owner, review=review)
        services.review_start(actor=people["sec"], review=review)
        services.request_ask(
            actor=people["kaz"], review=review, question="Q?", due_date=dt.date.today()
        )
        services.request_ask(
            actor=people["arm_lead"], review=review, question="Q2?", due_date=dt.date.today()
        )
        reviews.append(review)
        if owner.party.code != "RUS":
            continue
        for asked in review.requests.all():
            services.request_answer(actor=owner, request=asked, answer="A.")
        services.review_deliberate(actor=people["sec"], review=review)
        review.refresh_from_db()
        signing = ("RUS", "KAZ", "ARM") if index == 0 else ("RUS", "KAZ")
        for code in ("RUS", "KAZ", "ARM"):
            lead = people[leads[code]]
            services.participant_name_reviewers(
                actor=lead, review=review, lead_reviewer=lead, reviewers=[]
            )
            record_all_findings(people, review, leads[code])
            if code in signing:
                services.conclusion_sign(
                    actor=lead,
                    review=review,
                    outcome="lawful_with_conditions",
                    reasoning="r",
                    conditions=["Fenced areas only.", "Marked."],
                )
    assert [r.state for r in Review.objects.order_by("pk")] == [
        S.CONCLUDED,
        S.IN_REVIEW,
        S.DELIBERATION,
        S.IN_REVIEW,
    ]
    return reviews


# Each request also reads the API token and notes its use (2 queries). Everything under a
# review first reads the review with its participants, reviewers and conclusions (4-6).
# An export's audit event costs its savepoint, the chain's head and the insert, and the
# release of the savepoint; on PostgreSQL also the chain's advisory lock.
EXPORT_EVENT = 4 + (connection.vendor == "postgresql")


@pytest.mark.parametrize(
    ("name", "target", "limit"),
    [
        ("system-list", None, 5),
        ("review-list", None, 5),
        ("system-versions", "system", 4),
        ("version-evidence", "version", 4),
        ("version-assignments", "version", 4),
        ("review-detail", "review", 13),
        ("review-requests", "review", 9),
        ("review-findings", "review", 10),
        ("review-conclusions", "review", 9),
        ("review-notes", "review", 9),
        ("matrix", None, 7),
        ("dashboard", None, 7),
        # An export's audit event (core/export_audit): EXPORT_EVENT more queries.
        ("export-register-csv", None, 5 + EXPORT_EVENT),
        ("export-register-json", None, 5 + EXPORT_EVENT),
        ("export-matrix-csv", None, 7 + EXPORT_EVENT),
        ("export-matrix-json", None, 7 + EXPORT_EVENT),
    ],
)
def test_list_queries_do_not_grow_with_rows(
    many, people, api_client, django_assert_max_num_queries, name, target, limit
):
    review = many[0]
    kwargs = {
        None: {},
        "system": {"pk": review.subject.system_id},
        "version": {"pk": review.subject_id},
        "review": {"pk": review.pk},
    }[target]
    client = api_client(people["rus"])
    with django_assert_max_num_queries(limit):
        response = client.get(url(name, **kwargs))
    assert response.status_code == 200, response.json()
    assert rows_of(response) >= ROWS_AT_LEAST[name], (name, rows_of(response))


# The rows each answer shows at least, from the four reviews of `many`.
ROWS_AT_LEAST = {
    "system-list": 4,
    "review-list": 2,
    "system-versions": 1,
    "version-evidence": 2,
    "version-assignments": 2,
    "review-detail": 3,
    "review-requests": 2,
    "review-findings": 3,
    "review-conclusions": 3,
    "review-notes": 2,
    "matrix": 4,
    "dashboard": 1,
    "export-register-csv": 4,
    "export-register-json": 4,
    "export-matrix-csv": 3,
    "export-matrix-json": 4,
}


# --- Anonymous visitors ------------------------------------------------------------------


def test_anonymous_is_refused_everywhere(client, review):
    from accord.expertise.api_urls import urlpatterns

    for pattern in urlpatterns:
        kwargs = {k: (review.pk if k == "pk" else "RUS") for k in pattern.pattern.regex.groupindex}
        path = url(pattern.name, **kwargs)
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code in (401, 403), (method, path, response.status_code)


# --- Exports -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["export-register-csv", "export-matrix-csv"])
def test_csv_exports_are_attachments_of_what_the_reader_sees(clients, review, name):
    response = clients["kaz"].get(url(name))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "Test Mine Layer" in response.content.decode()
    hidden = clients["arm"].get(url(name))
    assert hidden.status_code == 200
    assert "Test Mine Layer" not in hidden.content.decode()
    asked_for_csv = clients["kaz"].get(url(name), HTTP_ACCEPT="text/csv")
    assert asked_for_csv.status_code == 200


@pytest.mark.parametrize("name", ["export-register-json", "export-matrix-json"])
def test_json_exports_are_attachments_of_what_the_reader_sees(clients, review, name):
    response = clients["kaz"].get(url(name))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "Test Mine Layer" in response.content.decode()
    assert "Test Mine Layer" not in clients["arm"].get(url(name)).content.decode()


def test_a_matrix_export_of_a_hidden_system_is_404(clients, review):
    for name in ("export-matrix-csv", "export-matrix-json"):
        response = clients["arm"].get(url(name), {"system": review.subject.system_id})
        assert response.status_code == 404
        bad = clients["arm"].get(url(name), {"system": "one"})
        assert bad.status_code == 400
