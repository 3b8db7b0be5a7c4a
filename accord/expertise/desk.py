"""Expertise's lines on the home desk: reviews awaiting my party's conclusion, open
information requests on my party's reviews, concluded reviews due for re-review."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.access import party_of
from accord.core.desk import DeskLine
from accord.core.permissions import has_any_role
from accord.expertise import selectors
from accord.expertise.models import Conclusion, Review
from accord.expertise.permissions import ADVISERS


def lines(user: Any) -> Iterator[DeskLine]:
    party = party_of(user)
    if party is None or not has_any_role(user, *ADVISERS):
        return
    index = reverse("expertise:index")
    desk = selectors.dashboard(actor=user)
    signed = Conclusion.objects.filter(review=OuterRef("pk"), party=party)
    to_conclude = (
        selectors.review_list(actor=user)
        .filter(state=Review.State.DELIBERATION, participants__party=party)
        .exclude(Exists(signed))
        .distinct()
        .count()
    )
    yield DeskLine("expertise", _("Reviews awaiting your party's conclusion"), to_conclude, index)
    today = timezone.localdate()
    requests = desk["requests_due"]
    yield DeskLine(
        "expertise",
        _("Information requests open on your party's reviews"),
        len(requests),
        index,
        overdue=sum(1 for r in requests if r.due_date < today),
    )
    yield DeskLine(
        "expertise", _("Concluded reviews due for re-review"), len(desk["rereview"]), index
    )
