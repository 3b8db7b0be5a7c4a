"""Drafting and adopting a standard in Chromium: the Secretariat's standards editor adds a
clause to a working draft and moves it to committee draft; Russia's standards editor,
switching to Russian, comments on a clause; the Secretariat disposes of the comment and
opens the ballot; Kazakhstan votes (through the services) and Russia through the ballot
page; once the closing date has passed the Secretariat closes the ballot, and the version
shows adopted and frozen: the edit buttons are gone and an edit through the page is
refused.

Each user has a browser context of their own. The data are built through the services."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import click_and_wait


@pytest.fixture
def desk(signed_in_desk: Callable[..., Page]) -> Callable[..., Page]:
    """desk(username, locale="en-US") -> a signed-in page on /standards/."""
    return functools.partial(signed_in_desk, start="/standards/", landmark="standards-subnav")


@pytest.mark.browser
def test_a_draft_is_commented_balloted_and_adopted(
    desk: Callable[..., Page], make_user: Any, reference_data: None
) -> None:
    from accord.standards.models import Ballot, Clause, StandardVersion
    from accord.standards.services import consultation
    from accord.standards.tests.conftest import build_tree, make_standard

    editor = make_user("SEC", username="sec.editor", roles=["standards_editor"])
    make_user("RUS", username="rus.editor", roles=["standards_editor"])
    kaz = make_user("KAZ", username="kaz.editor", roles=["standards_editor"])
    standard = make_standard(editor, code="PS-BROWSER 1")
    version = standard.versions.get()
    build_tree(editor, version)
    version_url = f"/standards/versions/{version.pk}/"

    # --- The Secretariat's editor adds a requirement to section 4, moves to committee draft.
    sec = desk("sec.editor")
    sec.goto(version_url)
    expect(sec.get_by_test_id("version-stage")).to_contain_text("Working draft")
    section = sec.get_by_test_id("section-4")
    section.get_by_text("Add a clause to 4").click()
    form = section.locator("form[action$='/clauses/new/']")
    form.locator('select[name="normative_level"]').select_option("shall")
    form.locator('input[name="title_en"]').fill("Jamming resilience")
    form.locator('textarea[name="text_en"]').fill(
        "Detection shall continue under jamming of satellite navigation (fictional)."
    )
    form.locator('textarea[name="text_ru"]').fill(
        "Обнаружение должно сохраняться при подавлении спутниковой навигации (вымысел)."
    )
    click_and_wait(sec, form.get_by_role("button"))
    expect(sec.get_by_test_id("requirement-4.3")).to_contain_text("Jamming resilience")
    expect(sec.get_by_test_id("ballot-open-link")).to_have_count(0)  # not a committee draft yet
    click_and_wait(sec, sec.get_by_test_id("move-committee_draft"))
    expect(sec.get_by_test_id("version-stage")).to_contain_text("Committee draft")
    added = Clause.objects.get(version=version, number="4.3")

    # --- Russia's editor, in Russian, comments on the new clause.
    rus = desk("rus.editor")
    rus.goto(version_url)
    click_and_wait(rus, rus.get_by_test_id("language-ru"))
    expect(rus.locator("html")).to_have_attribute("lang", "ru")
    click_and_wait(rus, rus.get_by_test_id("comments-link"))
    comment_form = rus.get_by_test_id("comment-add-form")
    comment_form.locator('select[name="clause"]').select_option(str(added.pk))
    comment_form.locator('select[name="type"]').select_option("technical")
    comment_form.locator('textarea[name="comment"]').fill(
        "Не указано, какие виды помех учитываются (вымышленное замечание)."
    )
    comment_form.locator('textarea[name="proposed_change"]').fill(
        "Добавить: «включая подавление каналов управления»."
    )
    click_and_wait(rus, comment_form.get_by_role("button"))
    comment = rus.get_by_test_id("comment").filter(has_text="какие виды помех")
    expect(comment).to_contain_text("RUS")
    expect(comment).to_contain_text("4.3")
    expect(rus.locator("html")).to_have_attribute("lang", "ru")

    # --- The Secretariat disposes of it and opens the ballot from the version page.
    sec.goto(f"/standards/versions/{version.pk}/comments/")
    comment = sec.get_by_test_id("comment").filter(has_text="какие виды помех")
    comment.locator("summary").click()
    dispose = comment.get_by_test_id("dispose-form")
    dispose.locator('select[name="disposition"]').select_option("accepted")
    dispose.locator('textarea[name="reason"]').fill("Control-link jamming added (fictional).")
    dispose.get_by_role("button").click()
    expect(sec.get_by_test_id("disposition")).to_contain_text("Control-link jamming added")

    sec.goto(version_url)
    click_and_wait(sec, sec.get_by_test_id("ballot-open-link"))
    opening = sec.get_by_test_id("ballot-open-form")
    opening.locator('select[name="rule"]').select_option("consensus")
    opening.locator('input[name="quorum"]').fill("1/3")  # two of six member states suffice
    click_and_wait(sec, opening.get_by_role("button"))
    expect(sec.get_by_test_id("ballot-state")).to_have_text("Open")
    ballot = Ballot.objects.get(standard_version=version)
    ballot_url = f"/standards/ballots/{ballot.pk}/"

    # --- Two member states vote: Kazakhstan through the services, Russia on the page.
    consultation.vote_cast(actor=kaz, ballot=ballot, vote="approve_with_comments")
    rus.goto(ballot_url)
    vote_form = rus.get_by_test_id("vote-form")
    vote_form.locator('input[name="vote"][value="approve"]').check()
    click_and_wait(rus, vote_form.get_by_role("button"))
    expect(rus.get_by_test_id("votes")).to_contain_text("RUS")
    expect(rus.locator("html")).to_have_attribute("lang", "ru")

    # --- The closing date passes; the Secretariat closes the ballot.
    Ballot.objects.filter(pk=ballot.pk).update(
        opens_on=timezone.localdate() - dt.timedelta(days=30),
        closes_on=timezone.localdate() - dt.timedelta(days=1),
    )
    sec.goto(ballot_url)
    expect(sec.get_by_test_id("tally-verdict")).to_contain_text("The rule is met.")
    click_and_wait(sec, sec.get_by_test_id("ballot-close-form").get_by_role("button"))
    expect(sec.get_by_test_id("ballot-result")).to_contain_text("Adopted")
    expect(sec.get_by_test_id("ballot-close-form")).to_have_count(0)

    # --- The version is adopted and frozen: no edit buttons; an edit is refused.
    sec.goto(version_url)
    expect(sec.get_by_test_id("version-stage")).to_contain_text("Adopted")
    expect(sec.get_by_test_id("version-stage")).to_contain_text("frozen")
    expect(sec.get_by_test_id(f"ballot-{ballot.pk}")).to_contain_text("Adopted")
    expect(sec.locator('[data-testid^="edit-"]')).to_have_count(0)
    expect(sec.locator('[data-testid^="delete-"]')).to_have_count(0)
    expect(sec.get_by_test_id("add-top-section")).to_have_count(0)
    expect(sec.get_by_test_id("move-committee_draft")).to_have_count(0)
    expect(sec.get_by_test_id("new-version")).to_be_visible()
    refused = sec.goto(f"/standards/clauses/{added.pk}/edit/")
    assert refused is not None and refused.status == 409
    expect(sec.locator("body")).to_contain_text("adopted and frozen")
    version.refresh_from_db()
    assert version.stage == StandardVersion.Stage.ADOPTED and version.frozen
    added.refresh_from_db()
    assert added.title_en == "Jamming resilience"
