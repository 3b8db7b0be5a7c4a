"""A joint operation in Chromium: Russia's officer plans it, adds Kazakhstan and starts it;
Kazakhstan's officer, working in Russian, links a seizure of theirs; Russia's officer
sees the after-action figures computed from it. Each officer has a browser context of
their own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from accord.core.models import Party, Release
from tests.browser.conftest import PASSWORD, TIMEOUT_MS

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(browser: Browser, live_server: Any) -> Iterator[Callable[..., Page]]:
    contexts: list[BrowserContext] = []

    def open_desk(username: str, locale: str = "en-US") -> Page:
        context = browser.new_context(base_url=live_server.url, locale=locale)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto("/accounts/sign-in/?next=/trafficking/operations/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_test_id("sign-in").click()
        expect(page.get_by_test_id("trafficking-subnav")).to_be_visible()
        return page

    yield open_desk
    for context in contexts:
        context.close()


def click_and_wait(page: Page, locator: Any) -> None:
    with page.expect_navigation():
        locator.click()


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
