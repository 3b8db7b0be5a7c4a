"""What a match tells of other parties' registers (issue 17, point 15; THREAT_MODEL.md,
"Decisions"): a SECRET item answers only to its own party, never "party X holds a match"
to another; an officer may run only so many matches an hour (429 beyond, page and API);
every match is audited with what was asked and which parties were named."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accord.core.models import AuditEvent, Classification
from accord.trafficking.matching import match_item
from accord.trafficking.services.items import MATCH_ACTION
from accord.trafficking.tests.test_items_world import make_officers, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(make_user: Any) -> dict[str, Any]:
    return make_officers(make_user)


@pytest.mark.parametrize(
    ("classification", "told"),
    [
        (Classification.UNCLASSIFIED, ["KAZ"]),
        (Classification.RESTRICTED, ["KAZ"]),
        (Classification.CONFIDENTIAL, ["KAZ"]),
        (Classification.SECRET, []),
    ],
)
@pytest.mark.parametrize("typed", ["ZX-4410-77", "ZX-4410-71"], ids=["exact", "fuzzy"])
def test_a_secret_item_answers_only_to_its_own_party(officers, classification, told, typed):
    register(officers["kaz"], "ZX-4410-77", classification=classification)
    report = match_item(actor=officers["rus"], serial=typed)
    assert report.visible == []
    assert [hit.party.code for hit in report.hidden] == told
    # The owner's own officers are always told, whatever their clearance.
    own = match_item(actor=officers["kaz"], serial=typed)
    assert [m.item.serial_number for m in own.visible] == ["ZX-4410-77"]


def test_own_party_is_named_to_its_officer_below_the_items_clearance(officers):
    register(officers["rus"], "HIGH-SECRET-1", classification=Classification.SECRET)
    low = match_item(actor=officers["rus_low"], serial="HIGH SECRET 1")
    assert low.visible == [] and [h.party.code for h in low.hidden] == ["RUS"]


def test_the_match_page_and_api_say_nothing_of_a_secret_item(officers, client):
    register(officers["kaz"], "ZX-4410-77", classification=Classification.SECRET)
    register(officers["blr"], "ZX-4410-77", classification=Classification.CONFIDENTIAL)
    client.force_login(officers["rus"])
    page = client.get(reverse("trafficking:item-match"), {"serial": "ZX-4410-77"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Belarus" in body or "BLR" in body
    assert "Kazakhstan" not in body and "KAZ" not in body.replace("KAZAKH", "")
    api = APIClient()
    api.force_authenticate(officers["rus"])
    answer = api.post(reverse("trafficking-api:item-match"), {"serial": "ZX-4410-77"})
    assert answer.status_code == 200
    assert "KAZ" not in json.dumps(answer.json())
    assert "BLR" in json.dumps(answer.json())


def test_every_match_is_audited_with_what_was_asked(officers, client):
    register(officers["kaz"], "AU-1", classification=Classification.RESTRICTED)
    client.force_login(officers["rus"])
    client.get(reverse("trafficking:item-match"), {"serial": "AU-1"})
    event = AuditEvent.objects.get(action=MATCH_ACTION)
    assert event.actor_id == officers["rus"].pk
    assert event.after_data == {
        "serial": "AU-1",
        "markings": "",
        "visible_matches": 0,
        "parties_told": ["KAZ"],
    }


def test_matches_beyond_the_hourly_limit_answer_429(officers, client, settings):
    settings.ACCORD_TRAFFICKING_MATCHES_PER_HOUR = 2
    api = APIClient()
    api.force_authenticate(officers["rus"])
    url = reverse("trafficking-api:item-match")
    assert [api.post(url, {"serial": f"LIM-{i}"}).status_code for i in range(2)] == [200, 200]
    refused = api.post(url, {"serial": "LIM-3"})
    assert refused.status_code == 429
    assert refused.json()["code"] == "too_many_requests"
    assert "2" in refused.json()["detail"]
    client.force_login(officers["rus"])
    page = client.get(reverse("trafficking:item-match"), {"serial": "LIM-4"})
    assert page.status_code == 429
    assert "the most allowed" in page.content.decode()
    assert AuditEvent.objects.filter(action=MATCH_ACTION).count() == 2
    # The limit is per officer: a colleague still matches.
    other = APIClient()
    other.force_authenticate(officers["kaz"])
    assert other.post(url, {"serial": "LIM-5"}).status_code == 200
