"""The visible/hidden split of matching held to the access rule, and hidden hits kept for
their owner: the exact stage's compiled-once query answers exactly what `visible_to` and
`can_see` answer, for every user and marking; a hit on an item the reporter may not see
keeps its item server-side, shown to the owner party once the incident is released to it,
never to the reporter or to a third party that may not see the item (API, page, exports,
MISP)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import Any

import pytest
from django.urls import reverse

from accord.core.access import access_key, can_see, visibility_q
from accord.core.models import Classification, Party, Release
from accord.trafficking import matching
from accord.trafficking.domain.normalise import fold_marking
from accord.trafficking.matching import match_item
from accord.trafficking.models import Incident, Item, ItemHit
from accord.trafficking.selectors import incidents as selectors
from accord.trafficking.services import incidents as services
from accord.trafficking.services.items import item_register
from accord.trafficking.tests.test_items_world import make_officers

pytestmark = pytest.mark.django_db

SERIAL = "MX-0001-Q"
OWNERS = ["RUS", "KAZ", "IRN", "SEC"]
LISTS = {"none": [], "kaz": ["KAZ"], "rus-irn": ["RUS", "IRN"]}


@pytest.fixture
def officers(make_user: Any) -> dict[str, Any]:
    return make_officers(make_user)


def marked_register() -> list[Item]:
    """One item of the same serial for every owner x classification x release (LISTED
    with three different lists): 4 x 4 x (4 + 3) = 112 rows."""
    parties = {p.code: p for p in Party.objects.filter(code__in=OWNERS)}
    items = []
    releases = [r for r in Release.values if r != Release.LISTED]
    markings = [(r, None) for r in releases] + [(Release.LISTED, key) for key in LISTS]
    for owner, level, (release, listed) in itertools.product(
        OWNERS, Classification.values, markings
    ):
        item = Item.objects.create(
            owner=parties[owner],
            classification=level,
            release=release,
            kind="component",
            serial_number=SERIAL,
            serial_norm=fold_marking(SERIAL),
        )
        if listed is not None:
            item.released_to.set([parties[code] for code in LISTS[listed]])
        items.append(item)
    return items


def viewers(make_user: Any) -> list[Any]:
    """Users of a member state, another member, an observer and the Secretariat, at every
    clearance."""
    users = [
        make_user(code, clearance=level, username=f"{code.lower()}.{level}")
        for code in ["RUS", "KAZ", "IRN", "SEC"]
        for level in Classification.values
    ]
    return users


@pytest.mark.parametrize("typed", ["mx 0001 q", "MX-00001-Q"])  # exact; one char too many
def test_split_follows_the_access_rule(make_user: Any, typed: str) -> None:
    items = marked_register()
    for user in viewers(make_user):
        report = match_item(actor=user, serial=typed, limit=1000)
        expected = {i.pk for i in items if can_see(user, i)}
        assert expected == set(
            Item.objects.visible_to(user)
            .filter(serial_norm=fold_marking(SERIAL))
            .values_list("pk", flat=True)
        )
        assert {m.item.pk for m in report.visible} == expected, user.username
        hidden = {h.item_id for h in report._hidden_matches}
        assert hidden == {i.pk for i in items} - expected, user.username
        owners = {i.owner.code for i in items if i.pk in hidden}
        assert [h.party.code for h in report.hidden] == sorted(owners)
        assert all(m.exact == (typed == "mx 0001 q") for m in report.visible)
        # Visible matches come as full items with their owner: nothing more to fetch.
        for m in report.visible:
            assert m.item.serial_number == SERIAL and m.item.owner.code in OWNERS


def test_exact_items_are_whole(officers: dict[str, Any]) -> None:
    """The exact stage builds items from its own columns: every field as the ORM reads it
    (dates, nullable keys), the owner attached, the record still saveable."""
    from accord.trafficking.services.items import make_model_add

    entry = make_model_add(
        actor=officers["kaz"], manufacturer="Fictional Aero", model="FA-10", kind="uncrewed"
    )
    mine = item_register(
        actor=officers["kaz"],
        kind="uncrewed",
        manufacturer="Fictional Aero",
        model="FA-10",
        serial_number="WH-77",
        other_markings="LOT 7",
        country_of_manufacture="KAZ",
        year_of_manufacture=2021,
        make_model=entry,
    )
    (match,) = match_item(actor=officers["kaz"], serial="wh77", fuzzy=False).visible
    reference = Item.objects.get(pk=mine.pk)
    for f in Item._meta.concrete_fields:
        assert getattr(match.item, f.attname) == getattr(reference, f.attname), f.name
    assert match.item.owner.code == "KAZ" and match.item.owner.name_en
    assert match.item._state.adding is False and match.item._state.db == "default"


def test_compiled_query_follows_changes_of_clearance_party_and_lists(
    officers: dict[str, Any], party: Any
) -> None:
    """The compiled query is reused per access-rule input; a change of any input (the
    user's clearance or party, the party's standing, a record's list) shows at once."""
    officer = officers["rus"]
    theirs = Item.objects.create(
        owner=party("KAZ"),
        classification=Classification.CONFIDENTIAL,
        release=Release.LISTED,
        kind="component",
        serial_number="CQ-1",
        serial_norm="CQ1",
    )
    assert [h.party.code for h in match_item(actor=officer, serial="CQ1").hidden] == ["KAZ"]
    theirs.released_to.set([party("RUS")])  # evaluated at run time, not compiled in
    assert [m.item.pk for m in match_item(actor=officer, serial="CQ1").visible] == [theirs.pk]
    officer.clearance = Classification.RESTRICTED
    assert match_item(actor=officer, serial="CQ1").visible == []
    officer.clearance = Classification.SECRET
    officer.party = party("BLR")
    assert match_item(actor=officer, serial="CQ1").visible == []
    theirs.release = Release.MEMBERS_OBSERVERS
    theirs.save()
    observer = party("IRN")
    officer.party = observer
    assert [m.item.pk for m in match_item(actor=officer, serial="CQ1").visible] == [theirs.pk]
    theirs.release = Release.MEMBERS
    theirs.save()
    assert match_item(actor=officer, serial="CQ1").visible == []
    observer.standing = Party.Standing.MEMBER  # the standing is part of the key
    observer.save()
    assert [m.item.pk for m in match_item(actor=officer, serial="CQ1").visible] == [theirs.pk]


def test_cache_key_covers_the_rule(make_user: Any) -> None:
    """Users who share the key compile to the same SQL and parameters: the key holds
    everything `visibility_q(Item, user)` reads."""
    from django.db import connection

    def compiled(user: Any) -> tuple[str, list[Any]]:
        query = Item.objects.filter(visibility_q(Item, user)).query
        sql, params = query.get_compiler(using="default").as_sql()
        return sql, list(params)

    a = make_user("KAZ", clearance=2, roles=["customs_officer"], username="a")
    b = make_user("KAZ", clearance=2, roles=[], username="b")
    assert matching._exact_key(a, "default") == matching._exact_key(b, "default")
    assert compiled(a) == compiled(b)
    c = make_user("KAZ", clearance=1, username="c")
    assert matching._exact_key(a, "default") != matching._exact_key(c, "default")
    assert connection.vendor in matching._exact_key(a, "default")
    assert access_key(a) in matching._exact_key(a, "default")  # the one access key


# --- Hidden hits for the owner -------------------------------------------------------------


def api(name: str, **kwargs: Any) -> str:
    return reverse(f"trafficking-api:{name}", kwargs=kwargs)


def page(name: str, **kwargs: Any) -> str:
    return reverse(f"trafficking:{name}", kwargs=kwargs)


HIDDEN_MAKER = "Hiddenwerk Fictional"


@pytest.fixture
def hidden_world(officers: dict[str, Any], party: Any) -> dict[str, Any]:
    """Russia's stolen item, OWNER only; Kazakhstan reports a seizure of an item whose
    serial it read differently (Cyrillic letters, spaces); the incident is released to
    Russia and Armenia."""
    stolen = item_register(
        actor=officers["rus"],
        kind="component",
        manufacturer=HIDDEN_MAKER,
        model="HW-9",
        serial_number="zq-4471-b",
        other_markings="MARK-OF-THE-OWNER",
        status="stolen",
        classification=Classification.RESTRICTED,
        release=Release.OWNER,
    )
    incident = services.incident_report(
        actor=officers["kaz"],
        kind="seizure",
        occurred_on=dt.date(2025, 6, 1),
        country="KAZ",
        locality="Fictional checkpoint",
        classification=Classification.RESTRICTED,
        release=Release.LISTED,
        released_to=[party("RUS"), party("ARM")],
        items=[{"kind": "component", "serial_number": "ZQ 4471 В"}],  # Cyrillic В
    )
    return {"stolen": stolen, "incident": incident, **officers}


def secrets_of(item: Item) -> list[str]:
    return [
        page("item", pk=item.pk),
        api("item-detail", pk=item.pk),
        item.serial_number,
        HIDDEN_MAKER,
        "MARK-OF-THE-OWNER",
    ]


def test_hidden_hit_keeps_its_item_server_side(hidden_world: dict[str, Any]) -> None:
    hit = ItemHit.objects.get()
    assert hit.party.code == "RUS"
    assert hit.item == hidden_world["stolen"]
    assert hit.exact and hit.score == 100
    assert hidden_world["incident"].items.get().item is None  # not the reporter's link


def test_reporter_sees_only_the_party(
    hidden_world: dict[str, Any], api_client: Any, client: Any
) -> None:
    incident, stolen = hidden_world["incident"], hidden_world["stolen"]
    body = api_client(hidden_world["kaz"]).get(api("incident", pk=incident.pk)).json()
    assert [(h["party"], h["disclosed"], h["item"], h["score"]) for h in body["hits"]] == [
        ("RUS", False, None, None)
    ]
    assert all(row["item"] is None for row in body["items"])
    text = json.dumps(body, ensure_ascii=False)
    for secret in secrets_of(stolen):
        assert secret not in text
    client.force_login(hidden_world["kaz"])
    html = client.get(page("incident", pk=incident.pk)).content.decode()
    assert "RUS" in html
    for secret in secrets_of(stolen):
        assert secret not in html
    shown = selectors.incident_hits(actor=hidden_world["kaz"], incident=incident)
    assert [(h.party.code, h.item, h.score, h.reasons) for h in shown] == [("RUS", None, None, [])]


def test_owner_sees_its_item_on_the_released_incident(
    hidden_world: dict[str, Any], api_client: Any, client: Any
) -> None:
    incident, stolen = hidden_world["incident"], hidden_world["stolen"]
    shown = selectors.incident_hits(actor=hidden_world["rus"], incident=incident)
    assert [(h.party.code, h.item, h.exact) for h in shown] == [("RUS", stolen, True)]
    body = api_client(hidden_world["rus"]).get(api("incident", pk=incident.pk)).json()
    (hit,) = body["hits"]
    assert hit["disclosed"] and hit["item"]["id"] == stolen.pk
    assert hit["item"]["serial_number"] == "zq-4471-b" and hit["exact"]
    client.force_login(hidden_world["rus"])
    html = client.get(page("incident", pk=incident.pk)).content.decode()
    assert "zq-4471-b" in html and HIDDEN_MAKER in html
    # A Russian officer below the item's classification sees only the party.
    low = selectors.incident_hits(actor=hidden_world["rus_low"], incident=incident)
    assert low == [] or all(h.item is None for h in low)


def test_third_party_sees_only_the_party(
    hidden_world: dict[str, Any], api_client: Any, client: Any
) -> None:
    incident, stolen = hidden_world["incident"], hidden_world["stolen"]
    body = api_client(hidden_world["arm"]).get(api("incident", pk=incident.pk)).json()
    assert [(h["party"], h["item"], h["score"]) for h in body["hits"]] == [("RUS", None, None)]
    text = json.dumps(body, ensure_ascii=False)
    client.force_login(hidden_world["arm"])
    html = client.get(page("incident", pk=incident.pk)).content.decode()
    for secret in secrets_of(stolen):
        assert secret not in text
        assert secret not in html
    # A party the incident is not released to does not see the incident at all.
    assert api_client(hidden_world["blr"]).get(api("incident", pk=incident.pk)).status_code == 404


def test_exports_and_misp_carry_no_hit_items(hidden_world: dict[str, Any], api_client: Any) -> None:
    from accord.trafficking import exports, misp

    incident, stolen = hidden_world["incident"], hidden_world["stolen"]
    for who in ("kaz", "arm"):
        actor = hidden_world[who]
        event = misp.incident_event(incident)  # what any viewer of the incident is given
        text = json.dumps(event, ensure_ascii=False, default=str)
        for secret in secrets_of(stolen):
            assert secret not in text
        for table in exports.TABLES:
            rows = list(table.rows(actor))
            text = json.dumps(rows, ensure_ascii=False, default=str)
            for secret in secrets_of(stolen):
                assert secret not in text, (who, table.code)


def test_rematch_counts_hidden_items_once_a_party(hidden_world: dict[str, Any]) -> None:
    """The count a reporter is told (and audited under its party) is not a count of the
    hidden items."""
    kaz = hidden_world["kaz"]
    for serial in ("ZQ-4471-B", "zq.4471.b"):
        item_register(
            actor=hidden_world["rus"], kind="component", serial_number=serial, status="lost"
        )
    incident = Incident.objects.get(pk=hidden_world["incident"].pk)
    assert services.incident_rematch(actor=kaz, incident=incident) == 1
    assert ItemHit.objects.filter(item__isnull=False).count() == 3
    shown = selectors.incident_hits(actor=hidden_world["rus"], incident=incident)
    assert len(shown) == 3 and all(h.item is not None for h in shown)
