"""The pages: list, detail, the form (new and edit), in English and Russian."""

from __future__ import annotations

from django.urls import reverse

from accord.core.models import Classification, Release
from accord.legislation import services
from accord.legislation.models import Record

EDITOR = ["secretariat_officer"]


def test_new_detail_edit(client, make_user):
    owner = make_user("RUS", roles=EDITOR)
    client.force_login(owner)
    assert client.get(reverse("legislation:index")).status_code == 200
    assert client.get(reverse("legislation:record-new")).status_code == 200
    created = client.post(
        reverse("legislation:record-new"),
        {
            "title_en": "From the page",
            "classification": Classification.RESTRICTED,
            "release": Release.MEMBERS,
        },
    )
    record = Record.objects.get(title_en="From the page")
    assert created.status_code == 302
    assert created["Location"] == reverse("legislation:record-detail", args=[record.pk])
    page = client.get(created["Location"])
    assert page.status_code == 200 and "From the page" in page.content.decode()

    edit = reverse("legislation:record-edit", args=[record.pk])
    assert client.get(edit).status_code == 200
    saved = client.post(
        edit,
        {
            "title_en": "Edited",
            "classification": Classification.RESTRICTED,
            "release": Release.MEMBERS,
            "version": 1,
        },
    )
    assert saved.status_code == 302
    stale = client.post(
        edit,
        {
            "title_en": "Stale",
            "classification": Classification.RESTRICTED,
            "release": Release.MEMBERS,
            "version": 1,
        },
    )
    assert stale.status_code == 400 and 'data-testid="form-errors"' in stale.content.decode()
    record.refresh_from_db()
    assert (record.title_en, record.version) == ("Edited", 2)


def test_invalid_form_and_refusals(client, make_user):
    client.force_login(make_user("RUS", roles=EDITOR))
    bad = client.post(reverse("legislation:record-new"), {"title_en": ""})
    assert bad.status_code == 400
    assert not Record.objects.exists()
    client.force_login(make_user("RUS"))
    assert client.get(reverse("legislation:record-new")).status_code == 403
    assert client.get(reverse("legislation:record-detail", args=[999999])).status_code == 404


def test_list_in_russian(client, make_user):
    owner = make_user("RUS", roles=EDITOR)
    services.record_create(actor=owner, title_en="English", title_ru="Русский")
    client.force_login(owner)
    page = client.get(reverse("legislation:index"), HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200 and "Русский" in page.content.decode()
