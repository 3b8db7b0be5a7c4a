"""The module's downloads, shared by the pages and the API (whatever a page exports, the
API exports too): the matrix as XLSX and as a PDF report, model and national acts as
Akoma Ntoso XML. Each takes a record already read through its selector (`visible_to`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.http import HttpResponse

from accord.legislation import akn, exchange, selectors, services
from accord.legislation.models import ModelAct, NationalAct
from accord.reports import tabular

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def matrix_xlsx(*, actor: User, act: ModelAct) -> HttpResponse:
    """The matrix as a workbook: the cells the reader may see (it re-imports)."""
    content = exchange.matrix_xlsx(selectors.matrix_get(actor=actor, act=act))
    return attachment(content, tabular.XLSX_CONTENT_TYPE, f"matrix-{act.number}.xlsx")


def matrix_pdf(*, actor: User, act: ModelAct, at: dt.date | None, language: str) -> HttpResponse:
    """The matrix report (the matrix, then one section per state), as at `at` if given."""
    from django.utils import timezone

    from accord.reports.pdf import render_pdf

    matrix = selectors.matrix_get(actor=actor, act=act, at=at)
    labels = as_at_labels()
    rows = [
        (
            provision,
            [
                (
                    state,
                    matrix.cells.get((provision.eid, state.code)),
                    matrix.as_at.get((provision.eid, state.code)),
                    labels.get(matrix.as_at.get((provision.eid, state.code), ""), ""),
                )
                for state in matrix.states
            ],
        )
        for provision in matrix.provisions
    ]
    context = {
        "act": act,
        "matrix": matrix,
        "rows": rows,
        "rollups": [(s, matrix.rollups[s.code]) for s in matrix.states],
        "by_state": [
            (s, [(p, matrix.cells.get((p.eid, s.code))) for p in matrix.provisions])
            for s in matrix.states
        ],
        "generated": timezone.now(),
    }
    content = render_pdf("legislation/report/matrix.html", context, language=language)
    return attachment(content, "application/pdf", f"matrix-{act.number}.pdf")


def as_at_labels() -> dict[str, object]:
    """What an "as at" value reads as: a status, or in force / enacted not in force /
    not yet enacted."""
    from django.utils.translation import gettext_lazy as _

    from accord.legislation.domain import conformity
    from accord.legislation.models import CellStatus

    return {
        **dict(CellStatus.choices),
        conformity.IN_FORCE: _("In force"),
        conformity.ENACTED_NOT_IN_FORCE: _("Enacted, not yet in force"),
        conformity.NOT_YET_ENACTED: _("Not yet enacted"),
    }


XML = "application/xml; charset=utf-8"


def national_akn(act: NationalAct) -> HttpResponse:
    """The national act as an Akoma Ntoso 3.0 document."""
    return attachment(akn.national_act_xml(act), XML, f"national-act-{act.pk}.akn.xml")


def model_act_akn(act: ModelAct, language: str) -> HttpResponse:
    """The current version of a model act as an Akoma Ntoso 3.0 document."""
    language = "ru" if language == "ru" else "en"
    content = akn.model_act_xml(act, services.current_version(act), language=language)
    return attachment(content, XML, f"model-act-{act.number}-{language}.akn.xml")
