"""Matching: exact on the fold, fuzzy with reasons, the make-and-model reference, and the
hit/no-hit boundary (a user never sees another party's record unless released)."""

from __future__ import annotations

from typing import Any

import pytest

from accord.core.models import Classification, Notification, Party, Release
from accord.trafficking.matching import alert_owners, match_item, resolve_make_model
from accord.trafficking.models.items import Item, ItemKind
from accord.trafficking.services.items import make_model_add
from accord.trafficking.tests.test_items_world import make_officers, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(make_user: Any) -> dict[str, Any]:
    return make_officers(make_user)


def reasons(match: Any) -> list[str]:
    return [str(r) for r in match.reasons]


def test_exact_match_across_scripts(officers: dict[str, Any]) -> None:
    item = register(officers["rus"], "АК-0451-ВМ")
    report = match_item(actor=officers["rus"], serial="ak 0451 bm")
    assert [m.item.pk for m in report.visible] == [item.pk]
    assert report.visible[0].exact and report.visible[0].score == 100
    assert "same serial" in reasons(report.visible[0])
    assert report.hidden == []


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("KX-7051-O1", "misread characters (look-alike letters and digits)"),
        ("KX-7015-01", "two characters transposed"),
        ("KX-7051-02", "one character different"),
        ("7051", "partial serial"),
    ],
)
def test_fuzzy_reasons(officers: dict[str, Any], typed: str, reason: str) -> None:
    item = register(officers["rus"], "KX-7051-01")
    register(officers["rus"], "ZZ-9999-99")
    report = match_item(actor=officers["rus"], serial=typed)
    assert [m.item.pk for m in report.visible] == [item.pk]
    match = report.visible[0]
    assert not match.exact
    assert reason in reasons(match)
    assert 60 <= match.score < 100


def test_exact_outranks_fuzzy(officers: dict[str, Any]) -> None:
    near = register(officers["rus"], "QW12345")
    exact = register(officers["rus"], "QW12354")
    report = match_item(actor=officers["rus"], serial="QW12354")
    assert [m.item.pk for m in report.visible] == [exact.pk, near.pk]


def test_hidden_hit_says_only_the_party(officers: dict[str, Any]) -> None:
    theirs = register(officers["kaz"], "SECRET-SN-777", classification=Classification.RESTRICTED)
    report = match_item(actor=officers["rus"], serial="secret sn 777")
    assert report.visible == []
    assert [h.party.code for h in report.hidden] == ["KAZ"]
    text = repr(report.hidden)
    assert str(theirs.pk) not in text.replace("KAZ", "")
    assert "SECRET" not in text
    # Released to members: now the match is visible, no longer hidden.
    theirs.release = Release.MEMBERS
    theirs.save()
    report = match_item(actor=officers["rus"], serial="secret sn 777")
    assert [m.item.pk for m in report.visible] == [theirs.pk]
    assert report.hidden == []


def test_listed_release_and_clearance(officers: dict[str, Any]) -> None:
    item = register(officers["kaz"], "LST-100", release=Release.LISTED)
    item.released_to.set([Party.objects.get(code="RUS")])
    assert [m.item.pk for m in match_item(actor=officers["rus"], serial="LST100").visible] == [
        item.pk
    ]
    blr = match_item(actor=officers["blr"], serial="LST100")
    assert blr.visible == [] and [h.party.code for h in blr.hidden] == ["KAZ"]
    # Own party's record above the user's clearance: hidden, own party named.
    mine = register(officers["rus"], "HIGH-1", classification=Classification.SECRET)
    low = match_item(actor=officers["rus_low"], serial="HIGH1")
    assert low.visible == [] and [h.party.code for h in low.hidden] == ["RUS"]
    assert mine.pk


def test_no_party_no_answer(officers: dict[str, Any]) -> None:
    from django.contrib.auth.models import AnonymousUser

    register(officers["rus"], "ANON-1")
    report = match_item(actor=AnonymousUser(), serial="ANON-1")
    assert not report.any


def test_make_model_resolves_aliases_and_narrows(officers: dict[str, Any]) -> None:
    entry = make_model_add(
        actor=officers["rus"],
        manufacturer="Fictional Aero",
        model="Sokol-7",
        manufacturer_aliases=["Фикшнл Аэро"],
        model_aliases=["Сокол-7", "Sokol 7"],
        kind=ItemKind.UNCREWED,
    )
    other = make_model_add(actor=officers["rus"], manufacturer="Other Works", model="Gryf-2")
    assert resolve_make_model("фикшнл аэро", "СОКОЛ 7") == entry
    assert resolve_make_model("", "sokol7") == entry
    assert resolve_make_model("", "nothing") is None
    same = register(officers["rus"], "SK-1001", manufacturer="Fictional Aero", model="Сокол-7")
    assert same.make_model == entry
    different = register(officers["rus"], "SK-1010", manufacturer="Other Works", model="Gryf-2")
    assert different.make_model == other
    report = match_item(actor=officers["rus"], serial="SK-1001", model="Sokol 7")
    assert report.make_model == entry
    assert report.visible[0].item == same
    assert "same make and model" in reasons(report.visible[0])
    assert different.pk not in [m.item.pk for m in report.visible]


def test_markings_only(officers: dict[str, Any]) -> None:
    item = register(officers["rus"], "M-1", other_markings="Партия 2024 ЗАВОД-7")
    report = match_item(actor=officers["rus"], markings="завод 7")
    assert [m.item.pk for m in report.visible] == [item.pk]


def test_alert_owners_of_lost_or_stolen(officers: dict[str, Any]) -> None:
    stolen = register(officers["kaz"], "ST-555", status=Item.Status.STOLEN)
    register(officers["blr"], "ST-555", status=Item.Status.IN_SERVICE)
    report = match_item(actor=officers["rus"], serial="ST-555")
    assert sorted(h.party.code for h in report.hidden) == ["BLR", "KAZ"]
    before = Notification.objects.count()
    assert alert_owners(actor=officers["rus"], report=report, context="Incident RUS-2026-1") == 1
    notes = Notification.objects.all()[: Notification.objects.count() - before]
    assert [n.recipient for n in notes] == [officers["kaz"]]
    assert "ST-555" in notes[0].message_en and "RUS" in notes[0].message_en
    assert notes[0].object_id == str(stolen.pk)
    # The reporter is told nothing new.
    assert not Notification.objects.filter(recipient=officers["rus"]).exists()


def test_no_alert_when_nothing_wanted(officers: dict[str, Any]) -> None:
    register(officers["kaz"], "OK-1")
    report = match_item(actor=officers["rus"], serial="OK-1")
    assert alert_owners(actor=officers["rus"], report=report, context="x") == 0


def test_item_kinds_cover_the_weapons_register() -> None:
    from accord.expertise.models import WeaponSystem

    assert set(WeaponSystem.Category.values) <= set(ItemKind.values)
    assert {"component", "dual_use"} <= set(ItemKind.values)
