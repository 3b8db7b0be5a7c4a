"""A facility assessor completes an assessment in Chromium: the first requirements were
answered earlier (through the services), the rest are answered on the page — by a number
key, by a click, and a "not applicable" that needs its justification — each saved as it
changes; then the assessment is completed and its PDF report downloads."""

from __future__ import annotations

import io
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def assessment(reference_data: None, make_user: Any) -> Any:
    from accord.standards.services import facilities as services
    from accord.standards.tests import test_facilities_world as world

    actor = make_user("RUS", roles=["facility_assessor"], username="rus.assessor")
    version = world.build_standard("BROWSER-1")
    facility = world.register_facility(actor)
    assessment = services.assessment_start(actor=actor, facility=facility, standard_version=version)
    for clause in list(services.requirements_of(version))[:3]:
        services.answer_save(
            actor=actor, assessment=assessment, clause=clause, status="implemented", maturity=3
        )
    return assessment


def _sign_in(page: Page, next_url: str) -> None:
    page.goto(f"/accounts/sign-in/?next={next_url}")
    page.locator("#id_username").fill("rus.assessor")
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_test_id("sign-in").click()


def test_an_assessor_completes_an_assessment_and_downloads_the_report(
    page: Page, assessment: Any
) -> None:
    from pypdf import PdfReader

    url = f"/standards/assessments/{assessment.pk}/"
    _sign_in(page, url)
    progress = page.get_by_test_id("progress-text")
    expect(progress).to_contain_text("3 of 6 answered")

    # 2.1 by the keyboard: focus its status group, press 2 (partly implemented).
    first = page.get_by_test_id("req-2.1")
    first.locator("input[name=status]").first.focus()
    page.keyboard.press("2")
    expect(first.get_by_test_id("state-2.1")).to_contain_text("Saved")
    expect(first.locator("input[value=partly]")).to_be_checked()

    # J moves to the next requirement; a click answers it.
    page.keyboard.press("j")
    second = page.get_by_test_id("req-2.2")
    expect(second.locator("input[name=status]").first).to_be_focused()
    second.get_by_label("Implemented", exact=False).first.check()
    expect(second.get_by_test_id("state-2.2")).to_contain_text("Saved")

    # Not applicable needs a justification: refused first, saved once it is written.
    third = page.get_by_test_id("req-2.3")
    third.locator("input[value=not_applicable]").check()
    expect(third.get_by_test_id("state-2.3")).to_contain_text("Say why")
    third.locator("summary").click()
    third.locator("textarea[name=justification]").fill("No airspace above this site.")
    third.locator("textarea[name=justification]").press("Tab")
    expect(third.get_by_test_id("state-2.3")).to_contain_text("Saved")
    expect(progress).to_contain_text("6 of 6 answered")

    with page.expect_navigation():
        page.get_by_test_id("complete").click()
    expect(page.get_by_test_id("assessment-state")).to_have_text("Complete")
    expect(page.get_by_test_id("assessment-score")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_test_id("report-pdf").click()
    download = download_info.value
    path = download.path()
    with open(path, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Facility assessment report" in text
    assert "Northern Power Station" in text
