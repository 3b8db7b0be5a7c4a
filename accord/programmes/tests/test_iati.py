"""The IATI 2.03 export validates against the official XSD (shipped as a fixture)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xmlschema
from django.urls import reverse
from django.utils import timezone

from accord.programmes import services
from accord.programmes.iati import activities_xml
from accord.programmes.tests.conftest import OFFICER, financed, make_programme

XSD = Path(__file__).parent / "fixtures" / "iati-2.03" / "iati-activities-schema.xsd"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(XSD)


def test_a_financed_programme_with_a_child_is_valid_iati(officer, party, schema):
    programme = financed(officer)
    services.participant_add(actor=officer, programme=programme, party=party("KAZ"), role="funding")
    services.programme_update(
        actor=officer,
        programme=programme,
        version=1,
        funder_reference="KZ-MOD-2026-4",
        planned_start=dt.date(2026, 1, 1),
        planned_end=dt.date(2026, 12, 31),
    )
    services.contribution_record(
        actor=officer,
        programme=programme,
        party=party("KAZ"),
        kind="cash",
        amount="200000.00",
        currency="RUB",
        value_date=dt.date(2026, 2, 1),
    )
    services.transaction_record(
        actor=officer,
        programme=programme,
        type=3,
        amount="150000.00",
        currency="RUB",
        value_date=dt.date(2026, 3, 1),
        provider=party("RUS"),
        receiver=party("KAZ"),
        description="Training centre",
    )
    child = make_programme(officer, identifier="CSTO-PRG-1-A", parent=programme)
    body = activities_xml([programme, child], generated=timezone.now())
    schema.validate(body)  # raises, naming the element, when not valid
    root = ET.fromstring(body)  # noqa: S314 - our own output, just validated
    first = root.find("iati-activity")
    assert first is not None
    assert first.findtext("iati-identifier") == "CSTO-PRG-1"
    roles = {(o.get("ref"), o.get("role")) for o in first.findall("participating-org")}
    assert {("RUS", "3"), ("KAZ", "1")} <= roles
    assert [t.find("transaction-type").get("code") for t in first.findall("transaction")] == [
        "1",
        "3",
    ]
    assert first.find("related-activity").get("ref") == "CSTO-PRG-1-A"


def test_a_bare_proposal_is_valid_and_an_invalid_file_is_caught(officer, schema):
    body = activities_xml([make_programme(officer)], generated=timezone.now())
    schema.validate(body)
    broken = body.replace(b"<activity-status", b"<activity-state")
    assert not schema.is_valid(broken)


def test_the_download_is_read_through_the_access_rule(client, officer, make_user, schema):
    programme = financed(officer)
    client.force_login(make_user("KAZ"))
    answer = client.get(reverse("programmes:programme-iati", args=[programme.pk]))
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/xml")
    schema.validate(answer.content)
    client.force_login(make_user("IRN", roles=OFFICER))
    assert client.get(reverse("programmes:programme-iati", args=[programme.pk])).status_code == 404


def test_planned_disbursements_are_valid_iati_and_detail_is_by_role(
    client, officer, make_user, party, schema
):
    programme = financed(officer)
    services.planned_disbursement_add(
        actor=officer,
        programme=programme,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        amount="250000.00",
        currency="RUB",
        provider=party("RUS"),
        receiver=party("KAZ"),
    )
    services.transaction_record(
        actor=officer,
        programme=programme,
        type=3,
        amount="100.00",
        currency="RUB",
        value_date=dt.date(2026, 2, 1),
    )
    url = reverse("programmes:programme-iati", args=[programme.pk])
    client.force_login(make_user("KAZ", roles=["finance_officer"]))
    full = client.get(url).content
    schema.validate(full)
    activity = ET.fromstring(full).find("iati-activity")  # noqa: S314 - our own output
    [plan] = activity.findall("planned-disbursement")
    assert plan.get("type") == "1" and plan.findtext("value") == "250000.00"
    assert plan.find("receiver-org").get("ref") == "KAZ"
    assert len(activity.findall("transaction")) == 1
    client.force_login(make_user("KAZ", roles=["programme_officer"]))
    totals = client.get(url).content
    schema.validate(totals)
    activity = ET.fromstring(totals).find("iati-activity")  # noqa: S314 - our own output
    assert activity.findall("planned-disbursement") == []
    assert activity.findall("transaction") == []
    assert activity.findall("budget") != []
