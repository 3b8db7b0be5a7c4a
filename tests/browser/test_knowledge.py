"""The knowledge module's main journey in Chromium, in Russian: an officer submits an
observation; their party's lessons manager verifies it, records the analysis, tasks a
remedial action, closes it, records the validation and calls the lesson learned. The
pages show the Russian title, and a colleague of the author never sees the observation
while it is only submitted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import click_and_wait


@pytest.mark.browser
def test_from_observation_to_lesson_learned_in_russian(
    make_user: Any, signed_in_desk: Callable[..., Page]
) -> None:
    from accord.knowledge.models import KnowledgeItem

    make_user("RUS", username="rus.officer", roles=["legal_adviser"])
    make_user("RUS", username="rus.colleague", roles=["legal_adviser"])
    make_user("RUS", username="rus.lessons", roles=["knowledge_editor"])

    officer = signed_in_desk("rus.officer", start="/knowledge/", landmark="desk", locale="ru-RU")
    expect(officer.locator("html")).to_have_attribute("lang", "ru")
    click_and_wait(officer, officer.get_by_test_id("item-new"))
    form = officer.get_by_test_id("item-form")
    form.locator('[name="title_en"]').fill("Telemetry lost during the swarm trial")
    form.locator('[name="title_ru"]').fill("Потеря телеметрии на испытаниях роя")
    form.locator('[name="summary_ru"]').fill("Связь с группой потеряна на двенадцать минут.")
    form.locator('input[name="areas"][value="use"]').check()
    form.locator('select[name="release"]').select_option("members")
    click_and_wait(officer, officer.get_by_test_id("item-save"))
    title = officer.get_by_test_id("item-title")
    expect(title).to_have_text("Потеря телеметрии на испытаниях роя")
    item = KnowledgeItem.objects.get(title_en="Telemetry lost during the swarm trial")
    assert item.stage == "submitted"
    detail = officer.url

    # A colleague of the same party does not see it: 404, and not in the search either.
    colleague = signed_in_desk("rus.colleague", start="/knowledge/", locale="ru-RU")
    answer = colleague.goto(detail)
    assert answer is not None and answer.status == 404
    colleague.goto("/knowledge/?q=телеметрии")
    expect(colleague.get_by_test_id("item-list")).not_to_contain_text("Потеря телеметрии")

    # The lessons manager finds it on the desk and takes it through the lifecycle.
    manager = signed_in_desk("rus.lessons", start="/knowledge/", landmark="desk", locale="ru-RU")
    desk = manager.get_by_test_id("desk")
    expect(desk).to_contain_text("Потеря телеметрии на испытаниях роя")
    click_and_wait(manager, desk.get_by_role("link", name="Потеря телеметрии на испытаниях роя"))
    click_and_wait(manager, manager.get_by_test_id("item-verify"))
    identify = manager.get_by_test_id("identify-form")
    identify.locator('[name="root_cause"]').fill("Нет резервного канала связи.")
    identify.locator('[name="recommendation"]').fill("Предусмотреть резервный канал.")
    click_and_wait(manager, manager.get_by_test_id("item-identify"))
    expect(manager.get_by_test_id("item-root-cause")).to_have_text("Нет резервного канала связи.")

    # Not learned before an action is done and the lesson validated.
    expect(manager.get_by_test_id("not-learned")).to_be_visible()
    actions = manager.get_by_test_id("action-form")
    actions.locator('select[name="action_body"]').select_option(label="RUS — Российская Федерация")
    actions.locator('[name="due_on"]').fill((dt.date.today() + dt.timedelta(days=20)).isoformat())
    actions.locator('[name="description"]').fill("Добавить резервный канал в программу испытаний.")
    click_and_wait(manager, manager.get_by_test_id("action-add"))
    action = item.actions.get()
    click_and_wait(manager, manager.get_by_test_id(f"action-done-{action.pk}"))
    validate = manager.get_by_test_id("validate-form")
    validate.locator('[name="result"]').fill("На следующем испытании связь не терялась.")
    click_and_wait(manager, manager.get_by_test_id("item-validate"))
    expect(manager.get_by_test_id("item-validation")).to_contain_text("связь не терялась")
    expect(manager.get_by_test_id("not-learned")).to_have_count(0)
    click_and_wait(manager, manager.get_by_test_id("item-learn"))
    expect(manager.get_by_test_id("item-learn")).to_have_count(0)
    item.refresh_from_db()
    assert (item.stage, item.kind) == ("learned", "lesson_learned")

    # Once verified, the colleague reads it, in Russian.
    colleague.goto(detail)
    expect(colleague.get_by_test_id("item-title")).to_have_text(
        "Потеря телеметрии на испытаниях роя"
    )
