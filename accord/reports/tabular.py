"""The one CSV/XLSX writer and reader of Accord. Every module's exports and imports go
through here, so that every file a user downloads or uploads is encoded the same way.

Writing
-------
- **CSV**: UTF-8 with a byte-order mark (so that spreadsheet programs read Cyrillic
  correctly), CRLF line endings (RFC 4180), minimal quoting. Dates and times are written
  in ISO 8601, `None` as an empty cell. `csv_stream` yields line by line, for a streamed
  response of any size.
- **XLSX** (openpyxl, write-only mode: memory stays flat however many rows): dates,
  times and numbers are stored as real dates and numbers, not text. A time-zone-aware
  datetime is written in the current time zone (a spreadsheet has no time zones).
- **Formula injection** (OWASP "CSV injection"): a text cell starting with `=`, `+`, `-`,
  `@`, a tab or a carriage return would be run as a formula by a spreadsheet. In CSV it
  is written with a leading apostrophe, and so is a text starting with an apostrophe, so
  that the reader strips exactly one leading apostrophe and gets back what was written.
  In XLSX the stored value is never changed: such a cell is written with the string type,
  so it is text and never a formula. (Only the control characters XLSX cannot hold at all
  are dropped from a text; and XML reads a stored carriage return back as a line feed.)

Reading
-------
- **CSV** in UTF-8, UTF-8 with a byte-order mark, or Windows-1251 (what Excel saves in a
  Russian locale), with `,` or `;` as delimiter (sniffed from the header line). A file
  with NUL bytes is not text and is refused.
- **XLSX**: the first sheet, values as stored (dates as `datetime`, numbers as `int` or
  `float`); `text()` turns a value into the text a CSV would have held. An XLSX file is
  a ZIP archive: before openpyxl opens it, its member count and total uncompressed size
  are checked against `ACCORD_XLSX_MAX_MEMBERS` (default 200) and
  `ACCORD_XLSX_MAX_UNPACKED_MB` (default 512), so a small "decompression bomb" is refused
  at once (Python's zipfile never inflates a member past its declared size); and no more
  than `ACCORD_IMPORT_MAX_ROWS` rows (default 1,000,000) are read from a sheet, whatever
  its declared dimension.
- Blank rows are skipped; every row carries its number in the file (1 = the first row),
  for error messages. `read_table` checks the header against the columns the caller
  knows and refuses missing or unknown ones with a translated message.

Errors are `TableError(row, message)`; each caller turns them into its own errors.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, NamedTuple

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

CSV = "csv"
XLSX = "xlsx"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
LINE_END = "\r\n"

# A text starting with one of these is a formula to a spreadsheet (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CSV_GUARDED = (*FORMULA_STARTS, "'")
_CHUNK = 1 << 20


# --- Cells ------------------------------------------------------------------------------------


def is_formula_like(value: Any) -> bool:
    """Whether a spreadsheet would run this value as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> str:
    """A value as a CSV cell: ISO dates, empty for None, formula-like text guarded with a
    leading apostrophe (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(_CSV_GUARDED) else value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def csv_uncell(value: str) -> str:
    """What `csv_cell` was given, for a text read back from CSV."""
    return value[1:] if value.startswith("'") else value


def _xlsx_value(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    if isinstance(value, Promise):
        return str(value)
    return value


def text(value: Any) -> str:
    """A cell read from either format as the text a CSV would hold: stripped, empty for
    None, `3` for the float 3.0 a spreadsheet may store, ISO for a date (a datetime at
    midnight, as a spreadsheet stores a date, as the date alone)."""
    if type(value) is str:  # the common case first: every cell of a CSV
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


# --- Writing ----------------------------------------------------------------------------------


def _values(columns: Sequence[str], row: Sequence[Any] | Mapping[str, Any]) -> Sequence[Any]:
    if isinstance(row, Mapping):
        return [row.get(column) for column in columns]
    return row


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(
    columns: Sequence[str], rows: Iterable[Sequence[Any] | Mapping[str, Any]]
) -> Iterator[str]:
    """The table as CSV text, line by line: BOM, header, rows. Rows are sequences in the
    order of `columns`, or mappings keyed by them."""
    writer = csv.writer(_Echo(), lineterminator=LINE_END)
    yield BOM
    yield writer.writerow([csv_cell(str(c)) for c in columns])
    for row in rows:
        yield writer.writerow([csv_cell(v) for v in _values(columns, row)])


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any] | Mapping[str, Any]]) -> str:
    """The whole table as CSV text (see `csv_stream`)."""
    return "".join(csv_stream(columns, rows))


def csv_bytes(columns: Sequence[str], rows: Iterable[Sequence[Any] | Mapping[str, Any]]) -> bytes:
    return csv_text(columns, rows).encode("utf-8")


@dataclass
class Sheet:
    """One sheet of a workbook: title (at most 31 characters), header, rows, and the
    layout a document may ask for (column widths, wrapped top-aligned cells, a bold and
    frozen header)."""

    title: str
    columns: Sequence[Any]
    rows: Iterable[Sequence[Any] | Mapping[str, Any]]
    widths: Sequence[float] = ()
    wrap: bool = False
    bold_header: bool = False
    freeze_header: bool = False
    keys: Sequence[str] = field(default_factory=tuple)  # mapping keys when not the columns


def _xlsx_cell(sheet: Any, value: Any, *, font: Any = None, alignment: Any = None) -> Any:
    from openpyxl.cell import WriteOnlyCell

    value = _xlsx_value(value)
    if font is None and alignment is None and not is_formula_like(value):
        return value  # a plain value: cheaper than a cell object in a large export
    cell = WriteOnlyCell(sheet, value=value)
    if is_formula_like(value):
        cell.data_type = "s"  # text, never a formula; the value stays as it is
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """A workbook with one sheet per `Sheet` (write-only mode: memory stays flat)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    for spec in sheets:
        sheet: Any = workbook.create_sheet(title=spec.title[:31])
        for index, width in enumerate(spec.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        if spec.freeze_header:
            sheet.freeze_panes = "A2"
        bold = Font(bold=True) if spec.bold_header else None
        wrapped = Alignment(wrap_text=True, vertical="top") if spec.wrap else None
        sheet.append([_xlsx_cell(sheet, str(c), font=bold) for c in spec.columns])
        keys = spec.keys or [str(c) for c in spec.columns]
        for row in spec.rows:
            sheet.append([_xlsx_cell(sheet, v, alignment=wrapped) for v in _values(keys, row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Reading ----------------------------------------------------------------------------------


class TableError(ValueError):
    """A file that cannot be read: `row` is its row number (0: the file as a whole)."""

    def __init__(self, row: int, message: Any) -> None:
        super().__init__(str(message))
        self.row = row
        self.message = message


def detect_format(file_name: str, head: bytes = b"") -> str | None:
    """`xlsx` or `csv` from the file name (or the ZIP signature), None for neither."""
    name = file_name.lower()
    if name.endswith(".xlsx") or head.startswith(b"PK\x03\x04"):
        return XLSX
    if name.endswith((".csv", ".txt")):
        return CSV
    return None


def _stream(source: bytes | str | IO[bytes]) -> IO[bytes] | str:
    if isinstance(source, bytes):
        return io.BytesIO(source)
    return source


def _scan(source: IO[bytes]) -> tuple[str, int]:
    """One pass over a CSV file: its encoding (UTF-8 when every byte decodes as UTF-8,
    Windows-1251 otherwise) and its number of lines. Refuses a file with NUL bytes."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    lines = 0
    for chunk in iter(lambda: source.read(_CHUNK), b""):
        if b"\x00" in chunk:
            raise TableError(0, _("The file is not UTF-8 or Windows-1251 text."))
        lines += chunk.count(b"\n")
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    source.seek(0)
    return ("utf-8-sig" if utf8 else "cp1251"), lines


def _delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


@dataclass
class RawTable:
    """The rows of a file as lists of cells, numbered, blank rows left out; `estimate` is
    the number of rows as far as it is known before reading them (for progress)."""

    rows: Iterator[tuple[int, list[Any]]]
    estimate: int

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        return self.rows


def _blank(cells: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _csv_rows(source: IO[bytes] | str, as_text: bool) -> RawTable:
    if isinstance(source, str):
        encoding, estimate = "", source.count("\n")
    else:
        encoding, estimate = _scan(source)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        # The wrapper lives only while the rows are read, and is detached after, so that
        # it never closes the caller's file.
        wrapper = None
        if isinstance(source, str):
            text_source: IO[str] = io.StringIO(source.removeprefix(BOM))
        else:
            wrapper = text_source = io.TextIOWrapper(source, encoding=encoding, newline="")
        number = 0
        try:
            first = text_source.readline()
            reader = csv.reader(itertools.chain([first], text_source), delimiter=_delimiter(first))
            for number, cells in enumerate(reader, start=1):
                if not "".join(cells).strip():
                    continue  # a blank row
                # csv_uncell (and text), inlined: a million-row import reads every cell here
                if as_text:
                    yield number, [(c[1:] if c[:1] == "'" else c).strip() for c in cells]
                else:
                    yield number, [c[1:] if c[:1] == "'" else c for c in cells]
        except csv.Error as exc:
            raise TableError(number + 1, _("Not valid CSV: %(err)s") % {"err": exc}) from exc
        finally:
            if wrapper is not None:
                with contextlib.suppress(ValueError):  # the file was closed meanwhile
                    wrapper.detach()

    return RawTable(rows(), max(0, estimate - 1))


def xlsx_limits() -> tuple[int, int, int]:
    """(members, uncompressed bytes, rows) an uploaded workbook may hold (the settings)."""
    return (
        int(getattr(settings, "ACCORD_XLSX_MAX_MEMBERS", 200)),
        int(getattr(settings, "ACCORD_XLSX_MAX_UNPACKED_MB", 512)) * 1024 * 1024,
        int(getattr(settings, "ACCORD_IMPORT_MAX_ROWS", 1_000_000)),
    )


def _check_archive(source: IO[bytes]) -> None:
    """Refuse a workbook whose ZIP holds too many members or unpacks too large, from its
    central directory alone (nothing is inflated). The file is left where it stood."""
    max_members, max_bytes, _rows = xlsx_limits()
    start = source.tell()
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise TableError(0, _("The file is not a readable XLSX workbook.")) from exc
    finally:
        source.seek(start)
    if len(members) > max_members:
        raise TableError(
            0,
            ngettext(
                "The workbook holds more files than the %(max)s one read.",
                "The workbook holds more files than the %(max)s read.",
                max_members,
            )
            % {"max": max_members},
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_bytes:
        raise TableError(
            0,
            _("The workbook unpacks to %(size)s MB; at most %(max)s MB are read.")
            % {"size": -(-unpacked // (1024 * 1024)), "max": max_bytes // (1024 * 1024)},
        )


def _xlsx_rows(source: IO[bytes], as_text: bool) -> RawTable:
    from openpyxl import load_workbook

    _check_archive(source)
    max_rows = xlsx_limits()[2]
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise TableError(0, _("The file is not a readable XLSX workbook.")) from exc
    if not workbook.worksheets:
        workbook.close()
        raise TableError(0, _("The workbook has no sheet."))
    sheet: Any = workbook.worksheets[0]
    estimate = max(0, (sheet.max_row or 1) - 1)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > max_rows:
                    raise TableError(
                        number,
                        ngettext(
                            "The sheet has more than %(max)s row; no more are read.",
                            "The sheet has more than %(max)s rows; no more are read.",
                            max_rows,
                        )
                        % {"max": max_rows},
                    )
                if not _blank(values):
                    yield number, [text(v) for v in values] if as_text else list(values)
        finally:
            workbook.close()

    return RawTable(rows(), estimate)


def read_rows(
    source: bytes | str | IO[bytes], *, file_format: str, as_text: bool = False
) -> RawTable:
    """The rows of a CSV (bytes, text or a binary file) or XLSX file, without a header
    check (see the module docstring). A binary file is read from where it stands and is
    left open. With `as_text`, every cell is `text(cell)` (stripped text, in both
    formats)."""
    stream = _stream(source)
    if file_format == XLSX:
        if isinstance(stream, str):
            raise TableError(0, _("The file is not a readable XLSX workbook."))
        return _xlsx_rows(stream, as_text)
    return _csv_rows(stream, as_text)


class Row(NamedTuple):
    """One row read from a file: its number in the file (1 = the header) and its values
    by lower-case column name (text from CSV, typed values from XLSX). A tuple, not a
    dataclass: a million-row import makes a million of them."""

    number: int
    data: dict[str, Any]


@dataclass
class Table:
    """A file whose header has been checked: the header's column names (lower-case), the
    estimated number of rows, and the rows."""

    columns: list[str]
    estimate: int
    rows: Iterator[Row]

    def __iter__(self) -> Iterator[Row]:
        return self.rows


def _names(columns: Iterable[str]) -> str:
    return ", ".join(columns)


def read_table(
    source: bytes | str | IO[bytes],
    *,
    file_format: str = CSV,
    required: Sequence[str],
    optional: Sequence[str] = (),
    ignored: Sequence[str] = (),
    as_text: bool = False,
) -> Table:
    """Read a file whose first row names its columns. Raises TableError for a missing or
    unknown column, an empty file, a row with more values than columns, or a file that is
    not CSV or XLSX; the rows themselves are read as the caller iterates. `as_text`: as
    in `read_rows`."""
    raw = read_rows(source, file_format=file_format, as_text=as_text)
    first = next(raw.rows, None)
    if first is None:
        raise TableError(0, _("The file is empty."))
    header_row, cells = first
    header = [text(c).lower() for c in cells]
    while header and not header[-1]:
        header.pop()
    missing = [c for c in required if c not in header]
    if missing:
        raise TableError(header_row, _("Missing columns: %(cols)s.") % {"cols": _names(missing)})
    known = {*required, *optional, *ignored}
    unknown = [c for c in header if c not in known]
    if unknown:
        raise TableError(header_row, _("Unknown columns: %(cols)s.") % {"cols": _names(unknown)})
    width = len(header)
    empty = "" if file_format == CSV or as_text else None

    def rows() -> Iterator[Row]:
        for number, values in raw.rows:
            if len(values) > width:
                if not _blank(values[width:]):
                    raise TableError(number, _("More values than columns."))
                values = values[:width]
            elif len(values) < width:
                values = [*values, *([empty] * (width - len(values)))]
            yield Row(number, dict(zip(header, values, strict=True)))

    return Table(header, raw.estimate, rows())
