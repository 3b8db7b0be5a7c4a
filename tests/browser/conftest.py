"""Browser tests: one headless Chromium per session (Debian's, never a downloaded one), a
fresh context and page per test, the site served by pytest-django's `live_server`.

Every test here is transactional (the live server runs in another thread); the root
conftest reloads the reference data such tests need.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, Response, expect, sync_playwright

# Playwright's sync API keeps an asyncio event loop running in the test thread; Django
# would then refuse the tests' own synchronous database calls (make_user, checks).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
PASSWORD = "correct-horse-battery-9"  # the root conftest's make_user default

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser(django_db_setup: None) -> Iterator[Browser]:
    """One Chromium for the session, started once the test database exists.

    While Playwright's loop runs, `django.db.connections` (an asgiref thread-critical
    Local) hands the test thread a second, context-var storage, i.e. new connection
    objects next to the ones the test database was set up with: two connections of one
    thread to one SQLite file can block each other, and those objects lack what the test
    setup put on the originals. Pin the original connections into that storage, so the
    test thread keeps using them.
    """
    from django.db import connections

    pinned = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in pinned.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def url(live_server: Any) -> Callable[..., str]:
    """url("accounts:sign-in") -> the absolute address on the live server."""

    def absolute(name: str, *args: Any) -> str:
        return live_server.url + reverse(name, args=args)

    return absolute


@pytest.fixture
def sign_in_page_url(url: Callable[..., str]) -> re.Pattern[str]:
    """The sign-in page, with or without `?next=`."""
    return re.compile(re.escape(url("accounts:sign-in")) + r"(\?.*)?$")


@pytest.fixture
def submit_sign_in(page: Page) -> Callable[[str, str], Response | None]:
    """Fill the sign-in form already on the page and submit it; waits for the answer
    (a new document), so that what follows never reads the previous page."""

    def submit(username: str, password: str) -> Response | None:
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(password)
        with page.expect_navigation() as navigation:
            page.get_by_test_id("sign-in").click()
        return navigation.value

    return submit


@pytest.fixture
def signed_in_desk(browser: Browser, live_server: Any) -> Iterator[Callable[..., Page]]:
    """signed_in_desk("rus.adviser", start="/expertise/", landmark="expertise-subnav",
    locale="ru-RU") -> a page signed in as that user, in a browser context of its own
    (so several users can work side by side), landed on `start` with `landmark` (a
    data-testid) visible. Test modules wrap it in a `desk` fixture for their module."""
    from playwright.sync_api import BrowserContext

    contexts: list[BrowserContext] = []

    def open_desk(
        username: str, *, start: str = "/", landmark: str = "", locale: str = "en-US"
    ) -> Page:
        context = browser.new_context(base_url=live_server.url, locale=locale)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"/accounts/sign-in/?next={start}")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_test_id("sign-in").click()
        if landmark:
            expect(page.get_by_test_id(landmark)).to_be_visible()
        return page

    yield open_desk
    for context in contexts:
        context.close()


def click_and_wait(page: Page, locator: Any) -> None:
    """Click something that loads a new page, and wait for it."""
    with page.expect_navigation():
        locator.click()
