"""The reviewer's dashboard and the weapons register: the list of systems, registering and
editing one, and registering a new version of it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.access import party_of
from accord.core.audit import record_view
from accord.core.errors import Conflict, PermissionDenied, ValidationFailed
from accord.core.models import Party
from accord.core.permissions import acting_user, has_any_role
from accord.core.selectors import party_list
from accord.core.web import Done, add_service_errors, perform, render_page
from accord.expertise import selectors, services
from accord.expertise.forms import SystemForm, VersionCreateForm
from accord.expertise.models import SystemVersion
from accord.expertise.permissions import ADVISERS, is_adviser_of
from accord.expertise.views.common import link

# --- Dashboard -------------------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The reviewer's desk: my party's open reviews, requests due, re-reviews."""
    user = acting_user(request)
    desk = selectors.dashboard(actor=user)
    return render_page(request, "expertise/index.html", "index", {**desk})


# --- The register ----------------------------------------------------------------------------


def _may_register(user: Any) -> bool:
    return has_any_role(user, *ADVISERS)


@login_required
def system_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    page = Paginator(selectors.system_list(actor=user), 50).get_page(request.GET.get("page"))
    return render_page(
        request,
        "expertise/system_list.html",
        "register",
        {
            "page": page,
            "may_register": _may_register(user),
            "export_csv": link("expertise:export-register-csv"),
            "export_json": link("expertise:export-register-json"),
        },
    )


def _system_form(request: HttpRequest, **kwargs: Any) -> SystemForm:
    user = acting_user(request)
    own = party_of(user)
    others = party_list().exclude(pk=own.pk) if own else Party.objects.none()
    data = request.POST if request.method == "POST" else None
    return SystemForm(data, clearance=user.clearance, others=others, **kwargs)


@login_required
def system_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not _may_register(user):
        raise PermissionDenied()
    form = _system_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            system = services.system_register(actor=user, **form.service_arguments())
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(system)s is registered with its first version; fill in its questionnaire.")
                % {"system": system.designation},
            )
            return redirect("expertise:version", pk=system.versions.get().pk)
    return render_page(
        request,
        "expertise/system_form.html",
        "register",
        {"form": form, "system": None},
        status=400 if form.errors else 200,
    )


@login_required
def system_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    system = selectors.system_get(actor=user, pk=pk)
    record_view(actor=user, obj=system)
    versions = list(selectors.version_list(actor=user, system=system))
    may_edit = is_adviser_of(user, system.owner_id)
    return render_page(
        request,
        "expertise/system_detail.html",
        "register",
        {
            "system": system,
            "versions": [(v, list(selectors.assignments(version=v))) for v in versions],
            "reviews": selectors.review_list(actor=user).filter(subject__system=system),
            "may_edit": may_edit,
            "version_form": VersionCreateForm() if may_edit else None,
        },
    )


@login_required
def system_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    system = selectors.system_get(actor=user, pk=pk)
    if not is_adviser_of(user, system.owner_id):
        raise PermissionDenied()
    initial: dict[str, Any] = {
        name: getattr(system, name)
        for name in ("designation", "category", "stage", "description", "classification")
    }
    initial.update(
        release=system.release,
        released_to=[p.pk for p in system.released_to.all()],
        version=system.version,
    )
    form = _system_form(request, initial=initial, versioned=True)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.service_arguments()
            version = data.pop("version")
            try:
                services.system_update(actor=user, system=system, version=version, **data)
            except Conflict as exc:
                form.add_error(None, str(exc.message))
                status = 409
            except ValidationFailed as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The register entry is updated."))
                return redirect("expertise:system", pk=system.pk)
    return render_page(
        request,
        "expertise/system_form.html",
        "register",
        {"form": form, "system": system},
        status=status,
    )


@login_required
@require_POST
def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    system = selectors.system_get(actor=user, pk=pk)
    form = VersionCreateForm(request.POST)
    created: list[SystemVersion] = []
    done = perform(
        request,
        form,
        lambda: created.append(
            services.version_create(actor=user, system=system, label=form.cleaned_data["label"])
        ),
    )
    if done is Done.OK:
        messages.success(
            request,
            _("Version %(number)s is registered, starting from the latest answers.")
            % {"number": created[0].number},
        )
        return redirect("expertise:version", pk=created[0].pk)
    if done is Done.INVALID:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
    return redirect("expertise:system", pk=system.pk)
