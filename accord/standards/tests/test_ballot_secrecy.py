"""Issue 19, "Other parties' votes are visible while a ballot is open": a ballot setting
(secret until close / open), secret by default. While a secret ballot is open, each party
reads only its own vote and how many have voted — on the page and in the API — and the
tally so far is withheld; the Secretariat's ballot officers, who run the ballot and do not
vote, read every vote; on close every vote is shown."""

# ruff: noqa: F811  (the shared fixtures are imported from test_comments)

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accord.standards.models import Ballot
from accord.standards.services import consultation as services
from accord.standards.tests.test_comments import committee_draft, voters  # noqa: F401

pytestmark = pytest.mark.django_db
BASE = "/api/v1/standards"


def _open(voters, version, **extra):
    ballot = services.ballot_open(
        actor=voters["editor"],
        version=version,
        closes_on=timezone.localdate() + dt.timedelta(days=10),
        **extra,
    )
    services.vote_cast(actor=voters["KAZ"], ballot=ballot, vote="disapprove", reasons="Kaz reasons")
    services.vote_cast(actor=voters["ARM"], ballot=ballot, vote="approve", comments="Arm note")
    return ballot


def test_secret_until_close_is_the_default_and_hides_other_parties_votes(
    api_client, client, voters, committee_draft
):
    ballot = _open(voters, committee_draft)
    assert ballot.secrecy == Ballot.Secrecy.SECRET_UNTIL_CLOSE

    detail = api_client(voters["KAZ"]).get(f"{BASE}/ballots/{ballot.pk}/").json()
    assert [v["party"] for v in detail["votes"]] == ["KAZ"]
    assert detail["votes_cast"] == 2 and detail["tally"] is None
    not_voted = api_client(voters["BLR"]).get(f"{BASE}/ballots/{ballot.pk}/").json()
    assert not_voted["votes"] == [] and not_voted["tally"] is None

    client.force_login(voters["BLR"])
    page = client.get(f"/standards/ballots/{ballot.pk}/").content.decode()
    assert "Kaz reasons" not in page and "Arm note" not in page
    assert 'data-testid="tally-secret"' in page and 'data-testid="tally"' not in page
    assert page.count('data-testid="secret-vote"') == 2  # KAZ and ARM voted, how is secret

    client.force_login(voters["KAZ"])
    own = client.get(f"/standards/ballots/{ballot.pk}/").content.decode()
    assert "Kaz reasons" in own and "Arm note" not in own

    # The Secretariat's ballot officer runs the ballot and reads every vote.
    officer = api_client(voters["editor"]).get(f"{BASE}/ballots/{ballot.pk}/").json()
    assert {v["party"] for v in officer["votes"]} == {"KAZ", "ARM"}
    assert officer["tally"] is not None

    # Closed: every vote is shown to everyone.
    for code in ("BLR", "KGZ", "RUS", "TJK"):
        services.vote_cast(actor=voters[code], ballot=ballot, vote="approve")
    services.ballot_close(actor=voters["editor"], ballot=ballot, early=True)
    after = api_client(voters["BLR"]).get(f"{BASE}/ballots/{ballot.pk}/").json()
    assert len(after["votes"]) == 6 and after["tally"] is not None


def test_an_open_ballot_shows_every_vote_while_open(api_client, voters, committee_draft):
    ballot = _open(voters, committee_draft, secrecy=Ballot.Secrecy.OPEN)
    detail = api_client(voters["BLR"]).get(f"{BASE}/ballots/{ballot.pk}/").json()
    assert {v["party"] for v in detail["votes"]} == {"KAZ", "ARM"}
    assert detail["tally"]["voted"] == 2


def test_secrecy_is_chosen_when_opening_and_validated(api_client, voters, committee_draft):
    editor = api_client(voters["editor"])
    bad = editor.post(
        f"{BASE}/versions/{committee_draft.pk}/ballots/",
        {"closes_on": (timezone.localdate() + dt.timedelta(days=9)).isoformat(), "secrecy": "x"},
        format="json",
    )
    assert bad.status_code == 400 and "secrecy" in bad.json()["errors"]
    ok = editor.post(
        f"{BASE}/versions/{committee_draft.pk}/ballots/",
        {"closes_on": (timezone.localdate() + dt.timedelta(days=9)).isoformat(), "secrecy": "open"},
        format="json",
    )
    assert ok.status_code == 201 and ok.json()["secrecy"] == "open"
