"""A joint operation in Chromium: Russia's officer plans it, adds Kazakhstan and starts it;
Kazakhstan's officer, working in Russian, links a seizure of theirs; Russia's officer
sees the after-action figures computed from it. Each officer has a browser context of
their own."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from accord.core.models import Party, Release
from tests.browser.conftest import click_and_wait

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(signed_in_desk: Callable[..., Page]) -> Callable[..., Page]:
    """desk(username, locale="en-US") -> a signed-in page on /trafficking/operations/."""
    return functools.partial(
        signed_in_desk, start="/trafficking/operations/", landmark="trafficking-subnav"
    )


def test_plan_join_link_and_see_the_figures(desk: Callable[..., Page], make_user: Any) -> None:
    import datetime as dt

    from accord.trafficking.models import Incident, IncidentItem

    make_user("RUS", roles=["customs_officer"], username="rus.ops")
    make_user("KAZ", roles=["customs_officer"], username="kaz.ops")
    seizure = Incident.objects.create(
        reference="T-BROWSER-1",
        owner=Party.objects.get(code="KAZ"),
        release=Release.OWNER,
        kind="seizure",
        occurred_on=dt.date(2025, 3, 10),
        country="KAZ",
    )
    IncidentItem.objects.create(
        incident=seizure, kind="laser", serial_number="DZ-2-0042", serial_norm="DZ20042", quantity=4
    )

    rus = desk("rus.ops")
    click_and_wait(rus, rus.get_by_test_id("operation-new"))
    rus.locator("#id_name").fill("Browser Frontier (fictional)")
    rus.locator("#id_code").fill("OP-BROWSER")
    rus.locator("#id_starts_on").fill("2025-03-01")
    rus.locator("#id_agencies").fill("Customs (test)")
    click_and_wait(rus, rus.get_by_test_id("operation-save"))
    expect(rus.get_by_test_id("operation-title")).to_contain_text("OP-BROWSER")
    rus.get_by_test_id("operation-participants").locator("summary").click()
    rus.locator("#id_party").select_option(value=str(Party.objects.get(code="KAZ").pk))
    click_and_wait(rus, rus.get_by_test_id("participant-form").get_by_role("button"))
    expect(rus.get_by_test_id("participant-KAZ")).to_be_visible()
    click_and_wait(rus, rus.get_by_test_id("status-active"))
    expect(rus.get_by_test_id("operation-status")).to_have_text("Active")

    kaz = desk("kaz.ops", locale="ru-RU")
    click_and_wait(kaz, kaz.get_by_role("link", name="OP-BROWSER"))
    kaz.get_by_test_id("linkable-incidents").locator("summary").click()
    click_and_wait(kaz, kaz.get_by_test_id(f"link-{seizure.reference}"))
    expect(kaz.get_by_test_id(f"linked-{seizure.reference}")).to_be_visible()
    expect(kaz.get_by_test_id("figure-items-seized")).to_have_text("4")

    # Russia may not see Kazakhstan's seizure (release OWNER): its figures do not count it.
    rus.reload()
    expect(rus.get_by_test_id("figure-seizures")).to_have_text("0")
