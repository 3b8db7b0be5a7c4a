"""The drafting pages: list, standard, clause tree, htmx editing, comparison, OSCAL."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from accord.core.models import Release
from accord.standards.models import Clause
from accord.standards.services import drafting as services
from accord.standards.tests.conftest import make_standard

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


def test_list_and_tree(client, standards_people, adopted_version, django_assert_max_num_queries):
    c = _client(client, standards_people["kaz"])
    for n in range(4):
        make_standard(standards_people["editor"], code=f"PS-L{n}")
    with django_assert_max_num_queries(12):
        response = c.get(reverse("standards:index"))
    assert response.status_code == 200
    assert "PS-UAS 1" in response.content.decode()
    with django_assert_max_num_queries(20):
        page = c.get(reverse("standards:version", args=[adopted_version.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="requirement-4.1"' in html
    assert "Оператор должен обнаруживать" in html  # both languages shown
    assert "1000" in html and "3000" in html  # parameters by class
    assert 'data-testid="edit-' not in html  # not an editor
    detail = c.get(reverse("standards:standard", args=[adopted_version.standard_id]))
    assert detail.status_code == 200


def test_russian_pages(client, standards_people, adopted_version):
    c = _client(client, standards_people["kaz"])
    response = c.get(
        reverse("standards:version", args=[adopted_version.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="ru"' in html
    assert "Обнаружение" in html  # the section's Russian title in the active language


def test_owner_only_standard_is_404_for_others(client, standards_people):
    standard = make_standard(standards_people["editor"], code="PS-O", release=Release.OWNER)
    version = standard.versions.get()
    c = _client(client, standards_people["kaz"])
    assert c.get(reverse("standards:standard", args=[standard.pk])).status_code == 404
    assert c.get(reverse("standards:version", args=[version.pk])).status_code == 404
    assert c.get(reverse("standards:version-oscal", args=[version.pk])).status_code == 404
    assert "PS-O" not in c.get(reverse("standards:index")).content.decode()


def test_editor_edits_clause_with_htmx(client, standards_people, draft_version):
    c = _client(client, standards_people["editor"])
    clause = draft_version.clauses.get(number="4.2")
    page = c.get(reverse("standards:version", args=[draft_version.pk])).content.decode()
    assert f'data-testid="edit-{clause.pk}"' in page
    form = c.get(reverse("standards:clause-edit", args=[clause.pk]), HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and "<form" in form.content.decode()
    saved = c.post(
        reverse("standards:clause-edit", args=[clause.pk]),
        {
            "revision": clause.revision,
            "number": "4.2",
            "text_en": "Every detection shall be logged.",
            "text_ru": clause.text_ru,
            "normative_level": "shall",
            "conformity": "inspection",
        },
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200
    assert "Every detection shall be logged." in saved.content.decode()
    assert Clause.objects.get(pk=clause.pk).text_en == "Every detection shall be logged."
    # a stale revision shows the conflict on the form, nothing saved
    stale = c.post(
        reverse("standards:clause-edit", args=[clause.pk]),
        {
            "revision": clause.revision,
            "number": "4.2",
            "text_en": "Stale.",
            "normative_level": "shall",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "changed by someone else" in stale.content.decode()
    assert Clause.objects.get(pk=clause.pk).text_en == "Every detection shall be logged."


def test_add_move_stage_pages(client, standards_people, draft_version):
    c = _client(client, standards_people["editor"])
    section = draft_version.clauses.get(number="5")
    response = c.post(
        reverse("standards:clause-new", args=[draft_version.pk]),
        {
            "kind": "requirement",
            "parent": section.pk,
            "text_en": "New one.",
            "normative_level": "may",
        },
    )
    assert response.status_code == 302
    assert draft_version.clauses.filter(number="5.3").exists()
    response = c.post(
        reverse("standards:version-stage", args=[draft_version.pk]), {"stage": "committee_draft"}
    )
    assert response.status_code == 302
    draft_version.refresh_from_db()
    assert draft_version.stage == "committee_draft"


def test_frozen_version_offers_no_edit(client, standards_people, adopted_version):
    c = _client(client, standards_people["editor"])
    html = c.get(reverse("standards:version", args=[adopted_version.pk])).content.decode()
    assert 'data-testid="edit-' not in html
    assert 'data-testid="new-version"' in html
    clause = adopted_version.clauses.get(number="4.1")
    assert c.get(reverse("standards:clause-edit", args=[clause.pk])).status_code == 409
    response = c.post(
        reverse("standards:version-new", args=[adopted_version.standard_id]),
        {"previous": adopted_version.pk},
    )
    assert response.status_code == 302
    assert adopted_version.standard.versions.count() == 2


def test_compare_page_marks_words(client, standards_people, adopted_version):
    editor = standards_people["editor"]
    new = services.version_create(
        actor=editor, standard=adopted_version.standard, previous=adopted_version
    )
    clause = new.clauses.get(number="4.2")
    services.clause_update(
        actor=editor,
        clause=clause,
        revision=clause.revision,
        text_en="Every detection shall be logged with its time, bearing and altitude.",
    )
    services.clause_delete(actor=editor, clause=new.clauses.get(number="5.2"))
    c = _client(client, standards_people["kaz"])
    response = c.get(
        reverse("standards:version-compare", args=[adopted_version.pk]) + f"?other={new.pk}"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<ins>" in html and "altitude" in html
    assert 'data-testid="change-removed"' in html
    ru = c.get(
        reverse("standards:version-compare", args=[adopted_version.pk]) + f"?other={new.pk}",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert ru.status_code == 200


def test_oscal_download_page(client, standards_people, adopted_version):
    c = _client(client, standards_people["kaz"])
    response = c.get(reverse("standards:version-oscal", args=[adopted_version.pk]))
    assert response.status_code == 200
    assert json.loads(response.content)["catalog"]["metadata"]["version"] == "1"


def test_new_standard_page(client, standards_people):
    c = _client(client, standards_people["editor"])
    assert c.get(reverse("standards:standard-new")).status_code == 200
    response = c.post(
        reverse("standards:standard-new"),
        {
            "code": "PS-NEW",
            "title_en": "New",
            "threat_categories": ["ai_enabled"],
            "protection_classes": "PC1 | Basic | Базовый\nPC2 | High | Высокий",
            "classification": 0,
            "release": "members",
        },
    )
    assert response.status_code == 302
    kaz = _client(client, standards_people["kaz"])
    assert kaz.get(reverse("standards:standard-new")).status_code == 403


def test_viewing_a_confidential_standard_is_audited(client, standards_people):
    from accord.core.models import AuditEvent, Classification

    standard = make_standard(
        standards_people["editor"], code="PS-C", classification=Classification.CONFIDENTIAL
    )
    version = standard.versions.get()
    c = _client(client, standards_people["kaz"])
    assert c.get(reverse("standards:version", args=[version.pk])).status_code == 200
    event = AuditEvent.objects.filter(action="view").latest("id")
    assert event.object_type == "standards.standardversion"
    assert event.object_classification == Classification.CONFIDENTIAL
