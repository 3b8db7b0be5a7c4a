"""Harmonisation programmes: the drafters record a programme and its items and link an
item to its model act (the status follows the act); everyone signed in reads them, the
linked act named only to whoever sees it; a missing programme is a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accord.core.errors import PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Release
from accord.legislation import selectors, services
from accord.legislation.models import ItemStatus

STATE = ["parliamentary_officer"]


def test_programme_items_and_links(act, drafters, make_user):
    first = drafters[0]
    with pytest.raises(PermissionDenied):
        services.programme_create(
            actor=make_user("KAZ", roles=STATE), title_en="x", first_year=2026, last_year=2030
        )
    with pytest.raises(ValidationFailed):
        services.programme_create(actor=first, title_en="x", first_year=2030, last_year=2026)
    programme = services.programme_create(
        actor=first, title_en="Plan", first_year=2026, last_year=2030
    )
    one = services.item_save(actor=first, programme=programme, title_en="One", planned_year=2027)
    two = services.item_save(actor=first, programme=programme, title_en="Two")
    assert (one.number, two.number) == (1, 2)
    with pytest.raises(ValidationFailed):  # outside the programme's years
        services.item_save(actor=first, programme=programme, number=1, planned_year=2040)
    with pytest.raises(ValidationFailed):  # adopted needs its act
        services.item_save(actor=first, programme=programme, number=2, status="adopted")
    linked = services.item_link(actor=first, item=one, act=act)
    assert linked.status == ItemStatus.ADOPTED and linked.model_act == act
    hidden = services.act_create(
        actor=first,
        number="30-1",
        title_en="Kept",
        release=Release.OWNER,
        classification=Classification.UNCLASSIFIED,
    )
    services.item_link(actor=first, item=two, act=hidden)
    assert two.status == ItemStatus.DRAFTING
    # The item follows its act: adopted when the act is.
    services.provision_save(actor=first, act=hidden, eid="art_1", text_en="x")
    for step, who in (("to_commission", first), ("propose", first), ("adopt", drafters[1])):
        hidden.refresh_from_db()
        services.act_transition(actor=who, act=hidden, action=step, version=hidden.version)
    two.refresh_from_db()
    assert two.status == ItemStatus.ADOPTED
    kaz = make_user("KAZ", roles=STATE)
    shown = selectors.items_of(programme, actor=kaz)
    assert [(i.number, a) for i, a in shown] == [(1, act), (2, None)]
    assert (
        AuditEvent.objects.filter(
            object_id=str(programme.pk), action="legislation.programme.link"
        ).count()
        == 2
    )


def test_programme_pages_and_api(act, drafters, make_user, client, api_client):
    first = drafters[0]
    client.force_login(first)
    created = client.post(
        reverse("legislation:programme-list"),
        {"title_en": "Plan 2026", "first_year": 2026, "last_year": 2030},
    )
    assert created.status_code == 302
    programme = selectors.programme_list().get(title_en="Plan 2026")
    detail = reverse("legislation:programme-detail", args=[programme.pk])
    assert client.post(detail, {"title_en": "Item", "status": "planned"}).status_code == 302
    assert client.post(detail, {"title_en": "", "status": "planned"}).status_code == 400
    item = programme.items.get()
    link = reverse("legislation:programme-link", args=[programme.pk])
    client.post(link, {"item": item.pk, "act": act.pk})
    item.refresh_from_db()
    assert item.model_act == act
    kaz = make_user("KAZ", roles=STATE)
    client.force_login(kaz)
    body = client.get(detail).content.decode()
    assert 'data-testid="item-1"' in body and 'data-testid="link-1"' not in body
    assert client.post(detail, {"title_en": "Mine", "status": "planned"}).status_code == 403
    assert client.get(reverse("legislation:programme-detail", args=[987654])).status_code == 404
    act_page = client.get(reverse("legislation:act-detail", args=[act.pk])).content.decode()
    assert 'data-testid="act-programme-item"' in act_page

    api = api_client(kaz)
    listed = api.get(reverse("legislation-api:programme-list")).json()
    assert [p["title_en"] for p in listed] == ["Plan 2026"]
    one = api.get(reverse("legislation-api:programme-detail", args=[programme.pk])).json()
    assert one["items"][0]["model_act"] == act.pk
    assert api.get(reverse("legislation-api:programme-detail", args=[987654])).status_code == 404
    items = reverse("legislation-api:programme-items", args=[programme.pk])
    assert api.post(items, {"title_en": "x"}, format="json").status_code == 403
    drafter = api_client(first)
    assert drafter.post(items, {}, format="json").status_code == 400
    assert drafter.post(items, {"number": 2**40}, format="json").status_code == 400
    assert drafter.post(items, {"number": 99, "note": "x"}, format="json").status_code == 404
    added = drafter.post(items, {"title_en": "Two", "planned_year": 2028}, format="json")
    assert added.status_code == 200 and added.json()["number"] == 2
    api_link = reverse("legislation-api:programme-link", args=[programme.pk])
    assert drafter.post(api_link, {"number": 2, "act": 987654}, format="json").status_code == 404
    ok = drafter.post(api_link, {"number": 2, "act": act.pk}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "adopted"
    bad = drafter.post(
        reverse("legislation-api:programme-list"),
        {"title_en": "x", "first_year": 2030, "last_year": 2020},
        format="json",
    )
    assert bad.status_code == 400
