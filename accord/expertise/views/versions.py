"""A version of a system: its questionnaire, evidence, contingent assignments, and opening a
review of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.access import party_of
from accord.core.audit import record_view
from accord.core.errors import Conflict, NotFound, ServiceError, ValidationFailed
from accord.core.permissions import acting_user
from accord.core.web import Done, add_service_errors, perform, render_page
from accord.expertise import selectors, services
from accord.expertise.forms import (
    AssignmentForm,
    EvidenceFileForm,
    EvidenceReferenceForm,
    QuestionnaireForm,
    ReviewOpenForm,
)
from accord.expertise.models import Review, SystemVersion
from accord.expertise.permissions import is_adviser_of, is_coordinator
from accord.expertise.views.common import states
from accord.expertise.views.display import answers


def _version_page(
    request: HttpRequest,
    version: SystemVersion,
    bound: dict[str, forms.BaseForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = acting_user(request)
    bound = bound or {}
    system = version.system
    frozen = version.frozen_at is not None
    owner_adviser = is_adviser_of(user, system.owner_id)
    evidence = list(selectors.version_evidence(version))
    may_assign = owner_adviser or is_coordinator(user)
    party = party_of(user)
    may_open = party is not None and (is_adviser_of(user, party.pk) or is_coordinator(user))
    questionnaire = bound.get("questionnaire") or QuestionnaireForm(
        version=version, evidence=evidence, frozen=frozen or not owner_adviser
    )
    return render_page(
        request,
        "expertise/version_detail.html",
        "register",
        {
            "version": version,
            "system": system,
            "frozen": frozen,
            "may_edit": owner_adviser and not frozen,
            "answers": answers(version) if frozen or not owner_adviser else None,
            "may_add_evidence": owner_adviser,
            "form": questionnaire,
            "evidence": evidence,
            "file_form": bound.get("file") or EvidenceFileForm(),
            "reference_form": bound.get("reference") or EvidenceReferenceForm(),
            "assignments": selectors.assignments(version=version),
            "assignment_form": (bound.get("assignment") or AssignmentForm(states=states()))
            if may_assign
            else None,
            "open_form": (
                bound.get("open") or ReviewOpenForm(states=states().exclude(pk=system.owner_id))
            )
            if may_open
            else None,
            "reviews": selectors.review_list(actor=user).filter(subject=version),
            "siblings": selectors.version_list(actor=user, system=system),
        },
        status=status,
    )


@login_required
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The questionnaire of a version (GET shows it, POST saves it)."""
    user = acting_user(request)
    version = selectors.version_get(actor=user, pk=pk)
    if request.method != "POST":
        record_view(actor=user, obj=version.system)
        return _version_page(request, version)
    evidence = list(selectors.version_evidence(version))
    form = QuestionnaireForm(request.POST, version=version, evidence=evidence)
    status = 400
    if form.is_valid():
        try:
            services.version_update(actor=user, version=version, **form.service_arguments())
        except NotFound:
            raise
        except Conflict as exc:
            form.add_error(None, str(exc.message))
            status = 409
        except ValidationFailed as exc:
            add_service_errors(
                form,
                {k.removeprefix("characteristics."): v for k, v in exc.errors.items()}
                or {"__all__": [exc.message]},
            )
        except ServiceError as exc:
            messages.error(request, str(exc.message))
            return redirect("expertise:version", pk=version.pk)
        else:
            messages.success(request, _("The questionnaire is saved."))
            return redirect("expertise:version", pk=version.pk)
    return _version_page(request, version, {"questionnaire": form}, status=status)


def _version_action(
    request: HttpRequest,
    pk: int,
    key: str,
    form: forms.BaseForm,
    call: Callable[[Any, SystemVersion], Any],
    success: str,
    anchor: str,
) -> HttpResponse:
    user = acting_user(request)
    version = selectors.version_get(actor=user, pk=pk)
    done = perform(request, form, lambda: call(user, version))
    if done is Done.INVALID:
        return _version_page(request, version, {key: form}, status=400)
    if done is Done.OK:
        messages.success(request, success)
    return redirect(reverse("expertise:version", args=[version.pk]) + anchor)


@login_required
@require_POST
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    form = EvidenceFileForm(request.POST, request.FILES)
    return _version_action(
        request,
        pk,
        "file",
        form,
        lambda user, version: services.evidence_add_file(
            actor=user,
            version=version,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        ),
        _("The file is added to the evidence."),
        "#evidence",
    )


@login_required
@require_POST
def evidence_reference(request: HttpRequest, pk: int) -> HttpResponse:
    form = EvidenceReferenceForm(request.POST)
    return _version_action(
        request,
        pk,
        "reference",
        form,
        lambda user, version: services.evidence_add_reference(
            actor=user,
            version=version,
            title=form.cleaned_data["title"],
            reference=form.cleaned_data["reference"],
        ),
        _("The reference is added to the evidence."),
        "#evidence",
    )


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, for those who see its version; always a download, never shown in
    the browser as whatever it claims to be."""
    user = acting_user(request)
    evidence = selectors.evidence_get(actor=user, pk=pk)
    if not evidence.file:
        raise NotFound()
    record_view(actor=user, obj=evidence.version.system)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.file_name or evidence.file.name.rsplit("/", 1)[-1],
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = AssignmentForm(request.POST, states=states())
    return _version_action(
        request,
        pk,
        "assignment",
        form,
        lambda user, version: services.contingent_assign(
            actor=user, version=version, **form.cleaned_data
        ),
        _("The contingent assignment is recorded."),
        "#assignments",
    )


@login_required
@require_POST
def review_open(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    version = selectors.version_get(actor=user, pk=pk)
    form = ReviewOpenForm(request.POST, states=states().exclude(pk=version.system.owner_id))
    opened: list[Review] = []
    done = perform(
        request,
        form,
        lambda: opened.append(
            services.review_open(actor=user, version=version, **form.service_arguments())
        ),
    )
    if done is Done.INVALID:
        return _version_page(request, version, {"open": form}, status=400)
    if done is Done.OK:
        messages.success(request, _("The review is opened as a draft."))
        return redirect("expertise:review", pk=opened[0].pk)
    return redirect(reverse("expertise:version", args=[version.pk]) + "#reviews")
