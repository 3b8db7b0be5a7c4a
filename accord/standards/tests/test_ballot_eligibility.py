"""Ballot eligibility follows the standard's visibility: only the member states that may
see the standard vote, count toward the quorum and are notified."""

# ruff: noqa: F811  (the shared fixtures are imported from test_comments)

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from accord.core.errors import Conflict, NotFound, PermissionDenied
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


def test_the_electorate_is_fixed_when_the_ballot_opens(voters, listed_ballot):
    """Widening the standard's release while its ballot is open lets more states read it,
    not vote in it or count toward its quorum (issue 20)."""
    from accord.standards.services import drafting

    standard = listed_ballot.standard_version.standard
    drafting.standard_update(
        actor=voters["editor"],
        standard=standard,
        version=standard.version,
        release=Release.MEMBERS,
    )
    standard.refresh_from_db()
    assert standard.release == Release.MEMBERS
    assert set(services.eligible_codes(standard)) == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert [p.code for p in services.electorate(listed_ballot)] == ["KAZ", "RUS"]
    with pytest.raises(PermissionDenied):
        services.vote_cast(actor=voters["ARM"], ballot=listed_ballot, vote="disapprove")
    assert not Vote.objects.filter(ballot=listed_ballot).exists()
    services.vote_cast(actor=voters["RUS"], ballot=listed_ballot, vote="approve")
    services.vote_cast(actor=voters["KAZ"], ballot=listed_ballot, vote="approve")
    tally = services.current_tally(listed_ballot)
    assert tally.eligible == 2
    closed = services.ballot_close(actor=voters["editor"], ballot=listed_ballot, early=True)
    assert closed.result == Ballot.Result.ADOPTED
    assert closed.figures["eligible_parties"] == ["KAZ", "RUS"]


def test_a_marking_that_hides_the_standard_from_a_voter_is_refused(voters, listed_ballot):
    from accord.standards.services import drafting

    standard = listed_ballot.standard_version.standard
    events = AuditEvent.objects.count()
    with pytest.raises(Conflict) as refused:
        drafting.standard_update(
            actor=voters["editor"],
            standard=standard,
            version=standard.version,
            released_to=Party.objects.filter(code="RUS"),
        )
    assert "KAZ" in str(refused.value)
    standard.refresh_from_db()
    assert sorted(standard.released_to.values_list("code", flat=True)) == ["KAZ", "RUS"]
    assert AuditEvent.objects.count() == events
    # once the ballot is cancelled, the same change goes through
    services.ballot_cancel(actor=voters["editor"], ballot=listed_ballot, reason="Re-scoped")
    drafting.standard_update(
        actor=voters["editor"],
        standard=standard,
        version=standard.version,
        released_to=Party.objects.filter(code="RUS"),
    )
    assert list(standard.released_to.values_list("code", flat=True)) == ["RUS"]
