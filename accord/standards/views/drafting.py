"""Pages of the drafting part: the standards list, a standard with its versions, the
version's clause tree (clauses edited in place with htmx), the comparison of two versions
and the OSCAL download. Reads through `selectors.drafting`, writes through
`services.drafting`; a refused write becomes a message or form errors, a hidden record
answers 404 (the middleware renders NotFound)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.audit import record_view
from accord.core.errors import NotFound, PermissionDenied, ServiceError, ValidationFailed
from accord.core.permissions import acting_user
from accord.core.web import Done, attempt, perform
from accord.standards import permissions
from accord.standards.domain.compare import compare_versions, summary
from accord.standards.forms import (
    ClauseForm,
    ClauseNewForm,
    ParameterForm,
    StandardEditForm,
    StandardForm,
)
from accord.standards.models import Ballot, Clause, StandardVersion
from accord.standards.oscal import catalog as oscal
from accord.standards.selectors import consultation as consultation_selectors
from accord.standards.selectors import drafting as selectors
from accord.standards.services import drafting as services

Stage = StandardVersion.Stage
SECTION = "standards"

CLAUSE_FIELDS = [name for name in ClauseForm.base_fields if name != "revision"]

# --- The list and a standard ---------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The standards the user may see, with their latest versions."""
    user = acting_user(request)
    return render(
        request,
        "standards/index.html",
        {
            "section": SECTION,
            "standards": selectors.standard_list(actor=user),
            "may_create": permissions.may_create_standard(user),
        },
    )


@login_required
def standard_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.may_create_standard(user):
        raise PermissionDenied()
    form = StandardForm(request.POST or None)
    if request.method == "POST":
        outcome = attempt(
            request,
            form,
            lambda: services.standard_create(actor=user, **form.cleaned_data),
            passes=(ServiceError,),
            success=_("The standard was created with its first working draft."),
        )
        if outcome.ok:
            return redirect("standards:standard", pk=outcome.value.pk)
    return render(
        request, "standards/drafting/standard_form.html", {"section": SECTION, "form": form}
    )


@login_required
def standard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the standard's titles, scope, threat categories, protection classes and
    marking (its editors only); the versions' texts are edited on the version pages."""
    user = acting_user(request)
    standard = selectors.standard_get(actor=user, pk=pk)
    if not permissions.is_editor(user, standard):
        raise PermissionDenied()
    form = StandardEditForm(request.POST or None, initial=StandardEditForm.initial_for(standard))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            expected = data.pop("version")
            changed = {
                name: value for name, value in data.items() if getattr(standard, name) != value
            }
            done = perform(
                request,
                form,
                lambda: services.standard_update(
                    actor=user, standard=standard, version=expected, **changed
                ),
                refusal_on_form=True,
                success=_("The standard was saved."),
            )
            if done is Done.OK:
                return redirect("standards:standard", pk=standard.pk)
        status = 400
    return render(
        request,
        "standards/drafting/standard_form.html",
        {"section": SECTION, "form": form, "standard": standard},
        status=status,
    )


@login_required
def standard_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    standard = selectors.standard_get(actor=user, pk=pk)
    record_view(actor=user, obj=standard)
    versions = list(selectors.version_list_with_ballots(actor=user, standard=standard))
    return render(
        request,
        "standards/drafting/standard_detail.html",
        {
            "section": SECTION,
            "standard": standard,
            "versions": versions,
            "may_edit": permissions.is_editor(user, standard),
            "has_versions": bool(versions),
        },
    )


