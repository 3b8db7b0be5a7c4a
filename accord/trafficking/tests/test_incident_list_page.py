"""The incidents list page filters through the API's FilterSet (`IncidentFilter`)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _references(client, **query) -> list[str]:
    response = client.get(reverse("trafficking:incidents"), query)
    assert response.status_code == 200
    return [incident.reference for incident in response.context["page"].object_list]


def test_the_list_filters_orders_and_drops_a_bad_value(officers, record_incident, client):
    older = record_incident("RUS", kind="seizure", occurred_on=dt.date(2025, 1, 5))
    newer = record_incident("RUS", kind="seizure", occurred_on=dt.date(2025, 6, 5))
    other = record_incident("RUS", kind="theft", occurred_on=dt.date(2025, 3, 5))
    client.force_login(officers["rus"])

    assert set(_references(client, kind="seizure")) == {older.reference, newer.reference}
    assert _references(client, kind="seizure", ordering="occurred_on") == [
        older.reference,
        newer.reference,
    ]
    # A bad value is dropped (its filter not applied); the other filters still apply.
    assert set(_references(client, kind="seizure", since="not-a-date")) == {
        older.reference,
        newer.reference,
    }
    assert _references(client, since="2025-02-01", until="2025-04-01") == [other.reference]
    page = client.get(reverse("trafficking:incidents"), {"kind": "theft", "page": "1"})
    assert "kind=theft" in page.context["query"] and "page" not in page.context["query"]
