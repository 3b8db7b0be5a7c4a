"""Ballot eligibility follows the standard's visibility: only the member states that may
see the standard vote, count toward the quorum and are notified."""

# ruff: noqa: F811  (the shared fixtures are imported from test_comments)

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from accord.core.errors import NotFound
from accord.core.models import AuditEvent, Notification, Party, Release
from accord.standards.models import Ballot, Standard, StandardVersion, Vote
from accord.standards.services import consultation as services
from accord.standards.tests.test_comments import committee_draft, voters  # noqa: F401

pytestmark = pytest.mark.django_db
BASE = "/api/v1/standards"


def list_to(version: StandardVersion, *codes: str) -> None:
    Standard.objects.filter(pk=version.standard_id).update(release=Release.LISTED)
    version.standard.released_to.set(Party.objects.filter(code__in=codes))
    version.standard.refresh_from_db()


@pytest.fixture
def listed_ballot(voters: dict[str, Any], committee_draft: StandardVersion) -> Ballot:
    list_to(committee_draft, "RUS", "KAZ")
    return services.ballot_open(
        actor=voters["editor"],
        version=committee_draft,
        closes_on=timezone.localdate() + dt.timedelta(days=14),
    )


def test_eligible_voters_follow_the_release(voters, committee_draft):
    standard = committee_draft.standard
    everyone = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert set(services.eligible_codes(standard)) == everyone  # MEMBERS: not SEC, not IRN
    list_to(committee_draft, "RUS", "KAZ", "IRN")
    assert services.eligible_codes(standard) == ["KAZ", "RUS"]  # the observer does not vote
    Standard.objects.filter(pk=standard.pk).update(release=Release.OWNER)
    standard.refresh_from_db()
    assert services.eligible_codes(standard) == []  # owned by the Secretariat


def test_owner_state_is_eligible(voters, committee_draft):
    standard = committee_draft.standard
    Standard.objects.filter(pk=standard.pk).update(
        release=Release.OWNER, owner=Party.objects.get(code="BLR")
    )
    standard.refresh_from_db()
    assert services.eligible_codes(standard) == ["BLR"]


def test_eligible_voters_is_one_query(voters, committee_draft, django_assert_num_queries):
    list_to(committee_draft, "RUS", "KAZ")
    with django_assert_num_queries(1):
        services.eligible_codes(committee_draft.standard)


def test_listed_standard_ballot(voters, listed_ballot):
    assert listed_ballot.figures["eligible_parties"] == ["KAZ", "RUS"]
    notified = set(
        Notification.objects.filter(kind="standards.ballot.open").values_list(
            "recipient__party__code", flat=True
        )
    )
    assert notified == {"KAZ", "RUS"}
    # a third state cannot see the standard: its vote is refused and nothing is written
    with pytest.raises(NotFound):
        services.vote_cast(actor=voters["ARM"], ballot=listed_ballot, vote="approve")
    assert not Vote.objects.filter(ballot=listed_ballot).exists()
    assert not AuditEvent.objects.filter(action="standards.vote.cast").exists()
    tally = services.current_tally(listed_ballot)
    assert tally.eligible == 2 and tally.quorum_required == 1
    services.vote_cast(actor=voters["RUS"], ballot=listed_ballot, vote="approve")
    services.vote_cast(actor=voters["KAZ"], ballot=listed_ballot, vote="approve")
    # every eligible state has voted: the ballot may close early
    closed = services.ballot_close(actor=voters["editor"], ballot=listed_ballot, early=True)
    assert closed.result == Ballot.Result.ADOPTED
    assert closed.figures["eligible"] == 2 and closed.figures["voted"] == 2
    assert closed.figures["eligible_parties"] == ["KAZ", "RUS"]
    told = set(
        Notification.objects.filter(kind="standards.ballot.close").values_list(
            "recipient__party__code", flat=True
        )
    )
    assert told == {"KAZ", "RUS"}


def test_unlisted_state_over_the_api_and_pages(api_client, client, voters, listed_ballot):
    refused = api_client(voters["ARM"]).post(
        f"{BASE}/ballots/{listed_ballot.pk}/votes/", {"vote": "approve"}, format="json"
    )
    assert refused.status_code == 404
    client.force_login(voters["ARM"])
    assert client.get(f"/standards/ballots/{listed_ballot.pk}/").status_code == 404
    page = client.post(f"/standards/ballots/{listed_ballot.pk}/vote/", {"vote": "approve"})
    assert page.status_code == 404
    assert not Vote.objects.filter(ballot=listed_ballot).exists()
    # the listed state sees the ballot with only the listed states left to vote
    client.force_login(voters["RUS"])
    page = client.get(f"/standards/ballots/{listed_ballot.pk}/")
    assert page.status_code == 200
    assert [p.code for p in page.context["not_voted"]] == ["KAZ", "RUS"]
    assert page.context["may_vote"]
    assert page.context["figures"]["eligible"] == 2
