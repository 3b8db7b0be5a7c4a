"""Item registers, makes and models, imports, matching: pages.

The import page streams its answer: the importer yields progress after each batch inside
its one transaction, and the page writes a progress bar for each step as the body of the
response (only the last bar shows, by CSS; no script, no polling, no second transaction).
When the file is in, the same response ends with the result, or with the row that rejected
the file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accord.core.access import party_of
from accord.core.api.filters import page_filters
from accord.core.errors import NotFound, PermissionDenied, ServiceError, ValidationFailed
from accord.core.models import Classification, Release
from accord.core.permissions import acting_user
from accord.core.roles import Role
from accord.core.selectors import party_list
from accord.core.web import add_service_errors
from accord.trafficking import imports, permissions
from accord.trafficking.api.filters import ItemFilter
from accord.trafficking.api.items import export_response
from accord.trafficking.forms.items import (
    ImportForm,
    ItemForm,
    MakeModelForm,
    MatchForm,
)
from accord.trafficking.models.items import Item, ItemKind, MakeModel
from accord.trafficking.selectors import items as selectors
from accord.trafficking.services import items as services

log = logging.getLogger(__name__)
SECTION = "trafficking"


def tracing_link(code: str) -> str | None:
    """The tracing page's address for a request to `code`, or None while it does not exist."""
    try:
        return f"{reverse('trafficking:tracing-new')}?party={code}"
    except NoReverseMatch:
        return None


# --- The register --------------------------------------------------------------------------


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = {k: request.GET.get(k, "").strip() for k in ("q", "kind", "status", "owner")}
    # The API's FilterSet: the same filters and ordering, values checked the same way.
    filterset = page_filters(ItemFilter, request)
    items = filterset.filter_queryset(
        selectors.item_list(actor=user, **filterset.selector_arguments())
    )
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in filters.items() if v})
    return render(
        request,
        "trafficking/items/list.html",
        {
            "section": SECTION,
            "page": page,
            "filters": filters,
            "query": query,
            "kinds": ItemKind.choices,
            "statuses": Item.Status.choices,
            "parties": party_list(),
            "may_register": permissions.may_keep_register(user),
        },
    )


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    item = selectors.item_get(actor=user, pk=pk)
    may_edit = permissions.may_keep_register(user, item.owner_id)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(roles=(Role.CUSTOMS_OFFICER,))
        try:
            services.item_set_status(
                actor=user,
                item=item,
                status=request.POST.get("status", ""),
                version=int(request.POST.get("version") or 0),
            )
            messages.success(request, _("The status was changed."))
        except ServiceError as exc:
            if isinstance(exc, NotFound):
                raise
            if isinstance(exc, ValidationFailed) and exc.errors:
                for texts in exc.errors.values():
                    for text in texts:
                        messages.error(request, str(text))
            else:
                messages.error(request, str(exc.message))
        return redirect("trafficking:item", pk=item.pk)
    return render(
        request,
        "trafficking/items/detail.html",
        {"section": SECTION, "item": item, "may_edit": may_edit, "statuses": Item.Status.choices},
    )


def _form(request: HttpRequest, item: Item | None = None) -> ItemForm:
    user = acting_user(request)
    initial: dict[str, Any] = {
        "classification": Classification.RESTRICTED,
        "release": Release.OWNER,
    }
    if item is not None:
        initial = {
            name: getattr(item, name) for name in ItemForm.base_fields if hasattr(item, name)
        }
        initial["released_to"] = list(item.released_to.all())
        initial["version"] = item.version
    data = request.POST if request.method == "POST" else None
    return ItemForm(data, initial=initial, clearance=user.clearance, own=party_of(user))


@login_required
def item_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.may_keep_register(user):
        raise PermissionDenied(roles=(Role.CUSTOMS_OFFICER,))
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_register(actor=user, **form.service_arguments())
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The item was registered."))
            return redirect("trafficking:item", pk=item.pk)
    return render(
        request, "trafficking/items/form.html", {"section": SECTION, "form": form, "item": None}
    )


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    item = selectors.item_get(actor=user, pk=pk, audit_view=False)
    if not permissions.may_keep_register(user, item.owner_id):
        raise PermissionDenied(roles=(Role.CUSTOMS_OFFICER,))
    form = _form(request, item)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(
                actor=user,
                item=item,
                version=form.cleaned_data.get("version") or 0,
                **form.service_arguments(),
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        except ServiceError as exc:
            if isinstance(exc, NotFound):
                raise
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("The item was saved."))
            return redirect("trafficking:item", pk=item.pk)
    return render(
        request, "trafficking/items/form.html", {"section": SECTION, "form": form, "item": item}
    )


@login_required
def item_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    user = acting_user(request)
    filterset = page_filters(ItemFilter, request)
    items = filterset.filter_queryset(
        selectors.item_export_queryset(actor=user, **filterset.selector_arguments())
    )
    return export_response(items, request.GET.get("format", "csv"))


# --- Import --------------------------------------------------------------------------------

_MARK = "<!--import-progress-->"


