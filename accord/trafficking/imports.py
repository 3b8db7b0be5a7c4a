"""Bulk import and export of a party's register of items, in CSV and XLSX.

One transaction per file: every row is checked, items are inserted in batches
(`bulk_create`), and a bad row rejects the whole file with its row number and the reason —
nothing of it is stored. One audit event records the import (row count and the file's
SHA-256), not one per row.

Progress: the importer is a generator (`item_import_steps`) that yields an
`ImportProgress` after each batch *inside* its transaction. The command line draws a
progress bar from it; the page streams it to the browser as the response body (see
`views/items.py`). Nothing about progress is written to the database, so progress needs no
second transaction and the one-transaction rule holds. If the consumer stops iterating
(a closed browser tab), the generator is closed inside the transaction and it rolls back.

Rows are checked by hand rather than by `full_clean` per row: the checks are the model's
own (choices, lengths, the ISO code, year range, clearance), a thousand times cheaper,
which is what lets a million-row file import in about a minute.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_event
from accord.core.errors import PermissionDenied, ValidationFailed
from accord.core.models import Classification, Party, Release
from accord.expertise.models import WeaponSystem
from accord.reports import tabular
from accord.trafficking.domain.normalise import fold_marking, fold_name
from accord.trafficking.models.items import Item, ItemImport, ItemKind, MakeModel
from accord.trafficking.permissions import may_keep_register

COLUMNS = [
    "kind",
    "manufacturer",
    "model",
    "serial_number",
    "other_markings",
    "country_of_manufacture",
    "year_of_manufacture",
    "status",
    "classification",
    "release",
    "released_to",
    "system_id",
]
REQUIRED = ("kind", "serial_number")
IGNORED = ("id", "owner", "version", "created_at", "updated_at")  # in exports, not imported
BATCH_SIZE = 5000
MAX_TEXT = {"manufacturer": 200, "model": 200, "serial_number": 100}
_ALPHA3 = re.compile(r"^[A-Z]{3}$")


@dataclass
class ImportProgress:
    """Where an import stands: rows done, rows expected (an estimate until the end), and
    the finished ItemImport once the file is in."""

    done: int
    total: int
    finished: ItemImport | None = None

    @property
    def percent(self) -> int:
        if self.finished is not None:
            return 100
        return min(99, int(100 * self.done / self.total)) if self.total else 0


def row_error(row: int, message: Any) -> ValidationFailed:
    return ValidationFailed.single(
        "file", _("Row %(row)s: %(reason)s") % {"row": row, "reason": message}
    )


# --- Reading files --------------------------------------------------------------------------


def _sha256(source: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: source.read(1 << 20), b""):
        digest.update(chunk)
    source.seek(0)
    return digest.hexdigest()


def detect_format(file_name: str) -> str:
    found = tabular.detect_format(file_name)
    if found == tabular.XLSX:
        return ItemImport.Format.XLSX
    if found == tabular.CSV:
        return ItemImport.Format.CSV
    raise ValidationFailed.single("file", _("Upload a CSV or XLSX file."))


def _table_error(exc: tabular.TableError) -> ValidationFailed:
    if exc.row:
        return row_error(exc.row, exc.message)
    return ValidationFailed.single("file", exc.message)


# --- Checking rows ----------------------------------------------------------------------------


class _RowReader:
    """Turns cells into Item objects, checking each the way the model would."""

    def __init__(self, actor: Any, party: Party) -> None:
        self.actor = actor
        self.party = party
        self.parties = {p.code: p.pk for p in Party.objects.filter(active=True)}
        self.systems: dict[int, bool] = {}
        self.kinds = set(ItemKind.values)
        self.statuses = set(Item.Status.values)
        self.releases = set(Release.values)
        self.make_models: dict[tuple[str, str], int | None] = {}
        self.reference: dict[str, list[MakeModel]] = {}
        for entry in MakeModel.objects.all():
            for key in entry.keys:
                self.reference.setdefault(key, []).append(entry)

    def _make_model(self, manufacturer: str, model: str) -> int | None:
        key = (manufacturer, model)
        if key not in self.make_models:
            found: int | None = None
            model_key = fold_name(model)
            entries = self.reference.get(model_key, []) if model_key else []
            maker_key = fold_name(manufacturer)
            if maker_key:
                entries = [e for e in entries if maker_key in e.keys] or entries
            if len(entries) == 1 or (entries and maker_key):
                found = entries[0].pk
            self.make_models[key] = found
        return self.make_models[key]

    def _system(self, row_no: int, text: str) -> int | None:
        if not text:
            return None
        try:
            pk = int(text)
        except ValueError:
            raise row_error(row_no, _("system_id must be a number.")) from None
        if pk not in self.systems:
            self.systems[pk] = WeaponSystem.objects.visible_to(self.actor).filter(pk=pk).exists()
        if not self.systems[pk]:
            raise row_error(row_no, _("no such weapon system: %(id)s.") % {"id": pk})
        return pk

    def read(self, row_no: int, cells: dict[str, Any]) -> tuple[tuple[Any, ...], list[int]]:
        values = cells  # text (read with as_text); a column the file lacks reads as ""
        kind = values.get("kind", "")
        if kind not in self.kinds:
            raise row_error(row_no, _("unknown kind: %(value)s.") % {"value": kind})
        serial = values.get("serial_number", "")
        serial_norm = fold_marking(serial)
        if not serial_norm:
            raise row_error(row_no, _("the serial number is empty."))
        for name, limit in MAX_TEXT.items():
            if len(values.get(name, "")) > limit:
                raise row_error(
                    row_no,
                    _("%(column)s is longer than %(limit)s characters.")
                    % {"column": name, "limit": limit},
                )
        status = values.get("status") or Item.Status.IN_SERVICE
        if status not in self.statuses:
            raise row_error(row_no, _("unknown status: %(value)s.") % {"value": status})
        country = values.get("country_of_manufacture", "").upper()
        if country and not _ALPHA3.match(country):
            raise row_error(
                row_no, _("country_of_manufacture must be an ISO alpha-3 code, e.g. KAZ.")
            )
        year: int | None = None
        if values.get("year_of_manufacture"):
            try:
                year = int(values["year_of_manufacture"])
            except ValueError:
                year = -1
            if not 1800 <= year <= 2100:
                raise row_error(row_no, _("year_of_manufacture must be a year (1800-2100)."))
        classification = Classification.RESTRICTED
        if values.get("classification"):
            try:
                classification = Classification(int(values["classification"]))
            except ValueError:
                raise row_error(row_no, _("classification must be 0, 1, 2 or 3.")) from None
        if classification > self.actor.clearance:
            raise row_error(row_no, _("the classification is above your clearance."))
        release = values.get("release") or Release.OWNER
        if release not in self.releases:
            raise row_error(row_no, _("unknown release: %(value)s.") % {"value": release})
        listed: list[int] = []
        for code in filter(
            None, (c.strip().upper() for c in values.get("released_to", "").split(";"))
        ):
            if code not in self.parties:
                raise row_error(row_no, _("unknown party: %(code)s.") % {"code": code})
            listed.append(self.parties[code])
        manufacturer = values.get("manufacturer", "")
        model = values.get("model", "")
        markings = values.get("other_markings", "")
        row = (
            kind,
            manufacturer,
            model,
            serial,
            serial_norm,
            markings,
            fold_marking(markings),
            country,
            year,
            status,
            int(classification),
            release,
            self._system(row_no, values.get("system_id", "")),
            self._make_model(manufacturer, model) if model else None,
        )
        return row, listed


# --- The import ---------------------------------------------------------------------------


def item_import_steps(
    *,
    actor: Any,
    source: IO[bytes],
    file_name: str,
    batch_size: int = BATCH_SIZE,
) -> Iterator[ImportProgress]:
    """Import a CSV or XLSX file into the actor's party's register, yielding progress after
    each batch and, last, the finished import. Raises ValidationFailed naming the row on
    the first bad row; the transaction then rolls back and nothing is stored."""
    party = party_of(actor)
    if party is None or not may_keep_register(actor):
        raise PermissionDenied()
    file_format = detect_format(file_name)
    sha256 = _sha256(source)
    try:
        table = tabular.read_table(
            source,
            file_format=file_format,
            required=REQUIRED,
            optional=COLUMNS,
            ignored=IGNORED,
            as_text=True,
        )
    except tabular.TableError as exc:
        raise _table_error(exc) from exc
    total = table.estimate

    with transaction.atomic():
        batch = ItemImport.objects.create(
            owner=party,
            actor=actor,
            file_name=file_name[:255],
            file_format=file_format,
            sha256=sha256,
        )
        yield ImportProgress(0, total)
        reader = _RowReader(actor, party)
        writer = _Writer(party.pk, batch.pk)
        pending: list[tuple[tuple[Any, ...], list[int]]] = []
        done = 0
        try:
            for row in table:
                pending.append(reader.read(row.number, row.data))
                if len(pending) >= batch_size:
                    done += writer.insert(pending)
                    pending = []
                    yield ImportProgress(done, max(total, done))
        except tabular.TableError as exc:
            raise _table_error(exc) from exc
        done += writer.insert(pending)
        if done == 0:
            raise ValidationFailed.single("file", _("The file has no rows."))
        batch.row_count = done
        batch.save(update_fields=["row_count"])
        record_event(
            actor=actor,
            action="trafficking.item.import",
            obj=batch,
            after={
                "file_name": batch.file_name,
                "format": file_format,
                "rows": done,
                "sha256": sha256,
            },
        )
        yield ImportProgress(done, done, finished=batch)


# The columns the importer writes, in the order `_RowReader.read` gives them.
ROW_FIELDS = (
    "kind",
    "manufacturer",
    "model",
    "serial_number",
    "serial_norm",
    "other_markings",
    "markings_norm",
    "country_of_manufacture",
    "year_of_manufacture",
    "status",
    "classification",
    "release",
    "system",
    "make_model",
)
_FIXED_FIELDS = ("owner", "imported_in", "version", "created_at", "updated_at")


class _Writer:
    """Writes checked rows inside the import's transaction.

    Rows go in through the database's bulk path — COPY on PostgreSQL, one executemany on
    SQLite — rather than `bulk_create`, whose per-value preparation costs more than the
    database itself (bench/RESULTS.md). Rows released to listed parties need their ids for
    the list, so those few go through `bulk_create`."""

    def __init__(self, owner_id: int, import_id: int) -> None:
        from django.db import connection
        from django.utils import timezone

        self.connection = connection
        now: Any = timezone.now()
        if connection.vendor != "postgresql":
            now = connection.ops.adapt_datetimefield_value(now)  # executemany skips the ORM
        # owner, imported_in, version, created_at, updated_at: the same for every row
        self.fixed: tuple[Any, ...] = (owner_id, import_id, 1, now, now)
        meta = Item._meta
        fields: list[Any] = [meta.get_field(name) for name in (*ROW_FIELDS, *_FIXED_FIELDS)]
        columns: list[str] = [field.column for field in fields]
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        self.table = connection.ops.quote_name(meta.db_table)
        self.columns = quoted
        marks = ", ".join(["%s"] * len(columns))
        self.insert_sql = f"INSERT INTO {self.table} ({quoted}) VALUES ({marks})"  # noqa: S608

    def insert(self, pending: list[tuple[tuple[Any, ...], list[int]]]) -> int:
        if not pending:
            return 0
        plain = [row + self.fixed for row, listed in pending if not listed]
        if plain:
            if self.connection.vendor == "postgresql":
                raw: Any = self.connection.connection
                copy_sql = f"COPY {self.table} ({self.columns}) FROM STDIN"
                with raw.cursor() as cursor, cursor.copy(copy_sql) as copy:
                    for row in plain:
                        copy.write_row(row)
            else:
                with self.connection.cursor() as cursor:
                    cursor.executemany(self.insert_sql, plain)
        listed_rows = [(row, listed) for row, listed in pending if listed]
        if listed_rows:
            self._insert_listed(listed_rows)
        return len(pending)

    def _insert_listed(self, rows: list[tuple[tuple[Any, ...], list[int]]]) -> None:
        owner_id, import_id = self.fixed[0], self.fixed[1]
        items = Item.objects.bulk_create(
            [
                Item(
                    owner_id=owner_id,
                    imported_in_id=import_id,
                    **{
                        (f"{name}_id" if name in ("system", "make_model") else name): value
                        for name, value in zip(ROW_FIELDS, row, strict=True)
                    },
                )
                for row, _listed in rows
            ]
        )
        through: Any = Item.released_to.through
        through.objects.bulk_create(
            [
                through(item_id=item.pk, party_id=party_id)
                for item, (_row, listed) in zip(items, rows, strict=True)
                for party_id in listed
            ]
        )


def item_import(
    *,
    actor: Any,
    source: IO[bytes],
    file_name: str,
    progress: Callable[[ImportProgress], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> ItemImport:
    """Import a file to the end (see `item_import_steps`); `progress` is called after each
    batch."""
    finished: ItemImport | None = None
    for step in item_import_steps(
        actor=actor, source=source, file_name=file_name, batch_size=batch_size
    ):
        if progress is not None:
            progress(step)
        finished = step.finished or finished
    assert finished is not None
    return finished


# --- Export -------------------------------------------------------------------------------

EXPORT_COLUMNS = ["id", "owner", *COLUMNS]


def export_rows(items: Iterable[Item]) -> Iterator[list[Any]]:
    """Rows of the export (codes, not labels, so that they mean the same in both languages
    and re-import), without the header. Pass items with `released_to` prefetched."""
    for item in items:
        yield [
            item.pk,
            item.owner.code,
            item.kind,
            item.manufacturer,
            item.model,
            item.serial_number,
            item.other_markings,
            item.country_of_manufacture,
            item.year_of_manufacture,
            item.status,
            int(item.classification),
            item.release,
            ";".join(sorted(p.code for p in item.released_to.all())),
            item.system_id,
        ]


def export_csv_chunks(items: Iterable[Item]) -> Iterator[str]:
    """The CSV export as text chunks, for a streamed response."""
    return tabular.csv_stream(EXPORT_COLUMNS, export_rows(items))


def export_xlsx(items: Iterable[Item]) -> bytes:
    return tabular.xlsx_bytes(
        [tabular.Sheet(title="items", columns=EXPORT_COLUMNS, rows=export_rows(items))]
    )
