"""Ballots: opening, voting, closing with the adoption rule, and what follows (services)."""

# ruff: noqa: F811  (the shared fixtures are imported from test_comments)

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Notification
from accord.standards.models import Ballot, Standard, StandardVersion, Vote
from accord.standards.services import consultation as services
from accord.standards.tests.test_comments import committee_draft, voters  # noqa: F401

pytestmark = pytest.mark.django_db
Stage = StandardVersion.Stage
STATES = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")


def in_days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def open_ballot(people: dict[str, Any], version: StandardVersion, **kwargs: Any) -> Ballot:
    return services.ballot_open(
        actor=people["editor"], version=version, closes_on=in_days(14), **kwargs
    )


def expire(ballot: Ballot) -> None:
    """Move the ballot's dates into the past, as if its closing date had passed."""
    Ballot.objects.filter(pk=ballot.pk).update(opens_on=in_days(-20), closes_on=in_days(-1))
    ballot.refresh_from_db()


def cast(people: dict[str, Any], ballot: Ballot, **choices: str) -> None:
    for code, choice in choices.items():
        reasons = "Raise the detection range for PC3." if choice == "disapprove" else ""
        services.vote_cast(actor=people[code], ballot=ballot, vote=choice, reasons=reasons)


@pytest.fixture
def ballot(voters, committee_draft) -> Ballot:
    return open_ballot(voters, committee_draft)


def test_open_moves_version_to_ballot_and_notifies_member_states(voters, ballot):
    version = ballot.standard_version
    version.refresh_from_db()
    assert version.stage == Stage.BALLOT
    assert ballot.rule == "consensus" and ballot.quorum == "1/2"
    assert (ballot.approve_share, ballot.disapprove_share) == ("2/3", "1/4")
    notified = set(
        Notification.objects.filter(kind="standards.ballot.open").values_list(
            "recipient__party__code", flat=True
        )
    )
    assert notified == set(STATES)  # not the Secretariat, not the observer
    assert AuditEvent.objects.filter(action="standards.ballot.open").count() == 1


def test_open_with_a_qualified_majority_rule(voters, committee_draft):
    ballot = open_ballot(
        voters, committee_draft, rule="qualified_majority", approve_share="3/4", quorum="2/3"
    )
    assert ballot.tally_params().approve_share.denominator == 4


def test_open_validates(voters, committee_draft):
    with pytest.raises(ValidationFailed) as exc:
        services.ballot_open(actor=voters["editor"], version=committee_draft, closes_on=in_days(0))
    assert "closes_on" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        open_ballot(voters, committee_draft, quorum="3/2")
    assert "quorum" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        open_ballot(voters, committee_draft, rule="unanimity")
    assert "rule" in exc.value.errors
    committee_draft.refresh_from_db()
    assert committee_draft.stage == Stage.COMMITTEE_DRAFT
    assert not Ballot.objects.exists()


def test_open_needs_ballot_officer(voters, committee_draft):
    with pytest.raises(PermissionDenied):
        open_ballot({"editor": voters["RUS"]}, committee_draft)
    committee_draft.refresh_from_db()
    assert committee_draft.stage == Stage.COMMITTEE_DRAFT
    assert not AuditEvent.objects.filter(action="standards.ballot.open").exists()


def test_only_one_open_ballot_per_version(voters, ballot):
    with pytest.raises(Conflict):
        open_ballot(voters, ballot.standard_version)


def test_open_refused_for_working_draft(voters, draft_version):
    with pytest.raises(Conflict):
        open_ballot(voters, draft_version)


def test_vote_and_revote_replaces_with_audit(voters, ballot):
    cast(voters, ballot, RUS="approve")
    cast(voters, ballot, RUS="disapprove")
    vote = Vote.objects.get(ballot=ballot)
    assert vote.vote == "disapprove" and vote.reasons
    replaced = AuditEvent.objects.get(action="standards.vote.replace")
    assert replaced.before_data["vote"] == "approve"
    assert replaced.after_data["vote"] == "disapprove"
    assert replaced.actor_party_code == "RUS"


def test_changing_a_disapproval_to_approval_clears_its_reasons(voters, ballot):
    cast(voters, ballot, RUS="disapprove")
    # the page's form sends the old reasons back with the new choice
    services.vote_cast(actor=voters["RUS"], ballot=ballot, vote="approve", reasons="Old objection.")
    vote = Vote.objects.get(ballot=ballot)
    assert (vote.vote, vote.reasons) == ("approve", "")
    replaced = AuditEvent.objects.get(action="standards.vote.replace")
    assert replaced.before_data["reasons"] == "Raise the detection range for PC3."
    assert replaced.after_data["reasons"] == ""


def test_disapproval_needs_reasons(voters, ballot):
    with pytest.raises(ValidationFailed) as exc:
        services.vote_cast(actor=voters["KAZ"], ballot=ballot, vote="disapprove")
    assert "reasons" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        services.vote_cast(actor=voters["KAZ"], ballot=ballot, vote="perhaps")
    assert "vote" in exc.value.errors
    assert not Vote.objects.exists()


@pytest.mark.parametrize("who", ["editor", "officer", "irn_editor", "rus_plain"])
def test_secretariat_observer_and_non_editor_may_not_vote(voters, ballot, who):
    with pytest.raises((PermissionDenied, NotFound)):
        services.vote_cast(actor=voters[who], ballot=ballot, vote="approve")
    assert not Vote.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="standards.vote").exists()


