"""Facilities, assessments, improvement plans, aggregates: pages.

The assessment form saves each answer as it changes (htmx posts one requirement's
fieldset; the answer comes back as a small status with the new version swapped in out of
band, so the focus never moves while the operator works through the list with the
keyboard). Without JavaScript each requirement's Save button posts the same form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.access import party_of
from accord.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)
from accord.core.permissions import acting_user
from accord.core.web import Done, attempt, perform
from accord.reports.charts import Series, bar_chart, line_chart
from accord.standards import permissions
from accord.standards.domain import scoring
from accord.standards.forms import ActionForm, FacilityEditForm, FacilityForm
from accord.standards.models import Action, AssessmentAnswer, Facility
from accord.standards.selectors import facilities as selectors
from accord.standards.services import facilities as services


def _page(
    request: HttpRequest, template: str, section: str, context: dict[str, Any]
) -> HttpResponse:
    return render(request, f"standards/facilities/{template}", {"section": section, **context})


# --- Facility register -----------------------------------------------------------------------


@login_required
def facility_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    facilities = list(selectors.facility_list(actor=user))
    latest: dict[int, Any] = {}
    for assessment in selectors.assessment_list(actor=user).filter(
        facility__in=[f.pk for f in facilities]
    ):
        latest.setdefault(assessment.facility_id, assessment)
    rows = [(facility, latest.get(facility.pk)) for facility in facilities]
    return _page(
        request,
        "facility_list.html",
        "facilities",
        {"rows": rows, "may_register": permissions.may_assess(user)},
    )


@login_required
def facility_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.may_assess(user):
        raise PermissionDenied()
    form = FacilityForm(request.POST or None)
    if request.method == "POST":
        outcome = attempt(
            request,
            form,
            lambda: services.facility_register(actor=user, **form.cleaned_data),
            passes=(ServiceError,),
            success=_("The facility is registered."),
        )
        if outcome.ok:
            return redirect("standards:facility", pk=outcome.value.pk)
    return _page(request, "facility_form.html", "facilities", {"form": form})


def _editable_facility(user: Any, pk: int) -> Facility:
    """A facility the user may edit: another party's (even if released) answers 404, the
    own party's without the assessor role is refused."""
    facility = selectors.facility_get(actor=user, pk=pk, audit=False)
    party = party_of(user)
    if party is None or facility.owner_id != party.pk:
        raise NotFound()
    if not permissions.may_assess(user, facility):
        raise PermissionDenied()
    return facility


