"""Issue 17, point 6: an XLSX decompression bomb is refused before openpyxl opens it.

A 249 KB workbook took the item import 184 s and 611 MB before a row was read. The
kernel's reader (`tabular._xlsx_rows`, under every import: items, watchlist, comments)
now checks the ZIP's member count and total uncompressed size first, and caps the rows.
"""

from __future__ import annotations

import io
import time
import zipfile
from typing import Any

import pytest
from django.urls import reverse

from accord.reports import tabular

_MB = 1024 * 1024


def _bomb(unpacked_mb: int = 600) -> bytes:
    """A real workbook whose sheet holds `unpacked_mb` MB of blank space between its XML
    elements: small on the wire, valid to openpyxl, huge once inflated (written chunk by
    chunk: the test never holds the inflated data)."""
    source = zipfile.ZipFile(io.BytesIO(tabular.xlsx_bytes([tabular.Sheet("s", ["a"], [])])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                z.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            with z.open(info.filename, "w", force_zip64=True) as member:
                member.write(head + b"<sheetData>")
                chunk = b" " * _MB
                for _ in range(unpacked_mb):
                    member.write(chunk)
                member.write(tail)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = _bomb()
    assert len(data) < 1 * _MB  # small on the wire
    return data


def test_a_decompression_bomb_is_refused_at_once_naming_the_limit(bomb: bytes) -> None:
    started = time.monotonic()
    with pytest.raises(tabular.TableError) as raised:
        tabular.read_rows(bomb, file_format=tabular.XLSX)
    assert time.monotonic() - started < 2
    # 600 MB of sheet and a few bytes more, rounded up.
    assert str(raised.value) == "The workbook unpacks to 601 MB; at most 512 MB are read."


def test_too_many_members_are_refused(settings: Any) -> None:
    settings.ACCORD_XLSX_MAX_MEMBERS = 20
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(21):
            archive.writestr(f"xl/m{n}.xml", "<x/>")
    with pytest.raises(tabular.TableError, match="more files than the 20 read"):
        tabular.read_rows(buffer.getvalue(), file_format=tabular.XLSX)


def test_rows_are_capped_whatever_the_sheet_declares(settings: Any) -> None:
    data = tabular.xlsx_bytes([tabular.Sheet("s", ["a"], [[n] for n in range(10)])])
    settings.ACCORD_IMPORT_MAX_ROWS = 11  # the header and ten rows
    assert len(list(tabular.read_rows(data, file_format=tabular.XLSX))) == 11
    settings.ACCORD_IMPORT_MAX_ROWS = 5
    with pytest.raises(tabular.TableError, match="more than 5 rows") as raised:
        list(tabular.read_rows(data, file_format=tabular.XLSX))
    assert raised.value.row == 6


def test_a_workbook_within_the_limits_still_reads(settings: Any) -> None:
    data = tabular.xlsx_bytes([tabular.Sheet("s", ["a", "b"], [["x", 1]])])
    rows = list(tabular.read_rows(data, file_format=tabular.XLSX))
    assert [cells for _n, cells in rows] == [["a", "b"], ["x", 1]]


@pytest.mark.django_db
def test_the_watchlist_import_answers_a_translated_400(
    bomb: bytes, make_user: Any, api_client: Any, client: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    officer = make_user("RUS", roles=["customs_officer"])
    response = api_client(officer).post(
        reverse("trafficking-api:watchlist-entity-import"),
        {"file": SimpleUploadedFile("bomb.xlsx", bomb)},
        format="multipart",
    )
    assert response.status_code == 400
    assert "at most 512 MB are read" in response.content.decode()
    client.force_login(officer)
    page = client.post(
        reverse("trafficking:watchlist-import"), {"file": SimpleUploadedFile("bomb.xlsx", bomb)}
    )
    assert page.status_code == 400
    assert "at most 512 MB are read" in page.content.decode()
