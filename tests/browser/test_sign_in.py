"""Signing in and out, the language switch, failed sign-ins and the lockout, in Chromium."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD

MODULES_EN = [
    "Joint legal expertise",
    "Illicit trafficking",
    "Protection standards",
    "Provision to the forces",
    "Knowledge exchange",
    "Programmes and financing",
    "Treaties and bilateral agreements",
    "Harmonisation of legislation",
]


def assert_signed_out(
    page: Page, url: Callable[..., str], sign_in_page_url: re.Pattern[str]
) -> None:
    """Nothing of a signed-in page shows, and the home page sends us to sign in."""
    expect(page.get_by_test_id("sign-out")).to_have_count(0)
    expect(page.get_by_test_id("whoami")).to_have_count(0)
    expect(page.get_by_test_id("modules-nav")).to_have_count(0)
    page.goto(url("core:home"))
    expect(page).to_have_url(sign_in_page_url)
    expect(page.get_by_test_id("sign-in")).to_be_visible()
    expect(page.get_by_test_id("home-party")).to_have_count(0)


@pytest.mark.browser
def test_sign_in_switch_to_russian_and_sign_out(
    page: Page,
    make_user: Any,
    url: Callable[..., str],
    sign_in_page_url: re.Pattern[str],
    submit_sign_in: Callable[..., Any],
) -> None:
    make_user("KAZ", username="kaz.adviser")

    page.goto(url("core:home"))
    expect(page).to_have_url(url("accounts:sign-in") + "?next=/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    submit_sign_in("kaz.adviser", PASSWORD)

    expect(page).to_have_url(url("core:home"))
    expect(page.get_by_test_id("home-party")).to_contain_text("Kazakhstan")
    expect(page.get_by_test_id("whoami")).to_contain_text("kaz.adviser")
    nav = page.get_by_test_id("modules-nav")
    expect(nav.get_by_role("link")).to_have_text([*MODULES_EN, "Audit trail"])
    expect(page.get_by_test_id("sign-out")).to_have_text("Sign out")

    page.get_by_test_id("language-ru").click()

    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page).to_have_url(url("core:home"))  # the switch comes back to the same page
    expect(page.get_by_test_id("language-ru")).to_have_attribute("aria-current", "true")
    expect(page.get_by_test_id("home-party")).to_contain_text("Казахстан")  # the party's data
    expect(page.get_by_test_id("sign-out")).to_have_text("Выйти")
    expect(nav).to_contain_text("Совместная правовая экспертиза")
    expect(nav.get_by_role("link")).to_have_count(len(MODULES_EN) + 1)
    for title in MODULES_EN:
        expect(nav).not_to_contain_text(title)

    page.get_by_test_id("sign-out").click()

    expect(page).to_have_url(url("accounts:sign-in"))
    expect(page.get_by_test_id("sign-in")).to_be_visible()
    expect(page.locator("html")).to_have_attribute(
        "lang", "ru"
    )  # the language outlives the session
    assert_signed_out(page, url, sign_in_page_url)


@pytest.mark.browser
def test_wrong_password_shows_the_error_and_signs_nobody_in(
    page: Page,
    make_user: Any,
    url: Callable[..., str],
    sign_in_page_url: re.Pattern[str],
    submit_sign_in: Callable[..., Any],
) -> None:
    make_user("ARM", username="arm.adviser")

    page.goto(url("accounts:sign-in"))
    response = submit_sign_in("arm.adviser", "not-the-password-1")

    assert response is not None and response.status == 200
    expect(page).to_have_url(url("accounts:sign-in"))
    expect(page.get_by_test_id("sign-in-error")).to_have_text(
        "The username or password is not correct."
    )
    expect(page.get_by_test_id("locked-out")).to_have_count(0)
    expect(page.locator("#id_username")).to_have_value("arm.adviser")
    expect(page.locator("#id_password")).to_have_value("")
    assert_signed_out(page, url, sign_in_page_url)


@pytest.mark.browser
def test_wrong_password_in_russian_shows_the_russian_error(
    page: Page,
    make_user: Any,
    url: Callable[..., str],
    sign_in_page_url: re.Pattern[str],
    submit_sign_in: Callable[..., Any],
) -> None:
    make_user("TJK", username="tjk.adviser")

    page.goto(url("accounts:sign-in"))
    page.get_by_test_id("language-ru").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page).to_have_url(url("accounts:sign-in"))

    submit_sign_in("tjk.adviser", "not-the-password-1")

    expect(page).to_have_url(url("accounts:sign-in"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_test_id("sign-in-error")).to_have_text(
        "Неверное имя пользователя или пароль."
    )
    assert_signed_out(page, url, sign_in_page_url)


@pytest.mark.browser
def test_repeated_failures_lock_the_account_even_for_the_right_password(
    page: Page,
    make_user: Any,
    url: Callable[..., str],
    sign_in_page_url: re.Pattern[str],
    submit_sign_in: Callable[..., Any],
) -> None:
    make_user("BLR", username="blr.adviser")
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5

    page.goto(url("accounts:sign-in"))
    for _attempt in range(limit - 1):
        submit_sign_in("blr.adviser", "not-the-password-1")
        expect(page.get_by_test_id("sign-in-error")).to_be_visible()
        expect(page.get_by_test_id("locked-out")).to_have_count(0)

    response = submit_sign_in("blr.adviser", "not-the-password-1")  # the limit-th failure
    assert response is not None and response.status == 429
    expect(page.get_by_test_id("locked-out")).to_be_visible()

    response = submit_sign_in("blr.adviser", PASSWORD)

    assert response is not None and response.status == 429
    expect(page).to_have_url(url("accounts:sign-in"))
    expect(page.get_by_test_id("locked-out")).to_contain_text(
        "This account is locked after too many failed sign-ins."
    )
    expect(page.get_by_test_id("sign-in-error")).to_have_count(0)
    assert_signed_out(page, url, sign_in_page_url)

    # The lock is on that username (from this address), not on everyone here.
    make_user("BLR", username="blr.colleague")
    submit_sign_in("blr.colleague", PASSWORD)
    expect(page).to_have_url(url("core:home"))
    expect(page.get_by_test_id("whoami")).to_contain_text("blr.colleague")
