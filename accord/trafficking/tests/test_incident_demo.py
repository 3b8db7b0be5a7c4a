"""The incidents demo loads through the services, twice without duplicates, and shows
what it promises: a hit on another party's stolen item, links, and a flagged common value."""

from __future__ import annotations

import io

import pytest

from accord.accounts.models import User
from accord.core.models import Notification
from accord.trafficking import correlation
from accord.trafficking.demo import incidents as demo
from accord.trafficking.models import Incident, ItemHit

pytestmark = pytest.mark.django_db


def test_demo_loads_twice(settings):
    settings.ACCORD_TRAFFICKING_COMMON_VALUE_LIMIT = 4
    demo.load(io.StringIO())
    count = Incident.objects.count()
    demo.load(io.StringIO())
    assert Incident.objects.count() == count == len(demo.INCIDENTS) == 15
    assert ItemHit.objects.filter(party__code="RUS", exact=True).exists()
    rus = User.objects.get(username="rus.customs")
    assert Notification.objects.filter(recipient=rus, kind="trafficking.item.found").exists()
    net = correlation.network(actor=User.objects.get(username="kaz.customs"))
    assert {s.dimension.code for s in net.shared} >= {"serial", "name", "route"}
    assert any(c.value == "0000" for c in net.common)
