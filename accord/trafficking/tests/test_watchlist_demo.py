"""The watchlist demo loads through the services, twice without duplicates, and screening
finds its entities across scripts."""

from __future__ import annotations

import io

import pytest

from accord.accounts.models import User
from accord.trafficking.demo import watchlist as demo
from accord.trafficking.models import Entity
from accord.trafficking.screening import screen_name

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_and_screens() -> None:
    demo.load(io.StringIO())
    count = Entity.objects.count()
    assert count == len(demo.ENTITIES) >= 45
    assert {e.kind for e in Entity.objects.all()} == {
        "person",
        "organisation",
        "vessel",
        "aircraft",
    }
    assert Entity.objects.values("owner").distinct().count() == 5
    demo.load(io.StringIO())
    assert Entity.objects.count() == count
    kaz = User.objects.get(username="kaz.customs")
    found = screen_name(actor=kaz, name="Romashka LLC")
    assert found and found[0].entity.name == "ООО «Ромашка»"
    found = screen_name(actor=kaz, name="Сергей Иванов")
    assert found and found[0].entity.name == "Сергей Иванов"
