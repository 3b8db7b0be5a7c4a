"""Standards' lines on the home desk: ballots my party has not voted in, assessments of my
party's facilities still in progress, improvement actions overdue."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from accord.core.access import party_of
from accord.core.desk import DeskLine
from accord.standards.models import Assessment, Ballot, Vote
from accord.standards.permissions import may_assess, may_vote
from accord.standards.selectors import consultation, facilities


def lines(user: Any) -> Iterator[DeskLine]:
    party = party_of(user)
    if party is None:
        return
    if may_vote(user):
        voted = Vote.objects.filter(ballot=OuterRef("pk"), party=party)
        ballots = (
            consultation.ballot_list(actor=user)
            .filter(state=Ballot.State.OPEN)
            .exclude(Exists(voted))
            .count()
        )
        yield DeskLine(
            "standards",
            _("Ballots open without your party's vote"),
            ballots,
            reverse("standards:index"),
        )
    if may_assess(user):
        in_progress = (
            facilities.assessment_list(actor=user)
            .filter(facility__owner=party, state=Assessment.State.IN_PROGRESS)
            .count()
        )
        yield DeskLine(
            "standards",
            _("Facility assessments in progress"),
            in_progress,
            reverse("standards:facilities"),
        )
        overdue = facilities.overdue_actions(actor=user).filter(assessment__facility__owner=party)
        count = overdue.count()
        yield DeskLine(
            "standards",
            _("Improvement actions overdue"),
            count,
            reverse("standards:plan"),
            overdue=count,
        )
