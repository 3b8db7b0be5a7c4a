"""`accord standards close-ballots`: closes the ballots past their closing date, as the
system or as a named ballot officer, once."""

# ruff: noqa: F811  (the shared fixtures are imported from test_comments)

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from accord.core.errors import Conflict
from accord.core.models import AuditEvent
from accord.standards.models import Ballot, StandardVersion
from accord.standards.services import consultation as services
from accord.standards.tests.test_ballot import cast, expire, open_ballot
from accord.standards.tests.test_comments import committee_draft, voters  # noqa: F401

pytestmark = pytest.mark.django_db
Stage = StandardVersion.Stage


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("standards", "close-ballots", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_system_closes_a_ballot_past_its_date_once(voters, committee_draft):
    ballot = open_ballot(voters, committee_draft)
    cast(voters, ballot, RUS="approve", KAZ="approve", BLR="approve_with_comments", ARM="abstain")
    expire(ballot)

    out, _err = run()
    assert "1 ballot closed." in out
    ballot.refresh_from_db()
    committee_draft.refresh_from_db()
    assert ballot.state == Ballot.State.CLOSED and ballot.result == Ballot.Result.ADOPTED
    assert ballot.closed_by is None
    assert committee_draft.stage == Stage.ADOPTED and committee_draft.frozen
    closing = AuditEvent.objects.get(action="standards.ballot.close", object_id=str(ballot.pk))
    assert closing.actor_id is None and closing.actor_username == ""

    out, _err = run()
    assert "0 ballots closed." in out
    assert AuditEvent.objects.filter(action="standards.ballot.close").count() == 1
    assert AuditEvent.objects.filter(action="standards.version.adopted").count() == 1


def test_a_failed_ballot_returns_the_version_to_committee_draft(voters, committee_draft):
    ballot = open_ballot(voters, committee_draft)
    cast(voters, ballot, RUS="approve", KAZ="disapprove", BLR="approve", ARM="approve")
    expire(ballot)
    run()
    ballot.refresh_from_db()
    committee_draft.refresh_from_db()
    assert ballot.result == Ballot.Result.NOT_ADOPTED
    assert ballot.figures["votes"]["KAZ"] == "disapprove"
    assert committee_draft.stage == Stage.COMMITTEE_DRAFT and not committee_draft.frozen


def test_a_ballot_not_yet_due_is_left_open(voters, committee_draft):
    ballot = open_ballot(voters, committee_draft)
    cast(voters, ballot, RUS="approve")
    out, _err = run()
    assert "0 ballots closed." in out
    ballot.refresh_from_db()
    assert ballot.is_open
    assert not AuditEvent.objects.filter(action="standards.ballot.close").exists()


def test_the_system_never_closes_early(voters, committee_draft):
    ballot = open_ballot(voters, committee_draft)
    cast(voters, ballot, **dict.fromkeys(("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"), "approve"))
    with pytest.raises(Conflict, match="closes on"):
        services.ballot_close(actor=None, ballot=ballot, early=True)
    ballot.refresh_from_db()
    assert ballot.is_open


def test_closing_as_a_named_officer_records_them(voters, committee_draft):
    ballot = open_ballot(voters, committee_draft)
    cast(voters, ballot, RUS="approve", KAZ="approve", BLR="approve", ARM="approve")
    expire(ballot)
    out, _err = run("--actor", voters["officer"].username)
    assert "1 ballot closed." in out
    ballot.refresh_from_db()
    assert ballot.closed_by == voters["officer"]
    closing = AuditEvent.objects.get(action="standards.ballot.close")
    assert closing.actor_username == voters["officer"].username


def test_a_named_user_who_may_not_close_leaves_the_ballot_open(voters, committee_draft):
    ballot = open_ballot(voters, committee_draft)
    expire(ballot)
    out, err = run("--actor", voters["RUS"].username)
    assert "0 ballots closed." in out and "left open" in err
    ballot.refresh_from_db()
    assert ballot.is_open
    assert not AuditEvent.objects.filter(action="standards.ballot.close").exists()


def test_an_unknown_actor_is_an_error(voters):
    with pytest.raises(CommandError):
        run("--actor", "nobody.here")
