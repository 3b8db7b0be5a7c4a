"""The matrix as XLSX: export, fill in, re-import (round trip), and the import's refusals
(a bad row rejects the whole file, naming the row; other states' rows are left alone)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from accord.core.errors import ValidationFailed
from accord.legislation import exchange, selectors, services
from accord.legislation.models import ConformityCell

STATE = ["parliamentary_officer"]


def _workbook(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def _save(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(sheet, eid: str, state: str) -> int:
    header = [c.value for c in sheet[1]]
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if row[header.index("provision_eid")] == eid and row[header.index("state")] == state:
            return number
    raise AssertionError((eid, state))


def test_round_trip(act, make_user, client):
    kaz = make_user("KAZ", roles=STATE)
    national = services.national_create(
        actor=kaz,
        kind="law",
        title="Закон",
        frbr_work="/akn/kz/act/2025/45",
        enacted_on=dt.date(2025, 2, 10),
        in_force_on=dt.date(2025, 7, 1),
    )
    services.cell_save(
        actor=kaz, act=act, provision_eid="art_1", status="with_changes", deviation_note="=1+1"
    )
    services.cell_save(
        actor=make_user("RUS", roles=STATE), act=act, provision_eid="art_1", status="transposed"
    )
    client.force_login(kaz)
    download = client.get(reverse("legislation:act-matrix-xlsx", args=[act.pk]))
    assert download.status_code == 200
    content = download.content
    # Exported as written: the formula-like note stays text; re-importing it changes nothing.
    rows = exchange.read_cells(content)
    assert len(rows) == 3 * 6  # three provisions, six member states
    unchanged = services.matrix_import(actor=kaz, act=act, content=content)
    assert (unchanged.saved, unchanged.unchanged, unchanged.other_states) == (0, 1, 15)

    book = _workbook(content)
    sheet = book["cells"]
    header = [c.value for c in sheet[1]]
    line = _row(sheet, "art_2", "KAZ")
    sheet.cell(line, header.index("status") + 1, "transposed")
    sheet.cell(line, header.index("national_act") + 1, "/akn/kz/act/2025/45")
    sheet.cell(line, header.index("enacted_on") + 1, dt.datetime(2025, 2, 10))
    sheet.cell(line, header.index("in_force_on") + 1, dt.datetime(2025, 7, 1))
    # A Russian row changed in the file is left alone: not Kazakhstan's column.
    sheet.cell(_row(sheet, "art_1", "RUS"), header.index("status") + 1, "not_transposed")
    upload = io.BytesIO(_save(book))
    upload.name = "matrix.xlsx"
    answer = client.post(reverse("legislation:act-matrix-import", args=[act.pk]), {"file": upload})
    assert answer.status_code == 302
    cell = ConformityCell.objects.get(owner__code="KAZ", provision_eid="art_2")
    assert (cell.status, cell.national_act, cell.in_force_on) == (
        "transposed",
        national,
        dt.date(2025, 7, 1),
    )
    assert ConformityCell.objects.get(owner__code="RUS").status == "transposed"
    again = exchange.read_cells(exchange.matrix_xlsx(selectors.matrix_get(actor=kaz, act=act)))
    kaz_rows = {r.provision_eid: r for r in again if r.state == "KAZ"}
    assert kaz_rows["art_2"].national_act == "/akn/kz/act/2025/45"
    assert kaz_rows["art_1"].fields["deviation_note"] == "=1+1"


def test_a_bad_row_rejects_the_file(act, make_user):
    kaz = make_user("KAZ", roles=STATE)
    content = exchange.matrix_xlsx(selectors.matrix_get(actor=kaz, act=act))
    book = _workbook(content)
    sheet = book["cells"]
    header = [c.value for c in sheet[1]]
    sheet.cell(_row(sheet, "art_1", "KAZ"), header.index("status") + 1, "transposed")
    bad_line = _row(sheet, "art_2", "KAZ")
    sheet.cell(bad_line, header.index("status") + 1, "probably")
    with pytest.raises(ValidationFailed) as refused:
        services.matrix_import(actor=kaz, act=act, content=_save(book))
    assert f"Row {bad_line}" in str(refused.value.errors["file"][0])
    sheet.cell(bad_line, header.index("status") + 1, "with_changes")  # needs a note
    with pytest.raises(ValidationFailed) as note:
        services.matrix_import(actor=kaz, act=act, content=_save(book))
    assert f"Row {bad_line}" in str(note.value.errors["file"][0])
    assert not ConformityCell.objects.exists()  # nothing of the file is stored
    with pytest.raises(ValidationFailed):
        services.matrix_import(actor=kaz, act=act, content=b"not a workbook")


def test_pdf_report_with_the_matrix_and_each_state(act, make_user, client):
    import pypdf

    kaz = make_user("KAZ", roles=STATE)
    services.cell_save(
        actor=kaz,
        act=act,
        provision_eid="art_1",
        status="with_changes",
        deviation_note="Narrower scope",
        enacted_on=dt.date(2025, 6, 1),
    )
    client.force_login(kaz)
    answer = client.get(
        reverse("legislation:act-matrix-pdf", args=[act.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(answer.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 1 + 6  # the matrix, then one page per member state
    assert "Narrower scope" in text and act.number in text
