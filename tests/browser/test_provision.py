"""Provision's main journey in Chromium, in Russian: the Secretariat records a
requirement; Russia commits a system cleared for Kazakhstan's contingent, passes the legal
gate, records the authorisation and the end-user certificate, dispatches a consignment
with one line; Kazakhstan records the delivery and the acceptance inspection (one serial
missing); both sides sign, and the discrepancy report opens by itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import click_and_wait

RU = "ru-RU"


def _fill(page: Page, values: dict[str, str]) -> None:
    form = page.get_by_test_id("provision-form")
    for name, value in values.items():
        field = form.locator(f'[name="{name}"]')
        tag = field.first.evaluate("e => e.tagName + ':' + (e.type || '')")
        if tag.startswith("SELECT"):
            field.select_option(value)
        elif tag.endswith(":checkbox"):
            form.locator(f'[name="{name}"][value="{value}"]').check()
        else:
            field.fill(value)
    click_and_wait(page, page.get_by_test_id("provision-save"))


@pytest.mark.browser
def test_requirement_to_signed_inspection_in_russian(
    signed_in_desk: Callable[..., Page], make_user: Any
) -> None:
    from accord.core.models import Party, Release
    from accord.expertise import services as expertise
    from accord.provision.models import Commitment
    from accord.provision.tests.world import concluded_review

    make_user("SEC", roles=["secretariat_officer"], username="b.sec")
    rus = make_user("RUS", roles=["legal_adviser", "programme_officer"], username="b.rus")
    make_user("KAZ", roles=["programme_officer"], username="b.kaz")
    system = expertise.system_register(
        actor=rus,
        designation="Kestrel browser (fictional)",
        category="uncrewed",
        release=Release.MEMBERS,
    )
    version = system.versions.get()
    concluded_review(
        version, {"KAZ": ("lawful_with_conditions", ["Под контролем оператора."])}, rus
    )
    kaz_id = str(Party.objects.get(code="KAZ").pk)

    sec = signed_in_desk("b.sec", start="/provision/", landmark="provision-subnav", locale=RU)
    expect(page_heading(sec)).to_have_text("Обеспечение сил")
    click_and_wait(sec, sec.get_by_test_id("requirement-new").first)
    _fill(
        sec,
        {
            "capability": "Разведывательные беспилотники",
            "quantity": "2",
            "needed_by": "2026-12-01",
            "receiving_parties": kaz_id,
            "release": "members",
        },
    )
    expect(sec.get_by_test_id("requirement-title")).to_contain_text("Требование")
    requirement_url = sec.url

    desk = signed_in_desk("b.rus", start="/provision/", landmark="provision-subnav", locale=RU)
    desk.goto(requirement_url)
    click_and_wait(desk, desk.get_by_test_id("commit"))
    _fill(
        desk,
        {
            "system_version": str(version.pk),
            "quantity": "2",
            "terms": "preferential",
            "title_passes": "True",
            "title_to": kaz_id,
            "release": "listed",
        },
    )
    expect(desk.get_by_test_id("commitment-state")).to_have_text("Предложено")
    click_and_wait(desk, desk.get_by_test_id("gate"))
    expect(desk.get_by_test_id("commitment-state")).to_have_text("Прошло правовой контроль")
    expect(desk.get_by_test_id("assurances")).to_contain_text("Под контролем оператора.")
    commitment_url = desk.url

    click_and_wait(desk, desk.get_by_test_id("add-authorisation"))
    _fill(
        desk,
        {
            "number": "RU-1",
            "authority": "ФСВТС",
            "valid_from": "2026-01-01",
            "valid_until": "2027-12-31",
            "items": "2 изделия",
            "risk_assessment": "Низкий риск",
            "decision": "granted",
            "reasons": "Обязательства по соглашению",
        },
    )
    click_and_wait(desk, desk.get_by_test_id("add-certificate"))
    _fill(
        desk,
        {
            "register_number": "EUC-1",
            "issued_on": "2026-01-01",
            "expires_on": "2027-12-31",
            "issuing_authority": "Минобороны Казахстана",
            "signatory": "Полковник А.",
            "end_user": kaz_id,
            "end_user_unit": "Миротворческая бригада",
            "end_use_statement": "Только для коллективных сил",
            "reexport_clause": "Без реэкспорта",
        },
    )
    expect(desk.get_by_test_id("commitment-state")).to_have_text("Разрешено")
    click_and_wait(desk, desk.get_by_test_id("add-consignment"))
    _fill(desk, {"reference": "CN-B1", "dispatched_on": "2026-06-01"})
    click_and_wait(desk, desk.get_by_test_id("add-line"))
    _fill(
        desk,
        {
            "description": "Беспилотник",
            "scheme": "NSN",
            "identifier": "1550-01-000-0001",
            "category": "IV",
            "quantity": "2",
            "serials": "B-1\nB-2",
            "title_holder": kaz_id,
            "operational_controller": kaz_id,
        },
    )

    kaz = signed_in_desk("b.kaz", start="/provision/", landmark="provision-subnav", locale=RU)
    kaz.goto(commitment_url)
    click_and_wait(kaz, kaz.get_by_test_id("deliver"))
    _fill(kaz, {"delivered_on": "2026-06-05"})
    click_and_wait(kaz, kaz.get_by_test_id("inspect"))
    _fill(kaz, {"inspected_on": "2026-06-06", "received_serials": "B-1"})
    click_and_wait(kaz, kaz.get_by_test_id("sign"))
    expect(kaz.get_by_test_id("inspection-state")).to_have_text("Ожидает подписей")

    desk.goto(commitment_url)
    click_and_wait(desk, desk.get_by_test_id("sign"))
    expect(desk.get_by_test_id("inspection-state")).to_have_text("Подписан обеими сторонами")
    expect(desk.get_by_test_id("discrepancy")).to_contain_text("Недостача")
    expect(desk.get_by_test_id("discrepancy")).to_contain_text("B-2")
    # The timeline speaks sentences (core.selectors.record_timeline); the code is the title.
    signed = desk.get_by_test_id("timeline").locator('span[title="provision.inspection.sign"]')
    expect(signed.first).to_be_visible()
    expect(signed.first).not_to_have_text("provision.inspection.sign")
    assert Commitment.objects.get().state == "authorised"


def page_heading(page: Page) -> Any:
    return page.locator("h1").first
