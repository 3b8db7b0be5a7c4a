"""The knowledge pages: the form names a missing area (400) and saves nothing, a stale
edit is refused on the form, a step out of order is a message (nothing changes), the
desk shows what awaits a lessons manager, and a refused write leaves no audit event."""

from __future__ import annotations

from django.urls import reverse

from accord.core.models import AuditEvent
from accord.knowledge.models import KnowledgeItem
from accord.knowledge.tests.conftest import observe


def test_the_form_names_a_missing_area(author, client):
    client.force_login(author)
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("knowledge:item-new"),
        {"kind": "observation", "title_en": "No area", "classification": 1, "release": "owner"},
    )
    assert response.status_code == 400
    assert 'id="field-areas"' in response.content.decode()
    assert "at least one of the five lifecycle areas" in response.content.decode()
    assert not KnowledgeItem.objects.filter(title_en="No area").exists()
    assert AuditEvent.objects.count() == before
    saved = client.post(
        reverse("knowledge:item-new"),
        {
            "kind": "observation",
            "title_en": "With area",
            "areas": ["produce", "dispose"],
            "classification": 1,
            "release": "owner",
        },
    )
    item = KnowledgeItem.objects.get(title_en="With area")
    assert saved.status_code == 302 and item.area_list == ["produce", "dispose"]


def test_a_stale_edit_is_refused_on_the_form(author, client):
    item = observe(author)
    client.force_login(author)
    data = {
        "title_en": "Edited",
        "areas": ["use"],
        "classification": 1,
        "release": "members",
        "version": item.version,
    }
    assert client.post(reverse("knowledge:item-edit", args=[item.pk]), data).status_code == 302
    stale = client.post(reverse("knowledge:item-edit", args=[item.pk]), data)
    assert stale.status_code == 400
    assert "changed by someone else" in stale.content.decode()


def test_a_step_out_of_order_changes_nothing(author, manager, client):
    item = observe(author)
    client.force_login(manager)
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("knowledge:item-learn", args=[item.pk]), {"version": item.version}, follow=True
    )
    assert "does not fit the item" in response.content.decode()
    assert KnowledgeItem.objects.get(pk=item.pk).stage == "submitted"
    assert AuditEvent.objects.count() == before
    # A GET of a step is refused before anything is looked up.
    assert client.get(reverse("knowledge:item-verify", args=[item.pk])).status_code == 405


def test_the_desk_shows_observations_to_verify_to_the_lessons_manager_only(
    author, manager, client, make_user
):
    observe(author, "Awaiting verification")
    client.force_login(manager)
    desk = client.get(reverse("knowledge:index")).content.decode()
    assert "Observations to verify" in desk and "Awaiting verification" in desk
    client.force_login(make_user("RUS", roles=["legal_adviser"]))
    assert "Awaiting verification" not in client.get(reverse("knowledge:index")).content.decode()


def test_a_request_through_the_pages(make_user, party, client):
    from accord.knowledge.models import InformationRequest

    rus = make_user("RUS", roles=["knowledge_editor"])
    kaz = make_user("KAZ", roles=["knowledge_editor"])
    client.force_login(rus)
    missing = client.post(
        reverse("knowledge:request-new"),
        {"title": "Q", "question": "Why?", "due_on": "2999-01-01"},
    )
    assert missing.status_code == 400 and 'id="field-addressees"' in missing.content.decode()
    sent = client.post(
        reverse("knowledge:request-new"),
        {
            "title": "Batteries",
            "question": "Why?",
            "due_on": "2999-01-01",
            "addressees": [party("KAZ").pk],
        },
    )
    request = InformationRequest.objects.get(title="Batteries")
    assert sent.status_code == 302
    client.force_login(kaz)
    page = client.get(reverse("knowledge:request-detail", args=[request.pk])).content.decode()
    assert 'data-testid="answer-form"' in page
    client.post(
        reverse("knowledge:request-answer", args=[request.pk]),
        {"text": "Like this", "classification": 1, "release": "listed"},
    )
    answer = request.answers.get()
    assert answer.owner.code == "KAZ" and list(answer.released_to.all()) == [party("RUS")]
    listing = client.get(reverse("knowledge:requests")).content.decode()
    assert "Batteries" in listing and 'data-testid="response-times"' in listing


def test_exports_hold_what_the_search_finds_over_what_the_user_sees(manager, make_user, client):
    import io

    from openpyxl import load_workbook

    from accord.knowledge import services

    services.item_create(
        actor=manager,
        kind="best_practice",
        title_en="=HYPERLINK(1) shared",
        areas=["use"],
        release="members",
    )
    services.item_create(actor=manager, kind="best_practice", title_en="Kept shared", areas=["use"])
    client.force_login(make_user("KAZ"))
    csv_text = b"".join(
        client.get(reverse("knowledge:export-csv"), {"q": "shared"}).streaming_content
    ).decode("utf-8-sig")
    assert "'=HYPERLINK(1) shared" in csv_text  # the formula guard
    assert "Kept shared" not in csv_text
    book = load_workbook(io.BytesIO(client.get(reverse("knowledge:export-xlsx")).content))
    titles = [row[3] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert titles == ["=HYPERLINK(1) shared"]


def test_the_lesson_sheet_is_a_pdf_with_the_classification_banner(author, manager, client):
    import io

    from pypdf import PdfReader

    from accord.knowledge.tests.conftest import to_identified

    lesson = to_identified(author, manager, "Sheet lesson", classification=2)
    client.force_login(manager)
    response = client.get(reverse("knowledge:item-sheet", args=[lesson.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "CONFIDENTIAL" in text and "Sheet lesson" in text and "Write one" in text
    assert AuditEvent.objects.filter(action="view", object_id=str(lesson.pk)).exists()
