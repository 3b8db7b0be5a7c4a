"""The legislation module's main journey in Chromium, in Russian: the Secretariat drafts a
model act and adopts it with four eyes, a state fills its column of the conformity
matrix, and the matrix shows the cell, the roll-up and the "as at" view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import click_and_wait


@pytest.mark.browser
def test_from_a_model_act_to_a_filled_matrix_in_russian(
    signed_in_desk: Callable[..., Page], make_user: Any
) -> None:
    make_user("SEC", username="sec.drafter", roles=["parliamentary_officer"])
    make_user("SEC", username="sec.confirmer", roles=["parliamentary_officer"])
    make_user("KAZ", username="kaz.parliament", roles=["parliamentary_officer"])

    drafter = signed_in_desk("sec.drafter", start="/legislation/", landmark="desk", locale="ru-RU")
    expect(drafter.locator("html")).to_have_attribute("lang", "ru")
    click_and_wait(drafter, drafter.get_by_test_id("act-new"))
    form = drafter.get_by_test_id("act-form")
    form.locator("[name=number]").fill("21-4")
    form.locator("[name=title_en]").fill("Model law on weapons review")
    form.locator("[name=title_ru]").fill("Модельный закон о правовой проверке оружия")
    form.locator("[name=classification]").select_option("0")
    form.locator("[name=release]").select_option("public")
    click_and_wait(drafter, drafter.get_by_test_id("act-save"))
    expect(drafter.get_by_test_id("act-title")).to_contain_text(
        "Модельный закон о правовой проверке оружия"
    )
    for eid, text in (("art_1", "Сфера применения"), ("art_2", "Каждое новое оружие проверяется")):
        click_and_wait(drafter, drafter.get_by_test_id("provision-add"))
        provision = drafter.get_by_test_id("provision-form")
        provision.locator("[name=eid]").fill(eid)
        provision.locator("[name=text_ru]").fill(text)
        click_and_wait(drafter, drafter.get_by_test_id("provision-save"))
    expect(drafter.get_by_test_id("provision-art_2")).to_contain_text("Каждое новое оружие")
    click_and_wait(drafter, drafter.get_by_test_id("step-to_commission"))
    click_and_wait(drafter, drafter.get_by_test_id("step-propose"))
    expect(drafter.get_by_test_id("step-adopt")).to_have_count(0)  # not by the proposer
    act_url = drafter.url

    confirmer = signed_in_desk(
        "sec.confirmer", start="/legislation/", landmark="desk", locale="ru-RU"
    )
    click_and_wait(confirmer, confirmer.get_by_test_id("desk").get_by_role("link").first)
    click_and_wait(confirmer, confirmer.get_by_test_id("step-adopt"))
    expect(confirmer.get_by_test_id("act-stage")).not_to_have_text("")
    assert confirmer.url == act_url

    state = signed_in_desk("kaz.parliament", start="/legislation/", landmark="desk", locale="ru-RU")
    click_and_wait(state, state.get_by_test_id("desk").get_by_role("link").first)
    expect(state.get_by_test_id("matrix")).to_be_visible()
    for eid in ("art_1", "art_2"):
        click_and_wait(state, state.get_by_test_id(f"fill-{eid}"))
        cell = state.get_by_test_id("cell-form")
        cell.locator("[name=status]").select_option("transposed")
        cell.locator("[name=national_provisions]").fill(f"Статья {eid[-1]}")
        cell.locator("[name=enacted_on]").fill("2025-06-01")
        cell.locator("[name=in_force_on]").fill("2026-01-01")
        click_and_wait(state, state.get_by_test_id("cell-save"))
    expect(state.get_by_test_id("cell-art_2-KAZ")).to_contain_text("Статья 2")
    expect(state.get_by_test_id("fill-art_1")).to_be_visible()
    rollup = state.get_by_test_id("rollup-fully")
    expect(rollup.locator("td").nth(2)).not_to_have_text(rollup.locator("td").nth(0).inner_text())

    # As at a date between enactment and entry into force: enacted, not yet in force.
    state.get_by_test_id("as-at").locator("[name=at]").fill("2025-09-01")
    click_and_wait(state, state.get_by_test_id("as-at").get_by_role("button"))
    expect(state.get_by_test_id("as-at-note")).to_be_visible()
    kaz_cell = state.get_by_test_id("cell-art_1-KAZ").inner_text()
    state.get_by_test_id("as-at").locator("[name=at]").fill("2026-02-01")
    click_and_wait(state, state.get_by_test_id("as-at").get_by_role("button"))
    assert state.get_by_test_id("cell-art_1-KAZ").inner_text() != kaz_cell