@login_required
@require_POST
def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A new working draft from an adopted version (or the first one)."""
    user = acting_user(request)
    standard = selectors.standard_get(actor=user, pk=pk)
    previous = None
    previous_id = request.POST.get("previous", "").strip()
    if previous_id:
        versions = selectors.version_list(actor=user, standard=standard)
        previous = versions.filter(pk=previous_id).first() if previous_id.isdigit() else None
        if previous is None:
            raise NotFound()
    outcome = attempt(
        request,
        None,
        lambda: services.version_create(
            actor=user, standard=standard, previous=previous, label=request.POST.get("label", "")
        ),
        success=_("A new working draft was made."),
    )
    if not outcome.ok:
        return redirect("standards:standard", pk=standard.pk)
    return redirect("standards:version", pk=outcome.value.pk)


@login_required
@require_POST
def standard_import(request: HttpRequest, pk: int) -> HttpResponse:
    """An OSCAL catalog file as a new working-draft version of the standard."""
    user = acting_user(request)
    standard = selectors.standard_get(actor=user, pk=pk)
    upload = request.FILES.get("file")

    def import_catalog() -> StandardVersion:
        if upload is None:
            raise ValidationFailed.single("file", _("Choose an OSCAL catalog file."))
        try:
            document = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationFailed.single("file", _("The file is not JSON in UTF-8.")) from exc
        return oscal.catalog_import(actor=user, document=document, standard=standard)

    outcome = attempt(
        request,
        None,
        import_catalog,
        success=_("The catalog was imported as a new working draft."),
    )
    if not outcome.ok:
        return redirect("standards:standard", pk=standard.pk)
    return redirect("standards:version", pk=outcome.value.pk)


# --- A version: the clause tree ------------------------------------------------------------


def _user_moves(version: StandardVersion) -> list[tuple[str, str]]:
    return [
        (stage, str(Stage(stage).label))
        for stage in services.USER_STAGE_MOVES.get(version.stage, ())
    ]


@login_required
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    version = selectors.version_get(actor=user, pk=pk)
    standard = version.standard
    record_view(actor=user, obj=version)
    editor = permissions.is_editor(user, standard)
    may_edit = editor and version.editable
    others = [
        v for v in selectors.version_list(actor=user, standard=standard) if v.pk != version.pk
    ]
    ballots = list(consultation_selectors.ballot_list(actor=user, version=version))
    open_ballot = next((b for b in ballots if b.state == Ballot.State.OPEN), None)
    ballot_officer = permissions.is_ballot_officer(user, standard)
    return render(
        request,
        "standards/drafting/version_detail.html",
        {
            "section": SECTION,
            "version": version,
            "standard": standard,
            "tree": selectors.version_tree(version),
            "may_edit": may_edit,
            "moves": _user_moves(version) if editor else [],
            "may_make_version": editor and version.stage == Stage.ADOPTED,
            "others": others,
            "classes": standard.protection_class_codes,
            "new_form": ClauseNewForm(),
            "ballots": ballots,
            "open_ballot": open_ballot,
            "may_open_ballot": ballot_officer
            and open_ballot is None
            and version.stage == Stage.COMMITTEE_DRAFT,
            "may_edit_standard": editor,
        },
    )


@login_required
@require_POST
def version_stage(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    version = selectors.version_get(actor=user, pk=pk)
    stage = request.POST.get("stage", "")
    if stage not in services.USER_STAGE_MOVES.get(version.stage, ()):
        messages.error(request, _("This move is not possible from the current stage."))
        return redirect("standards:version", pk=pk)
    perform(
        request,
        None,
        lambda: services.version_set_stage(actor=user, version=version, stage=stage),
        success=_("The version is now at the stage %(stage)s.") % {"stage": Stage(stage).label},
    )
    return redirect("standards:version", pk=pk)


def _clause_context(user: Any, clause: Clause) -> dict[str, Any]:
    return {
        "node": selectors.Node(clause=clause, depth=0),
        "may_edit": permissions.is_editor(user, clause.version.standard)
        and clause.version.editable,
        "classes": clause.version.standard.protection_class_codes,
    }


@login_required
def clause_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the clause's edit form (an htmx fragment); POST: save it, answer the clause."""
    user = acting_user(request)
    clause = selectors.clause_get(actor=user, pk=pk)
    standard = clause.version.standard
    if request.method == "POST":
        form = ClauseForm(request.POST)
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k in CLAUSE_FIELDS}
            if not fields.get("number"):
                fields.pop("number", None)
            done = perform(
                request,
                form,
                lambda: services.clause_update(
                    actor=user,
                    clause=clause,
                    revision=form.cleaned_data.get("revision") or clause.revision,
                    **fields,
                ),
                refusal_on_form=True,
            )
            if done is Done.OK:
                if not request.headers.get("HX-Request"):
                    return redirect(reverse("standards:version", args=[clause.version_id]))
                clause = selectors.clause_get(actor=user, pk=pk)
                return render(
                    request, "standards/drafting/_clause.html", _clause_context(user, clause)
                )
    else:
        if not permissions.is_editor(user, standard):
            raise PermissionDenied()
        services.require_editable(clause.version)
        initial = {name: getattr(clause, name) for name in CLAUSE_FIELDS}
        form = ClauseForm(initial={**initial, "revision": clause.revision})
    fragment = bool(request.headers.get("HX-Request"))
    return render(
        request,
        "standards/drafting/_clause_form.html"
        if fragment
        else "standards/drafting/clause_edit.html",
        {
            "section": SECTION,
            "clause": clause,
            "form": form,
            "parameter_form": ParameterForm(standard=standard),
        },
    )


