"""After delivery: retransfer consent, end-use checks and holds, the returns (title-change
only for UNROCA; the ATT report offered only to parties bound on the period)."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.core.errors import Conflict, PermissionDenied, ValidationFailed
from accord.core.models import Notification, Party
from accord.provision import services
from accord.provision.models import Return
from accord.provision.tests.world import TODAY


@pytest.fixture
def delivered(world):
    world.clear()
    commitment = world.authorise(world.commit())
    world.deliver(commitment, ["P-1", "P-2", "P-3"])
    return commitment


def test_retransfer_is_blocked_without_consent_and_scoped_to_it(world, delivered, party):
    request = services.retransfer_request(
        actor=world.kaz,
        commitment=delivered,
        serials=["P-1", "P-2"],
        recipient=party("BLR"),
        purpose="Training unit",
    )
    with pytest.raises(Conflict):  # preferential terms: no consent yet
        services.retransfer_complete(
            actor=world.kaz, request=request, version=1, serials=["P-1"], recipient=party("BLR")
        )
    with pytest.raises(PermissionDenied):  # only the supplier consents
        services.retransfer_consent(
            actor=world.kaz, request=request, version=1, consent=True, text="ok"
        )
    services.retransfer_consent(
        actor=world.rus_legal,
        request=request,
        version=1,
        consent=True,
        text="Consent for P-1 only.",
        serials=["P-1"],
    )
    request.refresh_from_db()
    with pytest.raises(Conflict):  # P-2 is outside the consent
        services.retransfer_complete(
            actor=world.kaz,
            request=request,
            version=2,
            serials=["P-1", "P-2"],
            recipient=party("BLR"),
        )
    with pytest.raises(Conflict):  # another recipient is outside the consent
        services.retransfer_complete(
            actor=world.kaz, request=request, version=2, serials=["P-1"], recipient=party("ARM")
        )
    done = services.retransfer_complete(
        actor=world.kaz, request=request, version=2, serials=["P-1"], recipient=party("BLR")
    )
    assert done.state == "completed" and done.moved_serials == ["P-1"]
    with pytest.raises(ValidationFailed):  # serials never delivered
        services.retransfer_request(
            actor=world.kaz,
            commitment=delivered,
            serials=["NOPE"],
            recipient=party("BLR"),
            purpose="x",
        )


def test_an_unfavourable_check_holds_that_category_to_that_end_user(world, delivered):
    check = services.check_schedule(
        actor=world.rus,
        commitment=delivered,
        kind="on_site",
        risk="high",
        due_on=TODAY + dt.timedelta(days=30),
    )
    with pytest.raises(ValidationFailed):
        services.check_rate(
            actor=world.rus, check=check, rating="unfavourable", justification=" ", done_on=TODAY
        )
    services.check_rate(
        actor=world.rus,
        check=check,
        rating="unfavourable",
        justification="Two items not at the declared location.",
        done_on=TODAY,
    )
    assert Notification.objects.filter(kind="provision.unfavourable").exists()
    consignment = services.consignment_record(
        actor=world.rus, commitment=delivered, reference="CN-2", dispatched_on=TODAY
    )
    line = {
        "identifiers": [{"scheme": "NSN", "value": "1"}],
        "description": "Drone",
        "quantity": 1,
        "serials": ["Q-1"],
        "title_holder": Party.objects.get(code="KAZ"),
        "operational_controller": Party.objects.get(code="KAZ"),
    }
    with pytest.raises(Conflict):
        services.line_add(actor=world.rus, consignment=consignment, category="IV", **line)
    services.line_add(actor=world.rus, consignment=consignment, category="VII", **line)
    services.hold_lift(actor=world.rus_legal, hold=check.hold, reason="Items found; decision 7.")
    services.line_add(
        actor=world.rus, consignment=consignment, category="IV", **{**line, "serials": ["Q-2"]}
    )


def test_overdue_checks_are_reminded_once_a_week(world, delivered):
    services.check_schedule(
        actor=world.rus,
        commitment=delivered,
        kind="routine",
        risk="low",
        due_on=dt.date(2026, 1, 1),
    )
    assert services.checks_remind(today=dt.date(2026, 2, 1)) == 1
    assert services.checks_remind(today=dt.date(2026, 2, 2)) == 0
    assert services.checks_remind(today=dt.date(2026, 2, 9)) == 1


def test_unroca_return_counts_title_changes_only(world, delivered, party):
    contingent = world.commit(terms="contingent_owned", title_passes=False, title_to=None)
    world.authorise(contingent)
    world.deliver(contingent, ["C-1", "C-2"], title_holder="RUS")
    exported = services.return_prepare(actor=world.rus, kind="unroca", year=TODAY.year)
    assert [(r["direction"], r["counterpart"], r["quantity"]) for r in exported.rows] == [
        ("export", "KAZ", 3)
    ]
    imported = services.return_prepare(actor=world.kaz, kind="unroca", year=TODAY.year)
    assert [(r["direction"], r["counterpart"]) for r in imported.rows] == [("import", "RUS")]
    nil = services.return_prepare(actor=world.arm, kind="unroca", year=TODAY.year)
    assert nil.is_nil
    submitted = services.return_submit(actor=world.rus, ret=exported, version=1)
    assert submitted.state == Return.State.SUBMITTED
    with pytest.raises(Conflict):
        services.return_prepare(actor=world.rus, kind="unroca", year=TODAY.year)


def test_att_is_offered_only_to_parties_bound_on_the_period(world, delivered, party):
    assert services.att_bound(party("KAZ"), 2026) and not services.att_bound(party("RUS"), 2026)
    assert not services.att_bound(party("KAZ"), 2010)  # before its accession
    with pytest.raises(ValidationFailed):
        services.return_prepare(actor=world.rus, kind="att", year=2026)
    report = services.return_prepare(actor=world.kaz, kind="att", year=2026, public=True)
    assert [(r["direction"], r["counterpart"]) for r in report.rows] == [("import", "RUS")]


def test_a_return_exports_as_csv_xlsx_and_pdf_to_its_party_only(world, delivered, client):
    from django.urls import reverse

    from accord.core.tests.marked import body_text

    ret = services.return_prepare(actor=world.rus, kind="unroca", year=TODAY.year)
    export = reverse("provision:return-export", args=[ret.pk])
    client.force_login(world.rus)
    csv = client.get(export, {"format": "csv"})
    assert csv.status_code == 200
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Direction,Exporter or importer state,Category,Number of items")
    assert lines[1].startswith("export,KAZ,IV,3")
    xlsx = client.get(export, {"format": "xlsx"})
    assert xlsx.status_code == 200 and "KAZ" in body_text(xlsx)
    pdf = client.get(export, {"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.force_login(world.kaz)  # a return is its party's own (release OWNER)
    assert client.get(export, {"format": "csv"}).status_code == 404


def test_consent_on_the_page_and_the_register_export(world, delivered, client, party):
    from django.urls import reverse

    request = services.retransfer_request(
        actor=world.kaz,
        commitment=delivered,
        serials=["P-1", "P-2"],
        recipient=party("BLR"),
        purpose="Training",
    )
    client.force_login(world.kaz)  # the holder may not answer its own request
    detail = client.get(reverse("provision:retransfer-detail", args=[request.pk]))
    assert detail.status_code == 200 and 'data-testid="answer"' not in detail.content.decode()
    client.force_login(world.rus_legal)
    answer = reverse("provision:retransfer-consent", args=[request.pk])
    assert client.get(answer).status_code == 200
    done = client.post(answer, {"consent": "True", "text": "Consent: P-1 only.", "serials": "P-1"})
    assert done.status_code == 302
    request.refresh_from_db()
    assert (request.state, request.consented_serials) == ("consented", ["P-1"])
    csv = client.get(reverse("provision:register"), {"format": "csv"})
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert csv.status_code == 200 and lines[1].startswith(
        "KAZ,Reconnaissance drone,IV,3,P-1 P-2 P-3"
    )
    client.force_login(world.arm)  # Armenia sees no line of this commitment
    assert (
        len(client.get(reverse("provision:register"), {"format": "csv"}).content.splitlines()) == 1
    )
