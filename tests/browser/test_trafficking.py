"""The trafficking module's main journey in Chromium: a Russian customs officer reports a
seizure whose item matches an item in Kazakhstan's register, which the officer may not
see; the page says only that a matching record exists in KAZ's register, and the officer
sends KAZ a tracing request from there. Kazakhstan's officer, working in Russian, finds
it in the inbox, acknowledges and answers it with the last legal holder and a transfer;
the Russian officer sees the answer.

Each officer has a browser context of their own, as two people at two desks would."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import click_and_wait

pytestmark = pytest.mark.browser

SERIAL = "SP3-424242"


@pytest.fixture
def desk(signed_in_desk: Callable[..., Page]) -> Callable[..., Page]:
    """desk(username, locale="en-US") -> a signed-in page on /trafficking/tracing/."""
    return functools.partial(
        signed_in_desk, start="/trafficking/tracing/", landmark="trafficking-subnav"
    )


def test_seizure_hit_tracing_request_answered_by_the_other_party(
    desk: Callable[..., Page], make_user: Any
) -> None:
    from accord.trafficking.models import TracingRequest
    from accord.trafficking.services.items import item_register

    make_user("RUS", username="rus.officer", clearance=2, roles=["customs_officer"])
    kaz = make_user("KAZ", username="kaz.officer", clearance=2, roles=["customs_officer"])
    item_register(
        actor=kaz,
        kind="uncrewed",
        manufacturer="Fictional Aero",
        model="Sparrow-3",
        serial_number=SERIAL,
        status="stolen",
    )

    # --- RUS: report the seizure; the item matches a record in KAZ's register.
    rus = desk("rus.officer")
    rus.goto("/trafficking/incidents/new/")
    form = rus.get_by_test_id("incident-form")
    form.locator("#id_kind").select_option("seizure")
    form.locator("#id_occurred_on").fill((dt.date.today() - dt.timedelta(days=2)).isoformat())
    form.locator("#id_country").fill("RUS")
    form.locator("#id_locality").fill("Fictional Pass")
    form.locator("#id_narrative").fill("A drone found in a lorry without papers.")
    form.locator("#id_items-0-kind").select_option("uncrewed")
    form.locator("#id_items-0-manufacturer").fill("Fictional Aero")
    form.locator("#id_items-0-model").fill("Sparrow-3")
    form.locator("#id_items-0-serial_number").fill(SERIAL.lower().replace("-", " "))
    click_and_wait(rus, rus.get_by_test_id("incident-save"))
    hit = rus.locator("[data-testid^='hit-'][data-testid$='-KAZ']")
    expect(hit).to_contain_text("A matching record exists in the register of KAZ")
    expect(hit).not_to_contain_text("Stolen")  # nothing of KAZ's record is disclosed

    # --- RUS: send the tracing request from the hit, prefilled.
    click_and_wait(rus, hit.get_by_role("link"))
    tracing_form = rus.get_by_test_id("tracing-form")
    expect(tracing_form.locator("#id_requested_party")).to_have_value("KAZ")
    expect(tracing_form.locator("#id_item-0-manufacturer")).to_have_value("Fictional Aero")
    expect(tracing_form.locator("#id_circumstances")).to_contain_text("Fictional Pass")
    tracing_form.locator("#id_grounds").fill("Reported stolen; no export licence.")
    tracing_form.locator("#id_legal_basis").fill("Article 5 of the agreement.")
    click_and_wait(rus, rus.get_by_test_id("tracing-send"))
    expect(rus.get_by_test_id("tracing-state")).to_have_text("Sent")
    reference = TracingRequest.objects.get().reference
    expect(rus.get_by_test_id("tracing-reference")).to_contain_text(reference)

    # --- KAZ, in Russian: the request is in the inbox; acknowledge and answer it.
    kazakh = desk("kaz.officer", locale="ru-RU")
    expect(kazakh.locator("html")).to_have_attribute("lang", "ru")
    click_and_wait(
        kazakh, kazakh.get_by_test_id("tracing-list").get_by_role("link", name=reference)
    )
    click_and_wait(kazakh, kazakh.get_by_test_id("tracing-acknowledge"))
    expect(kazakh.get_by_test_id("tracing-acknowledge")).to_have_count(0)
    answer = kazakh.get_by_test_id("tracing-answer-form")
    answer.locator("input[name='outcome'][value='full']").check()
    answer.locator("#id_answer").fill("Stolen from a licensed dealer's warehouse in 2024.")
    answer.locator("#id_last_legal_holder").fill("Fictional Trading LLC")
    answer.locator("#id_transfer-0-date").fill("2023-05-10")
    answer.locator("#id_transfer-0-from_holder").fill("Fictional Aero")
    answer.locator("#id_transfer-0-to_holder").fill("Fictional Trading LLC")
    answer.locator("#id_transfer-0-document_reference").fill("EL-7/2023")
    click_and_wait(kazakh, kazakh.get_by_test_id("tracing-answer-send"))
    expect(kazakh.get_by_test_id("tracing-holder")).to_have_text("Fictional Trading LLC")

    # --- RUS: sees the answer, and closes the request.
    rus.reload()
    expect(rus.get_by_test_id("tracing-holder")).to_have_text("Fictional Trading LLC")
    expect(rus.get_by_test_id("tracing-transfers")).to_contain_text("EL-7/2023")
    expect(rus.get_by_test_id("tracing-outcome")).to_have_text(re.compile("Traced fully"))
    click_and_wait(rus, rus.get_by_test_id("tracing-close"))
    expect(rus.get_by_test_id("tracing-state")).to_have_text("Closed")
