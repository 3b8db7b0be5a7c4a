"""The version page's links to the consultation, the standard page's ballot results, and
editing a standard's own fields on a page."""

# ruff: noqa: F811  (the shared fixtures are imported from test_comments)

from __future__ import annotations

import pytest
from django.urls import reverse

from accord.core.models import AuditEvent
from accord.standards.models import Standard
from accord.standards.services import consultation
from accord.standards.tests.test_ballot import cast, open_ballot
from accord.standards.tests.test_comments import committee_draft, voters  # noqa: F401

pytestmark = pytest.mark.django_db


def _html(client, user, name, pk, **extra):
    client.force_login(user)
    response = client.get(reverse(name, args=[pk]), **extra)
    return response.status_code, response.content.decode()


def test_version_page_offers_the_ballot_to_its_officers_only(client, voters, committee_draft):
    status, html = _html(client, voters["officer"], "standards:version", committee_draft.pk)
    assert status == 200
    assert reverse("standards:ballot-open", args=[committee_draft.pk]) in html
    assert reverse("standards:comments", args=[committee_draft.pk]) in html
    status, html = _html(client, voters["RUS"], "standards:version", committee_draft.pk)
    assert status == 200
    assert 'data-testid="ballot-open-link"' not in html
    assert reverse("standards:comments", args=[committee_draft.pk]) in html


def test_version_page_lists_its_ballots(client, voters, committee_draft):
    ballot = open_ballot(voters, committee_draft)
    status, html = _html(client, voters["KAZ"], "standards:version", committee_draft.pk)
    assert status == 200
    assert 'data-testid="open-ballot-link"' in html
    assert reverse("standards:ballot-detail", args=[ballot.pk]) in html
    assert 'data-testid="ballot-open-link"' not in html  # one open ballot at a time
    cast(voters, ballot, **dict.fromkeys(("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"), "approve"))
    consultation.ballot_close(actor=voters["editor"], ballot=ballot, early=True)
    status, html = _html(client, voters["KAZ"], "standards:version", committee_draft.pk)
    assert status == 200
    assert f'data-testid="ballot-{ballot.pk}"' in html and "Adopted" in html
    assert 'data-testid="open-ballot-link"' not in html


def test_standard_page_shows_each_versions_ballot_result(
    client, voters, committee_draft, django_assert_max_num_queries
):
    ballot = open_ballot(voters, committee_draft)
    cast(voters, ballot, **dict.fromkeys(("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"), "approve"))
    consultation.ballot_close(actor=voters["editor"], ballot=ballot, early=True)
    client.force_login(voters["RUS"])
    with django_assert_max_num_queries(16):
        response = client.get(reverse("standards:standard", args=[committee_draft.standard_id]))
    html = response.content.decode()
    assert f'data-testid="version-ballot-{committee_draft.pk}"' in html
    assert reverse("standards:ballot-detail", args=[ballot.pk]) in html
    assert "6 votes" in html
    ru = client.get(
        reverse("standards:standard", args=[committee_draft.standard_id]),
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert 'lang="ru"' in ru.content.decode()


def _form(standard: Standard, **changes):
    data = {
        "code": standard.code,
        "title_en": standard.title_en,
        "title_ru": standard.title_ru,
        "scope_en": standard.scope_en,
        "scope_ru": standard.scope_ru,
        "threat_categories": standard.threat_categories,
        "protection_classes": "\n".join(
            f"{c['code']} | {c['name_en']} | {c['name_ru']}" for c in standard.protection_classes
        ),
        "classification": standard.classification,
        "release": standard.release,
        "version": standard.version,
    }
    data.update(changes)
    return data


def test_editor_edits_the_standard_on_a_page(client, standards_people, standard):
    client.force_login(standards_people["editor"])
    url = reverse("standards:standard-edit", args=[standard.pk])
    page = client.get(url)
    assert page.status_code == 200 and "PC2 | Enhanced | Повышенный" in page.content.decode()
    response = client.post(
        url,
        _form(
            standard,
            title_en="Protection against uncrewed aerial systems (revised title)",
            threat_categories=["uncrewed_aerial", "ai_enabled"],
            protection_classes="PC1 | Basic | Базовый\nPC2 | Enhanced | Повышенный\n"
            "PC3 | High | Высокий\nPC4 | Critical | Особый",
        ),
    )
    assert response.status_code == 302
    standard.refresh_from_db()
    assert standard.title_en.endswith("(revised title)")
    assert standard.threat_categories == ["uncrewed_aerial", "ai_enabled"]
    assert standard.protection_class_codes == ["PC1", "PC2", "PC3", "PC4"]
    event = AuditEvent.objects.get(action="standards.standard.update")
    assert event.actor_username == standards_people["editor"].username


def test_a_stale_or_bad_edit_is_refused_with_nothing_changed(
    client, standards_people, draft_version
):
    standard = draft_version.standard
    client.force_login(standards_people["editor"])
    url = reverse("standards:standard-edit", args=[standard.pk])
    # PC1 carries parameters in the draft: it cannot be dropped.
    response = client.post(url, _form(standard, protection_classes="PC2 | Enhanced |"))
    assert response.status_code == 400
    assert "PC1" in response.content.decode()
    stale = client.post(url, _form(standard, title_en="Stale", version=standard.version - 1))
    assert stale.status_code == 400
    standard.refresh_from_db()
    assert standard.title_en != "Stale" and standard.protection_class_codes[0] == "PC1"
    assert not AuditEvent.objects.filter(action="standards.standard.update").exists()


def test_only_the_owners_editors_edit_the_standard(client, standards_people, standard):
    url = reverse("standards:standard-edit", args=[standard.pk])
    for who, status in (("rus_editor", 403), ("sec_plain", 403), ("observer", 404)):
        client.force_login(standards_people[who])
        assert client.get(url).status_code == status, who
        assert client.post(url, _form(standard, title_en="X")).status_code == status, who
    standard.refresh_from_db()
    assert standard.title_en != "X"
    assert not AuditEvent.objects.filter(action="standards.standard.update").exists()