def test_hidden_ballot_answers_not_found(voters, ballot):
    Standard.objects.filter(pk=ballot.standard_version.standard_id).update(
        classification=Classification.SECRET
    )
    with pytest.raises(NotFound):
        services.vote_cast(actor=voters["rus_low"], ballot=ballot, vote="approve")


def test_voting_after_closing_date_refused(voters, ballot):
    expire(ballot)
    with pytest.raises(Conflict):
        cast(voters, ballot, RUS="approve")
    assert not Vote.objects.exists()


def test_voting_after_close_refused(voters, ballot):
    cast(voters, ballot, ARM="approve", BLR="approve", KAZ="approve")
    expire(ballot)
    services.ballot_close(actor=voters["editor"], ballot=ballot)
    Ballot.objects.filter(pk=ballot.pk).update(closes_on=in_days(5))
    with pytest.raises(Conflict):
        cast(voters, ballot, RUS="approve")


def test_close_before_date_refused_unless_all_voted_and_early(voters, ballot):
    cast(voters, ballot, ARM="approve", BLR="approve", KAZ="approve")
    with pytest.raises(Conflict):
        services.ballot_close(actor=voters["editor"], ballot=ballot)
    with pytest.raises(Conflict):
        services.ballot_close(actor=voters["editor"], ballot=ballot, early=True)
    cast(voters, ballot, KGZ="abstain", RUS="approve_with_comments", TJK="approve")
    with pytest.raises(Conflict):
        services.ballot_close(actor=voters["editor"], ballot=ballot)
    closed = services.ballot_close(actor=voters["officer"], ballot=ballot, early=True)
    assert closed.result == "adopted"


def test_passing_ballot_adopts_and_freezes(voters, ballot):
    cast(voters, ballot, ARM="approve", BLR="approve_with_comments", KAZ="abstain")
    expire(ballot)
    closed = services.ballot_close(actor=voters["editor"], ballot=ballot)
    assert closed.state == "closed" and closed.result == "adopted" and closed.closed_at
    assert closed.figures["voted"] == 3 and closed.figures["eligible"] == 6
    assert closed.figures["votes"] == {
        "ARM": "approve",
        "BLR": "approve_with_comments",
        "KAZ": "abstain",
    }
    version = StandardVersion.objects.get(pk=ballot.standard_version_id)
    assert version.stage == Stage.ADOPTED and version.frozen
    event = AuditEvent.objects.get(action="standards.ballot.close")
    assert event.after_data["figures"]["votes"]["ARM"] == "approve"
    closed_notes = Notification.objects.filter(kind="standards.ballot.close")
    parties = set(closed_notes.values_list("recipient__party__code", flat=True))
    assert parties == set(STATES)
    assert all("is adopted" in n.message_en for n in closed_notes)


def test_one_disapproval_fails_consensus_and_returns_to_committee_draft(voters, ballot):
    cast(voters, ballot, ARM="approve", BLR="approve", KAZ="approve", RUS="disapprove")
    expire(ballot)
    closed = services.ballot_close(actor=voters["editor"], ballot=ballot)
    assert closed.result == "not_adopted"
    assert closed.figures["failures"] == ["disapproved"]
    version = StandardVersion.objects.get(pk=ballot.standard_version_id)
    assert version.stage == Stage.COMMITTEE_DRAFT and not version.frozen
    # the disapproval stays on record as the party's position
    assert Vote.objects.get(ballot=ballot, party__code="RUS").reasons
    # and a new ballot may be held
    again = open_ballot(voters, version)
    assert again.is_open


def test_quorum_not_met(voters, ballot):
    cast(voters, ballot, ARM="approve", BLR="approve")
    expire(ballot)
    closed = services.ballot_close(actor=voters["editor"], ballot=ballot)
    assert closed.result == "not_adopted" and closed.figures["failures"] == ["quorum_not_met"]


def test_qualified_majority_passes_despite_one_disapproval(voters, committee_draft):
    ballot = open_ballot(voters, committee_draft, rule="qualified_majority")
    cast(
        voters, ballot, ARM="approve", BLR="approve", KAZ="approve", RUS="disapprove", KGZ="abstain"
    )
    expire(ballot)
    closed = services.ballot_close(actor=voters["editor"], ballot=ballot)
    assert closed.result == "adopted"
    assert closed.figures["approve_ratio"] == "3/4"


def test_close_needs_ballot_officer(voters, ballot):
    expire(ballot)
    with pytest.raises(PermissionDenied):
        services.ballot_close(actor=voters["RUS"], ballot=ballot)
    ballot.refresh_from_db()
    assert ballot.is_open


def test_cancel_returns_to_committee_draft(voters, ballot):
    cast(voters, ballot, ARM="approve")
    with pytest.raises(ValidationFailed):
        services.ballot_cancel(actor=voters["editor"], ballot=ballot, reason=" ")
    cancelled = services.ballot_cancel(actor=voters["editor"], ballot=ballot, reason="Wrong text")
    assert cancelled.state == "cancelled" and cancelled.result == ""
    version = StandardVersion.objects.get(pk=ballot.standard_version_id)
    assert version.stage == Stage.COMMITTEE_DRAFT
    assert Vote.objects.filter(ballot=ballot).count() == 1


def test_comments_continue_during_ballot(voters, ballot):
    comment = services.comment_add(
        actor=voters["KAZ"], version=ballot.standard_version, type="editorial", comment="Typo."
    )
    assert comment.standard_version.stage == Stage.BALLOT