@login_required
def facility_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    facility = _editable_facility(user, pk)
    initial = {name: getattr(facility, name) for name in services.FACILITY_FIELDS}
    initial["released_to"] = list(facility.released_to.all())
    initial["version"] = facility.version
    form = FacilityEditForm(request.POST or None, initial=initial, owner_id=facility.owner_id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        released_to = list(data.pop("released_to"))
        done = perform(
            request,
            form,
            lambda: services.facility_update(
                actor=user, facility=facility, version=version, released_to=released_to, **data
            ),
            refusal_on_form=True,
            success=_("The facility is updated."),
        )
        if done is Done.OK:
            return redirect("standards:facility", pk=facility.pk)
    return _page(request, "facility_edit.html", "facilities", {"form": form, "facility": facility})


@login_required
def facility_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    facility = selectors.facility_get(actor=user, pk=pk)
    assessments = list(selectors.assessment_list(actor=user, facility=facility))
    history = selectors.score_history(facility)
    chart = None
    if history:
        chart = line_chart(
            [a.completed_at.date().isoformat() if a.completed_at else "" for a in history],
            [Series(_("Score"), [float(a.score or 0) for a in history])],
            title=_("Score over time"),
            y_max=100,
        )
    may_assess = permissions.may_assess(user, facility)
    return _page(
        request,
        "facility_detail.html",
        "facilities",
        {
            "facility": facility,
            "assessments": assessments,
            "history": history,
            "chart": chart,
            "may_assess": may_assess,
            "versions": selectors.adopted_versions(actor=user) if may_assess else [],
            "actions": selectors.action_list(actor=user, facility=facility),
        },
    )


@login_required
@require_POST
def assessment_start(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    facility = selectors.facility_get(actor=user, pk=pk, audit=False)
    try:
        version = int(request.POST.get("standard_version", ""))
    except ValueError:
        messages.error(request, _("Choose an adopted standard version."))
        return redirect("standards:facility", pk=facility.pk)
    outcome = attempt(
        request,
        None,
        lambda: services.assessment_start(actor=user, facility=facility, standard_version=version),
    )
    if not outcome.ok:
        return redirect("standards:facility", pk=facility.pk)
    return redirect("standards:assessment", pk=outcome.value.pk)


# --- The assessment form ---------------------------------------------------------------------


def _form_context(user: Any, assessment: Any, only: str) -> dict[str, Any]:
    rows = selectors.form_rows(assessment, only=only)
    answered, total = selectors.assessment_progress(assessment)
    editable = assessment.state == "in_progress" and permissions.may_assess(
        user, assessment.facility
    )
    summary = services.assessment_summary(assessment) if assessment.state == "complete" else None
    carry = assessment.carry_over or {}
    return {
        "assessment": assessment,
        "facility": assessment.facility,
        "rows": rows,
        "answered": answered,
        "total": total,
        "percent": scoring.progress(answered, total),
        "editable": editable,
        "may_assess": permissions.may_assess(user, assessment.facility),
        "only": only,
        "statuses": AssessmentAnswer.Status.choices,
        "maturities": range(6),
        "summary": summary,
        "carry": carry,
        "removed_numbers": sorted((carry.get("removed_numbers") or {}).values()),
        "actions": selectors.action_list(actor=user, assessment=assessment),
        "action_statuses": Action.Status.choices,
    }


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    assessment = selectors.assessment_get(actor=user, pk=pk)
    only = request.GET.get("only", "")
    if only not in ("", "unanswered", "changed"):
        only = ""
    return _page(request, "assessment.html", "facilities", _form_context(user, assessment, only))


@login_required
@require_POST
def answer_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one requirement's answer. htmx: answers the row's status (and the new version
    and progress out of band); otherwise redirects back to the row."""
    user = acting_user(request)
    assessment = selectors.assessment_get(actor=user, pk=pk, audit=False)
    htmx = request.headers.get("HX-Request") == "true"
    post = request.POST
    try:
        clause = int(post.get("clause", ""))
        expected = int(post.get("version", "0") or 0)
        maturity = int(post.get("maturity", "0") or 0)
    except ValueError:
        clause, expected, maturity = 0, 0, -1
    state, message, answer = "saved", _("Saved"), None
    if not post.get("status"):
        state, message = "unanswered", _("Choose a status.")
    else:
        try:
            if maturity < 0:
                raise ValidationFailed.single("maturity", _("Maturity is a number from 0 to 5."))
            answer = services.answer_save(
                actor=user,
                assessment=assessment,
                clause=clause,
                expected_version=expected,
                status=post.get("status", ""),
                maturity=maturity,
                justification=post.get("justification", ""),
                notes=post.get("notes", ""),
            )
        except NotFound:
            raise
        except Conflict as exc:
            state, message = "conflict", str(exc.message)
        except ValidationFailed as exc:
            state = "invalid"
            message = " ".join(str(t) for texts in exc.errors.values() for t in texts) or str(
                exc.message
            )
        except ServiceError as exc:
            state, message = "refused", str(exc.message)
    if not htmx:
        if state == "saved":
            messages.success(request, message)
        else:
            messages.error(request, message)
        return redirect(reverse("standards:assessment", args=[assessment.pk]) + f"#c{clause}")
    answered, total = selectors.assessment_progress(assessment)
    return render(
        request,
        "standards/facilities/_answer_status.html",
        {
            "state": state,
            "message": message,
            "answer": answer,
            "clause_pk": clause,
            "assessment_pk": assessment.pk,
            "answered": answered,
            "total": total,
            "percent": scoring.progress(answered, total),
        },
    )


@login_required
@require_POST
def assessment_complete(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    assessment = selectors.assessment_get(actor=user, pk=pk, audit=False)
    perform(
        request,
        None,
        lambda: services.assessment_complete(
            actor=user, assessment=assessment, version=int(request.POST.get("version", "0") or 0)
        ),
        success=_("The assessment is complete."),
    )
    return redirect("standards:assessment", pk=assessment.pk)


@login_required
@require_POST
def assessment_reassess(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    assessment = selectors.assessment_get(actor=user, pk=pk, audit=False)
    outcome = attempt(
        request, None, lambda: services.assessment_reassess(actor=user, assessment=assessment)
    )
    if not outcome.ok:
        return redirect("standards:assessment", pk=assessment.pk)
    return redirect(reverse("standards:assessment", args=[outcome.value.pk]) + "?only=changed")


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    answer = selectors.answer_get(actor=user, pk=pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file."))
    else:
        perform(
            request,
            None,
            lambda: services.evidence_add(
                actor=user, answer=answer, upload=upload, title=request.POST.get("title", "")
            ),
            success=_("The file is attached."),
        )
    return redirect(
        reverse("standards:assessment", args=[answer.assessment_id]) + f"#c{answer.clause_id}"
    )


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    from accord.core.audit import record_view

    user = acting_user(request)
    evidence = selectors.evidence_get(actor=user, pk=pk)
    record_view(actor=user, obj=evidence.answer.assessment.facility)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.file_name,
        content_type=evidence.content_type,
    )


# --- Improvement plan ------------------------------------------------------------------------


@login_required
@require_POST
def plan_from_gaps(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    assessment = selectors.assessment_get(actor=user, pk=pk, audit=False)
    outcome = attempt(
        request, None, lambda: services.plan_from_gaps(actor=user, assessment=assessment)
    )
    if outcome.ok:
        messages.success(request, _("Actions added: %(count)s.") % {"count": len(outcome.value)})
    return redirect(reverse("standards:assessment", args=[assessment.pk]) + "#plan")


@login_required
@require_POST
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    assessment = selectors.assessment_get(actor=user, pk=pk, audit=False)
    fields: dict[str, Any] = {
        "title": request.POST.get("title", "").strip(),
        "owner_name": request.POST.get("owner_name", "").strip(),
        "due_date": request.POST.get("due_date") or None,
    }
    perform(
        request,
        None,
        lambda: services.action_create(actor=user, assessment=assessment, **fields),
        success=_("The action is added to the plan."),
    )
    return redirect(reverse("standards:assessment", args=[assessment.pk]) + "#plan")


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    action = selectors.action_get(actor=user, pk=pk)
    facility = action.assessment.facility
    party = party_of(user)
    if party is None or facility.owner_id != party.pk:
        raise NotFound()
    if not permissions.may_assess(user, facility):
        raise PermissionDenied()
    initial = {
        "title": action.title,
        "description": action.description,
        "owner_name": action.owner_name,
        "due_date": action.due_date,
        "version": action.version,
    }
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        done = perform(
            request,
            form,
            lambda: services.action_update(actor=user, action=action, version=version, **data),
            refusal_on_form=True,
            success=_("The action is updated."),
        )
        if done is Done.OK:
            return redirect(reverse("standards:assessment", args=[action.assessment_id]) + "#plan")
    return _page(
        request,
        "action_edit.html",
        "facilities",
        {"form": form, "action": action, "facility": facility},
    )


@login_required
@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    action = selectors.action_get(actor=user, pk=pk)
    perform(
        request,
        None,
        lambda: services.action_set_status(
            actor=user,
            action=action,
            version=int(request.POST.get("version", "0") or 0),
            status=request.POST.get("status", ""),
        ),
    )
    target = request.POST.get("next", "")
    if target == "assessment":
        return redirect(reverse("standards:assessment", args=[action.assessment_id]) + "#plan")
    return redirect("standards:plan")


@login_required
def plan_board(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    actions = list(selectors.action_list(actor=user).select_related("assessment__facility"))
    columns = [
        (code, label, [a for a in actions if a.status == code])
        for code, label in Action.Status.choices
    ]
    return _page(
        request,
        "plan.html",
        "facilities",
        {
            "columns": columns,
            "overdue": sum(1 for a in actions if a.is_overdue),
            "statuses": Action.Status.choices,
            "may_assess": permissions.may_assess(user),
            "own_party_id": getattr(party_of(user), "pk", None),
        },
    )


# --- Aggregates ------------------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    try:
        version_pk = int(request.GET.get("version", "") or 0) or None
    except ValueError:
        version_pk = None
    result = selectors.aggregates(actor=user, version_pk=version_pk)
    chart = None
    shown_sections = [(c, share) for c, share, hidden in result.sections if not hidden]
    if shown_sections:
        chart = bar_chart(
            [f"{c.number} {c.title}"[:40] for c, _share in shown_sections],
            [
                Series(
                    _("Implemented, per cent"), [float(share or 0) for _c, share in shown_sections]
                )
            ],
            title=_("Share of requirements implemented, by section"),
        )
    overdue = [] if result.across_parties else list(selectors.overdue_actions(actor=user)[:50])
    return _page(
        request,
        "dashboard.html",
        "dashboard",
        {"result": result, "chart": chart, "overdue": overdue},
    )


# --- Report and OSCAL export -----------------------------------------------------------------


@login_required
def assessment_report(request: HttpRequest, pk: int) -> HttpResponse:
    from accord.standards.reports import assessment_pdf

    user = acting_user(request)
    assessment = selectors.assessment_get(actor=user, pk=pk)
    pdf = assessment_pdf(assessment, actor=user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="assessment-{assessment.pk}.pdf"'
    return response


@login_required
def assessment_oscal(request: HttpRequest, pk: int) -> HttpResponse:
    from accord.standards.oscal.assessment import export_assessment

    user = acting_user(request)
    assessment = selectors.assessment_get(actor=user, pk=pk)
    response = JsonResponse(export_assessment(assessment), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = (
        f'attachment; filename="assessment-results-{assessment.pk}.json"'
    )
    return response
