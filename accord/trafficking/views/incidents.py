"""Pages of incidents: the list with filters, the report form (items and entities as rows
of a table, keyboard friendly, no script needed), the incident with its hits and links,
editing, status, adding and removing rows, the correlation network, MISP export and import.
Forms translate; the services decide."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accord.core.access import party_of
from accord.core.api.filters import FilterSet, page_filters
from accord.core.audit import record_view
from accord.core.errors import PermissionDenied
from accord.core.models import Classification, Party, Release
from accord.core.permissions import acting_user
from accord.core.roles import Role
from accord.core.selectors import party_list
from accord.core.web import Done, perform, render_page
from accord.trafficking import correlation, misp, permissions
from accord.trafficking.api.filters import IncidentFilter
from accord.trafficking.forms.incidents import (
    ENTITY_ROWS,
    ITEM_ROWS,
    MAX_ROWS,
    MORE_ROWS,
    EntityRowForm,
    EntityRows,
    IncidentFilterForm,
    IncidentForm,
    ItemRowForm,
    ItemRows,
    MispImportForm,
    StatusForm,
)
from accord.trafficking.models.incidents import (
    Incident,
    IncidentEntityKind,
)
from accord.trafficking.selectors import incidents as selectors
from accord.trafficking.services import incidents as services

# --- Helpers ---------------------------------------------------------------------------------


def tracing_link(incident_item_pk: int, party_code: str) -> str | None:
    """The tracing helper's "new request" page for an item and a party, once it exists."""
    try:
        base = reverse("trafficking:tracing-new")
    except NoReverseMatch:
        return None
    return f"{base}?{urlencode({'incident_item': str(incident_item_pk), 'party': party_code})}"


def _others(user: Any) -> Any:
    own = party_of(user)
    return party_list().exclude(pk=own.pk) if own else Party.objects.none()


def _rows(formset_class: Any, request: HttpRequest, prefix: str, initial_rows: int) -> Any:
    """A formset of rows: bound on POST (with MORE_ROWS blank rows added when the user
    asked for more), else `initial_rows` blank ones."""
    if request.method != "POST":
        return formset_class(prefix=prefix, initial=[{}] * initial_rows)
    data = request.POST.copy()
    key = f"{prefix}-TOTAL_FORMS"
    if request.POST.get(f"more_{prefix}"):
        data[key] = str(min(int(data.get(key, 0) or 0) + MORE_ROWS, MAX_ROWS))
    return formset_class(data, prefix=prefix)


def _row_values(formset: Any) -> list[dict[str, Any]]:
    return [form.cleaned_data for form in formset.forms if form.has_content()]


def _rows_valid(formset: Any) -> bool:
    return not formset.is_bound or formset.is_valid()


def _page_filters(request: HttpRequest) -> tuple[FilterSet, IncidentFilterForm]:
    """The list's filters: the API's FilterSet (`IncidentFilter`, through `page_filters`:
    the same filters and ordering, a bad value dropped) does the filtering; the form only
    draws the page's filter controls with their labels and the values given."""
    return page_filters(IncidentFilter, request), IncidentFilterForm(request.GET or None)


