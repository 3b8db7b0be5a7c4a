"""The API through HTTP: list, detail, create, update, and the refusals' answers."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from accord.core.models import AuditEvent, Classification, Release
from accord.core.tests.queries import assert_flat, rows_of
from accord.knowledge import services

EDITOR = ["secretariat_officer"]


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"knowledge-api:{name}", kwargs=kwargs)


def test_create_read_update(make_user, api_client):
    client = api_client(make_user("RUS", roles=EDITOR))
    created = client.post(
        url("record-list"),
        {
            "title_en": "A record",
            "title_ru": "Запись",
            "classification": Classification.CONFIDENTIAL,
            "release": Release.LISTED,
            "released_to": ["KAZ", "ARM"],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["owner"], body["version"], body["released_to"]) == ("RUS", 1, ["ARM", "KAZ"])

    views = AuditEvent.objects.filter(action="view", object_id=str(body["id"])).count()
    detail = client.get(url("record-detail", pk=body["id"]))
    assert detail.status_code == 200 and detail.json()["title_ru"] == "Запись"
    assert AuditEvent.objects.filter(action="view", object_id=str(body["id"])).count() == views + 1

    updated = client.patch(
        url("record-detail", pk=body["id"]), {"version": 1, "released_to": []}, format="json"
    )
    assert updated.status_code == 200, updated.json()
    assert (updated.json()["version"], updated.json()["released_to"]) == (2, [])
    stale = client.patch(
        url("record-detail", pk=body["id"]), {"version": 1, "title_en": "Old"}, format="json"
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"


def test_refusals_are_translated_4xx(make_user, api_client):
    reader = api_client(make_user("RUS"))
    assert reader.post(url("record-list"), {"title_en": "X"}, format="json").status_code == 403
    editor = api_client(make_user("RUS", roles=EDITOR))
    invalid = editor.post(url("record-list"), {"title_en": ""}, format="json")
    assert invalid.status_code == 400
    assert editor.get(url("record-list"), {"nonsense": "1"}).status_code == 400
    assert editor.get(url("record-detail", pk=999999)).status_code == 404
    assert api_client().get(url("record-list")).status_code in (401, 403)


def test_list_filters_and_stays_flat(make_user, api_client):
    owner = make_user("RUS", roles=EDITOR)
    client = api_client(owner)
    count = iter(range(1000))

    def grow() -> None:
        for _ in range(3):
            services.record_create(
                actor=owner, title_en=f"Record {next(count)}", release=Release.MEMBERS
            )

    grow()
    assert_flat(lambda: client.get(url("record-list")), grow, rows=rows_of, at_most=12)
    found = client.get(url("record-list"), {"q": "Record 1"}).json()["results"]
    assert [row["title_en"] for row in found] == ["Record 1"]
