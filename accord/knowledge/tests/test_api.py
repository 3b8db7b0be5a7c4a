"""The knowledge API: create with the field named on bad input, 409 on a stale version
and on a refused step, the lifecycle through its endpoints, filters (an unknown one is a
400), and pinned query counts on the list."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from accord.core.models import AuditEvent, Classification
from accord.core.tests.queries import assert_flat
from accord.knowledge.tests.conftest import observe


def test_submit_then_the_lifecycle_through_the_api(author, manager, api_client, make_user):
    api = api_client(author)
    created = api.post(
        reverse("knowledge-api:item-list"),
        {"title_en": "Jammed datalink", "areas": ["use", "protect"], "release": "members"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["kind"], body["stage"], body["areas"]) == (
        "observation",
        "submitted",
        ["use", "protect"],
    )
    pk = body["id"]
    boss = api_client(manager)
    url = lambda name: reverse(f"knowledge-api:item-{name}", args=[pk])  # noqa: E731
    assert boss.post(url("learn"), {"version": 1}, format="json").status_code == 409
    assert boss.post(url("verify"), {"version": 1}, format="json").status_code == 200
    stale = boss.post(
        url("identify"), {"version": 1, "root_cause": "a", "recommendation": "b"}, format="json"
    )
    assert stale.status_code == 409
    missing = boss.post(url("identify"), {"version": 2, "root_cause": "a"}, format="json")
    assert missing.status_code == 400 and "recommendation" in str(missing.json())
    ok = boss.post(
        url("identify"), {"version": 2, "root_cause": "a", "recommendation": "b"}, format="json"
    )
    assert ok.json()["kind"] == "lesson_identified"
    action = boss.post(
        url("actions"),
        {"action_body": "KAZ", "description": "Fix", "due_on": str(dt.date.today())},
        format="json",
    )
    assert action.status_code == 201, action.json()
    kaz = api_client(make_user("KAZ", roles=["knowledge_editor"]))
    close = kaz.post(
        reverse("knowledge-api:action-close", args=[action.json()["id"]]),
        {"version": 1, "status": "done"},
        format="json",
    )
    assert close.status_code == 200, close.json()
    refused = boss.post(url("learn"), {"version": 3}, format="json")
    assert refused.status_code == 409 and "validation" in str(refused.json()).lower()
    boss.post(url("validate"), {"version": 3, "result": "works"}, format="json")
    learned = boss.post(url("learn"), {"version": 4}, format="json")
    assert learned.status_code == 200 and learned.json()["stage"] == "learned"


def test_bad_input_names_the_field(author, api_client):
    api = api_client(author)
    before = AuditEvent.objects.count()
    no_area = api.post(
        reverse("knowledge-api:item-list"), {"title_en": "x", "areas": []}, format="json"
    )
    assert no_area.status_code == 400 and "areas" in no_area.json()["errors"]
    bad_area = api.post(
        reverse("knowledge-api:item-list"), {"title_en": "x", "areas": ["fly"]}, format="json"
    )
    assert bad_area.status_code == 400 and "areas.0" in bad_area.json()["errors"]
    no_title = api.post(reverse("knowledge-api:item-list"), {"areas": ["use"]}, format="json")
    assert no_title.status_code == 400 and "title_en" in no_title.json()["errors"]
    assert AuditEvent.objects.count() == before
    unknown = api.get(reverse("knowledge-api:item-list"), {"colour": "red"})
    assert unknown.status_code == 400 and "colour" in unknown.json()["errors"]
    bad_value = api.get(reverse("knowledge-api:item-list"), {"area": "fly"})
    assert bad_value.status_code == 400


def test_stale_edit_answers_409(author, api_client):
    item = observe(author)
    api = api_client(author)
    url = reverse("knowledge-api:item-detail", args=[item.pk])
    assert api.patch(url, {"version": 1, "title_en": "New"}, format="json").status_code == 200
    assert api.patch(url, {"version": 1, "title_en": "Newer"}, format="json").status_code == 409


def test_filters(manager, api_client):
    from accord.knowledge import services

    for area, kind in (("use", "best_practice"), ("dispose", "training_material")):
        services.item_create(
            actor=manager,
            kind=kind,
            title_en=f"{area} item",
            areas=[area],
            topic=f"t/{area}",
            classification=Classification.RESTRICTED,
        )
    api = api_client(manager)

    def titles(**q: str) -> list[str]:
        rows = api.get(reverse("knowledge-api:item-list"), q).json()["results"]
        return [r["title_en"] for r in rows]

    assert titles(area="use") == ["use item"]
    assert titles(kind="training_material") == ["dispose item"]
    assert titles(topic="t") == ["dispose item", "use item"]
    assert titles(party="RUS", q="dispose") == ["dispose item"]


def test_list_query_count_is_flat(manager, api_client, client):
    from accord.core.tests.queries import rows_of
    from accord.knowledge import services

    def make() -> None:
        for i in range(3):
            services.item_create(
                actor=manager,
                kind="best_practice",
                title_en=f"Item {i}",
                areas=["use"],
                classification=Classification.RESTRICTED,
            )

    make()
    api = api_client(manager)
    client.force_login(manager)
    assert_flat(
        lambda: api.get(reverse("knowledge-api:item-list"), {"q": "item"}),
        make,
        rows=rows_of,
        at_most=12,
    )
    assert_flat(
        lambda: client.get(reverse("knowledge:index"), {"q": "item"}),
        make,
        rows=lambda r: len(re.findall(r'data-testid="item-\d+"', r.content.decode())),
        at_most=30,
    )
