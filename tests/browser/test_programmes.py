"""The programmes module's main journey in Chromium, in Russian: a programme officer
proposes a programme, records its eligibility and the decision, proposes and decides a
cost-share key, sets the budget, issues the call for contributions and records the first
contribution; the statement shows it and the arrears of the party that has not paid."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from accord.core.models import Party
from tests.browser.conftest import click_and_wait


def _save(page: Page) -> None:
    click_and_wait(page, page.get_by_test_id("programmes-save"))


@pytest.mark.browser
def test_from_proposal_to_first_contribution_in_russian(
    signed_in_desk: Callable[..., Page], make_user: Any
) -> None:
    make_user("RUS", username="rus.programmes", roles=["programme_officer", "finance_officer"])
    page = signed_in_desk("rus.programmes", start="/programmes/", landmark="desk", locale="ru-RU")
    expect(page.locator("html")).to_have_attribute("lang", "ru")

    click_and_wait(page, page.get_by_test_id("programme-new"))
    page.locator("#id_identifier").fill("ОДКБ-2026-7")
    page.locator("#id_title_en").fill("Joint training programme")
    page.locator("#id_title_ru").fill("Совместная программа подготовки")
    page.locator("#id_currency").fill("RUB")
    page.locator("#id_release").select_option("members")
    _save(page)
    expect(page.get_by_test_id("programme-title")).to_have_text("Совместная программа подготовки")

    click_and_wait(page, page.get_by_test_id("programme-advance"))
    page.locator("#id_stage").select_option("eligibility")
    page.locator("#id_criteria").fill("Статья 6 соглашения")
    page.locator("#id_reasons").fill("Соответствует")
    _save(page)
    expect(page.get_by_test_id("timeline")).to_contain_text("Соответствует")

    click_and_wait(page, page.get_by_test_id("programme-advance"))
    page.locator("#id_stage").select_option("decided")
    page.locator("#id_decision_rule").select_option("consensus")
    page.locator("#id_reference").fill("Решение Совета 2026/7")
    _save(page)
    expect(page.get_by_test_id("timeline")).to_contain_text("Решение Совета 2026/7")

    click_and_wait(page, page.get_by_test_id("key-new"))
    page.locator("#id_basis").select_option("fixed")
    page.locator("#id_effective_from").fill("2026-01-01")
    page.locator("#id_share_RUS").fill("60")
    page.locator("#id_share_KAZ").fill("30")
    _save(page)  # 90 %: refused, nothing stored
    expect(page.get_by_test_id("form-errors")).to_be_visible()
    page.locator("#id_share_KAZ").fill("40")
    _save(page)
    click_and_wait(page, page.get_by_test_id("key-decide"))
    page.locator("#id_key").select_option(index=1)
    page.locator("#id_decision_reference").fill("Решение Совета 2026/7")
    _save(page)
    expect(page.get_by_test_id("key-1")).to_contain_text("KAZ 40")

    click_and_wait(page, page.get_by_test_id("budget-new"))
    page.locator("#id_status").select_option("committed")
    page.locator("#id_lines-0-category").select_option("services")
    page.locator("#id_lines-0-period_start").fill("2026-01-01")
    page.locator("#id_lines-0-period_end").fill("2026-12-31")
    page.locator("#id_lines-0-amount").fill("1000000.01")
    _save(page)
    click_and_wait(page, page.get_by_test_id("assessment-new"))
    page.locator("#id_due_date").fill("2026-03-01")
    _save(page)
    expect(page.get_by_test_id("assessment-1")).to_contain_text("RUS 600000,01")
    expect(page.get_by_test_id("assessment-1")).to_contain_text("KAZ 400000,00")

    click_and_wait(page, page.get_by_test_id("contribution-new"))
    page.locator("#id_party").select_option(str(Party.objects.get(code="RUS").pk))
    page.locator("#id_kind").select_option("cash")
    page.locator("#id_amount").fill("600000.01")
    page.locator("#id_value_date").fill("2026-02-20")
    _save(page)
    expect(page.get_by_test_id("statement-RUS")).to_contain_text("600000,01")
    expect(page.get_by_test_id("statement-KAZ")).to_contain_text("400000,00")
