"""The watchlist and screening API: every step, errors as 400/403/404/409, the schema."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.core.models import AuditEvent, Release
from accord.trafficking.models import Entity
from accord.trafficking.services import watchlist as services

pytestmark = pytest.mark.django_db
BASE = "/api/v1/trafficking"


@pytest.fixture
def people(make_user: Any) -> dict[str, Any]:
    return {
        "rus": make_user("RUS", roles=["customs_officer"], username="rus.customs"),
        "kaz": make_user("KAZ", roles=["customs_officer"], username="kaz.customs"),
        "rus_plain": make_user("RUS", roles=[], username="rus.plain"),
    }


def test_entity_lifecycle(people: dict[str, Any], api_client: Any) -> None:
    client = api_client(people["rus"])
    answer = client.post(
        f"{BASE}/entities/",
        {
            "kind": "organisation",
            "name": "ООО «Ромашка»",
            "nationality": "RUS",
            "reason": "Fictional front company.",
            "release": "members",
            "aliases": ["Romashka LLC"],
            "identifiers": [{"kind": "tax_id", "value": "7701 000 001"}],
        },
        format="json",
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    pk = body["id"]
    assert body["owner"] == "RUS"
    assert [n["name"] for n in body["names"]] == ["ООО «Ромашка»", "Romashka LLC"]
    assert body["identifiers"][0]["value_norm"] == "7701000001"

    answer = client.patch(
        f"{BASE}/entities/{pk}/", {"version": 1, "reason": "Changed."}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["version"] == 2
    stale = client.patch(f"{BASE}/entities/{pk}/", {"version": 1, "reason": "X"}, format="json")
    assert stale.status_code == 409

    name = client.post(f"{BASE}/entities/{pk}/names/", {"name": "Romaschka GmbH"}, format="json")
    assert name.status_code == 201 and name.json()["is_alias"]
    assert client.delete(f"{BASE}/entity-names/{name.json()['id']}/").status_code == 204
    ident = client.post(
        f"{BASE}/entities/{pk}/identifiers/",
        {"kind": "registration", "value": "1027700000001"},
        format="json",
    )
    assert ident.status_code == 201
    assert client.delete(f"{BASE}/entity-identifiers/{ident.json()['id']}/").status_code == 204

    listed = client.get(f"{BASE}/entities/", {"q": "romashka"})
    assert [row["id"] for row in listed.json()["results"]] == [pk]
    assert client.get(f"{BASE}/entities/", {"q": "7701-000-001"}).json()["count"] == 1
    assert client.get(f"{BASE}/entities/", {"kind": "dragon"}).status_code == 400

    delist = client.post(
        f"{BASE}/entities/{pk}/delist/", {"version": 2, "reason": "Court ruling."}, format="json"
    )
    assert delist.status_code == 200 and delist.json()["status"] == "delisted"


def test_errors(people: dict[str, Any], api_client: Any) -> None:
    own = services.entity_create(
        actor=people["rus"], kind="person", name="Сергей Иванов", reason="Fictional."
    )
    kaz = api_client(people["kaz"])
    assert kaz.get(f"{BASE}/entities/{own.pk}/").status_code == 404
    assert kaz.post(f"{BASE}/entities/{own.pk}/names/", {"name": "X"}).status_code == 404
    plain = api_client(people["rus_plain"])
    assert plain.get(f"{BASE}/entities/{own.pk}/").status_code == 200
    events = AuditEvent.objects.count()
    denied = plain.patch(f"{BASE}/entities/{own.pk}/", {"version": 1, "reason": "X"})
    assert denied.status_code == 403
    assert AuditEvent.objects.count() == events
    rus = api_client(people["rus"])
    bad = rus.post(
        f"{BASE}/entities/",
        {"kind": "person", "name": "A", "reason": "R", "nationality": "RU"},
        format="json",
    )
    assert bad.status_code == 400 and "nationality" in bad.json()["errors"]
    assert rus.post(f"{BASE}/screening/", {"name": ""}, format="json").status_code == 400
    assert plain.post(f"{BASE}/screening/", {"name": "Ivanov"}, format="json").status_code == 403
    assert api_client(None).post(f"{BASE}/screening/", {"name": "X"}).status_code in (401, 403)


def test_screening(people: dict[str, Any], api_client: Any) -> None:
    entity = services.entity_create(
        actor=people["rus"],
        kind="person",
        name="Сергей Иванов",
        reason="Fictional.",
        release=Release.MEMBERS,
    )
    answer = api_client(people["kaz"]).post(
        f"{BASE}/screening/", {"name": "IVANOV Sergei", "kind": "person"}, format="json"
    )
    assert answer.status_code == 200
    best = answer.json()[0]
    assert best["entity"]["id"] == entity.pk and best["score"] == 100
    assert "names reordered" in best["features"]
    assert "same name in another script" in best["features"]


def test_import_and_bulk_screening(people: dict[str, Any], api_client: Any) -> None:
    client = api_client(people["rus"])
    upload = SimpleUploadedFile(
        "list.csv",
        "kind,name,nationality,reason,listed_on\nperson,Олег Смирнов,RUS,Fictional.,\n".encode(),
    )
    answer = client.post(f"{BASE}/entities/import/", {"file": upload}, format="multipart")
    assert answer.status_code == 201, answer.content
    bad = SimpleUploadedFile("list.csv", b"kind,name,reason\ndragon,X,Y\n")
    answer = client.post(f"{BASE}/entities/import/", {"file": bad}, format="multipart")
    assert answer.status_code == 400 and "Row 2" in str(answer.json())
    assert Entity.objects.count() == 1

    names = SimpleUploadedFile("names.csv", b"name\nOleg Smirnov\nNobody\n")
    answer = client.post(f"{BASE}/screening/bulk/", {"file": names}, format="multipart")
    assert answer.status_code == 200
    rows = answer.json()
    assert rows[0]["candidates"][0]["score"] == 100 and rows[1]["candidates"] == []
    names = SimpleUploadedFile("names.csv", b"name\nOleg Smirnov\n")
    answer = client.post(
        f"{BASE}/screening/bulk/?download=csv", {"file": names}, format="multipart"
    )
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")
    text = answer.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("row,name,rank,score")
    assert "Олег Смирнов" in text


def test_list_query_count(
    people: dict[str, Any], api_client: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(15):
        services.entity_create(
            actor=people["rus"],
            kind="person",
            name=f"Person {n} Fictional",
            reason="F.",
            aliases=[f"Alias {n}"],
        )
    client = api_client(people["rus"])
    with django_assert_max_num_queries(8):
        answer = client.get(f"{BASE}/entities/")
    assert answer.json()["count"] == 15


def test_schema_names_every_operation(people: dict[str, Any], api_client: Any) -> None:
    answer = api_client(people["rus"]).get("/api/v1/schema/")
    text = answer.content.decode()
    for path in (
        "/api/v1/trafficking/entities/",
        "/api/v1/trafficking/entities/{id}/delist/",
        "/api/v1/trafficking/screening/",
        "/api/v1/trafficking/screening/bulk/",
        "/api/v1/trafficking/entities/import/",
    ):
        assert path in text
