"""Watchlist entities and screening: pages. The list and search, an entity's page with its
names and identifiers, the entity form, the import, the screening form with ranked
candidates, and the bulk screening of a file (results on the page or as CSV)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accord.core import jobs
from accord.core.access import party_of
from accord.core.api.renderers import csv_attachment
from accord.core.audit import record_view
from accord.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from accord.core.models import BackgroundJob, Classification, Party, Release
from accord.core.permissions import acting_user
from accord.core.selectors import party_list
from accord.core.web import add_service_errors, perform
from accord.trafficking import permissions, screening
from accord.trafficking.forms.watchlist import (
    AliasForm,
    DelistForm,
    EntityForm,
    FileForm,
    IdentifierForm,
    ScreenForm,
)
from accord.trafficking.jobs import BULK_SCREENING
from accord.trafficking.models import Entity
from accord.trafficking.selectors import watchlist as selectors
from accord.trafficking.services import watchlist as services

# --- Helpers -------------------------------------------------------------------------------


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> Any:
    return render(request, template, {"section": "watchlist", **context}, status=status)


def _entity_form(request: HttpRequest, *, editing: bool, initial: Any = None) -> EntityForm:
    user = acting_user(request)
    own = party_of(user)
    others = party_list().exclude(pk=own.pk) if own else Party.objects.none()
    data = request.POST if request.method == "POST" else None
    return EntityForm(
        data, initial=initial, clearance=user.clearance, others=others, editing=editing
    )


def _upload(form: FileForm) -> tuple[bytes, str]:
    upload = form.cleaned_data["file"]
    if upload.size > services.MAX_IMPORT_BYTES:
        raise ValidationFailed.single("file", _("The file is larger than 20 MB."))
    return upload.read(), upload.name


# --- The watchlist -------------------------------------------------------------------------


@login_required
def entity_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    q = request.GET.get("q", "").strip()[:300]
    kind = request.GET.get("kind", "")
    kind = kind if kind in Entity.Kind.values else ""
    status = request.GET.get("status", Entity.Status.LISTED)
    status = status if status in Entity.Status.values else ""
    entities = selectors.entity_list(actor=user, q=q, kind=kind, status=status)
    page = Paginator(entities, 50).get_page(request.GET.get("page"))
    counts = selectors.watchlist_counts(actor=user)
    return _page(
        request,
        "trafficking/watchlist/entity_list.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "status": status,
            "kinds": Entity.Kind.choices,
            "statuses": Entity.Status.choices,
            "counts": [(label, counts.get(value, 0)) for value, label in Entity.Kind.choices],
            "may_edit": permissions.can_edit_watchlist(user),
            "may_screen": permissions.can_screen(user),
        },
    )


@login_required
def entity_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.can_edit_watchlist(user):
        raise PermissionDenied(roles=permissions.WATCHLIST_EDITORS)
    form = _entity_form(
        request,
        editing=False,
        initial={"classification": Classification.RESTRICTED, "release": Release.OWNER},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("version", None)
            aliases = [line.strip() for line in data.pop("aliases", "").splitlines()]
            try:
                entity = services.entity_create(actor=user, aliases=aliases, **data)
            except ValidationFailed as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("%(name)s is on the watchlist.") % {"name": entity.name}
                )
                return redirect("trafficking:watchlist-entity", pk=entity.pk)
    return _page(
        request,
        "trafficking/watchlist/entity_form.html",
        {"form": form, "entity": None},
        status=status,
    )


@login_required
def entity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    entity = selectors.entity_get(actor=user, pk=pk)
    record_view(actor=user, obj=entity)
    may_edit = permissions.can_edit_watchlist(user, entity.owner_id) and (
        entity.status == Entity.Status.LISTED
    )
    return _page(
        request,
        "trafficking/watchlist/entity_detail.html",
        {
            "entity": entity,
            "may_edit": may_edit,
            "alias_form": AliasForm() if may_edit else None,
            "identifier_form": IdentifierForm() if may_edit else None,
            "delist_form": DelistForm(initial={"version": entity.version}) if may_edit else None,
        },
    )


@login_required
def entity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    entity = selectors.entity_get(actor=user, pk=pk)
    if not permissions.can_edit_watchlist(user, entity.owner_id):
        raise PermissionDenied(roles=permissions.WATCHLIST_EDITORS)
    initial = {
        name: getattr(entity, name)
        for name in (
            "kind",
            "name",
            "nationality",
            "reason",
            "listed_on",
            "classification",
            "release",
            "version",
        )
    }
    initial["released_to"] = [p.pk for p in entity.released_to.all()]
    form = _entity_form(request, editing=True, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version") or 0
            released_to = data.pop("released_to")
            if data.get("listed_on") is None:
                data.pop("listed_on")  # left empty: keep the date it was listed on
            try:
                services.entity_update(
                    actor=user, entity=entity, version=version, released_to=released_to, **data
                )
            except Conflict as exc:
                form.add_error(None, str(exc.message))
                status = 409
            except ValidationFailed as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The entity is updated."))
                return redirect("trafficking:watchlist-entity", pk=entity.pk)
    return _page(
        request,
        "trafficking/watchlist/entity_form.html",
        {"form": form, "entity": entity},
        status=status,
    )


@login_required
@require_POST
def entity_alias_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    entity = selectors.entity_get(actor=user, pk=pk)
    form = AliasForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the alias."))
    else:
        perform(
            request,
            None,
            lambda: services.entity_name_add(actor=user, entity=entity, **form.cleaned_data),
            success=_("The alias is added."),
            passes=(NotFound, PermissionDenied),
        )
    return redirect("trafficking:watchlist-entity", pk=entity.pk)


@login_required
@require_POST
def entity_alias_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    row = selectors.entity_name_get(actor=user, pk=pk)
    perform(
        request,
        None,
        lambda: services.entity_name_remove(actor=user, entity_name=row),
        success=_("The alias is removed."),
        passes=(NotFound, PermissionDenied),
    )
    return redirect("trafficking:watchlist-entity", pk=row.entity_id)


@login_required
@require_POST
def entity_identifier_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    entity = selectors.entity_get(actor=user, pk=pk)
    form = IdentifierForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the kind and the value of the identifier."))
    else:
        perform(
            request,
            None,
            lambda: services.entity_identifier_add(actor=user, entity=entity, **form.cleaned_data),
            success=_("The identifier is added."),
            passes=(NotFound, PermissionDenied),
        )
    return redirect("trafficking:watchlist-entity", pk=entity.pk)


@login_required
@require_POST
def entity_identifier_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    row = selectors.entity_identifier_get(actor=user, pk=pk)
    perform(
        request,
        None,
        lambda: services.entity_identifier_remove(actor=user, identifier=row),
        success=_("The identifier is removed."),
        passes=(NotFound, PermissionDenied),
    )
    return redirect("trafficking:watchlist-entity", pk=row.entity_id)


@login_required
@require_POST
def entity_delist(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    entity = selectors.entity_get(actor=user, pk=pk)
    form = DelistForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for delisting."))
    else:
        perform(
            request,
            None,
            lambda: services.entity_delist(actor=user, entity=entity, **form.cleaned_data),
            success=_("The entity is delisted."),
            passes=(NotFound, PermissionDenied),
        )
    return redirect("trafficking:watchlist-entity", pk=entity.pk)


@login_required
def watchlist_import(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.can_edit_watchlist(user):
        raise PermissionDenied(roles=permissions.WATCHLIST_EDITORS)
    form = FileForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                data, filename = _upload(form)
                created = services.watchlist_import(actor=user, data=data, filename=filename)
            except ValidationFailed as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s entity is imported.",
                        "%(count)s entities are imported.",
                        len(created),
                    )
                    % {"count": len(created)},
                )
                return redirect("trafficking:watchlist")
    return _page(
        request,
        "trafficking/watchlist/import.html",
        {"form": form, "columns": [*services.IMPORT_COLUMNS, *services.IMPORT_OPTIONAL]},
        status=status,
    )


# --- Screening -----------------------------------------------------------------------------


@login_required
def screen(request: HttpRequest) -> HttpResponse:
    """The screening form; the results come on the same page (GET, so a screening can be
    bookmarked or repeated)."""
    user = acting_user(request)
    if not permissions.can_screen(user):
        raise PermissionDenied(roles=permissions.SCREENERS)
    asked = any(request.GET.get(name) for name in ("name", "identifier"))
    form = ScreenForm(request.GET if asked else None)
    candidates = None
    status = 200
    if asked and form.is_valid():
        data = form.cleaned_data
        try:
            candidates = screening.screen_name(
                actor=user,
                name=data["name"],
                kind=data["kind"],
                nationality=data["nationality"],
                identifiers=[data["identifier"]] if data["identifier"] else [],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
            status = 400
    elif asked:
        status = 400
    return _page(
        request,
        "trafficking/watchlist/screen.html",
        {"form": form, "candidates": candidates, "threshold": screening.MATCH_THRESHOLD},
        status=status,
    )


def _bulk_page(
    request: HttpRequest,
    form: Any,
    *,
    rows: list[dict[str, Any]] | None = None,
    job: BackgroundJob | None = None,
    status: int = 200,
) -> HttpResponse:
    response = _page(
        request,
        "trafficking/watchlist/screen_bulk.html",
        {
            "form": form,
            "rows": rows,
            "matched": sum(1 for row in rows if row["candidates"]) if rows is not None else 0,
            "job": job,
        },
        status=status,
    )
    if job is not None and job.state in (BackgroundJob.State.QUEUED, BackgroundJob.State.RUNNING):
        response["Refresh"] = "3"
    return response


def _job_errors_onto(form: Any, job: BackgroundJob) -> None:
    error = job.error or {}
    messages_ = [m for ms in (error.get("errors") or {}).values() for m in ms]
    for message in messages_ or [error.get("detail") or _("The file could not be screened.")]:
        form.add_error("file" if "file" in form.fields else None, message)


@login_required
def screen_bulk(request: HttpRequest) -> HttpResponse:
    """Screen every name of an uploaded file: a results table, or the CSV of it. The worker
    screens the file (a background job): the results show at once when it is quick, or on
    the job's page, which follows its progress."""
    user = acting_user(request)
    if not permissions.can_screen(user):
        raise PermissionDenied(roles=permissions.SCREENERS)
    form = FileForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _bulk_page(request, form)
    if not form.is_valid():
        return _bulk_page(request, form, status=400)
    try:
        data, filename = _upload(form)
    except ValidationFailed as exc:
        add_service_errors(form, exc)
        return _bulk_page(request, form, status=400)
    job = jobs.start(
        owner=user,
        kind="trafficking.bulk_screening",
        runner=BULK_SCREENING,
        upload=ContentFile(data, name=filename),
    )
    download = request.POST.get("download") == "csv"
    if job.state == BackgroundJob.State.FAILED:
        _job_errors_onto(form, job)
        return _bulk_page(request, form, status=job.error_status or 400)
    if job.state == BackgroundJob.State.DONE:
        result = job.result or {}
        if download:
            return csv_attachment(result["csv"], "screening.csv")
        return _bulk_page(request, form, rows=result["rows"])
    target = reverse("trafficking:screening-bulk-job", kwargs={"pk": job.pk})
    return redirect(f"{target}?download=csv" if download else target)


@login_required
def screen_bulk_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A bulk screening the user started: its progress, then its results (or the CSV)."""
    user = acting_user(request)
    job = jobs.job_get(user=user, pk=pk)
    if job.kind != "trafficking.bulk_screening":
        raise NotFound()
    form = FileForm()
    if job.state == BackgroundJob.State.DONE:
        result = job.result or {}
        if request.GET.get("download") == "csv":
            return csv_attachment(result["csv"], "screening.csv")
        return _bulk_page(request, form, rows=result["rows"], job=job)
    if job.state == BackgroundJob.State.FAILED:
        _job_errors_onto(form, job)
    return _bulk_page(request, form, job=job)
