"""The interoperability matrix: each version the user sees against each state party."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from accord.core.api.filters import page_filters
from accord.core.permissions import acting_user
from accord.core.web import render_page
from accord.expertise import selectors
from accord.expertise.api.filters import MatrixFilter
from accord.expertise.forms import MatrixFilterForm
from accord.expertise.views.common import link


@login_required
def matrix(request: HttpRequest) -> HttpResponse:
    """Each version the user sees × each state party: its standing, with the review that
    established it one click away."""
    user = acting_user(request)
    systems = list(selectors.system_list(actor=user))
    form = MatrixFilterForm(request.GET or None, systems=systems)  # the controls
    chosen = page_filters(MatrixFilter, request).selector_arguments().get("system")
    system = next((s for s in systems if s.pk == chosen), None) if chosen else None
    versions, parties, cells = selectors.matrix(actor=user, system=system)
    labels = {
        status: selectors.standing_label(status)
        for status in (
            "lawful",
            "lawful_with_conditions",
            "unlawful",
            selectors.NEEDS_REREVIEW,
            selectors.NOT_REVIEWED,
        )
    }
    rows = [
        (
            version,
            [
                (party, cells[(version.pk, party.pk)], labels[cells[(version.pk, party.pk)].status])
                for party in parties
            ],
        )
        for version in versions
    ]
    query = f"?system={system.pk}" if system else ""
    csv_url = link("expertise:export-matrix-csv")
    json_url = link("expertise:export-matrix-json")
    return render_page(
        request,
        "expertise/matrix.html",
        "matrix",
        {
            "form": form,
            "system": system,
            "parties": parties,
            "rows": rows,
            "labels": labels,
            "legend": list(labels.items()),
            "export_csv": f"{csv_url}{query}" if csv_url else None,
            "export_json": f"{json_url}{query}" if json_url else None,
        },
    )
