"""Issue 19: "The lead-reviewer choice offers customs, finance and editor staff: offer only
those whose roles fit." The review page offers as lead reviewer only the party's lead
reviewers cleared to the review, as reviewers only its advisers; a posted customs officer
is refused on the form (400) and nothing changes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from accord.core.models import Classification

pytestmark = pytest.mark.django_db


def _options(html: str, name: str) -> set[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    if select is not None:
        return set(re.findall(r'<option value="(\d+)"', select.group(1)))
    return set(re.findall(rf'name="{name}" value="(\d+)"', html))


def test_only_fitting_staff_are_offered_and_accepted(
    client: Any, people: Any, review: Any, make_user: Any
) -> None:
    customs = make_user("RUS", roles=["customs_officer"], username="rus.customs")
    finance = make_user("RUS", roles=["finance_officer"], username="rus.finance")
    editor = make_user("RUS", roles=["standards_editor"], username="rus.editor")
    uncleared = make_user(
        "RUS",
        roles=["lead_reviewer"],
        username="rus.lead.low",
        clearance=Classification.UNCLASSIFIED,
    )
    client.force_login(people["rus"])
    html = client.get(reverse("expertise:review", args=[review.pk])).content.decode()
    leads = _options(html, "lead_reviewer")
    reviewers = _options(html, "reviewers")
    assert str(people["rus_lead"].pk) in leads
    assert str(people["rus"].pk) not in leads  # an adviser, not a lead reviewer
    assert str(people["rus"].pk) in reviewers
    for unfit in (customs, finance, editor, uncleared):
        assert str(unfit.pk) not in leads | reviewers

    response = client.post(
        reverse("expertise:review-reviewers", args=[review.pk]),
        {"lead_reviewer": people["rus_lead"].pk, "reviewers": [customs.pk]},
    )
    assert response.status_code == 400
    participant = review.participants.get(party__code="RUS")
    assert participant.lead_reviewer_id is None and not participant.reviewers.exists()
