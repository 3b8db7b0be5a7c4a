"""The joint review's main journey in Chromium: a Russian legal adviser registers a system,
fills in its questionnaire, records Kazakhstan's contingent, opens and submits a review;
the Secretariat starts it and moves it to deliberation; Kazakhstan's lead reviewer (in
Russian) names itself, records its finding and signs; Russia's lead reviewer records its
finding and signs — and the review is concluded.

Each user has a browser context of their own, as four people at four desks would."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import click_and_wait

RULE = "TEST-B-EXP"


@pytest.fixture
def one_rule(reference_data: None) -> Iterator[None]:
    """One rule of the test's own, binding every party as custom, so each party has one
    finding to record; the shipped catalogue is set aside."""
    from accord.law.models import Rule
    from accord.law.services import rule_save

    Rule.objects.update(active=False)
    rule_save(
        actor=None,
        code=RULE,
        bases=[("CCW-APII", "Art. 6")],
        kind="restriction",
        title_en="Browser test: remotely delivered mines",
        restriction_en="Only with self-destruction and self-deactivation.",
        customary=True,
        trigger="weapon_type = anti_personnel_mine",
    )
    yield


@pytest.fixture
def desk(signed_in_desk: Callable[..., Page]) -> Callable[..., Page]:
    """desk(username, locale="en-US") -> a signed-in page on /expertise/."""
    return functools.partial(signed_in_desk, start="/expertise/", landmark="expertise-subnav")


def tab(page: Page, name: str) -> None:
    click_and_wait(page, page.get_by_test_id(f"tab-{name}"))
    expect(page.get_by_test_id(f"panel-{name}")).to_be_visible()


def record_finding(page: Page, outcome: str, reasoning: str, restriction: str = "") -> None:
    tab(page, "findings")
    form = page.get_by_test_id(f"finding-form-{RULE}")
    form.locator('select[name="outcome"]').select_option(outcome)
    form.locator('textarea[name="reasoning"]').fill(reasoning)
    if restriction:
        form.locator('textarea[name="restriction"]').fill(restriction)
    click_and_wait(page, page.get_by_test_id(f"finding-save-{RULE}"))


@pytest.mark.browser
def test_a_review_from_draft_to_concluded_by_two_parties(
    desk: Callable[..., Page], make_user: Any, one_rule: None
) -> None:
    make_user("RUS", username="rus.adviser", roles=["legal_adviser"])
    make_user("RUS", username="rus.lead", roles=["lead_reviewer"])
    make_user("KAZ", username="kaz.lead", roles=["legal_adviser", "lead_reviewer"])
    make_user("SEC", username="sec.officer", roles=["secretariat_officer"])

    # --- RUS: register the system, describe it, record KAZ's contingent, open and submit.
    rus = desk("rus.adviser")
    click_and_wait(rus, rus.get_by_test_id("expertise-subnav").get_by_role("link").nth(1))
    click_and_wait(rus, rus.get_by_test_id("system-new"))
    form = rus.get_by_test_id("system-form")
    form.get_by_label("Designation").fill("Tundra Hare remote mine system (fictional)")
    form.get_by_label("Category").select_option("novel_munition")
    form.get_by_label("Lifecycle stage").select_option("development")
    click_and_wait(rus, rus.get_by_test_id("system-save"))
    expect(rus.get_by_test_id("version-title")).to_contain_text("Tundra Hare")

    questionnaire = rus.get_by_test_id("questionnaire-form")
    questionnaire.get_by_label("Legal type of weapon", exact=True).select_option(
        "anti_personnel_mine"
    )
    questionnaire.get_by_label("Delivery", exact=True).select_option("remotely_delivered")
    questionnaire.get_by_label("Intended targets", exact=True).select_option("personnel")
    questionnaire.locator('textarea[name="normal_use"]').fill("Area denial (fictional).")
    click_and_wait(rus, rus.get_by_test_id("questionnaire-save"))
    expect(questionnaire.get_by_label("Legal type of weapon", exact=True)).to_have_value(
        "anti_personnel_mine"
    )

    rus.get_by_test_id("assignment-toggle").click()
    assignment = rus.get_by_test_id("assignment-form")
    assignment.locator('select[name="party"]').select_option(label="KAZ — Kazakhstan")
    assignment.locator('input[name="from_date"]').fill("2026-01-01")
    click_and_wait(rus, rus.get_by_test_id("assignment-save"))
    expect(rus.get_by_test_id("assignment-KAZ")).to_be_visible()

    rus.get_by_test_id("review-open-toggle").click()
    opening = rus.get_by_test_id("review-open-form")
    opening.locator('select[name="conflict_type"]').select_option("international")
    click_and_wait(rus, rus.get_by_test_id("review-open"))
    expect(rus.get_by_test_id("review-title")).to_contain_text("Tundra Hare")
    for code in ("RUS", "KAZ", "SEC"):
        expect(rus.get_by_test_id(f"participant-{code}")).to_be_visible()
    review_url = rus.url.split("?")[0]

    # RUS names its lead reviewer and its reviewer.
    rus.get_by_test_id("reviewers-toggle").click()
    reviewers = rus.get_by_test_id("reviewers-form")
    reviewers.locator('select[name="lead_reviewer"]').select_option(label="rus.lead")
    reviewers.get_by_label("rus.adviser").check()
    click_and_wait(rus, rus.get_by_test_id("reviewers-save"))
    expect(rus.get_by_test_id("participant-RUS")).to_contain_text("rus.lead")

    click_and_wait(rus, rus.get_by_test_id("action-submit"))
    expect(rus.locator("[data-state]").first).to_have_attribute("data-state", "submitted")
    expect(rus.get_by_test_id("party-result-KAZ")).to_contain_text(RULE)
    expect(rus.get_by_test_id("party-result-RUS")).to_contain_text(RULE)

    # --- The Secretariat starts the examination and moves to deliberation.
    sec = desk("sec.officer")
    sec.goto(review_url)
    expect(sec.get_by_test_id("action-submit")).to_have_count(0)
    click_and_wait(sec, sec.get_by_test_id("action-start"))
    expect(sec.locator("[data-state]").first).to_have_attribute("data-state", "in_review")
    click_and_wait(sec, sec.get_by_test_id("action-deliberate"))
    expect(sec.locator("[data-state]").first).to_have_attribute("data-state", "deliberation")

    # --- KAZ, in Russian: names itself lead reviewer, records its finding, signs.
    kaz = desk("kaz.lead", locale="ru-RU")
    kaz.goto(review_url)
    click_and_wait(kaz, kaz.get_by_test_id("language-ru"))
    expect(kaz.locator("html")).to_have_attribute("lang", "ru")
    expect(kaz.get_by_test_id("sign-out")).to_have_text("Выйти")
    expect(kaz.get_by_test_id("modules-nav")).to_contain_text("Совместная правовая экспертиза")
    kaz.get_by_test_id("reviewers-toggle").click()
    kaz.get_by_test_id("reviewers-form").locator('select[name="lead_reviewer"]').select_option(
        label="kaz.lead"
    )
    click_and_wait(kaz, kaz.get_by_test_id("reviewers-save"))
    expect(kaz.get_by_test_id("participant-KAZ")).to_contain_text("kaz.lead")
    record_finding(kaz, "prohibited", "Indiscriminate by nature (fictional reasoning).")
    expect(kaz.get_by_test_id(f"finding-KAZ-{RULE}")).to_contain_text("Indiscriminate")
    tab(kaz, "conclusions")
    sign = kaz.get_by_test_id("sign-form")
    sign.locator('select[name="outcome"]').select_option("unlawful")
    sign.locator('textarea[name="reasoning"]').fill("Unlawful for Kazakhstan (fictional).")
    sign.locator('select[name="opinion"]').select_option("dissenting")
    sign.locator('textarea[name="opinion_text"]').fill("We disagree with RUS (fictional).")
    click_and_wait(kaz, kaz.get_by_test_id("sign-save"))
    expect(kaz.get_by_test_id("conclusion-KAZ").locator("mark")).to_be_visible()
    expect(kaz.get_by_test_id("concluded")).to_have_count(0)  # RUS has not signed
    expect(kaz.locator("html")).to_have_attribute("lang", "ru")

    # --- RUS lead reviewer: records its finding, signs; the review is concluded.
    lead = desk("rus.lead")
    lead.goto(review_url)
    record_finding(lead, "restriction", "Lawful if fenced (fictional).", "Fenced areas only.")
    tab(lead, "conclusions")
    sign = lead.get_by_test_id("sign-form")
    sign.locator('select[name="outcome"]').select_option("lawful_with_conditions")
    sign.locator('textarea[name="reasoning"]').fill("Meets APII if fenced (fictional).")
    sign.locator('textarea[name="conditions"]').fill("Only in marked, monitored, fenced areas.")
    click_and_wait(lead, lead.get_by_test_id("sign-save"))

    expect(lead.locator("[data-state]").first).to_have_attribute("data-state", "concluded")
    expect(lead.get_by_test_id("concluded")).to_be_visible()
    expect(lead.get_by_test_id("conclusion-hash")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(lead.get_by_test_id("conclusion-RUS")).to_contain_text(
        "Only in marked, monitored, fenced areas."
    )
    expect(lead.get_by_test_id("conclusion-KAZ")).to_contain_text("We disagree with RUS")

    # Everyone sees it concluded; the matrix shows each party's standing.
    kaz.reload()
    expect(kaz.get_by_test_id("concluded")).to_be_visible()
    expect(kaz.locator("html")).to_have_attribute("lang", "ru")
    lead.goto("/expertise/matrix/")
    matrix = lead.get_by_test_id("matrix")
    expect(matrix.locator('td[data-status="lawful_with_conditions"]')).to_have_count(1)
    expect(matrix.locator('td[data-status="unlawful"]')).to_have_count(1)
