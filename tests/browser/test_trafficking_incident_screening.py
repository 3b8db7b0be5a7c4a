"""The incident page screens its persons and organisations against the watchlist by itself
(htmx, once the page is shown): a Russian officer sees the possible match with Kazakhstan's
entry released to members — listed in Cyrillic, entered in Latin — with its score and the
features that matched, and nothing of Belarus's entry kept to itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_incident_page_shows_possible_watchlist_matches(
    signed_in_desk: Callable[..., Page], make_user: Any
) -> None:
    from accord.core.models import Release
    from accord.trafficking.services.incidents import incident_report
    from accord.trafficking.services.watchlist import entity_create

    rus = make_user("RUS", username="rus.screen", clearance=2, roles=["customs_officer"])
    kaz = make_user("KAZ", username="kaz.screen", clearance=2, roles=["customs_officer"])
    blr = make_user("BLR", username="blr.screen", clearance=2, roles=["customs_officer"])
    shared = entity_create(
        actor=kaz, kind="person", name="Сергей Иванов", reason="Fictional.", release=Release.MEMBERS
    )
    hidden = entity_create(
        actor=blr, kind="person", name="Sergey Ivanov", reason="Fictional.", release=Release.OWNER
    )
    incident = incident_report(
        actor=rus,
        kind="seizure",
        occurred_on=dt.date.today() - dt.timedelta(days=1),
        country="RUS",
        entities=[{"kind": "person", "name": "Sergei Ivanov", "role": "courier"}],
    )
    person = incident.entities.get()

    page = signed_in_desk(
        "rus.screen",
        start=f"/trafficking/incidents/{incident.pk}/",
        landmark="incident-screening",
    )

    found = page.get_by_test_id(f"screening-{person.pk}")
    expect(found).to_be_visible()  # loaded by htmx, no click
    expect(found).to_contain_text("Possible watchlist match for Sergei Ivanov")
    candidate = page.get_by_test_id(f"screening-{person.pk}-candidate-{shared.pk}")
    expect(candidate).to_contain_text("KAZ")
    expect(candidate.locator("mark").first).to_be_visible()
    expect(page.get_by_test_id(f"screening-{person.pk}-candidate-{hidden.pk}")).to_have_count(0)
    expect(page.get_by_test_id("incident-screening-link")).to_have_count(0)  # swapped out
