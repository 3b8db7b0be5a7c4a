"""Every provision table as CSV or XLSX, through one pattern: the table's code names
its rows (those the actor may see, from `services.interchange.table_rows`) and its
columns are the model's fields, written as the whole-module JSON export writes them
(party codes, usernames, ISO dates, codes not labels, lists as JSON), so a new field is
exported without touching this file. The encoding and the formula guard are
`accord.reports.tabular`'s."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.db import models
from django.http import HttpResponse

from accord.provision.services.interchange import TABLES, Writer, module_export, table_rows
from accord.reports import tabular

__all__ = [
    "TABLES",
    "TABLE_CODES",
    "columns",
    "csv_bytes",
    "module_response",
    "rows",
    "table_response",
    "xlsx_bytes",
]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TABLE_CODES = tuple(name for name, _model, _path in TABLES)


def columns(model: type[models.Model]) -> list[str]:
    names = ["id"]
    names += [f.name for f in model._meta.concrete_fields if not f.primary_key]
    names += [f.name for f in model._meta.many_to_many]
    return names


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return ";".join(value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def rows(actor: Any, code: str) -> tuple[list[str], Iterator[list[Any]]]:
    """The columns and rows of table `code` (KeyError for an unknown code)."""
    model, queryset = table_rows(actor, code)
    names = columns(model)
    writer = Writer(actor)

    def produce() -> Iterator[list[Any]]:
        for obj in queryset.iterator(chunk_size=2000):
            record = writer.record(obj)
            yield [_cell(record[name]) for name in names]

    return names, produce()


def csv_bytes(actor: Any, code: str) -> bytes:
    names, data = rows(actor, code)
    return tabular.csv_bytes(names, data)


def xlsx_bytes(actor: Any, code: str) -> bytes:
    names, data = rows(actor, code)
    return tabular.xlsx_bytes(
        [tabular.Sheet(title=code[:31], columns=names, rows=data, bold_header=True)]
    )


def table_response(actor: Any, code: str, file_format: str) -> HttpResponse:
    """Table `code` as CSV or XLSX, audited (a view function and an API view share it)."""
    from django.db import transaction

    from accord.core.audit import record_event
    from accord.core.errors import NotFound

    if code not in TABLE_CODES:
        raise NotFound()
    content = csv_bytes(actor, code) if file_format == "csv" else xlsx_bytes(actor, code)
    with transaction.atomic():
        record_event(
            actor=actor,
            action="provision.table.export",
            object_type="provision.module",
            object_repr=code,
            after={"table": code, "format": file_format},
        )
    mime = "text/csv; charset=utf-8" if file_format == "csv" else XLSX_TYPE
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="provision-{code}.{file_format}"'
    return response


def module_response(actor: Any) -> HttpResponse:
    import json

    from django.db import transaction
    from django.utils import timezone

    with transaction.atomic():
        data = module_export(actor=actor)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="provision-{stamp}.json"'
    return response
