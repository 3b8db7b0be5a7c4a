"""The consultation API: comments, dispositions, the comment table, ballots, votes, the
tally; errors as 400/403/404/409; the OpenAPI schema; query counts."""

# ruff: noqa: F811  (the shared fixtures are imported from test_comments)

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accord.core.models import AuditEvent, Classification
from accord.standards.models import Ballot, Comment, Standard, StandardVersion, Vote
from accord.standards.services import consultation as services
from accord.standards.tests.test_comments import committee_draft, voters  # noqa: F401

pytestmark = pytest.mark.django_db
BASE = "/api/v1/standards"


def closes(days: int = 10) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def test_comment_lifecycle(api_client, voters, committee_draft):
    rus = api_client(voters["RUS"])
    clause = committee_draft.clauses.get(number="4.1")
    response = rus.post(
        f"{BASE}/versions/{committee_draft.pk}/comments/",
        {"clause": clause.pk, "type": "technical", "comment": "Too short.", "line": "3"},
        format="json",
    )
    assert response.status_code == 201, response.content
    comment = response.json()
    assert comment["party"] == "RUS" and comment["clause_number"] == "4.1"
    response = rus.patch(
        f"{BASE}/comments/{comment['id']}/",
        {"concurrency_version": 1, "proposed_change": "4000 m"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["concurrency_version"] == 2
    stale = rus.patch(
        f"{BASE}/comments/{comment['id']}/", {"concurrency_version": 1, "line": "9"}, format="json"
    )
    assert stale.status_code == 409
    denied = rus.post(
        f"{BASE}/comments/{comment['id']}/dispose/", {"disposition": "accepted"}, format="json"
    )
    assert denied.status_code == 403
    editor = api_client(voters["editor"])
    bad = editor.post(
        f"{BASE}/comments/{comment['id']}/dispose/", {"disposition": "rejected"}, format="json"
    )
    assert bad.status_code == 400 and "disposition_reason" in bad.json()["errors"]
    done = editor.post(
        f"{BASE}/comments/{comment['id']}/dispose/",
        {"disposition": "rejected", "reason": "Out of scope."},
        format="json",
    )
    assert done.status_code == 200 and done.json()["disposition"] == "rejected"
    listed = editor.get(f"{BASE}/versions/{committee_draft.pk}/comments/?disposition=rejected")
    assert listed.status_code == 200 and listed.json()["count"] == 1


def test_comment_list_filters_are_validated(api_client, voters, committee_draft):
    response = api_client(voters["RUS"]).get(
        f"{BASE}/versions/{committee_draft.pk}/comments/?type=rude"
    )
    assert response.status_code == 400


def test_hidden_version_answers_404(api_client, voters, committee_draft):
    Standard.objects.filter(pk=committee_draft.standard_id).update(
        classification=Classification.SECRET
    )
    client = api_client(voters["rus_low"])
    assert client.get(f"{BASE}/versions/{committee_draft.pk}/comments/").status_code == 404
    response = client.post(
        f"{BASE}/versions/{committee_draft.pk}/comments/",
        {"type": "general", "comment": "x"},
        format="json",
    )
    assert response.status_code == 404
    assert (
        api_client(voters["observer"])
        .get(f"{BASE}/versions/{committee_draft.pk}/ballots/")
        .status_code
        == 404
    )
    assert not Comment.objects.exists()


def test_ballot_through_the_api(api_client, voters, committee_draft):
    editor = api_client(voters["editor"])
    response = editor.post(
        f"{BASE}/versions/{committee_draft.pk}/ballots/",
        {"closes_on": closes(), "rule": "qualified_majority", "approve_share": "3/4"},
        format="json",
    )
    assert response.status_code == 201, response.content
    ballot = response.json()
    assert ballot["approve_share"] == "3/4" and ballot["state"] == "open"
    again = editor.post(
        f"{BASE}/versions/{committee_draft.pk}/ballots/", {"closes_on": closes()}, format="json"
    )
    assert again.status_code == 409
    # the Secretariat does not vote
    refused = editor.post(f"{BASE}/ballots/{ballot['id']}/votes/", {"vote": "approve"})
    assert refused.status_code == 403
    no_reason = api_client(voters["RUS"]).post(
        f"{BASE}/ballots/{ballot['id']}/votes/", {"vote": "disapprove"}, format="json"
    )
    assert no_reason.status_code == 400 and "reasons" in no_reason.json()["errors"]
    for code in ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"):
        cast = api_client(voters[code]).post(
            f"{BASE}/ballots/{ballot['id']}/votes/", {"vote": "approve"}, format="json"
        )
        assert cast.status_code == 201
    detail = editor.get(f"{BASE}/ballots/{ballot['id']}/").json()
    assert detail["tally"]["voted"] == 6 and len(detail["votes"]) == 6
    early = editor.post(f"{BASE}/ballots/{ballot['id']}/close/", {}, format="json")
    assert early.status_code == 409
    closed = editor.post(f"{BASE}/ballots/{ballot['id']}/close/", {"early": True}, format="json")
    assert closed.status_code == 200
    assert closed.json()["result"] == "adopted"
    assert closed.json()["figures"]["votes"]["RUS"] == "approve"
    assert StandardVersion.objects.get(pk=committee_draft.pk).frozen
    late = api_client(voters["RUS"]).post(
        f"{BASE}/ballots/{ballot['id']}/votes/", {"vote": "abstain"}, format="json"
    )
    assert late.status_code == 409


def test_ballot_cancel_api(api_client, voters, committee_draft):
    ballot = services.ballot_open(
        actor=voters["editor"],
        version=committee_draft,
        closes_on=timezone.localdate() + dt.timedelta(days=5),
    )
    rus = api_client(voters["RUS"])
    assert rus.post(f"{BASE}/ballots/{ballot.pk}/cancel/", {"reason": "x"}).status_code == 403
    ok = api_client(voters["officer"]).post(
        f"{BASE}/ballots/{ballot.pk}/cancel/", {"reason": "Wrong text"}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["state"] == "cancelled"


def test_comment_table_api(api_client, voters, committee_draft):
    from accord.standards.tests.test_comment_table import workbook

    services.comment_add(
        actor=voters["KAZ"], version=committee_draft, type="general", comment="Glossary."
    )
    client = api_client(voters["ARM"])
    response = client.get(f"{BASE}/versions/{committee_draft.pk}/comments.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = workbook([["", "ARM", "", "", "", "ed", "Numbering.", "", ""]])
    imported = client.post(
        f"{BASE}/versions/{committee_draft.pk}/comments/import/",
        {"file": SimpleUploadedFile("t.xlsx", data)},
        format="multipart",
    )
    assert imported.status_code == 200 and imported.json()["added"] == 1
    bad = client.post(
        f"{BASE}/versions/{committee_draft.pk}/comments/import/",
        {
            "file": SimpleUploadedFile(
                "t.xlsx", workbook([["", "KAZ", "", "", "", "ed", "x", "", ""]])
            )
        },
        format="multipart",
    )
    assert bad.status_code == 400 and "Row 2" in bad.json()["errors"]["file"][0]
    assert Comment.objects.count() == 2


def test_comment_list_query_count(
    api_client, voters, committee_draft, django_assert_max_num_queries
):
    for n in range(15):
        services.comment_add(
            actor=voters["TJK"], version=committee_draft, type="editorial", comment=f"Typo {n}."
        )
    client = api_client(voters["RUS"])
    with django_assert_max_num_queries(12):
        response = client.get(f"{BASE}/versions/{committee_draft.pk}/comments/")
    assert response.status_code == 200 and response.json()["count"] == 15


def test_denied_vote_writes_nothing(api_client, voters, committee_draft):
    ballot = services.ballot_open(
        actor=voters["editor"],
        version=committee_draft,
        closes_on=timezone.localdate() + dt.timedelta(days=5),
    )
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    for who in ("officer", "rus_plain"):
        response = api_client(voters[who]).post(
            f"{BASE}/ballots/{ballot.pk}/votes/", {"vote": "approve"}, format="json"
        )
        assert response.status_code == 403
    assert AuditEvent.objects.filter(action__startswith="standards.vote").count() == 0
    assert not Vote.objects.exists()
    # The only events since: the two API tokens created for the refused voters.
    assert list(AuditEvent.objects.filter(pk__gt=last).values_list("action", flat=True)) == [
        "api_token.create",
        "api_token.create",
    ]
    assert Ballot.objects.get().is_open


def test_schema_lists_the_consultation_endpoints(api_client, voters):
    response = api_client(voters["RUS"]).get("/api/v1/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    for path in (
        "/api/v1/standards/versions/{id}/comments/",
        "/api/v1/standards/comments/{id}/dispose/",
        "/api/v1/standards/ballots/{id}/votes/",
        "/api/v1/standards/ballots/{id}/close/",
    ):
        assert path in body
