"""Disposal or return closing an item's obligations, discrepancy reports opened by hand,
end-use checks planned by risk class, the ATT report's withheld lines counted only, and
the UNROCA return's optional sections."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accord.core.errors import Conflict, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent
from accord.provision import exports, services
from accord.provision.models import Discrepancy, EndUseCheck
from accord.provision.tests.world import TODAY


@pytest.fixture
def delivered(world):
    world.clear()
    commitment = world.authorise(world.commit())
    world.deliver(commitment, ["P-1", "P-2", "P-3"])
    return commitment


def _dispose(world, commitment, party, serials, **extra):
    return services.disposal_record(
        actor=world.kaz,
        commitment=commitment,
        kind=extra.pop("kind", "disposal"),
        method="Destroyed by crushing",
        done_on=extra.pop("done_on", TODAY),
        witnesses=[party("KAZ"), party("RUS")],
        serials=serials,
        **extra,
    )


def test_a_disposal_closes_its_serials_and_then_the_commitments_checks(world, delivered, party):
    check = services.check_schedule(
        actor=world.rus, commitment=delivered, kind="routine", risk="low", due_on=TODAY
    )
    certificate = SimpleUploadedFile("cert.pdf", b"%PDF-1.4 certificate")
    disposal = _dispose(world, delivered, party, ["P-1"], certificate=certificate)
    import hashlib

    assert disposal.certificate_sha256 == hashlib.sha256(b"%PDF-1.4 certificate").hexdigest()
    assert sorted(p.code for p in disposal.witnesses.all()) == ["KAZ", "RUS"]
    with pytest.raises(Conflict):  # no retransfer of a disposed item
        services.retransfer_request(
            actor=world.kaz,
            commitment=delivered,
            serials=["P-1"],
            recipient=party("BLR"),
            purpose="x",
        )
    with pytest.raises(Conflict):  # disposed of once only
        _dispose(world, delivered, party, ["P-1"])
    check.refresh_from_db()
    assert check.closed_reason == ""  # P-2 and P-3 are still under obligations
    request = services.retransfer_request(
        actor=world.kaz,
        commitment=delivered,
        serials=["P-2"],
        recipient=party("BLR"),
        purpose="Training",
    )
    _dispose(world, delivered, party, ["P-2", "P-3"], kind="return")
    check.refresh_from_db()
    assert check.closed_reason and not services.checks_overdue(TODAY + dt.timedelta(days=9))
    assert services.checks_plan(today=TODAY + dt.timedelta(days=400)) == 0
    services.retransfer_consent(
        actor=world.rus_legal, request=request, version=1, consent=True, text="Yes."
    )
    with pytest.raises(Conflict):  # returned meanwhile: it no longer moves
        services.retransfer_complete(
            actor=world.kaz, request=request, version=2, serials=["P-2"], recipient=party("BLR")
        )
    assert AuditEvent.objects.filter(action="provision.disposal.record").count() == 2
    assert AuditEvent.objects.filter(action="provision.check.close").count() == 1


def test_a_disposal_is_refused_bad_input_and_outsiders(world, delivered, party):
    with pytest.raises(ValidationFailed):  # never delivered
        _dispose(world, delivered, party, ["NOPE"])
    with pytest.raises(ValidationFailed):  # neither serials nor a number
        _dispose(world, delivered, party, [])
    with pytest.raises(ValidationFailed):
        services.disposal_record(
            actor=world.kaz,
            commitment=delivered,
            kind="disposal",
            method="x",
            done_on=TODAY,
            witnesses=[],
            serials=["P-1"],
        )
    with pytest.raises(ValidationFailed):  # a date to come
        _dispose(world, delivered, party, ["P-1"], done_on=dt.date(2999, 1, 1))
    with pytest.raises(PermissionDenied):  # the Secretariat sees it, takes no part in it
        services.disposal_record(
            actor=world.sec,
            commitment=delivered,
            kind="disposal",
            method="x",
            done_on=TODAY,
            witnesses=[party("ARM")],
            serials=["P-1"],
        )


def test_disposal_through_the_api_and_the_page(world, delivered, api_client, client, party):
    url = reverse("provision-api:commitment-disposals", args=[delivered.pk])
    kaz = api_client(world.kaz)
    assert kaz.post(url, {"kind": "burn"}, format="json").status_code == 400
    assert (
        kaz.post(
            url,
            {"kind": "disposal", "method": "x", "done_on": "2026-06-05", "witnesses": []},
            format="json",
        ).status_code
        == 400
    )
    done = kaz.post(
        url,
        {
            "kind": "disposal",
            "method": "Cut",
            "done_on": TODAY.isoformat(),
            "witnesses": ["KAZ"],
            "serials": ["P-1"],
        },
        format="json",
    )
    assert done.status_code == 201, done.json()
    assert done.json()["disposals"][0]["serials"] == ["P-1"]
    client.force_login(world.kaz)
    page = reverse("provision:commitment-disposal", args=[delivered.pk])
    assert client.get(page).status_code == 200
    assert client.post(page, {"kind": "disposal"}).status_code == 400
    ok = client.post(
        page,
        {
            "kind": "return",
            "method": "Shipped back",
            "done_on": TODAY.isoformat(),
            "serials": "P-2",
            "witnesses": [party("RUS").pk],
        },
    )
    assert ok.status_code == 302
    detail = client.get(reverse("provision:commitment-detail", args=[delivered.pk]))
    assert 'data-testid="disposals"' in detail.content.decode()
    assert "Shipped back" in detail.content.decode()
    # The timeline speaks sentences (the kernel's labels), not action codes.
    assert "Recorded the disposal or return of items" in detail.content.decode()
    assert ">provision.disposal.record<" not in detail.content.decode()


def test_a_discrepancy_report_by_hand(world, delivered, api_client):
    consignment = delivered.consignments.get()
    inspection = services.inspection_record(
        actor=world.kaz,
        consignment=consignment,
        inspected_on=TODAY,
        received_serials=["P-1", "P-2", "P-3"],
    )
    report = services.discrepancy_report(
        actor=world.kaz,
        inspection=inspection,
        kind="wrong_item",
        description="P-2 is a different model.",
        serials=["P-2"],
    )
    assert (report.kind, report.quantity, report.state) == ("wrong_item", 1, "open")
    with pytest.raises(ValidationFailed):  # shortages are found by reconciliation
        services.discrepancy_report(
            actor=world.kaz, inspection=inspection, kind="shortage", description="x"
        )
    with pytest.raises(ValidationFailed):
        services.discrepancy_report(
            actor=world.kaz, inspection=inspection, kind="documentation", description=" "
        )
    with pytest.raises(ValidationFailed):
        services.discrepancy_report(
            actor=world.kaz,
            inspection=inspection,
            kind="documentation",
            description="x",
            serials=["ZZZ"],
        )
    url = reverse("provision-api:inspection-discrepancies", args=[inspection.pk])
    api = api_client(world.rus)
    assert api.post(url, {"kind": "damage", "description": "x"}, format="json").status_code == 400
    made = api.post(
        url, {"kind": "documentation", "description": "Packing list missing."}, format="json"
    )
    assert made.status_code == 201 and made.json()["description"] == "Packing list missing."
    assert api_client(world.arm).post(url, {}, format="json").status_code == 404
    assert Discrepancy.objects.filter(kind="documentation").count() == 1


def test_checks_are_planned_by_risk_class(world, delivered):
    check = services.check_schedule(
        actor=world.rus, commitment=delivered, kind="on_site", risk="high", due_on=TODAY
    )
    assert services.checks_plan(today=TODAY) == 0  # a check is pending
    services.check_rate(
        actor=world.rus,
        check=check,
        rating="favourable",
        justification="All items at the site.",
        done_on=TODAY,
    )
    assert services.checks_plan(today=TODAY) == 1
    planned = EndUseCheck.objects.exclude(pk=check.pk).get()
    assert (planned.kind, planned.risk) == ("enhanced", "high")
    assert planned.due_on == TODAY + dt.timedelta(days=services.CHECK_SCHEDULE["high"][1])
    assert services.checks_plan(today=TODAY) == 0  # twice a day plans nothing more
    # The daily job plans, then reminds of what is overdue.
    later = planned.due_on + dt.timedelta(days=1)
    assert services.checks_remind(today=later) == 1


def test_the_att_report_counts_withheld_lines_without_showing_them(world, party):
    world.clear()
    commitment = world.authorise(world.commit(quantity=5))
    consignment = services.consignment_record(
        actor=world.rus, commitment=commitment, reference="CN-W", dispatched_on=TODAY
    )
    for serial, withheld in (("W-1", True), ("W-2", False)):
        services.line_add(
            actor=world.rus,
            consignment=consignment,
            identifiers=[{"scheme": "NSN", "value": serial}],
            description=f"Drone {serial}",
            category="IV",
            quantity=1,
            serials=[serial],
            title_holder=party("KAZ"),
            operational_controller=party("KAZ"),
            withheld=withheld,
        )
    services.consignment_deliver(actor=world.kaz, consignment=consignment, delivered_on=TODAY)
    report = services.return_prepare(actor=world.kaz, kind="att", year=TODAY.year)
    assert [r["description"] for r in report.rows] == ["Drone W-2"]
    assert services.withheld_count(report) == 1
    assert "W-1" not in exports.return_csv(report).decode("utf-8-sig")


def test_the_unroca_return_has_optional_holdings_and_production(world, delivered, api_client):
    ret = services.return_prepare(actor=world.rus, kind="unroca", year=TODAY.year)
    url = reverse("provision-api:return-sections", args=[ret.pk])
    api = api_client(world.rus)
    bad = api.post(
        url, {"version": 1, "holdings": [{"category": "X", "quantity": 1}]}, format="json"
    )
    assert bad.status_code == 400
    done = api.post(
        url,
        {
            "version": 1,
            "holdings": [{"category": "I", "quantity": 120, "description": "Battle tanks"}],
            "production": [{"category": "IV", "quantity": 4}],
        },
        format="json",
    )
    assert done.status_code == 200, done.json()
    assert done.json()["holdings"][0]["quantity"] == 120
    ret.refresh_from_db()
    csv = exports.return_csv(ret).decode("utf-8-sig").splitlines()
    assert csv[-2].startswith("holdings,,I,120") and csv[-1].startswith("production,,IV,4")
    assert api.post(url, {"version": 1}, format="json").status_code == 409  # stale
    assert api.post(url, {"version": 2**40}, format="json").status_code == 400  # no overflow
    assert api_client(world.kaz).post(url, {"version": 2}, format="json").status_code == 404
    services.return_submit(actor=world.rus, ret=ret, version=2)
    assert api.post(url, {"version": 3}, format="json").status_code == 409  # final


def test_the_sections_and_the_discrepancy_pages(world, delivered, client):
    ret = services.return_prepare(actor=world.rus, kind="unroca", year=TODAY.year)
    client.force_login(world.rus)
    detail = client.get(reverse("provision:return-detail", args=[ret.pk])).content.decode()
    assert 'data-testid="edit-sections"' in detail
    page = reverse("provision:return-sections", args=[ret.pk])
    assert client.post(page, {"holdings": "I; many"}).status_code == 400
    assert client.post(page, {"holdings": "XX; 3; Tanks"}).status_code == 400
    assert (
        client.post(page, {"holdings": "i; 120; Battle tanks", "production": ""}).status_code == 302
    )
    detail = client.get(reverse("provision:return-detail", args=[ret.pk])).content.decode()
    assert 'data-testid="return-holdings"' in detail and "Battle tanks" in detail
    client.force_login(world.kaz)  # another party's return: 404
    assert client.get(page).status_code == 404
    inspection = services.inspection_record(
        actor=world.kaz,
        consignment=delivered.consignments.get(),
        inspected_on=TODAY,
        received_serials=["P-1", "P-2", "P-3"],
    )
    report = services.discrepancy_report(
        actor=world.kaz, inspection=inspection, kind="documentation", description="No papers."
    )
    advance = reverse("provision:discrepancy-advance", args=[report.pk])
    assert client.post(advance, {"state": "resolved"}).status_code == 400  # say how
    assert client.post(advance, {"state": "resolved", "resolution": "Sent."}).status_code == 302
    report.refresh_from_db()
    assert (report.state, report.resolution) == ("resolved", "Sent.")


def test_the_home_desk_shows_what_awaits_a_party(world, delivered, client):
    inspection = services.inspection_record(
        actor=world.kaz,
        consignment=delivered.consignments.get(),
        inspected_on=TODAY,
        received_serials=["P-1", "P-2", "P-3"],
    )
    services.discrepancy_report(
        actor=world.kaz, inspection=inspection, kind="documentation", description="No papers."
    )
    Discrepancy.objects.update(due_on=dt.date(2000, 1, 1))
    client.force_login(world.kaz)
    html = client.get("/").content.decode()
    lines = html.split('data-testid="desk-line"')[1:]
    signing = next(line for line in lines if "Acceptance inspections to sign" in line)
    assert "<strong>1</strong>" in signing
    open_reports = next(line for line in lines if "Discrepancy reports open" in line)
    assert "1 overdue" in open_reports
    client.force_login(world.arm)  # Armenia takes no part: no provision line
    html = client.get("/").content.decode()
    assert "Acceptance inspections to sign" not in html