@login_required
def clause_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One clause as shown in the tree (the htmx "cancel" of an edit)."""
    user = acting_user(request)
    clause = selectors.clause_get(actor=user, pk=pk)
    return render(request, "standards/drafting/_clause.html", _clause_context(user, clause))


@login_required
@require_POST
def clause_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    version = selectors.version_get(actor=user, pk=pk)
    form = ClauseNewForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        parent_id = data.pop("parent", None)
        data.pop("revision", None)
        parent = version.clauses.filter(pk=parent_id).first() if parent_id else None
        if parent_id and parent is None:
            raise NotFound()
        outcome = attempt(
            request,
            None,
            lambda: services.clause_add(
                actor=user, version=version, kind=data.pop("kind"), parent=parent, **data
            ),
        )
        if outcome.ok:
            clause = outcome.value
            messages.success(request, _("Clause %(number)s was added.") % {"number": clause.number})
            return redirect(reverse("standards:version", args=[pk]) + f"#clause-{clause.pk}")
    else:
        for name, texts in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for text in texts:
                messages.error(request, _("%(field)s: %(error)s") % {"field": label, "error": text})
    return redirect("standards:version", pk=pk)


@login_required
@require_POST
def clause_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    clause = selectors.clause_get(actor=user, pk=pk)
    version_id = clause.version_id
    number = clause.number
    perform(
        request,
        None,
        lambda: services.clause_delete(actor=user, clause=clause),
        success=_("Clause %(number)s was deleted.") % {"number": number},
    )
    return redirect("standards:version", pk=version_id)


@login_required
@require_POST
def clause_parameter(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    clause = selectors.clause_get(actor=user, pk=pk)
    form = ParameterForm(request.POST, standard=clause.version.standard)
    if form.is_valid():
        perform(
            request,
            None,
            lambda: services.parameter_set(actor=user, clause=clause, **form.cleaned_data),
            success=_("The parameter was saved."),
        )
    else:
        messages.error(request, _("Give the parameter's name and class."))
    return redirect(reverse("standards:version", args=[clause.version_id]) + f"#clause-{pk}")


# --- Comparison and OSCAL ------------------------------------------------------------------


@login_required
def version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Clause by clause: what changed from this version to `?other=`."""
    user = acting_user(request)
    old = selectors.version_get(actor=user, pk=pk)
    others = [
        v for v in selectors.version_list(actor=user, standard=old.standard) if v.pk != old.pk
    ]
    other = request.GET.get("other", "")
    new = None
    if other.isdigit():
        new = selectors.version_get(actor=user, pk=int(other))
    elif other:
        messages.error(request, _("Choose a version to compare with."))
    changes = compare_versions(old, new) if new is not None else []
    show_unchanged = request.GET.get("all") == "1"
    return render(
        request,
        "standards/drafting/compare.html",
        {
            "section": SECTION,
            "old": old,
            "new": new,
            "others": others,
            "changes": [c for c in changes if show_unchanged or c.change != "unchanged"],
            "summary": summary(changes) if new is not None else None,
            "show_unchanged": show_unchanged,
        },
    )


@login_required
def version_oscal(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    version = selectors.version_get(actor=user, pk=pk)
    record_view(actor=user, obj=version)
    document = oscal.catalog_export(actor=user, version=version)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json"
    )
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in version.standard.code)
    response["Content-Disposition"] = (
        f'attachment; filename="{safe}-v{version.number}-oscal-catalog.json"'
    )
    return response
