"""The conformity matrix's pages: the matrix of a model act (as recorded or as at a
date, with roll-ups and the uptake timeline), the form of the user's state's cell, and a
cell with its audited history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_view
from accord.core.errors import NotFound, PermissionDenied
from accord.core.permissions import acting_user
from accord.core.web import Done, attempt, perform
from accord.legislation import downloads, selectors, services
from accord.legislation.forms import AtForm, CellForm
from accord.legislation.models import CellStatus, ConformityCell
from accord.legislation.permissions import can_fill_column
from accord.legislation.views.common import SECTION, page
from accord.reports import tabular

AS_AT_LABELS = downloads.as_at_labels()


MATRIX_PAGE_SIZE = 100  # provisions (rows) per page of the matrix


@dataclass(frozen=True)
class CellView:
    """One cell of the matrix page, ready to print: the page renders hundreds of them, so
    the links are built here from two reversed prefixes (no `{% url %}` per cell)."""

    testid: str
    href: str
    label: str
    cited: str
    not_in_force: bool
    fill_href: str
    fill_label: str


def _page_rows(
    matrix: selectors.Matrix, provisions: list[Any], fill_column: str | None
) -> list[tuple[Any, list[CellView]]]:
    cell_prefix = reverse(f"{SECTION}:cell-detail", args=[0]).removesuffix("0/")
    fill_prefix = reverse(f"{SECTION}:act-cell", args=[matrix.act.pk]) + "?eid="
    statuses = dict(CellStatus.choices)
    fill, change = str(_("Fill in")), str(_("Change"))
    as_at_labels = {key: str(label) for key, label in AS_AT_LABELS.items()}
    rows = []
    for provision in provisions:
        eid = provision.eid
        line = []
        for state in matrix.states:
            cell = matrix.cells.get((eid, state.code))
            if matrix.at is not None:
                label = as_at_labels.get(matrix.as_at.get((eid, state.code), ""), "")
            elif cell is not None:
                label = str(statuses.get(cell.status, cell.status))
            else:
                label = "—"
            mine = fill_column == state.code
            line.append(
                CellView(
                    testid=f"{eid}-{state.code}",
                    href=f"{cell_prefix}{cell.pk}/" if cell is not None else "",
                    label=label,
                    cited=cell.national_provisions if cell is not None else "",
                    not_in_force=bool(
                        matrix.at is None
                        and cell is not None
                        and cell.enacted_on
                        and not cell.in_force_on
                    ),
                    fill_href=f"{fill_prefix}{eid}" if mine else "",
                    fill_label=(change if cell is not None else fill) if mine else "",
                )
            )
        rows.append((provision, line))
    return rows


@login_required
def act_matrix(request: HttpRequest, pk: int) -> HttpResponse:
    """The matrix, `MATRIX_PAGE_SIZE` provisions a page (`?page=`); the roll-ups and the
    timeline count the whole act."""
    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    query = request.GET.copy()
    query.pop("page", None)
    at_form = AtForm(query or None)
    at = at_form.cleaned_data.get("at") if at_form.is_valid() else None
    provisions = selectors.provisions_of(act)
    rows_page = Paginator(provisions, MATRIX_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(rows_page.object_list)
    matrix = selectors.matrix_get(
        actor=user, act=act, at=at, page_eids=[provision.eid for provision in shown]
    )
    party = party_of(user)
    open_ = act.stage in services.matrix.MATRIX_STAGES
    my_column = party.code if party and can_fill_column(user) else None
    return page(
        request,
        "matrix.html",
        {
            "act": act,
            "matrix": matrix,
            "rows": _page_rows(matrix, shown, my_column if open_ else None),
            "rows_page": rows_page,
            "page_query": query.urlencode(),
            "rollups": [(s, matrix.rollups[s.code]) for s in matrix.states],
            "at_form": at_form,
            "my_column": my_column,
            "open": open_,
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
        request, "cell_detail.html", {"cell": cell, "timeline": selectors.cell_history(user, cell)}
    )


@login_required
def act_matrix_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The matrix as a workbook: what the reader may see."""
    user = acting_user(request)
    return downloads.matrix_xlsx(actor=user, act=selectors.act_get(actor=user, pk=pk))


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
    from django.utils.translation import get_language

    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    at_form = AtForm(request.GET or None)
    at = at_form.cleaned_data.get("at") if at_form.is_valid() else None
    return downloads.matrix_pdf(actor=user, act=act, at=at, language=get_language() or "en")
