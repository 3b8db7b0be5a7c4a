"""The item register in Chromium: a customs officer imports a small CSV register on the
import page and sees the progress and the result; a second file, with a bad row, is
rejected with that row's number and stores nothing (this step in Russian, switched on the
page). Then, on the match page, the officer types a serial as read off the item — in
Cyrillic look-alike letters, with dashes — and finds the registered item."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD

pytestmark = pytest.mark.browser

HEADER = (
    "kind,manufacturer,model,serial_number,other_markings,country_of_manufacture,"
    "year_of_manufacture,status,classification,release,released_to\n"
)
GOOD = HEADER + (
    "uncrewed,Fictional Aero,Sparrow-3,AK4711BX,lot 7,RUS,2023,in_service,1,owner,\n"
    "uncrewed,Fictional Aero,Sparrow-3,AK4712BX,lot 7,RUS,2023,stolen,1,owner,\n"
    "electronic_warfare,Fictional Signals,J-2,JM0042,,RUS,2022,in_service,1,owner,\n"
)
# The second data row (line 3 of the file) names a kind that does not exist.
BAD = HEADER + (
    "uncrewed,Fictional Aero,Sparrow-3,AK4800BX,,RUS,2023,in_service,1,owner,\n"
    "flying_carpet,Fictional Aero,Sparrow-3,AK4801BX,,RUS,2023,in_service,1,owner,\n"
    "uncrewed,Fictional Aero,Sparrow-3,AK4802BX,,RUS,2023,in_service,1,owner,\n"
)
# What the officer reads off the item: Cyrillic А, К, В, Х and dashes.
TYPED = "АК-47-11-ВХ"


def upload(page: Page, name: str, content: str) -> None:
    page.goto("/trafficking/items/import/")
    page.get_by_test_id("import-form").locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content.encode()}
    )
    with page.expect_navigation():
        page.get_by_test_id("import-submit").click()


def switch_language(page: Page, code: str) -> None:
    with page.expect_navigation():
        page.get_by_test_id(f"language-{code}").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_import_register_reject_bad_file_and_match_a_cyrillic_serial(
    page: Page, make_user: Any
) -> None:
    from accord.trafficking.models import Item

    assert not TYPED.isascii()  # the look-alikes really are Cyrillic
    make_user("RUS", username="rus.registrar", clearance=2, roles=["customs_officer"])
    page.goto("/accounts/sign-in/?next=/trafficking/items/import/")
    page.locator("#id_username").fill("rus.registrar")
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_test_id("sign-in").click()
    expect(page.get_by_test_id("import-form")).to_be_visible()

    # --- A good file: the progress bar runs to the end, then the result.
    upload(page, "register.csv", GOOD)
    expect(page.get_by_test_id("import-running")).to_be_visible()
    progress = page.get_by_test_id("import-progress").last
    expect(progress).to_be_visible()
    expect(progress).to_contain_text("(100%)")
    expect(progress.locator("progress")).to_have_attribute("value", "3")
    expect(page.get_by_test_id("import-done")).to_contain_text("3 items imported.")
    expect(page.get_by_test_id("import-error")).to_have_count(0)
    assert Item.objects.count() == 3

    # --- A file with a bad row, in Russian: its row number, and nothing stored.
    switch_language(page, "ru")
    upload(page, "bad.csv", BAD)
    error = page.get_by_test_id("import-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Файл отклонён; из него ничего не сохранено.")
    expect(error).to_contain_text("Строка 3")
    expect(page.get_by_test_id("import-done")).to_have_count(0)
    assert Item.objects.count() == 3
    assert not Item.objects.filter(serial_number__startswith="AK48").exists()
    page.goto("/trafficking/items/import/")
    expect(page.get_by_test_id("import-list")).to_contain_text("register.csv")
    expect(page.get_by_test_id("import-list")).not_to_contain_text("bad.csv")
    switch_language(page, "en")

    # --- The match page: Cyrillic look-alikes and dashes find the Latin serial.
    page.goto("/trafficking/items/match/")
    form = page.get_by_test_id("match-form")
    form.locator("#id_serial").fill(TYPED)
    with page.expect_navigation():
        page.get_by_test_id("match-submit").click()
    found = Item.objects.get(serial_number="AK4711BX")
    row = page.get_by_test_id(f"match-{found.pk}")
    expect(row).to_be_visible()
    expect(row).to_contain_text("AK4711BX")
    expect(row.locator("mark")).to_contain_text("exact")
    expect(page.get_by_test_id("match-visible").locator("tbody tr").first).to_have_attribute(
        "data-testid", f"match-{found.pk}"
    )
