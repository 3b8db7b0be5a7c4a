"""The one CSV/XLSX writer and reader: what is written reads back the same, XLSX holds
real dates and numbers, formula-like text is never a formula and (in XLSX) never altered,
and the reader takes the files people actually have (cp1251, `;`, a BOM)."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation
from openpyxl import load_workbook

from accord.reports import tabular
from accord.reports.tabular import CSV, XLSX, Sheet, TableError

COLUMNS = ["name", "listed_on", "count", "share", "seen_at", "note"]
ROWS: list[list[Any]] = [
    ["ООО «Ромашка»", dt.date(2024, 3, 1), 12, 0.25, None, "plain"],
    [
        'Smith, John "Jack"',
        dt.date(1999, 12, 31),
        -4,
        Decimal("55.125"),
        dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        "two\nlines",
    ],
]
FORMULAS = ['=HYPERLINK("http://x")', "+7 900", "-1+1", "@SUM(A1)", "\tcmd", "\rcmd"]


def _read(content: bytes | str, file_format: str = CSV, **kwargs: Any) -> list[tabular.Row]:
    return list(tabular.read_table(content, file_format=file_format, required=COLUMNS, **kwargs))


# --- CSV --------------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_and_crlf() -> None:
    text = tabular.csv_text(COLUMNS, ROWS)
    assert text.startswith("\ufeffname,listed_on,")
    assert text.count("\r\n") == 3  # header and two rows; the cell's own newline stays "\n"
    assert '"two\nlines"' in text
    assert ",2024-03-01,12,0.25,,plain\r\n" in text
    assert "2025-01-02T03:04:05+00:00" in text


def test_csv_round_trip_gives_the_same_values_as_text() -> None:
    rows = _read(tabular.csv_bytes(COLUMNS, ROWS))
    assert [r.number for r in rows] == [2, 3]
    assert rows[0].data == {
        "name": "ООО «Ромашка»",
        "listed_on": "2024-03-01",
        "count": "12",
        "share": "0.25",
        "seen_at": "",
        "note": "plain",
    }
    assert rows[1].data["name"] == 'Smith, John "Jack"'
    assert rows[1].data["share"] == "55.125"
    assert dt.datetime.fromisoformat(rows[1].data["seen_at"]) == ROWS[1][4]
    assert rows[1].data["note"] == "two\nlines"


def test_rows_may_be_mappings_keyed_by_column() -> None:
    text = tabular.csv_text(["a", "b"], [{"b": 2, "a": 1}, {"a": "x"}])
    assert text == "\ufeffa,b\r\n1,2\r\nx,\r\n"


def test_csv_guards_formula_like_text_and_reads_it_back_unchanged() -> None:
    values = [*FORMULAS, "'quoted", "ok"]
    text = tabular.csv_text(["v"], [[v] for v in values])
    lines = text.removeprefix("\ufeff").split("\r\n")
    assert lines[1] == '"\'=HYPERLINK(""http://x"")"'
    for line in lines[1:-2]:
        assert line.lstrip('"').startswith("'"), line
    assert lines[-2] == "ok"
    read = [row[0] for _n, row in tabular.read_rows(text.encode(), file_format=CSV)][1:]
    assert read == values


def test_numbers_are_not_guarded_only_text_is() -> None:
    text = tabular.csv_text(["n", "t"], [[-5, "-5"]])
    assert text.endswith("-5,'-5\r\n")


def test_the_writer_streams_line_by_line() -> None:
    endless = ([n, f"row {n}"] for n in itertools.count())
    lines = list(itertools.islice(tabular.csv_stream(["n", "text"], endless), 4))
    assert lines == ["\ufeff", "n,text\r\n", "0,row 0\r\n", "1,row 1\r\n"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_in_each_encoding_and_delimiter_people_save(encoding: str, delimiter: str) -> None:
    header = delimiter.join(COLUMNS)
    body = delimiter.join(["Иванов; Пётр" if delimiter == "," else "Иванов, Пётр", "2024-01-05"])
    content = f"{header}\r\n{body}{delimiter * 4}\r\n".encode(encoding)
    (row,) = _read(content)
    assert row.number == 2
    assert row.data["name"] == ("Иванов; Пётр" if delimiter == "," else "Иванов, Пётр")
    assert row.data["listed_on"] == "2024-01-05" and row.data["note"] == ""


def test_a_file_object_is_read_in_place_and_left_open() -> None:
    source = io.BytesIO("name;listed_on;count;share;seen_at;note\nЁж;;;;;\n".encode("cp1251"))
    table = tabular.read_table(source, required=COLUMNS)
    assert table.estimate == 1
    assert [r.data["name"] for r in table] == ["Ёж"]
    assert not source.closed


def test_blank_lines_are_skipped_and_rows_keep_their_number_in_the_file() -> None:
    content = "name,listed_on,count,share,seen_at,note\n\n,,,,,\nx,,,,,\n"
    (row,) = _read(content)
    assert row.number == 4


def test_a_file_with_nul_bytes_is_not_text() -> None:
    with pytest.raises(TableError) as caught:
        _read(b"\xff\xfe\x00n\x00a\x00m\x00e")
    assert caught.value.row == 0 and "UTF-8" in str(caught.value.message)


# --- Header checks -----------------------------------------------------------------------------


def test_missing_and_unknown_columns_are_refused_with_a_translated_message() -> None:
    with pytest.raises(TableError) as missing:
        _read("name,count\nx,1\n")
    assert missing.value.row == 1
    assert "listed_on" in str(missing.value.message) and "Missing" in str(missing.value.message)
    with pytest.raises(TableError) as unknown:
        tabular.read_table("name,colour\nx,red\n", required=["name"], optional=["note"])
    assert unknown.value.row == 1 and "colour" in str(unknown.value.message)
    with translation.override("ru"), pytest.raises(TableError) as russian:
        tabular.read_table("name,colour\nx,red\n", required=["name"])
    assert "colour" in str(russian.value.message)
    assert str(russian.value.message) != str(unknown.value.message)


def test_optional_and_ignored_columns_and_header_case() -> None:
    table = tabular.read_table(
        " Name ,ID\nx,7\n", required=["name"], optional=["note"], ignored=["id"]
    )
    assert table.columns == ["name", "id"]
    assert [r.data for r in table] == [{"name": "x", "id": "7"}]


def test_more_values_than_columns_names_the_row() -> None:
    table = tabular.read_table("name\nx\ny,z\n", required=["name"])
    with pytest.raises(TableError) as caught:
        list(table)
    assert caught.value.row == 3


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(TableError):
        tabular.read_table(b"", required=["name"])


# --- XLSX -----------------------------------------------------------------------------------


def test_xlsx_round_trip_keeps_dates_and_numbers_typed() -> None:
    content = tabular.xlsx_bytes([Sheet("Лист 1", COLUMNS, ROWS)])
    rows = _read(content, XLSX)
    first, second = (r.data for r in rows)
    assert first["name"] == "ООО «Ромашка»"
    assert first["listed_on"] == dt.datetime(2024, 3, 1)  # a spreadsheet date
    assert tabular.text(first["listed_on"]) == "2024-03-01"
    assert first["count"] == 12 and isinstance(first["count"], int)
    assert first["share"] == 0.25 and first["seen_at"] is None
    assert second["count"] == -4 and second["share"] == pytest.approx(55.125)
    # An aware time is written in the current time zone (UTC in the tests).
    assert second["seen_at"] == dt.datetime(2025, 1, 2, 3, 4, 5)
    assert second["note"] == "two\nlines"
    book = load_workbook(io.BytesIO(content))
    sheet = book["Лист 1"]
    assert sheet["B2"].is_date and sheet["C2"].data_type == "n" and sheet["D3"].data_type == "n"


def test_xlsx_formula_like_text_is_stored_unchanged_as_text() -> None:
    content = tabular.xlsx_bytes([Sheet("s", ["v"], [[v] for v in [*FORMULAS, "'quoted"]])])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # An XML parser may turn a stored carriage return into a line feed when the file is
    # read (the format's line-end normalisation, not the guard; lxml keeps it): apart from
    # that, every value is as written.
    written = [*FORMULAS, "'quoted"]
    expected = [v.replace("\r", "\n") for v in written]

    def normalised(values: list) -> list:
        return [v.replace("\r", "\n") for v in values]

    assert normalised([c.value for c in cells]) == expected
    assert all(c.data_type == "s" for c in cells), [c.data_type for c in cells]
    read = [r[0] for _n, r in tabular.read_rows(content, file_format=XLSX)][1:]
    assert normalised(read) == expected


def test_xlsx_drops_only_the_control_characters_it_cannot_hold() -> None:
    content = tabular.xlsx_bytes([Sheet("s", ["v"], [["bell\x07 and tab\tstay"]])])
    assert [r[0] for _n, r in tabular.read_rows(content, file_format=XLSX)][1:] == [
        "bell and tab\tstay"
    ]


def test_xlsx_layout_options_and_several_sheets() -> None:
    content = tabular.xlsx_bytes(
        [
            Sheet(
                "one",
                ["a", "b"],
                [[1, "x"]],
                widths=(8, 60),
                wrap=True,
                bold_header=True,
                freeze_header=True,
            ),
            Sheet("two", ["c"], [{"c": dt.date(2020, 1, 1)}]),
        ]
    )
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["one", "two"]
    one = book["one"]
    assert one["A1"].font.bold and one.freeze_panes == "A2"
    assert one.column_dimensions["B"].width == 60 and one["B2"].alignment.wrap_text
    assert not book["two"]["A1"].font.bold and book["two"]["A2"].is_date


def test_a_file_that_is_not_xlsx_is_refused() -> None:
    with pytest.raises(TableError) as caught:
        tabular.read_table(b"not a zip", file_format=XLSX, required=["name"])
    assert caught.value.row == 0


def test_format_detection() -> None:
    assert tabular.detect_format("Items.XLSX") == XLSX
    assert tabular.detect_format("list.csv") == CSV
    assert tabular.detect_format("upload", b"PK\x03\x04rest") == XLSX
    assert tabular.detect_format("report.pdf") is None


def test_as_text_reads_both_formats_alike() -> None:
    columns = ["name", "count", "listed_on"]
    rows = [[" 'x ", 3, dt.date(2024, 3, 1)], ["=1", 2.0, None]]
    csv_rows = tabular.read_table(tabular.csv_bytes(columns, rows), required=columns, as_text=True)
    xlsx_rows = tabular.read_table(
        tabular.xlsx_bytes([Sheet("s", columns, rows)]),
        file_format=XLSX,
        required=columns,
        as_text=True,
    )
    expected = [
        {"name": "'x", "count": "3", "listed_on": "2024-03-01"},
        {"name": "=1", "count": "2.0", "listed_on": ""},
    ]
    assert [r.data for r in csv_rows] == expected
    expected[1]["count"] = "2"  # a spreadsheet keeps 2.0 as the number 2
    assert [r.data for r in xlsx_rows] == expected