@login_required
def item_import(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    user = acting_user(request)
    if not permissions.may_keep_register(user):
        raise PermissionDenied(roles=(Role.CUSTOMS_OFFICER,))
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {
        "section": SECTION,
        "form": form,
        "imports": selectors.item_imports(actor=user)[:20],
        "columns": imports.COLUMNS,
    }
    if request.method != "POST" or not form.is_valid():
        return render(request, "trafficking/items/import.html", context)
    upload = form.cleaned_data["file"]
    page = render_to_string(
        "trafficking/items/import.html", {**context, "running": True, "mark": _MARK}, request
    )
    head, tail = page.split(_MARK, 1)
    response = StreamingHttpResponse(
        _stream_import(user, upload, head, tail), content_type="text/html; charset=utf-8"
    )
    response["X-Accel-Buffering"] = "no"  # let a proxy pass each step on at once
    return response


def _stream_import(user: Any, upload: Any, head: str, tail: str) -> Iterator[str]:
    yield head
    yield " " * 1024  # browsers start rendering a streamed page after a first kilobyte
    try:
        for step in imports.item_import_steps(actor=user, source=upload, file_name=upload.name):
            if step.finished is None:
                yield _progress_html(step)
                continue
            items_url = reverse("trafficking:items")
            rows = ngettext("%(count)s item imported.", "%(count)s items imported.", step.done) % {
                "count": step.done
            }
            yield _progress_html(step)
            yield str(
                format_html(
                    '<article class="import-result" data-testid="import-done">'
                    '<p><strong>{}</strong> {}</p><p><a href="{}">{}</a></p></article>',
                    rows,
                    _("SHA-256 of the file: %(sha)s") % {"sha": step.finished.sha256},
                    items_url,
                    _("Open the register"),
                )
            )
    except ServiceError as exc:
        texts = (
            [str(t) for ts in exc.errors.values() for t in ts]
            if isinstance(exc, ValidationFailed) and exc.errors
            else [str(exc.message)]
        )
        yield str(
            format_html(
                '<article class="import-result" data-testid="import-error" role="alert">'
                "<p><strong>{}</strong></p><p>{}</p></article>",
                _("The file was rejected; nothing of it was stored."),
                " ".join(texts),
            )
        )
    except Exception:  # never a half page with a traceback: say so, log it
        log.exception("item import failed")
        yield str(
            format_html(
                '<article class="import-result" data-testid="import-error" role="alert">'
                "{}</article>",
                _("The import failed; nothing of it was stored."),
            )
        )
    yield tail


def _progress_html(step: imports.ImportProgress) -> str:
    return str(
        format_html(
            '<div class="import-progress" data-testid="import-progress">'
            '<progress value="{}" max="{}"></progress> <span>{}</span></div>\n',
            step.done,
            max(step.total, 1),
            _("%(done)s of about %(total)s rows (%(percent)s%%)")
            % {"done": step.done, "total": step.total, "percent": step.percent},
        )
    )


# --- Match ---------------------------------------------------------------------------------


@login_required
def item_match(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    selectors.require_reader(user)
    form = MatchForm(request.GET or None)
    report = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["serial"] or data["markings"]:
            report = services.item_match(actor=user, **data)
        else:
            form.add_error("serial", _("Enter a serial number or markings."))
    may_trace = permissions.may_send_tracing(user)
    hidden = [
        {"party": hit.party, "tracing": tracing_link(hit.party.code) if may_trace else None}
        for hit in (report.hidden if report else [])
    ]
    return render(
        request,
        "trafficking/items/match.html",
        {"section": SECTION, "form": form, "report": report, "hidden": hidden},
    )


# --- Makes and models ----------------------------------------------------------------------


def _aliases(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@login_required
def make_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    selectors.require_reader(user)
    may_edit = permissions.may_edit_reference(user)
    form = MakeModelForm(request.POST or None)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(roles=(Role.CUSTOMS_OFFICER,))
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("version", None)
            data["manufacturer_aliases"] = _aliases(data["manufacturer_aliases"])
            data["model_aliases"] = _aliases(data["model_aliases"])
            try:
                services.make_model_add(actor=user, **data)
            except ValidationFailed as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The make and model was added."))
                return redirect("trafficking:makes")
    q = request.GET.get("q", "").strip()
    entries = selectors.make_model_list(q=q)
    return render(
        request,
        "trafficking/items/makes.html",
        {"section": SECTION, "entries": entries, "form": form, "may_edit": may_edit, "q": q},
    )


@login_required
def make_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    selectors.require_reader(user)
    entry: MakeModel = selectors.make_model_get(pk=pk)
    if not permissions.may_edit_reference(user):
        raise PermissionDenied(roles=permissions.READER_ROLES)
    initial = {
        "manufacturer": entry.manufacturer,
        "model": entry.model,
        "country": entry.country,
        "kind": entry.kind,
        "manufacturer_aliases": "\n".join(entry.manufacturer_aliases),
        "model_aliases": "\n".join(entry.model_aliases),
        "version": entry.version,
    }
    form = MakeModelForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version") or 0
        data["manufacturer_aliases"] = _aliases(data["manufacturer_aliases"])
        data["model_aliases"] = _aliases(data["model_aliases"])
        try:
            services.make_model_update(actor=user, entry=entry, version=version, **data)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        except ServiceError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("The make and model was saved."))
            return redirect("trafficking:makes")
    return render(
        request,
        "trafficking/items/make_form.html",
        {"section": SECTION, "form": form, "entry": entry},
    )


__all__ = [
    "item_detail",
    "item_edit",
    "item_export",
    "item_import",
    "item_list",
    "item_match",
    "item_new",
    "make_edit",
    "make_list",
]
