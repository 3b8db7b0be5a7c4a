"""The menu is assembled from what each app registers, in the agreement's order. (The
test modules' titles are plain strings: they are not part of the catalogue.)"""

import pytest
from django.core.exceptions import ImproperlyConfigured

from accord.core import navigation
from accord.core.navigation import Module, modules, register


def test_the_menu_lists_the_eight_mechanisms_in_the_agreements_order():
    assert [(m.number, m.slug) for m in modules()] == [
        (1, "expertise"),
        (2, "trafficking"),
        (3, "standards"),
        (4, "provision"),
        (5, "knowledge"),
        (6, "programmes"),
        (7, "law"),
        (8, "legislation"),
    ]


def test_every_mechanism_is_registered_by_its_own_app():
    built = {m.slug for m in modules() if m.built}
    assert built == {
        "expertise",
        "trafficking",
        "standards",
        "provision",
        "knowledge",
        "programmes",
        "law",
        "legislation",
    }
    assert set(navigation._registered) == built


def test_a_planned_entry_shows_until_an_app_of_its_slug_registers(monkeypatch):
    registered = {k: v for k, v in navigation._registered.items() if k != "provision"}
    monkeypatch.setattr(navigation, "_registered", registered)
    planned = [m for m in modules() if m.slug == "provision"]
    assert planned == [m for m in navigation.PLANNED if m.slug == "provision"]
    provision = Module("provision", 4, "Provision", "Deliveries.")
    register(provision)
    assert [m for m in modules() if m.slug == "provision"] == [provision]
    assert len(modules()) == 8


def test_two_apps_cannot_claim_one_slug_or_one_number(monkeypatch):
    monkeypatch.setattr(navigation, "_registered", dict(navigation._registered))
    with pytest.raises(ImproperlyConfigured):
        register(Module("law", 7, "Another law", "Elsewhere."))
    with pytest.raises(ImproperlyConfigured):
        register(Module("weather", 2, "Weather", "Clouds."))
