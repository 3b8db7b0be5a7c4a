"""The conformity matrix's pages: the matrix of a model act (as recorded or as at a
date, with roll-ups and the uptake timeline), the form of the user's state's cell, and a
cell with its audited history."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_view
from accord.core.errors import NotFound, PermissionDenied
from accord.core.permissions import acting_user
from accord.core.web import Done, attempt, perform
from accord.legislation import exchange, selectors, services
from accord.legislation.domain import conformity
from accord.legislation.forms import AtForm, CellForm
from accord.legislation.models import CellStatus, ConformityCell
from accord.legislation.permissions import can_fill_column
from accord.legislation.views.common import SECTION, page
from accord.reports import tabular

AS_AT_LABELS: dict[str, Any] = {
    **dict(CellStatus.choices),
    conformity.IN_FORCE: _("In force"),
    conformity.ENACTED_NOT_IN_FORCE: _("Enacted, not yet in force"),
    conformity.NOT_YET_ENACTED: _("Not yet enacted"),
}


def _rows(matrix: selectors.Matrix) -> list[Any]:
    """(provision, [(state, cell, as-at value, its label) per state]) per provision."""
    return [
        (
            provision,
            [
                (
                    state,
                    matrix.cells.get((provision.eid, state.code)),
                    matrix.as_at.get((provision.eid, state.code)),
                    AS_AT_LABELS.get(matrix.as_at.get((provision.eid, state.code), ""), ""),
                )
                for state in matrix.states
            ],
        )
        for provision in matrix.provisions
    ]


@login_required
def act_matrix(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    at_form = AtForm(request.GET or None)
    at = at_form.cleaned_data.get("at") if at_form.is_valid() else None
    matrix = selectors.matrix_get(actor=user, act=act, at=at)
    party = party_of(user)
    rows = _rows(matrix)
    return page(
        request,
        "matrix.html",
        {
            "act": act,
            "matrix": matrix,
            "rows": rows,
            "rollups": [(s, matrix.rollups[s.code]) for s in matrix.states],
            "at_form": at_form,
            "my_column": party.code if party and can_fill_column(user) else None,
            "open": act.stage in services.matrix.MATRIX_STAGES,
        },
        400 if at_form.errors else 200,
    )


@login_required
def act_cell(request: HttpRequest, pk: int) -> HttpResponse:
    """The user's state's cell for one provision (`?eid=`): create or change it."""
    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    if not can_fill_column(user):
        raise PermissionDenied()
    eid = request.GET.get("eid", "")
    if not eid:  # no provision chosen: choose one on the matrix
        return redirect(f"{SECTION}:act-matrix", pk=act.pk)
    provision = services.current_version(act).provisions.filter(eid=eid).first()
    if provision is None:
        raise NotFound()
    cell = ConformityCell.objects.filter(act=act, provision_eid=eid, owner=party_of(user)).first()
    initial: dict[str, Any] = {"status": "transposed", "classification": act.classification}
    if cell is not None:
        initial = {name: getattr(cell, name) for name in services.CELL_FIELDS}
        initial["version"] = cell.version
    form = CellForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        clearance=user.clearance,
        versioned=cell is not None,
        national_acts=selectors.national_list(actor=user).filter(owner=party_of(user)),
    )
    if request.method == "POST":

        def save() -> Any:
            data = form.service_arguments()
            version = data.pop("version", None)
            return services.cell_save(
                actor=user, act=act, provision_eid=eid, version=version, **data
            )

        if perform(request, form, save, refusal_on_form=True, success=_("Saved.")) is Done.OK:
            return redirect(f"{SECTION}:act-matrix", pk=act.pk)
    return page(
        request,
        "cell_form.html",
        {"form": form, "act": act, "provision": provision, "cell": cell},
        400 if form.errors else 200,
    )


@login_required
def cell_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    cell = selectors.cell_get(actor=user, pk=pk)
    record_view(actor=user, obj=cell)
    return page(
        request, "cell_detail.html", {"cell": cell, "history": selectors.cell_history(cell)}
    )


@login_required
def act_matrix_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The matrix as a workbook: what the reader may see."""
    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    content = exchange.matrix_xlsx(selectors.matrix_get(actor=user, act=act))
    response = HttpResponse(content, content_type=tabular.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="matrix-{act.number}.xlsx"'
    return response


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Workbook (XLSX) or CSV"))


@login_required
def act_matrix_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a filled workbook into the user's state's column."""
    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    if not can_fill_column(user):
        raise PermissionDenied()
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":

        def run() -> Any:
            upload = form.cleaned_data["file"]
            kind = tabular.detect_format(upload.name) or tabular.XLSX
            return services.matrix_import(
                actor=user, act=act, content=upload.read(), file_format=kind
            )

        outcome = attempt(request, form, run, refusal_on_form=True)
        if outcome.ok:
            messages.success(
                request,
                _("Imported: %(saved)s saved, %(unchanged)s unchanged.")
                % {"saved": outcome.value.saved, "unchanged": outcome.value.unchanged},
            )
            return redirect(f"{SECTION}:act-matrix", pk=act.pk)
    return page(
        request, "matrix_import.html", {"form": form, "act": act}, 400 if form.errors else 200
    )


@login_required
def act_matrix_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The matrix report (the matrix, then one section per state) as PDF, in the page's
    language; `?at=` gives the as-at view."""
    from django.utils import timezone
    from django.utils.translation import get_language

    from accord.reports.pdf import render_pdf

    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    at_form = AtForm(request.GET or None)
    at = at_form.cleaned_data.get("at") if at_form.is_valid() else None
    matrix = selectors.matrix_get(actor=user, act=act, at=at)
    context = {
        "act": act,
        "matrix": matrix,
        "rows": _rows(matrix),
        "rollups": [(s, matrix.rollups[s.code]) for s in matrix.states],
        "by_state": [
            (s, [(p, matrix.cells.get((p.eid, s.code))) for p in matrix.provisions])
            for s in matrix.states
        ],
        "generated": timezone.now(),
    }
    content = render_pdf("legislation/report/matrix.html", context, language=get_language() or "en")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="matrix-{act.number}.pdf"'
    return response
