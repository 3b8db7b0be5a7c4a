"""Exports: every table holds what the user may see and nothing else, in CSV and XLSX,
through the page and the API; query counts do not grow with the rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accord.core.models import AuditEvent, Release
from accord.core.tests.queries import assert_flat
from accord.trafficking import exports
from accord.trafficking.models import Item, TracingRequest

pytestmark = pytest.mark.django_db


def _csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def world(officers, joint_operation, record_incident, party):
    record_incident(
        "RUS",
        release=Release.OWNER,
        items=[("laser", "=HYPERLINK(1)", 1)],
        entities=["Иван Тестов"],
        operation=joint_operation,
    )
    record_incident("KAZ", release=Release.OWNER, items=[("laser", "HIDDEN-1", 1)])
    record_incident("RUS", release=Release.MEMBERS)
    not_released = record_incident("RUS", release=Release.OWNER)
    TracingRequest.objects.create(
        reference="T-EXP-1",
        owner=party("RUS"),
        requested_party=party("BLR"),
        incident=not_released,
        circumstances="c",
        grounds="g",
    )
    Item.objects.create(
        owner=party("KAZ"), kind="laser", serial_number="K-1", serial_norm="K1", release="owner"
    )


def test_csv_holds_only_visible_rows_and_guards_formulas(client, officers, world):
    client.force_login(officers["rus"])
    incidents = _csv(client.get(reverse("trafficking:export-csv", args=["incidents"])))
    assert {row["owner"] for row in incidents} == {"RUS"}
    assert len(incidents) == 3
    items = _csv(client.get(reverse("trafficking:export-csv", args=["incident-items"])))
    assert [row["serial_number"] for row in items] == ["'=HYPERLINK(1)"]
    entities = _csv(client.get(reverse("trafficking:export-csv", args=["incident-entities"])))
    assert entities[0]["name"] == "Иван Тестов"
    operations = _csv(client.get(reverse("trafficking:export-csv", args=["operations"])))
    assert operations[0]["participants"] == "KAZ;RUS"
    assert _csv(client.get(reverse("trafficking:export-csv", args=["items"]))) == []
    assert AuditEvent.objects.filter(action="trafficking.export").count() == 5


def test_references_to_hidden_records_are_left_out(client, officers, world):
    # Belarus sees the tracing request it was sent, but not the incident it is about.
    client.force_login(officers["blr"])
    rows = _csv(client.get(reverse("trafficking:export-csv", args=["tracing-requests"])))
    assert [(r["reference"], r["incident"]) for r in rows] == [("T-EXP-1", "")]


def test_unknown_table_is_404(client, officers):
    client.force_login(officers["rus"])
    assert client.get(reverse("trafficking:export-csv", args=["nothing"])).status_code == 404


def test_xlsx_workbook_has_a_sheet_per_table(client, officers, world):
    client.force_login(officers["kaz"])
    response = client.get(reverse("trafficking:export-xlsx", args=["all"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == list(exports.TABLE_CODES)
    rows = list(workbook["items"].values)
    assert rows[0][0] == "id"
    assert [r[5] for r in rows[1:]] == ["K-1"]
    incidents = list(workbook["incidents"].values)
    assert {r[1] for r in incidents[1:]} == {"KAZ", "RUS"}  # own, and Russia's released one


def test_xlsx_keeps_formula_text_unchanged_as_text_and_dates_as_dates(client, officers, world):
    client.force_login(officers["rus"])
    response = client.get(reverse("trafficking:export-xlsx", args=["all"]))
    workbook = load_workbook(io.BytesIO(response.content))
    items = workbook["incident-items"]
    column = [c.value for c in items[1]].index("serial_number") + 1
    cell = items.cell(row=2, column=column)
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"  # text, not a formula
    incidents = workbook["incidents"]
    column = [c.value for c in incidents[1]].index("occurred_on") + 1
    dates = [incidents.cell(row=r, column=column) for r in range(2, incidents.max_row + 1)]
    assert dates and all(c.is_date and isinstance(c.value, dt.datetime) for c in dates)
    text = _csv(client.get(reverse("trafficking:export-csv", args=["incidents"])))
    assert sorted(r["occurred_on"] for r in text) == sorted(
        c.value.date().isoformat() for c in dates
    )


def test_export_page_counts(client, officers, world):
    client.force_login(officers["rus"])
    response = client.get(reverse("trafficking:export"))
    assert response.status_code == 200
    assert 'data-testid="export-incidents"' in response.content.decode()


def test_export_page_in_russian(client, officers):
    client.force_login(officers["rus"])
    response = client.get(reverse("trafficking:export"), HTTP_ACCEPT_LANGUAGE="ru")
    assert '<html lang="ru">' in response.content.decode()


def test_api_lists_and_exports(api_client, officers, world):
    api = api_client(officers["rus"])
    tables = {t["code"]: t["rows"] for t in api.get("/api/v1/trafficking/export/").json()}
    assert tables["incidents"] == 3 and tables["items"] == 0
    response = api.get("/api/v1/trafficking/export/incidents/csv/")
    assert response.status_code == 200 and len(_csv(response)) == 3
    response = api.get("/api/v1/trafficking/export/operations/xlsx/")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["operations"]
    assert api.get("/api/v1/trafficking/export/nothing/csv/").status_code == 404


def test_query_count_does_not_grow_with_rows(client, officers, record_incident, party):
    """Every export has a row per record; more records cost no more queries."""
    made = itertools.count()

    def grow() -> None:
        for _ in range(5):
            n = next(made)
            record_incident("RUS", items=[("laser", f"Q-{n}", 1)], entities=[f"P {n}"])
            Item.objects.create(
                owner=party("RUS"), kind="laser", serial_number=f"R-{n}", serial_norm=f"R{n}"
            )

    def sheet_rows(response: Any) -> int:
        assert response.status_code == 200
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return sum(1 for _ in book["incidents"].iter_rows()) - 1

    grow()
    client.force_login(officers["rus"])
    xlsx = reverse("trafficking:export-xlsx", args=["all"])
    assert assert_flat(lambda: client.get(xlsx), grow, rows=sheet_rows, at_most=40) == (5, 10)
    for code in ("incidents", "items", "incident-items"):
        url = reverse("trafficking:export-csv", args=[code])
        assert_flat(lambda url=url: client.get(url), grow, rows=lambda r: len(_csv(r)), at_most=16)
