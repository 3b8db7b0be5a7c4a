"""The tracing API: each side's box, the steps, refusals with their status codes (and
nothing changed), bad input as 400 naming the field, statistics, CSV, query counts."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse

from accord.core.models import AuditEvent
from accord.core.tests.queries import assert_flat
from accord.trafficking.models import TracingRequest
from accord.trafficking.tests.test_tracing import ITEM, people, send, sent  # noqa: F401

S = TracingRequest.State


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"trafficking-api:{name}", kwargs=kwargs)


BODY = {
    "requested_party": "KAZ",
    "items": [ITEM],
    "circumstances": "Found in a lorry.",
    "grounds": "No licence.",
    "legal_basis": "Article 5.",
}


def test_send_and_walk_the_workflow(people, api_client):  # noqa: F811
    rus, kaz = api_client(people["rus"]), api_client(people["kaz"])
    response = rus.post(url("tracing-list"), BODY, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    pk = body["id"]
    assert body["state"] == "sent" and body["items"][0]["serial_number"] == "SP3-000123"
    inbox = kaz.get(url("tracing-list"), {"box": "inbox"}).json()
    assert [r["id"] for r in inbox["results"]] == [pk]
    assert kaz.get(url("tracing-list"), {"box": "outbox"}).json()["count"] == 0
    assert kaz.post(url("tracing-acknowledge", pk=pk), {}, format="json").status_code == 200
    answer = {
        "outcome": "partial",
        "answer": "Exported in 2021.",
        "last_legal_holder": "Fictional Trading LLC",
        "transfers": [{"date": "2021-03-01", "from_holder": "Maker", "to_holder": "Trader"}],
    }
    response = kaz.post(url("tracing-answer", pk=pk), answer, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["transfers"][0]["to_holder"] == "Trader"
    response = rus.post(url("tracing-close", pk=pk), {}, format="json")
    assert response.json()["state"] == "closed"


def test_refusals_answer_403_404_409_and_change_nothing(people, api_client, sent):  # noqa: F811
    tracing_events = AuditEvent.objects.filter(action__startswith="trafficking.")
    before = tracing_events.count()
    pk = sent.pk
    assert api_client(people["rus"]).post(url("tracing-acknowledge", pk=pk)).status_code == 403
    assert (
        api_client(people["kaz_plain"]).post(url("tracing-acknowledge", pk=pk)).status_code == 403
    )
    assert api_client(people["arm"]).post(url("tracing-acknowledge", pk=pk)).status_code == 404
    assert api_client(people["arm"]).get(url("tracing-detail", pk=pk)).status_code == 404
    assert api_client(people["rus"]).post(url("tracing-close", pk=pk)).status_code == 409
    stale = api_client(people["kaz"]).post(
        url("tracing-acknowledge", pk=pk), {"version": 99}, format="json"
    )
    assert stale.status_code == 409
    assert tracing_events.count() == before
    assert TracingRequest.objects.get(pk=pk).state == S.SENT


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"requested_party": "XXX"}, "requested_party"),
        ({"items": []}, "items"),
        ({"items": [{"kind": "starship", "serial_number": "1"}]}, "items"),
        ({"due_date": "soon"}, "due_date"),
        ({"circumstances": ""}, "circumstances"),
        ({"requested_party": "RUS"}, "requested_party"),
    ],
)
def test_bad_input_is_400_naming_the_field(people, api_client, change, field):  # noqa: F811
    response = api_client(people["rus"]).post(
        url("tracing-list"), {**BODY, **change}, format="json"
    )
    assert response.status_code == 400
    assert any(k == field or k.startswith(f"{field}.") for k in response.json()["errors"])
    assert not TracingRequest.objects.exists()


def test_bad_filter_is_400(people, api_client):  # noqa: F811
    response = api_client(people["rus"]).get(url("tracing-list"), {"state": "lost"})
    assert response.status_code == 400


def test_stats_and_csv(people, api_client, sent):  # noqa: F811
    stats = api_client(people["rus"]).get(url("tracing-stats")).json()
    assert stats["count"] == 1  # a page, as every list the API answers
    assert stats["results"][0]["party"] == "KAZ" and stats["results"][0]["received"] == 1
    assert api_client(people["arm"]).get(url("tracing-stats")).json()["results"] == []
    response = api_client(people["kaz"]).get(url("tracing-export"), {"box": "inbox"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["reference"] for r in rows] == [sent.reference]
    response = api_client(people["arm"]).get(url("tracing-export"))
    assert list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))) == []


def test_list_queries_do_not_grow(
    people,  # noqa: F811
    party,
    api_client,
):
    """The inbox lists every request and the export has a row for each; 6 more cost no
    more queries."""

    def grow() -> None:
        for _n in range(6):
            send(people, party)

    grow()
    client = api_client(people["kaz"])
    assert assert_flat(
        lambda: client.get(url("tracing-list"), {"box": "inbox"}),
        grow,
        rows=lambda response: len(response.json()["results"]),
        at_most=8,
    ) == (6, 12)
    assert_flat(
        lambda: client.get(url("tracing-export")),
        grow,
        rows=lambda response: len(list(csv.DictReader(io.StringIO(response.content.decode())))),
        at_most=8,
    )
