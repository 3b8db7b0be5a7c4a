"""The exports: the statement as CSV and XLSX (real numbers), the report as PDF with its
marking, all read through the access rule; an unknown format is a 400."""

from __future__ import annotations

import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from accord.programmes import services
from accord.programmes.tests.conftest import OFFICER, financed


def _url(programme, kind):
    return reverse("programmes:programme-export", args=[programme.pk]) + f"?format={kind}"


def test_statement_csv_xlsx_and_report_pdf(client, officer, party, make_user):
    programme = financed(officer, total="1000000.01")
    services.contribution_record(
        actor=officer,
        programme=programme,
        party=party("RUS"),
        kind="cash",
        amount="350000.01",
        currency="RUB",
        value_date=dt.date(2026, 2, 1),
    )
    client.force_login(make_user("KAZ"))
    csv = client.get(_url(programme, "csv"))
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert "RUS;350000.01;350000.01;0.00;0.00;0.00" in text.replace(",", ";")
    xlsx = client.get(_url(programme, "xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["TJK"][5] == 100000  # arrears, a number
    pdf = client.get(_url(programme, "pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    page = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "CSTO-PRG-1" in page and "RESTRICTED" in page.upper()
    assert client.get(_url(programme, "doc")).status_code == 400
    client.force_login(make_user("IRN", roles=OFFICER))
    assert client.get(_url(programme, "csv")).status_code == 404


def test_milestones_as_icalendar(client, officer, party, make_user):
    programme = financed(officer)
    services.work_package_add(
        actor=officer,
        programme=programme,
        wbs_code="1",
        title="Gate; review, one",
        owner=party("RUS"),
        start=dt.date(2026, 1, 1),
        finish=dt.date(2026, 6, 30),
        budget_at_completion="0",
        milestone=True,
    )
    client.force_login(make_user("KAZ"))
    answer = client.get(reverse("programmes:programme-ical", args=[programme.pk]))
    text = answer.content.decode()
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/calendar")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20260630" in text and "Gate\\; review\\, one" in text
    assert "DTSTART;VALUE=DATE:20260301" in text  # the call's due date
    client.force_login(make_user("IRN", roles=OFFICER))
    assert client.get(reverse("programmes:programme-ical", args=[programme.pk])).status_code == 404
