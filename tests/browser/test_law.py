"""The law base's main journey in Chromium: screen a weapon description for several
parties, read each party's column, then read the same results in Russian."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD


@pytest.fixture
def law_reference_data(reference_data: None) -> Iterator[None]:
    """Two rules of the test's own beside the shipped law data (which the root conftest
    reloads for transactional tests): the shipped catalogue is set aside, so the outcomes
    depend on these only."""
    from accord.law.models import Rule
    from accord.law.services import rule_save

    Rule.objects.update(active=False)
    rule_save(
        actor=None,
        code="TEST-B-APMBC",
        bases=[("APMBC", "Art. 1")],
        kind="specific_prohibition",
        title_en="Browser test: no anti-personnel mines",
        customary=False,
        trigger="weapon_type = anti_personnel_mine",
    )
    rule_save(
        actor=None,
        code="TEST-B-APII",
        bases=[("CCW-APII", "Art. 6(3)")],
        kind="restriction",
        title_en="Browser test: remotely delivered mines self-destruct",
        customary=False,
        trigger=(
            "weapon_type = anti_personnel_mine and delivery = remotely_delivered "
            "and (not self_destruction or not self_deactivation)"
        ),
    )
    yield


@pytest.mark.browser
def test_screen_a_description_for_several_parties_in_both_languages(
    page: Page,
    make_user: Any,
    url: Callable[..., str],
    submit_sign_in: Callable[..., Any],
    law_reference_data: None,
) -> None:
    make_user("RUS", username="rus.law", roles=["legal_adviser"])
    page.goto(url("law:screen"))
    submit_sign_in("rus.law", PASSWORD)
    expect(page).to_have_url(url("law:screen"))
    expect(page.get_by_test_id("law-subnav")).to_be_visible()

    form = page.get_by_test_id("screening-form")
    form.get_by_label("Legal type of weapon", exact=True).select_option("anti_personnel_mine")
    form.get_by_label("Delivery", exact=True).select_option("remotely_delivered")
    form.get_by_label("Self-destruction", exact=True).select_option("no")
    for code in ("ARM", "IRN", "KAZ", "KGZ"):  # keep BLR, RUS and TJK
        form.locator(f'input[name="parties"][value="{code}"]').uncheck()
    with page.expect_navigation():
        page.get_by_test_id("screen").click()

    results = page.get_by_test_id("screening-results")
    columns = results.locator("article.party-result")
    expect(columns).to_have_count(3)
    # The user's own party first (issue 12, point 6), then the others in order.
    expect(columns.first).to_have_attribute("data-testid", "party-result-RUS")
    blr, rus, tjk = (page.get_by_test_id(f"party-result-{c}") for c in ("BLR", "RUS", "TJK"))
    expect(blr.get_by_test_id("worst")).to_have_text("Prohibited")  # Ottawa Convention
    expect(blr).to_contain_text("TEST-B-APMBC")
    expect(blr).to_contain_text("Legal type of weapon: Anti-personnel mine")
    expect(rus.get_by_test_id("worst")).to_have_text("Restricted")  # CCW Amended Protocol II
    expect(rus).to_contain_text("TEST-B-APII")
    expect(rus).not_to_contain_text("TEST-B-APMBC")
    expect(tjk.get_by_test_id("worst")).to_have_text("Prohibited")
    expect(page.get_by_test_id("screening")).to_contain_text("Remotely delivered")
    # The columns sit side by side, the user's party (RUS) first.
    blr_box, rus_box = blr.bounding_box(), rus.bounding_box()
    assert blr_box and rus_box and blr_box["x"] > rus_box["x"] + rus_box["width"] - 1
    assert abs(rus_box["y"] - blr_box["y"]) < 2

    page.get_by_test_id("language-ru").click()

    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_test_id("sign-out")).to_have_text("Выйти")
    expect(page.get_by_test_id("modules-nav")).to_contain_text("Совместная правовая экспертиза")
    # The language switch comes back to the same screening, results and all.
    expect(page.get_by_test_id("screening-results").locator("article.party-result")).to_have_count(
        3
    )
    expect(page.get_by_test_id("party-result-BLR")).to_contain_text("Беларусь")
    expect(page.get_by_test_id("party-result-RUS")).to_contain_text("TEST-B-APII")
