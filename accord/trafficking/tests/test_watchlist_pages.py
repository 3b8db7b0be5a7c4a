"""Watchlist and screening pages, in English and Russian."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.core.models import AuditEvent, Release
from accord.trafficking.models import Entity
from accord.trafficking.services import watchlist as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "rus": make_user("RUS", roles=["customs_officer"], username="rus.customs"),
        "kaz": make_user("KAZ", roles=["customs_officer"], username="kaz.customs"),
        "rus_plain": make_user("RUS", roles=[], username="rus.plain"),
    }


@pytest.fixture
def entity(people: dict[str, Any]) -> Entity:
    return services.entity_create(
        actor=people["rus"],
        kind="organisation",
        name="ООО «Ромашка»",
        reason="Fictional front company.",
        release=Release.MEMBERS,
        aliases=["Romashka LLC"],
        identifiers=[("tax_id", "7701000001")],
    )


def test_list_search_and_detail(
    client: Any, people: dict[str, Any], entity: Entity, django_assert_max_num_queries: Any
) -> None:
    for n in range(10):
        services.entity_create(
            actor=people["rus"],
            kind="person",
            name=f"Fictional Person {n}",
            reason="F.",
            aliases=[f"Alias {n}"],
        )
    client.force_login(people["kaz"])
    with django_assert_max_num_queries(12):
        page = client.get("/trafficking/watchlist/")
    assert page.status_code == 200
    assert "ООО «Ромашка»" in page.content.decode()
    found = client.get("/trafficking/watchlist/", {"q": "Romashka"}).content.decode()
    assert "ООО «Ромашка»" in found and "Fictional Person" not in found
    detail = client.get(f"/trafficking/watchlist/{entity.pk}/").content.decode()
    assert "Romashka LLC" in detail and "7701000001" in detail
    assert 'data-testid="alias-form"' not in detail  # KAZ does not edit a RUS entity


def test_hidden_entity_answers_404(client: Any, people: dict[str, Any]) -> None:
    own = services.entity_create(
        actor=people["rus"], kind="person", name="Сергей Иванов", reason="Fictional."
    )
    client.force_login(people["kaz"])
    assert client.get(f"/trafficking/watchlist/{own.pk}/").status_code == 404
    assert (
        client.post(f"/trafficking/watchlist/{own.pk}/aliases/", {"name": "X"}).status_code == 404
    )
    assert "Сергей" not in client.get("/trafficking/watchlist/").content.decode()


def test_create_edit_alias_identifier_delist(client: Any, people: dict[str, Any]) -> None:
    client.force_login(people["rus"])
    answer = client.post(
        "/trafficking/watchlist/new/",
        {
            "kind": "vessel",
            "name": "Капитан Белоусов",
            "aliases": "Kapitan Belousov\nCapitan Belousov",
            "nationality": "PAN",
            "reason": "Fictional vessel.",
            "classification": "1",
            "release": "owner",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    entity = Entity.objects.get(name="Капитан Белоусов")
    assert entity.names.count() == 3
    bad = client.post(
        "/trafficking/watchlist/new/",
        {
            "kind": "vessel",
            "name": "X",
            "nationality": "PANAMA",
            "reason": "R",
            "classification": "1",
            "release": "owner",
        },
    )
    assert bad.status_code == 400
    edit = client.post(
        f"/trafficking/watchlist/{entity.pk}/edit/",
        {
            "version": "1",
            "kind": "vessel",
            "name": "Капитан Белоусов",
            "nationality": "PAN",
            "reason": "Changed.",
            "classification": "1",
            "release": "owner",
        },
    )
    assert edit.status_code == 302
    stale = client.post(
        f"/trafficking/watchlist/{entity.pk}/edit/",
        {
            "version": "1",
            "kind": "vessel",
            "name": "Капитан Белоусов",
            "nationality": "PAN",
            "reason": "Stale.",
            "classification": "1",
            "release": "owner",
        },
    )
    assert stale.status_code == 409
    client.post(f"/trafficking/watchlist/{entity.pk}/aliases/", {"name": "Kapitan B."})
    client.post(
        f"/trafficking/watchlist/{entity.pk}/identifiers/",
        {"kind": "imo", "value": "IMO 9000001", "country": ""},
    )
    assert entity.identifiers.count() == 1
    alias = entity.names.get(name="Kapitan B.")
    client.post(f"/trafficking/watchlist/aliases/{alias.pk}/remove/")
    assert not entity.names.filter(name="Kapitan B.").exists()
    identifier = entity.identifiers.get()
    client.post(f"/trafficking/watchlist/identifiers/{identifier.pk}/remove/")
    assert not entity.identifiers.exists()
    client.post(f"/trafficking/watchlist/{entity.pk}/delist/", {"version": "2", "reason": "Sold."})
    entity.refresh_from_db()
    assert entity.status == Entity.Status.DELISTED


def test_plain_user_cannot_edit(client: Any, people: dict[str, Any], entity: Entity) -> None:
    client.force_login(people["rus_plain"])
    events = AuditEvent.objects.count()
    assert client.get("/trafficking/watchlist/new/").status_code == 403
    assert client.get("/trafficking/screening/").status_code == 403
    client.post(f"/trafficking/watchlist/{entity.pk}/aliases/", {"name": "Lyutik"})
    assert entity.names.count() == 2
    assert AuditEvent.objects.count() == events


def test_import_page(client: Any, people: dict[str, Any]) -> None:
    client.force_login(people["rus"])
    assert client.get("/trafficking/watchlist/import/").status_code == 200
    good = SimpleUploadedFile(
        "list.csv", "kind,name,reason\nperson,Олег Смирнов,Fictional.\n".encode()
    )
    assert client.post("/trafficking/watchlist/import/", {"file": good}).status_code == 302
    bad = SimpleUploadedFile("list.csv", "kind,name,reason\ndragon,Смауг,F.\n".encode())
    answer = client.post("/trafficking/watchlist/import/", {"file": bad})
    assert answer.status_code == 400 and "Row 2" in answer.content.decode()
    assert Entity.objects.count() == 1


def test_screening_page(client: Any, people: dict[str, Any], entity: Entity) -> None:
    client.force_login(people["kaz"])
    assert client.get("/trafficking/screening/").status_code == 200
    page = client.get("/trafficking/screening/", {"name": "Romashka LLC"}).content.decode()
    assert f'data-testid="candidate-{entity.pk}"' in page
    assert "legal form ООО = LLC" in page
    assert "same name in another script" in page
    empty = client.get("/trafficking/screening/", {"name": "Nobody Known"})
    assert 'data-testid="no-candidates"' in empty.content.decode()
    assert client.get("/trafficking/screening/", {"name": "--"}).status_code == 400


def test_screening_page_in_russian(client: Any, people: dict[str, Any], entity: Entity) -> None:
    client.force_login(people["kaz"])
    page = client.get(
        "/trafficking/screening/", {"name": "Romashka LLC"}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert '<html lang="ru"' in text or 'lang="ru"' in text
    assert f'data-testid="candidate-{entity.pk}"' in text
    listing = client.get("/trafficking/watchlist/", HTTP_ACCEPT_LANGUAGE="ru")
    assert listing.status_code == 200


def test_bulk_screening_page(client: Any, people: dict[str, Any], entity: Entity) -> None:
    client.force_login(people["kaz"])
    assert client.get("/trafficking/screening/bulk/").status_code == 200
    upload = SimpleUploadedFile("names.csv", b"name\nRomashka LLC\nNobody\n")
    page = client.post("/trafficking/screening/bulk/", {"file": upload})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="bulk-row-2"' in text and "ООО «Ромашка»" in text
    upload = SimpleUploadedFile("names.csv", b"name\nRomashka LLC\n")
    csv_answer = client.post("/trafficking/screening/bulk/", {"file": upload, "download": "csv"})
    assert csv_answer["Content-Type"].startswith("text/csv")
    assert "ООО «Ромашка»" in csv_answer.content.decode()
    bad = SimpleUploadedFile("names.csv", b"who\nX\n")
    assert client.post("/trafficking/screening/bulk/", {"file": bad}).status_code == 400
