"""Pages of the item registers: list with search, detail, new/edit, status, import with
streamed progress, match with hidden hits, makes; access; Russian; pinned query counts."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client

from accord.core.models import AuditEvent, Classification, Release
from accord.trafficking.models.items import Item, MakeModel
from accord.trafficking.tests.test_items_world import make_officers, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(make_user: Any) -> dict[str, Any]:
    return make_officers(make_user)


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_list_search_and_query_count(
    officers: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    for i in range(25):
        register(officers["rus"], f"LS-{i:03d}")
    target = register(officers["rus"], "АК-0451")
    client = client_for(officers["rus"])
    with django_assert_max_num_queries(12):
        page = client.get("/trafficking/items/")
    assert page.status_code == 200
    assert f'data-testid="item-{target.pk}"' in page.content.decode()
    found = client.get("/trafficking/items/", {"q": "ak 04"}).content.decode()
    assert f'data-testid="item-{target.pk}"' in found and "LS-001" not in found


def test_list_orders_with_the_api_filters_and_drops_a_bad_value(officers: dict[str, Any]) -> None:
    for serial in ("OR-B", "OR-A", "OR-C"):
        register(officers["rus"], serial)
    client = client_for(officers["rus"])
    page = client.get("/trafficking/items/", {"ordering": "-serial_number", "q": "OR-"})
    content = page.content.decode()
    assert content.index("OR-C") < content.index("OR-B") < content.index("OR-A")
    # A kind no control offers is dropped, the valid search still applies.
    page = client.get("/trafficking/items/", {"kind": "nope", "q": "OR-A"})
    assert page.status_code == 200
    assert "OR-A" in page.content.decode() and "OR-B" not in page.content.decode()


def test_register_edit_and_status_through_pages(officers: dict[str, Any]) -> None:
    client = client_for(officers["rus"])
    response = client.post(
        "/trafficking/items/new/",
        {
            "kind": "laser",
            "serial_number": "PG-1",
            "status": "in_service",
            "classification": 1,
            "release": "owner",
        },
    )
    item = Item.objects.get(serial_norm="PG1")
    assert response.status_code == 302 and response["Location"].endswith(f"/items/{item.pk}/")
    page = client.get(f"/trafficking/items/{item.pk}/").content.decode()
    assert "PG-1" in page and 'data-testid="item-edit"' in page
    response = client.post(
        f"/trafficking/items/{item.pk}/edit/",
        {
            "kind": "laser",
            "serial_number": "PG-1",
            "model": "Beam",
            "status": "in_service",
            "classification": 1,
            "release": "owner",
            "version": 1,
        },
    )
    assert response.status_code == 302
    stale = client.post(
        f"/trafficking/items/{item.pk}/edit/",
        {
            "kind": "laser",
            "serial_number": "PG-1",
            "model": "Old",
            "status": "in_service",
            "classification": 1,
            "release": "owner",
            "version": 1,
        },
    )
    assert stale.status_code == 200 and "changed by someone else" in stale.content.decode()
    client.post(f"/trafficking/items/{item.pk}/", {"status": "stolen", "version": 2})
    item.refresh_from_db()
    assert item.model == "Beam" and item.status == "stolen" and item.version == 3
    bad = client.post(
        "/trafficking/items/new/",
        {
            "kind": "laser",
            "serial_number": "--",
            "status": "in_service",
            "classification": 1,
            "release": "owner",
        },
    )
    assert bad.status_code == 200 and "at least one letter or digit" in bad.content.decode()


def test_page_access(officers: dict[str, Any]) -> None:
    mine = register(officers["rus"], "PA-1")
    shared = register(officers["rus"], "PA-2", release=Release.MEMBERS)
    kaz = client_for(officers["kaz"])
    assert kaz.get(f"/trafficking/items/{mine.pk}/").status_code == 404
    assert kaz.get(f"/trafficking/items/{mine.pk}/edit/").status_code == 404
    page = kaz.get(f"/trafficking/items/{shared.pk}/")
    assert page.status_code == 200 and 'data-testid="item-edit"' not in page.content.decode()
    assert kaz.get(f"/trafficking/items/{shared.pk}/edit/").status_code == 403
    events = AuditEvent.objects.count()
    assert (
        kaz.post(f"/trafficking/items/{shared.pk}/", {"status": "lost", "version": 1}).status_code
        == 403
    )
    shared.refresh_from_db()
    assert shared.status == "in_service" and AuditEvent.objects.count() == events
    norole = client_for(officers["rus_norole"])
    assert norole.get("/trafficking/items/").status_code == 403
    assert norole.get(f"/trafficking/items/{mine.pk}/").status_code == 404
    assert norole.get("/trafficking/items/new/").status_code == 403
    assert norole.get("/trafficking/items/import/").status_code == 403
    assert norole.get("/trafficking/items/match/").status_code == 403
    secret = register(officers["rus"], "PA-3", classification=Classification.SECRET)
    assert (
        client_for(officers["rus_low"]).get(f"/trafficking/items/{secret.pk}/").status_code == 404
    )
    assert Client().get("/trafficking/items/").status_code == 302


def test_import_page_streams_progress_and_result(officers: dict[str, Any]) -> None:
    client = client_for(officers["rus"])
    rows = "".join(f"uncrewed,SN-{i}\n" for i in range(12))
    upload = io.BytesIO(("kind,serial_number\n" + rows).encode())
    upload.name = "twelve.csv"
    response = client.post("/trafficking/items/import/", {"file": upload})
    assert response.streaming
    body = b"".join(response.streaming_content).decode()
    assert body.count('data-testid="import-progress"') >= 2
    assert 'data-testid="import-done"' in body and "12 items imported" in body
    assert body.rstrip().endswith("</html>")
    assert Item.objects.count() == 12
    bad = io.BytesIO(b"kind,serial_number\nuncrewed,A\nnope,B\n")
    bad.name = "bad.csv"
    body = b"".join(
        client.post("/trafficking/items/import/", {"file": bad}).streaming_content
    ).decode()
    assert 'data-testid="import-error"' in body and "Row 3:" in body
    assert Item.objects.count() == 12
    page = client.get("/trafficking/items/import/").content.decode()
    assert "twelve.csv" in page and "bad.csv" not in page


def test_match_page_visible_and_hidden(officers: dict[str, Any]) -> None:
    mine = register(officers["rus"], "MT-7051-01")
    register(officers["kaz"], "MT-7051-01", status=Item.Status.STOLEN)
    client = client_for(officers["rus"])
    page = client.get("/trafficking/items/match/", {"serial": "mt 7015 01"}).content.decode()
    assert f'data-testid="match-{mine.pk}"' in page and "two characters transposed" in page
    assert 'data-testid="hidden-hit-KAZ"' in page
    assert "A matching record exists in the register of" in page
    assert page.count("MT-7051-01") == 1  # only the visible one
    empty = client.get("/trafficking/items/match/", {"serial": ""}).content.decode()
    assert "Enter a serial number or markings." in empty


def test_match_page_in_russian(officers: dict[str, Any]) -> None:
    register(officers["kaz"], "RU-1")
    client = client_for(officers["rus"])
    page = client.get("/trafficking/items/match/", {"serial": "ru1"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200
    assert 'lang="ru"' in page.content.decode()
    assert 'data-testid="hidden-hit-KAZ"' in page.content.decode()


def test_makes_pages(officers: dict[str, Any]) -> None:
    client = client_for(officers["rus"])
    response = client.post(
        "/trafficking/makes/",
        {"manufacturer": "Fictional", "model": "Sokol-7", "model_aliases": "Сокол-7\nSokol 7"},
    )
    assert response.status_code == 302
    entry = MakeModel.objects.get()
    assert entry.model_aliases == ["Сокол-7", "Sokol 7"]
    page = client.get("/trafficking/makes/", {"q": "сокол"}).content.decode()
    assert f'data-testid="make-{entry.pk}"' in page
    response = client.post(
        f"/trafficking/makes/{entry.pk}/edit/",
        {"manufacturer": "Fictional", "model": "Sokol-7", "country": "KAZ", "version": 1},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.country == "KAZ" and entry.model_aliases == []


def test_export_page(officers: dict[str, Any]) -> None:
    register(officers["rus"], "EXP-1")
    client = client_for(officers["rus"])
    body = b"".join(client.get("/trafficking/items/export/").streaming_content).decode()
    assert "EXP-1" in body
