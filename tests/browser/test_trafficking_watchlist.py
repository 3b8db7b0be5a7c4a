"""Screening in Chromium: a Kazakh customs officer, working in Russian, screens a name
written in Latin letters against an entity Russia listed in Cyrillic, and sees the
candidate with the features that matched; then screens a small CSV file of names and
downloads the results as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import PASSWORD, TIMEOUT_MS

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(browser: Browser, live_server: Any) -> Iterator[Callable[..., Page]]:
    """desk("kaz.customs", "ru-RU") -> a signed-in page in a browser context of its own."""
    contexts: list[BrowserContext] = []

    def open_desk(username: str, locale: str = "en-US") -> Page:
        context = browser.new_context(
            base_url=live_server.url, locale=locale, accept_downloads=True
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto("/accounts/sign-in/?next=/trafficking/screening/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_test_id("sign-in").click()
        expect(page.get_by_test_id("screen-form")).to_be_visible()
        return page

    yield open_desk
    for context in contexts:
        context.close()


def names_csv(names: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name"])
    writer.writerows([name] for name in names)
    return buffer.getvalue().encode()


def test_officer_screens_a_latin_name_and_a_file_in_russian(
    desk: Callable[..., Page], make_user: Any, tmp_path: Path
) -> None:
    from accord.core.models import Release
    from accord.trafficking.services.watchlist import entity_create

    rus = make_user("RUS", roles=["customs_officer"], username="rus.customs")
    make_user("KAZ", roles=["customs_officer"], username="kaz.customs")
    person = entity_create(
        actor=rus,
        kind="person",
        name="Сергей Жуковский",
        nationality="RUS",
        reason="Fictional: browser test.",
        release=Release.MEMBERS,
    )
    company = entity_create(
        actor=rus,
        kind="organisation",
        name="ООО «Ромашка»",
        reason="Fictional: browser test.",
        release=Release.MEMBERS,
    )

    page = desk("kaz.customs", "ru-RU")
    expect(page.locator("html")).to_have_attribute("lang", "ru")

    # One name, in Latin letters and in the other order.
    page.locator("#id_name").fill("Zhukovsky Sergei")
    with page.expect_navigation():
        page.get_by_test_id("screen-submit").click()
    row = page.get_by_test_id(f"candidate-{person.pk}")
    expect(row).to_be_visible()
    expect(row).to_contain_text("Сергей Жуковский")
    expect(row).to_contain_text("RUS")
    expect(row.locator("mark", has_text="то же имя в другой письменности")).to_be_visible()
    expect(row.locator("mark", has_text="другой порядок слов")).to_be_visible()
    expect(page.get_by_test_id(f"candidate-{company.pk}")).to_have_count(0)

    # A small file: the two listed names written otherwise, and one not on the list.
    page.goto("/trafficking/screening/bulk/")
    upload = tmp_path / "names.csv"
    upload.write_bytes(names_csv(["Sergey Zhukovskiy", "Romashka LLC", "Иван Неизвестный"]))
    page.locator("#id_file").set_input_files(str(upload))
    with page.expect_navigation():
        page.get_by_test_id("bulk-submit").click()
    expect(page.get_by_test_id("bulk-summary")).to_contain_text("2")
    expect(page.get_by_test_id("bulk-row-2")).to_contain_text("Сергей Жуковский")
    expect(page.get_by_test_id("bulk-row-3")).to_contain_text("ООО «Ромашка»")
    expect(page.get_by_test_id("bulk-row-3")).to_contain_text("ООО = LLC")
    expect(page.get_by_test_id("bulk-row-4")).not_to_contain_text("Жуковский")

    page.locator("#id_file").set_input_files(str(upload))
    with page.expect_download() as download_info:
        page.get_by_test_id("bulk-download").click()
    download = download_info.value
    saved = tmp_path / "results.csv"
    download.save_as(saved)
    lines = list(csv.DictReader(saved.read_text(encoding="utf-8-sig").splitlines()))
    by_row = {line["row"]: line for line in lines}
    assert by_row["2"]["entity_id"] == str(person.pk)
    assert by_row["2"]["listing_party"] == "RUS"
    assert "то же имя в другой письменности" in by_row["2"]["features"]
    assert by_row["3"]["entity_id"] == str(company.pk)
    assert by_row["4"]["entity_id"] == ""
