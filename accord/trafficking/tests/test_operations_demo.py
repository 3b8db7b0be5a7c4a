"""The operations demo: two joint operations, incidents of their period linked, safe to
run twice."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from accord.accounts import demo as accounts_demo
from accord.core.models import Release
from accord.trafficking.demo import operations as demo
from accord.trafficking.models import Incident, Operation

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_and_links_incidents(record_incident):
    accounts_demo.load(io.StringIO())
    inside = record_incident("KAZ", occurred_on=dt.date(2025, 10, 15), release=Release.OWNER)
    outside = record_incident("KAZ", occurred_on=dt.date(2025, 6, 15))
    stranger = record_incident("IRN", occurred_on=dt.date(2025, 10, 15), release=Release.PUBLIC)
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    steppe = Operation.objects.get(code="DEMO-OP-SILENT-STEPPE")
    gate = Operation.objects.get(code="DEMO-OP-CASPIAN-GATE")
    assert steppe.status == "concluded" and steppe.after_action_summary
    assert gate.status == "active"
    assert set(steppe.participants.values_list("party__code", flat=True)) == {"RUS", "KAZ", "BLR"}
    assert Incident.objects.get(pk=inside.pk).operation == steppe
    assert Incident.objects.get(pk=outside.pk).operation is None
    assert Incident.objects.get(pk=stranger.pk).operation is None
    assert Operation.objects.filter(code__startswith="DEMO-OP-").count() == 2
