"""The conformity matrix as a workbook (XLSX through `accord.reports.tabular`), and back.

The first sheet, "cells", holds one row per (provision, state) the reader may see, the
cell's fields and its version: the sheet a state fills and re-imports. The second,
"matrix", is the same as a grid for reading (provisions down, states across).

Reading (`read_cells`) checks the header and every row (dates, statuses, versions) and
names the row of the first bad value; it writes nothing: the service does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _gettext

from accord.legislation.models import CellStatus
from accord.legislation.selectors import Matrix
from accord.reports import tabular

COLUMNS = (
    "act",
    "provision_eid",
    "provision",
    "state",
    "status",
    "national_act",
    "national_provisions",
    "enacted_on",
    "in_force_on",
    "evidence",
    "deviation_note",
    "version",
)
REQUIRED = ("act", "provision_eid", "state", "status", "version")


def matrix_xlsx(matrix: Matrix) -> bytes:
    """The matrix as a workbook (what the reader may see; a hidden cell is a blank row)."""
    rows = []
    for provision in matrix.provisions:
        for state in matrix.states:
            cell = matrix.cells.get((provision.eid, state.code))
            rows.append(
                (
                    matrix.act.number,
                    provision.eid,
                    provision.num or provision.heading_en,
                    state.code,
                    cell.status if cell else "",
                    cell.national_act.frbr_work if cell and cell.national_act else "",
                    cell.national_provisions if cell else "",
                    cell.enacted_on if cell else None,
                    cell.in_force_on if cell else None,
                    cell.evidence if cell else "",
                    cell.deviation_note if cell else "",
                    cell.version if cell else None,
                )
            )
    grid = [
        [provision.eid]
        + [
            (c.status if (c := matrix.cells.get((provision.eid, s.code))) else "")
            for s in matrix.states
        ]
        for provision in matrix.provisions
    ]
    return tabular.xlsx_bytes(
        [
            tabular.Sheet("cells", COLUMNS, rows, bold_header=True, freeze_header=True),
            tabular.Sheet(
                "matrix",
                ["provision", *[s.code for s in matrix.states]],
                grid,
                bold_header=True,
                freeze_header=True,
            ),
        ]
    )


@dataclass(frozen=True)
class CellRow:
    number: int
    act: str
    provision_eid: str
    state: str
    status: str
    national_act: str
    fields: dict[str, Any]
    version: int | None


class RowError(ValueError):
    def __init__(self, row: int, message: Any) -> None:
        super().__init__(str(message))
        self.row = row
        self.message = message


def _date(row: int, name: str, value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise RowError(
            row, _gettext("%(name)s is not a date (YYYY-MM-DD).") % {"name": name}
        ) from exc


def read_cells(content: bytes, *, file_format: str = tabular.XLSX) -> list[CellRow]:
    """The rows of a matrix workbook (or CSV of the same columns), checked."""
    try:
        table = tabular.read_table(
            content,
            file_format=file_format,
            required=REQUIRED,
            optional=[c for c in COLUMNS if c not in REQUIRED],
            as_text=True,
        )
        rows = list(table)
    except tabular.TableError as exc:
        raise RowError(exc.row, exc.message) from exc
    out = []
    for number, data in rows:
        status = data.get("status", "")
        if status and status not in CellStatus.values:
            raise RowError(number, _gettext("Unknown status: %(value)s.") % {"value": status})
        version_text = data.get("version", "")
        try:
            version = int(version_text) if version_text else None
        except ValueError as exc:
            raise RowError(number, _gettext("The version is not a number.")) from exc
        out.append(
            CellRow(
                number=number,
                act=data["act"],
                provision_eid=data["provision_eid"],
                state=data["state"].upper(),
                status=status,
                national_act=data.get("national_act", ""),
                fields={
                    "national_provisions": data.get("national_provisions", ""),
                    "enacted_on": _date(number, "enacted_on", data.get("enacted_on", "")),
                    "in_force_on": _date(number, "in_force_on", data.get("in_force_on", "")),
                    "evidence": data.get("evidence", ""),
                    "deviation_note": data.get("deviation_note", ""),
                },
                version=version,
            )
        )
    return out
