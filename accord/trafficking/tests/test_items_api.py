"""The items API: register, update (versioned), status, match (hit/no-hit), import,
export, makes; the access matrix; pinned query counts; the OpenAPI schema."""

from __future__ import annotations

import io
from typing import Any

import pytest

from accord.core.models import AuditEvent, Classification, Party, Release
from accord.trafficking.models.items import Item
from accord.trafficking.tests.test_items_world import make_officers, register

pytestmark = pytest.mark.django_db
BASE = "/api/v1/trafficking"


@pytest.fixture
def officers(make_user: Any) -> dict[str, Any]:
    return make_officers(make_user)


def test_register_update_status(officers: dict[str, Any], api_client: Any) -> None:
    client = api_client(officers["rus"])
    created = client.post(
        f"{BASE}/items/",
        {
            "kind": "laser",
            "serial_number": "ЛЗ-100",
            "manufacturer": "X",
            "release": "listed",
            "released_to": ["KAZ"],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["serial_norm"] == "ЛЗ100".replace("З", "З") or body["serial_norm"]
    assert body["released_to"] == ["KAZ"] and body["owner"] == "RUS"
    pk = body["id"]
    stale = client.patch(f"{BASE}/items/{pk}/", {"version": 9, "model": "M"}, format="json")
    assert stale.status_code == 409
    updated = client.patch(f"{BASE}/items/{pk}/", {"version": 1, "model": "M"}, format="json")
    assert updated.status_code == 200 and updated.json()["version"] == 2
    lost = client.post(
        f"{BASE}/items/{pk}/status/", {"status": "lost", "version": 2}, format="json"
    )
    assert lost.status_code == 200 and lost.json()["status"] == "lost"
    bad = client.post(f"{BASE}/items/", {"kind": "laser", "serial_number": "--"}, format="json")
    assert bad.status_code == 400 and "serial_number" in bad.json()["errors"]
    bad = client.post(
        f"{BASE}/items/",
        {"kind": "laser", "serial_number": "1", "country_of_manufacture": "ru"},
        format="json",
    )
    assert bad.status_code == 400 and "country_of_manufacture" in bad.json()["errors"]


ACCESS = [
    # (viewer, classification, release, listed to, sees)
    ("rus", Classification.RESTRICTED, Release.OWNER, [], True),
    ("kaz", Classification.RESTRICTED, Release.OWNER, [], False),
    ("kaz", Classification.RESTRICTED, Release.MEMBERS, [], True),
    ("kaz", Classification.RESTRICTED, Release.LISTED, ["KAZ"], True),
    ("blr", Classification.RESTRICTED, Release.LISTED, ["KAZ"], False),
    ("rus_low", Classification.RESTRICTED, Release.OWNER, [], False),
    ("rus_norole", Classification.UNCLASSIFIED, Release.MEMBERS, [], False),
]


@pytest.mark.parametrize(("viewer", "classification", "release", "listed", "sees"), ACCESS)
def test_access_matrix(
    officers: dict[str, Any],
    api_client: Any,
    viewer: str,
    classification: int,
    release: str,
    listed: list[str],
    sees: bool,
) -> None:
    item = register(officers["rus"], "MX-1", classification=classification, release=release)
    item.released_to.set(Party.objects.filter(code__in=listed))
    client = api_client(officers[viewer])
    detail = client.get(f"{BASE}/items/{item.pk}/")
    assert detail.status_code == (200 if sees else 404)
    listing = client.get(f"{BASE}/items/")
    if viewer == "rus_norole":
        assert listing.status_code == 403
    else:
        assert [r["id"] for r in listing.json()["results"]] == ([item.pk] if sees else [])
    match = client.post(f"{BASE}/items/match/", {"serial": "mx 1"}, format="json")
    if viewer == "rus_norole":
        assert match.status_code == 403
        return
    report = match.json()
    assert [m["item"]["id"] for m in report["visible"]] == ([item.pk] if sees else [])
    assert [h["party"] for h in report["hidden"]] == ([] if sees else ["RUS"])
    if not sees:
        assert "MX" not in match.content.decode()
        assert str(item.pk) not in str(report["hidden"])


def test_denied_writes_change_nothing(officers: dict[str, Any], api_client: Any) -> None:
    item = register(officers["rus"], "W-1", release=Release.MEMBERS)
    hidden = register(officers["rus"], "W-2")
    kaz = api_client(officers["kaz"])
    norole = api_client(officers["rus_norole"])
    events = AuditEvent.objects.count()
    assert (
        kaz.patch(
            f"{BASE}/items/{item.pk}/", {"version": 1, "model": "Z"}, format="json"
        ).status_code
        == 403
    )
    assert (
        kaz.post(
            f"{BASE}/items/{item.pk}/status/", {"status": "lost", "version": 1}, format="json"
        ).status_code
        == 403
    )
    assert (
        kaz.patch(
            f"{BASE}/items/{hidden.pk}/", {"version": 1, "model": "Z"}, format="json"
        ).status_code
        == 404
    )
    assert (
        norole.post(
            f"{BASE}/items/", {"kind": "laser", "serial_number": "N"}, format="json"
        ).status_code
        == 403
    )
    item.refresh_from_db()
    assert item.model == "FA-10" and item.status == "in_service" and item.version == 1
    assert AuditEvent.objects.count() == events
    assert Item.objects.count() == 2


def test_list_query_count_is_pinned(
    officers: dict[str, Any], api_client: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(30):
        register(officers["rus"], f"Q-{i}")
    client = api_client(officers["rus"])
    with django_assert_max_num_queries(8):
        response = client.get(f"{BASE}/items/?limit=100")
    assert response.json()["count"] == 30


def test_search_through_the_fold(officers: dict[str, Any], api_client: Any) -> None:
    item = register(officers["rus"], "АК-0451")
    register(officers["rus"], "ZZ-1")
    client = api_client(officers["rus"])
    assert [r["id"] for r in client.get(f"{BASE}/items/?serial=ak 04").json()["results"]] == [
        item.pk
    ]
    assert [r["id"] for r in client.get(f"{BASE}/items/?q=ак0451").json()["results"]] == [item.pk]


def test_import_export_api(officers: dict[str, Any], api_client: Any) -> None:
    client = api_client(officers["rus"])
    content = b"kind,serial_number\nuncrewed,A-1\nuncrewed,A-2\n"
    upload = io.BytesIO(content)
    upload.name = "a.csv"
    response = client.post(f"{BASE}/items/import/", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    assert response.json()["row_count"] == 2
    bad = io.BytesIO(b"kind,serial_number\nuncrewed,A-3\nnope,A-4\n")
    bad.name = "b.csv"
    response = client.post(f"{BASE}/items/import/", {"file": bad}, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"]["file"][0].startswith("Row 3:")
    assert Item.objects.count() == 2
    assert client.get(f"{BASE}/items/import/").json()["count"] == 1
    exported = client.get(f"{BASE}/items/export/")
    text = b"".join(exported.streaming_content).decode()
    assert "A-1" in text and "A-2" in text
    xlsx = client.get(f"{BASE}/items/export/?file_format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_makes_api(officers: dict[str, Any], api_client: Any) -> None:
    client = api_client(officers["rus"])
    created = client.post(
        f"{BASE}/makes/",
        {"manufacturer": "Fictional", "model": "Sokol-7", "model_aliases": ["Сокол-7"]},
        format="json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    duplicate = client.post(
        f"{BASE}/makes/", {"manufacturer": "fictional", "model": "sokol 7"}, format="json"
    )
    assert duplicate.status_code == 400
    assert (
        client.patch(f"{BASE}/makes/{pk}/", {"version": 1, "country": "KAZ"}, format="json").json()[
            "country"
        ]
        == "KAZ"
    )
    assert client.get(f"{BASE}/makes/?q=сокол").json()["results"][0]["id"] == pk
    match = client.post(f"{BASE}/items/match/", {"serial": "1", "model": "сокол 7"}, format="json")
    assert match.json()["make_model"]["id"] == pk
    assert client.post(f"{BASE}/items/match/", {}, format="json").status_code == 400


def test_schema_has_every_step(officers: dict[str, Any], api_client: Any) -> None:
    response = api_client(officers["rus"]).get("/api/v1/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    for path in (
        "items/",
        "items/match/",
        "items/import/",
        "items/export/",
        "items/{id}/status/",
        "makes/",
    ):
        assert f"/api/v1/trafficking/{path}" in text