def _query(filterset: FilterSet) -> str:
    """The applied filters (and ordering) as a query string, for the page links."""
    query: dict[str, str] = {}
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "", []):
            continue
        if isinstance(value, list | tuple):  # the ordering
            query[name] = ",".join(str(v) for v in value)
        else:
            query[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return urlencode(query)


# --- Pages -----------------------------------------------------------------------------------


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filterset, filter_form = _page_filters(request)
    rows = filterset.filter_queryset(
        selectors.incident_list(actor=user, filters=filterset.selector_arguments())
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = _query(filterset)
    return render_page(
        request,
        "trafficking/incidents/list.html",
        "trafficking",
        {
            "page": page,
            "filter_form": filter_form,
            "query": query,
            "may_report": permissions.is_incident_officer(user),
            "import_form": MispImportForm() if permissions.is_incident_officer(user) else None,
        },
    )


@login_required
def incident_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.is_incident_officer(user):
        raise PermissionDenied(roles=(Role.CUSTOMS_OFFICER,))
    data = request.POST if request.method == "POST" else None
    form = IncidentForm(
        data,
        clearance=user.clearance,
        others=_others(user),
        initial={"classification": Classification.RESTRICTED, "release": Release.OWNER},
    )
    items = _rows(ItemRows, request, "items", ITEM_ROWS)
    entities = _rows(EntityRows, request, "entities", ENTITY_ROWS)
    asked_more = request.POST.get("more_items") or request.POST.get("more_entities")
    if request.method == "POST" and not asked_more:
        created: dict[str, Incident] = {}
        items_ok = _rows_valid(items)
        entities_ok = _rows_valid(entities)

        def call() -> None:
            if not (items_ok and entities_ok):
                from accord.core.errors import ValidationFailed

                raise ValidationFailed.single("__all__", _("Correct the rows marked below."))
            arguments = form.service_arguments()
            created["incident"] = services.incident_report(
                actor=user,
                released_to=list(arguments.pop("released_to", [])),
                items=_row_values(items),
                entities=_row_values(entities),
                **arguments,
            )

        if perform(request, form, call) is Done.OK:
            incident = created["incident"]
            messages.success(
                request,
                _("Incident %(reference)s reported.") % {"reference": incident.reference},
            )
            return redirect("trafficking:incident", pk=incident.pk)
    return render_page(
        request,
        "trafficking/incidents/form.html",
        "trafficking",
        {"form": form, "items": items, "entities": entities, "incident": None},
        status=400 if request.method == "POST" and not asked_more else 200,
    )


@login_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    incident = selectors.incident_get(actor=user, pk=pk)
    record_view(actor=user, obj=incident)
    hits = selectors.incident_hits(actor=user, incident=incident)
    may_trace = permissions.may_send_tracing(user)
    for hit in hits:
        hit.tracing_url = (  # type: ignore[attr-defined]
            tracing_link(hit.incident_item.pk, hit.party.code) if may_trace else None
        )
    by_row: dict[int, list[Any]] = {}
    for hit in hits:
        by_row.setdefault(hit.incident_item.pk, []).append(hit)
    rows = [(row, by_row.get(row.pk, [])) for row in incident.items.all()]
    links, common = correlation.incident_links(actor=user, incident=incident)
    may_edit = permissions.may_edit_incident(user, incident)
    entities = list(incident.entities.all())
    return render_page(
        request,
        "trafficking/incidents/detail.html",
        "trafficking",
        {
            "incident": incident,
            "linked": selectors.incident_linked_records(actor=user, incident=incident),
            "rows": rows,
            "entities": entities,
            "may_screen": permissions.can_screen(user)
            and any(entity.kind in SCREENED_KINDS for entity in entities),
            "links": links,
            "common": common,
            "limit": correlation.common_value_limit(),
            "may_edit": may_edit,
            "status_form": StatusForm(
                initial={"version": incident.version, "status": incident.status}
            )
            if may_edit
            else None,
            "item_form": ItemRowForm(prefix="item") if may_edit else None,
            "entity_form": EntityRowForm(prefix="entity") if may_edit else None,
        },
    )


# --- Watchlist screening of the incident's persons and organisations -------------------------

SCREENED_KINDS = (IncidentEntityKind.PERSON, IncidentEntityKind.ORGANISATION)
SCREENING_LIMIT = 5


@login_required
def incident_screening(request: HttpRequest, pk: int) -> HttpResponse:
    """The incident's persons and organisations screened against the watchlist: possible
    matches with their scores and the features that matched. Screening answers only from
    the watchlist entities the viewer may see (and is audited as any screening is). The
    incident page loads it by htmx once shown; without JavaScript it is a page of its own."""
    from accord.core.errors import ValidationFailed
    from accord.trafficking.screening import MATCH_THRESHOLD, screen_name

    user = acting_user(request)
    incident = selectors.incident_get(actor=user, pk=pk)
    if not permissions.can_screen(user):
        raise PermissionDenied(roles=permissions.SCREENERS)
    results = []
    for entity in incident.entities.filter(kind__in=SCREENED_KINDS):
        try:
            candidates = list(
                screen_name(
                    actor=user,
                    name=entity.name,
                    kind=entity.kind,
                    limit=SCREENING_LIMIT,
                    min_score=MATCH_THRESHOLD,
                )
            )
        except ValidationFailed:  # a name screening cannot read (too short, no letters)
            candidates = []
        results.append({"entity": entity, "candidates": candidates})
    context = {
        "incident": incident,
        "results": results,
        "matched": sum(1 for result in results if result["candidates"]),
        "threshold": MATCH_THRESHOLD,
    }
    template = (
        "trafficking/incidents/_screening.html"
        if request.headers.get("HX-Request")
        else "trafficking/incidents/screening.html"
    )
    return render_page(request, template, "trafficking", context)


@login_required
def incident_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    incident = selectors.incident_get(actor=user, pk=pk)
    if not permissions.may_edit_incident(user, incident):
        raise PermissionDenied(roles=(Role.CUSTOMS_OFFICER,))
    initial = {
        "kind": incident.kind,
        "occurred_on": incident.occurred_on,
        "country": incident.country,
        "locality": incident.locality,
        "latitude": incident.latitude,
        "longitude": incident.longitude,
        "route": " ".join(incident.route or []),
        "narrative": incident.narrative,
        "classification": incident.classification,
        "release": incident.release,
        "released_to": list(incident.released_to.all()),
    }
    data = request.POST if request.method == "POST" else None
    form = IncidentForm(data, clearance=user.clearance, others=_others(user), initial=initial)
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1

        def call() -> None:
            arguments = form.service_arguments()
            services.incident_update(
                actor=user,
                incident=incident,
                version=version,
                released_to=list(arguments.pop("released_to", [])),
                **arguments,
            )

        if perform(request, form, call) is Done.OK:
            messages.success(request, _("The incident was saved."))
            return redirect("trafficking:incident", pk=incident.pk)
        if not form.errors:
            return redirect("trafficking:incident-edit", pk=incident.pk)
    return render_page(
        request,
        "trafficking/incidents/form.html",
        "trafficking",
        {"form": form, "incident": incident, "items": None, "entities": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def incident_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    incident = selectors.incident_get(actor=user, pk=pk)
    form = StatusForm(request.POST)
    if (
        perform(
            request,
            form,
            lambda: services.incident_status_change(
                actor=user,
                incident=incident,
                status=form.cleaned_data["status"],
                version=form.cleaned_data["version"],
            ),
        )
        is Done.OK
    ):
        messages.success(request, _("The status was changed."))
    elif form.errors:
        messages.error(request, _("Choose a status."))
    return redirect("trafficking:incident", pk=incident.pk)


@login_required
@require_POST
def incident_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    incident = selectors.incident_get(actor=user, pk=pk)
    form = ItemRowForm(request.POST, prefix="item")
    outcome = perform(
        request,
        form,
        lambda: services.incident_item_add(actor=user, incident=incident, **form.cleaned_data),
    )
    if outcome is Done.OK:
        messages.success(request, _("The item was added and matched against the registers."))
    elif outcome is Done.INVALID:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("trafficking:incident", pk=incident.pk)


@login_required
@require_POST
def incident_item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    row = selectors.incident_item_get(actor=user, pk=pk)
    if (
        perform(request, None, lambda: services.incident_item_remove(actor=user, incident_item=row))
        is Done.OK
    ):
        messages.success(request, _("The item was removed."))
    return redirect("trafficking:incident", pk=row.incident_id)


@login_required
@require_POST
def incident_entity_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    incident = selectors.incident_get(actor=user, pk=pk)
    form = EntityRowForm(request.POST, prefix="entity")
    outcome = perform(
        request,
        form,
        lambda: services.incident_entity_add(actor=user, incident=incident, **form.cleaned_data),
    )
    if outcome is Done.OK:
        messages.success(request, _("The person or organisation was added."))
    elif outcome is Done.INVALID:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("trafficking:incident", pk=incident.pk)


@login_required
@require_POST
def incident_entity_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    row = selectors.incident_entity_get(actor=user, pk=pk)
    if (
        perform(
            request, None, lambda: services.incident_entity_remove(actor=user, incident_entity=row)
        )
        is Done.OK
    ):
        messages.success(request, _("The person or organisation was removed."))
    return redirect("trafficking:incident", pk=row.incident_id)


@login_required
def correlation_page(request: HttpRequest) -> HttpResponse:
    """The analyst's view: values shared by incidents they see, the network picture, and
    the values flagged as too common to link on."""
    user = acting_user(request)
    filterset, filter_form = _page_filters(request)
    net = correlation.network(
        actor=user,
        incidents=selectors.incident_list(actor=user, filters=filterset.selector_arguments()),
    )
    return render_page(
        request,
        "trafficking/incidents/correlation.html",
        "trafficking",
        {
            "filter_form": filter_form,
            "net": net,
            "svg": correlation.network_svg(net),
            "shared_rows": [
                (value, [net.incidents[pk] for pk in value.incident_ids if pk in net.incidents])
                for value in net.shared
            ],
            "incident_count_text": ngettext(
                "%(n)s linked incident", "%(n)s linked incidents", len(net.incidents)
            )
            % {"n": len(net.incidents)},
        },
    )


def _json_download(data: Any, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def incident_misp(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    incident = selectors.incident_get(actor=user, pk=pk)
    record_view(actor=user, obj=incident)
    return _json_download(misp.incident_event(incident), f"{incident.reference}.misp.json")


@login_required
def incidents_misp(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filterset, _form = _page_filters(request)
    rows = filterset.filter_queryset(
        selectors.incident_list(actor=user, filters=filterset.selector_arguments())
    ).prefetch_related("items", "entities")[: misp.MAX_EVENTS]
    return _json_download(misp.export_incidents(rows), "incidents.misp.json")


@login_required
@require_POST
def incidents_misp_import(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.is_incident_officer(user):
        raise PermissionDenied(roles=(Role.CUSTOMS_OFFICER,))
    form = MispImportForm(request.POST, request.FILES)
    results: list[misp.ImportResult] = []

    def call() -> None:
        results.append(misp.import_incidents(actor=user, content=form.cleaned_data["file"].read()))

    outcome = perform(request, form, call)
    if outcome is Done.OK:
        created, updated = len(results[0].created), len(results[0].updated)
        if created or not updated:
            messages.success(
                request,
                ngettext("%(n)s incident imported.", "%(n)s incidents imported.", created)
                % {"n": created},
            )
        if updated:
            messages.success(
                request,
                ngettext(
                    "%(n)s incident imported before was updated.",
                    "%(n)s incidents imported before were updated.",
                    updated,
                )
                % {"n": updated},
            )
    elif outcome is Done.INVALID:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("trafficking:incidents")
