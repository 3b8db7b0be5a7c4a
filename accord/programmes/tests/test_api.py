"""The API through HTTP: programmes, the lifecycle, the money chain, support, and the
refusals' answers (400 naming the field, 403, 404 for what one may not see, 409)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse

from accord.core.models import AuditEvent, Classification, Release
from accord.core.tests.queries import assert_flat, rows_of
from accord.programmes.tests.conftest import OFFICER, SIX_SHARES, financed, make_programme


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"programmes-api:{name}", kwargs=kwargs)


def test_create_read_update_advance(officer, api_client):
    client = api_client(officer)
    created = client.post(
        url("programme-list"),
        {
            "identifier": "P-1",
            "title_en": "A programme",
            "title_ru": "Программа",
            "classification": Classification.CONFIDENTIAL,
            "release": Release.LISTED,
            "released_to": ["KAZ"],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["owner"], body["stage"], body["status"], body["released_to"]) == (
        "RUS",
        "proposal",
        1,
        ["KAZ"],
    )
    pk = body["id"]
    views = AuditEvent.objects.filter(action="view", object_id=str(pk)).count()
    detail = client.get(url("programme-detail", pk=pk))
    assert detail.status_code == 200 and detail.json()["participants"] == [
        {"party": "RUS", "role": "lead"}
    ]
    assert AuditEvent.objects.filter(action="view", object_id=str(pk)).count() == views + 1
    assert (
        client.patch(
            url("programme-detail", pk=pk), {"version": 1, "title_en": "B"}, format="json"
        ).status_code
        == 200
    )
    stale = client.patch(
        url("programme-detail", pk=pk), {"version": 1, "title_en": "C"}, format="json"
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    refused = client.post(
        url("programme-advance", pk=pk),
        {"version": 2, "stage": "closed", "statement": "x"},
        format="json",
    )
    assert refused.status_code == 409
    missing = client.post(
        url("programme-advance", pk=pk), {"version": 2, "stage": "eligibility"}, format="json"
    )
    assert missing.status_code == 400 and "criteria" in str(missing.json())
    step = client.post(
        url("programme-advance", pk=pk),
        {"version": 2, "stage": "eligibility", "criteria": "c", "reasons": "r"},
        format="json",
    )
    assert step.status_code == 201 and step.json()["signed_party"] == "RUS"


def test_money_chain_through_the_api(officer, api_client):
    client = api_client(officer)
    pk = make_programme(officer).pk
    bad = client.post(
        url("programme-keys", pk=pk),
        {
            "basis": "fixed",
            "effective_from": "2026-01-01",
            "shares": [{"party": "RUS", "percent": "60"}, {"party": "KAZ", "percent": "30"}],
        },
        format="json",
    )
    assert bad.status_code == 400 and "shares" in bad.json()["errors"]
    key = client.post(
        url("programme-keys", pk=pk),
        {
            "basis": "fixed",
            "effective_from": "2026-01-01",
            "shares": [{"party": c, "percent": str(v)} for c, v in SIX_SHARES.items()],
        },
        format="json",
    )
    assert key.status_code == 201, key.json()
    what_if = client.post(
        url("programme-what-if", pk=pk),
        {"shares": [{"party": "RUS", "percent": "100"}]},
        format="json",
    )
    assert what_if.status_code == 200
    decided = client.post(
        url("programme-key-decide", pk=pk),
        {"key": key.json()["id"], "decision_reference": "Council 1"},
        format="json",
    )
    assert decided.status_code == 200 and decided.json()["status"] == "decided"
    again = client.post(
        url("programme-key-decide", pk=pk),
        {"key": key.json()["id"], "decision_reference": "Council 1"},
        format="json",
    )
    assert again.status_code == 409
    budget = client.post(
        url("programme-budgets", pk=pk),
        {
            "status": "committed",
            "lines": [
                {
                    "category": "services",
                    "period_start": "2026-01-01",
                    "period_end": "2026-12-31",
                    "amount": "999.99",
                }
            ],
        },
        format="json",
    )
    assert budget.status_code == 201, budget.json()
    call = client.post(
        url("programme-assessments", pk=pk), {"due_date": "2026-03-01"}, format="json"
    )
    assert call.status_code == 201, call.json()
    parts = call.json()["parts"]
    assert sum(Decimal(p["amount"]) for p in parts) == __import__("decimal").Decimal("999.99")
    paid = client.post(
        url("programme-contributions", pk=pk),
        {
            "party": "RUS",
            "kind": "cash",
            "amount": "349.99",
            "currency": "RUB",
            "value_date": "2026-02-01",
        },
        format="json",
    )
    assert paid.status_code == 201, paid.json()
    statement = {r["party"]: r for r in client.get(url("programme-statement", pk=pk)).json()}
    assert statement["RUS"]["paid_cash"] == "349.99"
    assert statement["TJK"]["arrears"] == statement["TJK"]["assessed"]
    listed = client.get(url("programme-contributions", pk=pk)).json()["results"]
    assert [row["amount"] for row in listed] == ["349.99"]
    tx = client.post(
        url("programme-transactions", pk=pk),
        {"type": 3, "amount": "100.00", "currency": "RUB", "value_date": "2026-03-02"},
        format="json",
    )
    assert tx.status_code == 201 and tx.json()["type"] == 3, tx.json()
    bad_type = client.post(
        url("programme-transactions", pk=pk),
        {"type": 99, "amount": "1.00", "currency": "RUB", "value_date": "2026-03-02"},
        format="json",
    )
    assert bad_type.status_code == 400 and "type" in bad_type.json()["errors"]
    evm = client.post(
        url("programme-evm", pk=pk),
        {"period": "2026-03-01", "pv": "100000", "ev": "80000", "ac": "90000", "bac": "500000"},
        format="json",
    )
    assert evm.status_code == 201 and evm.json()["tcpi"] == "1.0244"


def test_refusals(officer, make_user, api_client):
    programme = financed(officer)
    reader = api_client(make_user("RUS"))
    assert (
        reader.post(
            url("programme-list"), {"identifier": "X", "title_en": "X"}, format="json"
        ).status_code
        == 403
    )
    assert (
        reader.post(
            url("programme-assessments", pk=programme.pk), {"due_date": "2026-05-01"}, format="json"
        ).status_code
        == 403
    )
    editor = api_client(officer)
    invalid = editor.post(url("programme-list"), {"identifier": "X", "title_en": ""}, format="json")
    assert invalid.status_code == 400 and "title_en" in invalid.json()["errors"]
    assert editor.get(url("programme-list"), {"nonsense": "1"}).status_code == 400
    assert editor.get(url("programme-detail", pk=999999)).status_code == 404
    observer = api_client(make_user("IRN", roles=OFFICER))
    for name in (
        "programme-detail",
        "programme-statement",
        "programme-contributions",
        "programme-keys",
    ):
        assert observer.get(url(name, pk=programme.pk)).status_code == 404, name
    assert (
        observer.post(
            url("programme-contributions", pk=programme.pk), {}, format="json"
        ).status_code
        == 404
    )
    assert api_client().get(url("programme-list")).status_code in (401, 403)


def test_support_through_the_api(make_user, api_client):
    asker = make_user("KGZ", roles=["programme_officer"])
    giver = make_user("KAZ", roles=["programme_officer"])
    made = api_client(asker).post(
        url("support-list"),
        {"kind": "technical", "title_en": "Secure link", "release": "members"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    pk = made.json()["id"]
    offer = api_client(giver).post(
        url("support-offer", pk=pk), {"form": "Equipment", "value": "10.00"}, format="json"
    )
    assert offer.status_code == 201, offer.json()
    oid = offer.json()["id"]
    assert (
        api_client(giver)
        .post(url("support-accept", pk=pk), {"offer": oid}, format="json")
        .status_code
        == 403
    )
    assert (
        api_client(asker)
        .post(url("support-accept", pk=pk), {"offer": oid}, format="json")
        .status_code
        == 200
    )
    missing = api_client(asker).post(url("support-deliver", pk=pk), {"offer": oid}, format="json")
    assert missing.status_code == 400 and "delivered_on" in missing.json()["errors"]
    done = api_client(asker).post(
        url("support-deliver", pk=pk), {"offer": oid, "delivered_on": "2026-05-01"}, format="json"
    )
    assert done.status_code == 200 and done.json()["status"] == "delivered"
    rows = api_client(giver).get(url("support-fulfilment")).json()["rows"]
    assert [(r["kind"], r["ratio"]) for r in rows] == [("technical", "1/1")]
    assert api_client(asker).get(url("support-list"), {"kind": "nonsense"}).status_code == 400


def test_list_filters_and_stays_flat(officer, api_client):
    client = api_client(officer)
    count = iter(range(1000))

    def grow() -> None:
        for _ in range(3):
            make_programme(officer, identifier=f"P-{next(count)}")

    grow()
    assert_flat(lambda: client.get(url("programme-list")), grow, rows=rows_of, at_most=12)
    found = client.get(url("programme-list"), {"q": "P-1"}).json()["results"]
    assert [row["identifier"] for row in found] == ["P-1"]
    assert client.get(url("programme-list"), {"stage": "closed"}).json()["results"] == []


def test_rates_through_the_api(officer, make_user, api_client):
    body = {"currency": "kzt", "quote": "RUB", "rate_date": "2026-01-01", "rate": "0.18"}
    assert api_client(officer).post(url("rates"), body, format="json").status_code == 201
    assert api_client(make_user("KAZ")).post(url("rates"), body, format="json").status_code == 403
    from accord.programmes.models import ExchangeRate

    assert ExchangeRate.objects.get().currency == "KZT"
