"""In Russian, a customs officer sends a tracing request with the proposed due date and
edits an incident without touching its date: both are accepted. Before the project's one
date widget the Russian pages drew dates as "06.01.2027", which Chromium's date input
rejects (it shows the field empty), so both forms came back with "Обязательное поле"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import click_and_wait

pytestmark = pytest.mark.browser


def test_tracing_request_and_incident_edit_in_russian(
    signed_in_desk: Callable[..., Page], make_user: Any
) -> None:
    from accord.trafficking.models import Incident, TracingRequest
    from accord.trafficking.models.tracing import default_due_date
    from accord.trafficking.services.incidents import incident_report

    make_user("RUS", username="rus.dates", clearance=2, roles=["customs_officer"])
    officer = make_user("KAZ", username="kaz.dates", clearance=2, roles=["customs_officer"])
    occurred = dt.date(2025, 1, 6)
    incident = incident_report(actor=officer, kind="seizure", occurred_on=occurred, country="KAZ")

    page = signed_in_desk(
        "kaz.dates",
        start="/trafficking/tracing/new/?party=RUS",
        landmark="tracing-form",
        locale="ru-RU",
    )
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    due = page.locator("#id_due_date")
    expect(due).to_have_value(default_due_date().isoformat())  # shown, not dropped
    page.locator("#id_circumstances").fill("Найден в грузовике на границе.")
    page.locator("#id_grounds").fill("Экспортная лицензия не предъявлена.")
    page.locator("#id_item-0-kind").select_option("uncrewed")
    page.locator("#id_item-0-serial_number").fill("KZ-DATE-7")
    click_and_wait(page, page.get_by_test_id("tracing-send"))
    request = TracingRequest.objects.get()
    assert page.url.endswith(f"/trafficking/tracing/{request.pk}/"), page.url
    assert request.due_date == default_due_date()

    page.goto(f"/trafficking/incidents/{incident.pk}/edit/")
    expect(page.locator("#id_occurred_on")).to_have_value("2025-01-06")
    page.locator("#id_locality").fill("Хоргос")
    click_and_wait(page, page.get_by_test_id("incident-save"))
    expect(page.get_by_test_id("incident-form")).to_have_count(0)
    incident = Incident.objects.get(pk=incident.pk)
    assert (incident.locality, incident.occurred_on) == ("Хоргос", occurred)
