"""The items demo loads through the services and adds nothing the second time."""

from __future__ import annotations

import io

import pytest

from accord.trafficking.demo import items as demo
from accord.trafficking.models.items import Item, MakeModel

pytestmark = pytest.mark.django_db


def test_demo_loads_twice() -> None:
    demo.load(io.StringIO())
    count = Item.objects.count()
    assert MakeModel.objects.count() == 20
    assert count >= 250
    assert Item.objects.filter(status__in=["lost", "stolen"]).exists()
    assert Item.objects.filter(release="members").exists()
    assert Item.objects.filter(serial_number="ZA-KS7-00417", owner__code="KAZ").get().make_model
    demo.load(io.StringIO())
    assert Item.objects.count() == count and MakeModel.objects.count() == 20
