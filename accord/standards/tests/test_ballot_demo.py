"""The consultation demo: comments and an open ballot on the draft, twice without change."""

from __future__ import annotations

import io

import pytest

from accord.standards.demo import consultation, drafting
from accord.standards.models import Ballot, Comment, StandardVersion, Vote

pytestmark = pytest.mark.django_db


def test_demo_loads_twice():
    out = io.StringIO()
    drafting.load(out)
    consultation.load(out)
    drafting.load(out)
    consultation.load(out)
    version = StandardVersion.objects.get(standard__code=drafting.CODE, number=2)
    assert version.stage == StandardVersion.Stage.BALLOT
    comments = Comment.objects.filter(standard_version=version)
    assert comments.count() == len(consultation.COMMENTS)
    assert set(comments.values_list("party__code", flat=True)) == {"RUS", "KAZ", "BLR"}
    assert comments.exclude(disposition="").count() == 5
    ballot = Ballot.objects.get(standard_version=version)
    assert ballot.is_open
    assert Vote.objects.filter(ballot=ballot).count() == len(consultation.VOTES)
    assert "ballot open until" in out.getvalue()


def test_first_edition_was_adopted_by_a_recorded_ballot():
    out = io.StringIO()
    drafting.load(out)
    drafting.load(out)
    first = StandardVersion.objects.get(standard__code=drafting.CODE, number=1)
    assert first.stage == StandardVersion.Stage.ADOPTED and first.frozen
    ballot = Ballot.objects.get(standard_version=first)
    assert ballot.state == Ballot.State.CLOSED and ballot.result == Ballot.Result.ADOPTED
    assert ballot.figures["votes"] == {
        code: vote for code, vote, _remarks in consultation.FIRST_EDITION_VOTES
    }
    assert ballot.figures["passed"] is True
