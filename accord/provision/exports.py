"""A return as CSV, XLSX (`accord.reports.tabular`, with its formula guard) and a PDF
preview (`accord.reports.pdf`). UNROCA columns follow the Register's order: exporter or
importer state, category, number of items, state of origin, intermediate location,
description, comments; the ATT report's follow its template (authorised or actual
numbers, value, description), withheld rows only counted."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from accord.provision.models import Return
from accord.reports import tabular
from accord.reports.pdf import render_pdf

UNROCA_KEYS = (
    "direction",
    "counterpart",
    "category",
    "quantity",
    "origin",
    "intermediate",
    "description",
    "comments",
)
ATT_KEYS = ("direction", "counterpart", "category", "quantity", "value", "currency", "description")


def columns(ret: Return) -> tuple[list[str], tuple[str, ...]]:
    if ret.kind == Return.Kind.UNROCA:
        names = [
            _("Direction"),
            _("Exporter or importer state"),
            _("Category"),
            _("Number of items"),
            _("State of origin (if not exporter)"),
            _("Intermediate location"),
            _("Description"),
            _("Comments"),
        ]
        return names, UNROCA_KEYS
    names = [
        _("Direction"),
        _("Exporter or importer state"),
        _("Category"),
        _("Number of items"),
        _("Value"),
        _("Currency"),
        _("Description"),
    ]
    return names, ATT_KEYS


SECTIONS = ("holdings", "production")


def rows(ret: Return) -> list[list[Any]]:
    """The return's rows; a UNROCA return's optional sections (military holdings,
    procurement through national production) follow, their direction naming the section."""
    _names, keys = columns(ret)
    out = [[row.get(key, "") for key in keys] for row in ret.rows]
    if ret.kind == Return.Kind.UNROCA:
        for section in SECTIONS:
            for row in getattr(ret, section) or []:
                data = {"direction": section, **row}
                out.append([data.get(key, "") for key in keys])
    return out


def return_csv(ret: Return) -> bytes:
    names, _keys = columns(ret)
    return tabular.csv_bytes(names, rows(ret))


def return_xlsx(ret: Return) -> bytes:
    names, _keys = columns(ret)
    title = f"{ret.kind.upper()} {ret.year} {ret.owner.code}"[:31]
    return tabular.xlsx_bytes(
        [tabular.Sheet(title=title, columns=names, rows=rows(ret), bold_header=True)]
    )


def return_pdf(ret: Return, language: str) -> bytes:
    from django.utils.translation import override

    with override(language):
        names, _keys = columns(ret)
        context = {
            "ret": ret,
            "columns": names,
            "rows": rows(ret),
            "withheld": sum(int(n) for n in ret.withheld),
        }
        return render_pdf("provision/report/return.html", context, language=language)
