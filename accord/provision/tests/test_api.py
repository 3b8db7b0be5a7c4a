"""The API through HTTP: the chain step by step, and the answers of refusals (404 for
what one may not see, 409 for a refused step or a stale version, 400 naming the field)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from accord.core.tests.queries import assert_flat, rows_of
from accord.provision import services
from accord.provision.tests.world import TODAY


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"provision-api:{name}", kwargs=kwargs)


def test_requirement_to_signed_inspection_through_the_api(world, api_client):
    world.clear()
    sec, rus, legal, kaz = (
        api_client(u) for u in (world.sec, world.rus, world.rus_legal, world.kaz)
    )
    created = sec.post(
        url("requirement-list"),
        {
            "capability": "Drones",
            "quantity": 2,
            "needed_by": "2026-12-01",
            "receiving_parties": ["KAZ"],
            "release": "members",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    requirement = created.json()["id"]
    commitment = rus.post(
        url("commitment-list"),
        {
            "requirement": requirement,
            "system_version": world.version.pk,
            "quantity": 2,
            "terms": "commercial",
            "title_passes": True,
            "title_to": "KAZ",
        },
        format="json",
    )
    assert commitment.status_code == 201, commitment.json()
    pk = commitment.json()["id"]
    assert sorted(commitment.json()["released_to"]) == ["KAZ", "SEC"]
    assert legal.post(url("commitment-gate", pk=pk)).json()["state"] == "cleared"
    assert (
        legal.post(
            url("commitment-authorisations", pk=pk),
            {
                "number": "A-1",
                "authority": "FS",
                "valid_from": "2026-01-01",
                "valid_until": "2026-12-31",
                "items": "2",
                "risk_assessment": "low",
                "decision": "granted",
                "reasons": "ok",
            },
            format="json",
        ).status_code
        == 201
    )
    certificate = legal.post(
        url("commitment-certificates", pk=pk),
        {
            "register_number": "E-1",
            "issued_on": "2026-01-01",
            "expires_on": "2026-12-31",
            "issuing_authority": "MoD",
            "signatory": "S",
            "end_user": "KAZ",
            "end_user_unit": "Brigade",
            "end_use_statement": "Forces",
            "reexport_clause": "No",
        },
        format="json",
    )
    assert certificate.json()["state"] == "authorised"
    shipped = rus.post(
        url("commitment-consignments", pk=pk),
        {"reference": "CN-9", "dispatched_on": TODAY.isoformat()},
        format="json",
    )
    consignment = shipped.json()["consignments"][0]["id"]
    bad_line = rus.post(url("consignment-lines", pk=consignment), {"quantity": 0}, format="json")
    assert bad_line.status_code == 400 and "quantity" in str(bad_line.json())
    line = rus.post(
        url("consignment-lines", pk=consignment),
        {
            "identifiers": [{"scheme": "NSN", "value": "1"}],
            "description": "Drone",
            "category": "IV",
            "quantity": 2,
            "serials": ["D-1", "D-2"],
            "title_holder": "KAZ",
            "operational_controller": "KAZ",
        },
        format="json",
    )
    assert line.status_code == 201, line.json()
    assert (
        kaz.post(
            url("consignment-deliver", pk=consignment),
            {"delivered_on": TODAY.isoformat()},
            format="json",
        ).status_code
        == 200
    )
    inspection = kaz.post(
        url("consignment-inspections", pk=consignment),
        {"inspected_on": TODAY.isoformat(), "received_serials": ["D-1", "D-2"]},
        format="json",
    )
    assert inspection.status_code == 201 and inspection.json()["result"]["matched"] == [
        "D-1",
        "D-2",
    ]
    ins = inspection.json()["id"]
    kaz.post(url("inspection-sign", pk=ins))
    signed = rus.post(url("inspection-sign", pk=ins))
    assert signed.json()["state"] == "signed"
    # Signed: never edited (409), only superseded.
    changed = rus.patch(url("inspection-detail", pk=ins), {"notes": "x"}, format="json")
    assert changed.status_code == 409
    again = kaz.post(url("inspection-sign", pk=ins))
    assert again.status_code == 409
    newer = kaz.post(
        url("consignment-inspections", pk=consignment),
        {"inspected_on": TODAY.isoformat(), "received_serials": ["D-1"], "supersedes": ins},
        format="json",
    )
    assert newer.status_code == 201 and newer.json()["supersedes"] == ins


def test_refusals_answer_404_409_and_400(world, api_client, make_user):
    commitment = world.commit()
    arm = api_client(world.arm)
    assert arm.get(url("commitment-detail", pk=commitment.pk)).status_code == 404
    assert arm.post(url("commitment-gate", pk=commitment.pk)).status_code == 404
    legal = api_client(world.rus_legal)
    refused = legal.post(url("commitment-gate", pk=commitment.pk))
    assert refused.status_code == 200 and refused.json()["state"] == "gate_refused"
    assert refused.json()["gate_reasons"][0]["party"] == "KAZ"
    early = api_client(world.rus).post(
        url("commitment-consignments", pk=commitment.pk),
        {"reference": "X", "dispatched_on": "2026-01-01"},
        format="json",
    )
    assert early.status_code == 409
    stale = api_client(world.rus).patch(
        url("commitment-detail", pk=commitment.pk), {"version": 1, "quantity": 4}, format="json"
    )
    assert stale.status_code == 409
    assert api_client(world.rus).get(url("commitment-list"), {"nonsense": 1}).status_code == 400
    assert api_client().get(url("commitment-list")).status_code in (401, 403)


def test_lists_filter_and_stay_flat(world, api_client):
    client = api_client(world.rus)
    count = iter(range(100))

    def grow() -> None:
        for _ in range(3):
            world.commit(price_basis=f"Basis {next(count)}")

    grow()
    assert_flat(lambda: client.get(url("commitment-list")), grow, rows=rows_of, at_most=12)
    secretariat = api_client(world.sec)
    assert_flat(
        lambda: secretariat.get(url("requirement-list")),
        lambda: [
            services.requirement_create(
                actor=world.sec,
                capability=f"C{next(count)}",
                quantity=1,
                needed_by=TODAY,
                receiving_parties=[world.requirement.receiving_parties.get()],
                release="members",
            )
            for _ in range(3)
        ],
        rows=rows_of,
        at_most=12,
    )
    found = client.get(url("commitment-list"), {"state": "proposed"}).json()["results"]
    assert len(found) == 6
