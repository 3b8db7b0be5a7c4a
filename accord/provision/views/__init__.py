"""The provision pages: the desk (index), requirements, the chain of a commitment on one
page with its timeline, the forms of each step, the end-use register, retransfers and
returns. Every write goes through `core.web.perform`, so a service's refusal reaches the
user the same way as everywhere else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_view
from accord.core.errors import PermissionDenied
from accord.core.export_audit import records_own_export
from accord.core.permissions import acting_user
from accord.core.web import Done, attempt, perform, render_page
from accord.provision import forms as f
from accord.provision import permissions as may
from accord.provision import selectors, services
from accord.provision.models import Consignment, DeliveryLine, Return

SECTION = "provision"


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> Any:
    return render_page(
        request, f"provision/{template}", SECTION, {"ns": SECTION, **context}, status
    )


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _action(
    request: HttpRequest,
    *,
    form: forms.Form,
    call: Callable[[], Any],
    title: Any,
    back: str,
    success: Any,
    done_to: Callable[[Any], str] | None = None,
    multipart: bool = False,
) -> HttpResponse:
    """A step's form: GET shows it, POST runs the service (its refusal on the form)."""
    if request.method == "POST":
        outcome = attempt(request, form, call, refusal_on_form=True, success=success)
        if outcome.done is Done.OK:
            return redirect(done_to(outcome.value) if done_to else back)
    return _page(
        request,
        "action_form.html",
        {"form": form, "title": title, "back": back, "multipart": multipart},
        status=400 if form.errors else 200,
    )


def _post_only(request: HttpRequest, call: Callable[[], Any], back: str, success: Any) -> Any:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    perform(request, None, call, success=success)
    return redirect(back)


def _commitment_url(pk: int) -> str:
    return reverse("provision:commitment-detail", args=[pk])


# --- The desk and requirements ---------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    return _page(
        request,
        "index.html",
        {
            "desk": selectors.desk(actor=user),
            "overview": selectors.overview(actor=user),
            "may_record": may.can_record_requirement(user),
        },
    )


@login_required
def requirement_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    page = Paginator(selectors.requirement_list(actor=user), 50).get_page(request.GET.get("page"))
    return _page(
        request,
        "requirement_list.html",
        {"page": page, "may_record": may.can_record_requirement(user)},
    )


@login_required
def requirement_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not may.can_record_requirement(user):
        raise PermissionDenied()
    form = f.RequirementForm(_data(request), clearance=user.clearance)
    return _action(
        request,
        form=form,
        call=lambda: services.requirement_create(actor=user, **form.service_arguments()),
        title=_("New requirement"),
        back=reverse("provision:requirement-list"),
        success=_("The requirement is recorded."),
        done_to=lambda r: reverse("provision:requirement-detail", args=[r.pk]),
    )


@login_required
def requirement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    requirement = selectors.requirement_get(actor=user, pk=pk)
    record_view(actor=user, obj=requirement)
    commitments = selectors.commitment_list(actor=user).filter(requirement=requirement)
    return _page(
        request,
        "requirement_detail.html",
        {
            "requirement": requirement,
            "commitments": commitments,
            "may_commit": may.is_officer(user) and party_of(user) is not None,
        },
    )


@login_required
def requirement_commit(request: HttpRequest, pk: int) -> HttpResponse:
    from accord.expertise.selectors import version_list

    user = acting_user(request)
    requirement = selectors.requirement_get(actor=user, pk=pk)
    if not may.is_officer(user):
        raise PermissionDenied()
    versions = version_list(actor=user).select_related("system")
    form = f.CommitmentForm(_data(request), clearance=user.clearance, versions=versions)
    return _action(
        request,
        form=form,
        call=lambda: services.commitment_create(
            actor=user, requirement=requirement, **form.service_arguments()
        ),
        title=_("Commit against %(ref)s") % {"ref": requirement.reference},
        back=reverse("provision:requirement-detail", args=[pk]),
        success=_("The commitment is recorded."),
        done_to=lambda c: _commitment_url(c.pk),
    )


# --- A commitment and its chain --------------------------------------------------------------


@login_required
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    commitment = selectors.commitment_get(actor=user, pk=pk)
    record_view(actor=user, obj=commitment)
    return _page(
        request,
        "commitment_detail.html",
        {
            "commitment": commitment,
            "requirement_seen": can_see(user, commitment.requirement),
            "system_seen": can_see(user, commitment.system_version.system),
            "gate_reasons": [services.gate_reason_text(r) for r in commitment.gate_reasons],
            "hold_reasons": [services.gate_reason_text(r) for r in commitment.hold_reasons],
            "timeline": selectors.timeline(actor=user, commitment=commitment),
            "supplier": may.is_supplier_officer(user, commitment),
            "legal": may.is_supplier_legal(user, commitment),
            "party_officer": may.is_party_officer(user, commitment),
        },
    )


def _commitment_for(request: HttpRequest, pk: int) -> tuple[Any, Any]:
    user = acting_user(request)
    return user, selectors.commitment_get(actor=user, pk=pk)


@login_required
def commitment_gate(request: HttpRequest, pk: int) -> Any:
    user, commitment = _commitment_for(request, pk)
    return _post_only(
        request,
        lambda: services.commitment_gate(actor=user, commitment=commitment),
        _commitment_url(pk),
        _("The legal gate was asked."),
    )


@login_required
def commitment_authorisation(request: HttpRequest, pk: int) -> HttpResponse:
    user, commitment = _commitment_for(request, pk)
    form = f.AuthorisationForm(_data(request))
    return _action(
        request,
        form=form,
        call=lambda: services.authorisation_record(
            actor=user, commitment=commitment, **form.cleaned_data
        ),
        title=_("National authorisation"),
        back=_commitment_url(pk),
        success=_("The authorisation is recorded."),
    )


@login_required
def commitment_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    user, commitment = _commitment_for(request, pk)
    form = f.CertificateForm(_data(request), request.FILES if request.method == "POST" else None)

    def call() -> Any:
        data = dict(form.cleaned_data)
        return services.certificate_record(
            actor=user, commitment=commitment, document=data.pop("document"), **data
        )

    return _action(
        request,
        form=form,
        call=call,
        title=_("End-user certificate"),
        back=_commitment_url(pk),
        success=_("The end-user certificate is recorded."),
        multipart=True,
    )


@login_required
def commitment_consignment(request: HttpRequest, pk: int) -> HttpResponse:
    user, commitment = _commitment_for(request, pk)
    form = f.ConsignmentForm(_data(request))
    return _action(
        request,
        form=form,
        call=lambda: services.consignment_record(
            actor=user, commitment=commitment, **form.cleaned_data
        ),
        title=_("Dispatch a consignment"),
        back=_commitment_url(pk),
        success=_("The consignment is recorded."),
    )


@login_required
def commitment_check(request: HttpRequest, pk: int) -> HttpResponse:
    user, commitment = _commitment_for(request, pk)
    form = f.CheckForm(_data(request))
    return _action(
        request,
        form=form,
        call=lambda: services.check_schedule(
            actor=user, commitment=commitment, **form.cleaned_data
        ),
        title=_("Schedule an end-use check"),
        back=_commitment_url(pk),
        success=_("The check is scheduled."),
    )


def _consignment_for(request: HttpRequest, pk: int) -> tuple[Any, Consignment]:
    user = acting_user(request)
    return user, selectors.consignment_get(actor=user, pk=pk)


@login_required
def consignment_line(request: HttpRequest, pk: int) -> HttpResponse:
    user, consignment = _consignment_for(request, pk)
    form = f.LineForm(_data(request))
    return _action(
        request,
        form=form,
        call=lambda: services.line_add(
            actor=user, consignment=consignment, **form.service_arguments()
        ),
        title=_("Add a delivery line to %(ref)s") % {"ref": consignment.reference},
        back=_commitment_url(consignment.commitment_id),
        success=_("The line is added."),
    )


@login_required
def consignment_deliver(request: HttpRequest, pk: int) -> HttpResponse:
    user, consignment = _consignment_for(request, pk)
    form = f.DeliverForm(_data(request))
    return _action(
        request,
        form=form,
        call=lambda: services.consignment_deliver(
            actor=user, consignment=consignment, **form.cleaned_data
        ),
        title=_("Delivery of %(ref)s") % {"ref": consignment.reference},
        back=_commitment_url(consignment.commitment_id),
        success=_("The delivery is recorded."),
    )


@login_required
def consignment_inspection(request: HttpRequest, pk: int) -> HttpResponse:
    user, consignment = _consignment_for(request, pk)
    form = f.InspectionForm(_data(request))
    current = consignment.inspections.filter(state="signed").first()
    return _action(
        request,
        form=form,
        call=lambda: services.inspection_record(
            actor=user, consignment=consignment, supersedes=current, **form.service_arguments()
        ),
        title=_("Acceptance inspection of %(ref)s") % {"ref": consignment.reference},
        back=_commitment_url(consignment.commitment_id),
        success=_("The inspection is recorded; both sides now sign it."),
    )


@login_required
def inspection_sign(request: HttpRequest, pk: int) -> Any:
    user = acting_user(request)
    inspection = selectors.inspection_get(actor=user, pk=pk)
    return _post_only(
        request,
        lambda: services.inspection_sign(actor=user, inspection=inspection),
        _commitment_url(inspection.consignment.commitment_id),
        _("You signed the inspection."),
    )


@login_required
def line_register(request: HttpRequest, pk: int) -> Any:
    user = acting_user(request)
    line = selectors.line_get(actor=user, pk=pk)
    return _post_only(
        request,
        lambda: services.line_items_register(actor=user, line=line),
        _commitment_url(line.consignment.commitment_id),
        _("The serials are in your item register."),
    )


@login_required
def inspection_discrepancy(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a discrepancy report by hand: a wrong item or a documentation fault."""
    user = acting_user(request)
    inspection = selectors.inspection_get(actor=user, pk=pk)
    form = f.DiscrepancyReportForm(_data(request))
    return _action(
        request,
        form=form,
        call=lambda: services.discrepancy_report(
            actor=user, inspection=inspection, **form.service_arguments()
        ),
        title=_("Report a discrepancy"),
        back=_commitment_url(inspection.consignment.commitment_id),
        success=_("The discrepancy report is open."),
    )


@login_required
def discrepancy_advance(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a discrepancy report on (under investigation, resolved with how)."""
    user = acting_user(request)
    discrepancy = selectors.discrepancy_get(actor=user, pk=pk)
    form = f.DiscrepancyAdvanceForm(_data(request))
    return _action(
        request,
        form=form,
        call=lambda: services.discrepancy_advance(
            actor=user, discrepancy=discrepancy, version=discrepancy.version, **form.cleaned_data
        ),
        title=_("Move the discrepancy report on"),
        back=_commitment_url(discrepancy.inspection.consignment.commitment_id),
        success=_("The discrepancy report is moved on."),
    )


@login_required
def commitment_disposal(request: HttpRequest, pk: int) -> HttpResponse:
    user, commitment = _commitment_for(request, pk)
    form = f.DisposalForm(_data(request), request.FILES if request.method == "POST" else None)

    def call() -> Any:
        data = form.service_arguments()
        return services.disposal_record(
            actor=user, commitment=commitment, certificate=data.pop("certificate"), **data
        )

    return _action(
        request,
        form=form,
        call=call,
        title=_("Disposal or return of items"),
        back=_commitment_url(pk),
        success=_("The disposal or return is recorded."),
        multipart=True,
    )


@login_required
def check_rate(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    check = selectors.check_get(actor=user, pk=pk)
    form = f.RateForm(_data(request))
    return _action(
        request,
        form=form,
        call=lambda: services.check_rate(actor=user, check=check, **form.cleaned_data),
        title=_("Rate the end-use check"),
        back=_commitment_url(check.commitment_id),
        success=_("The check is rated."),
    )


# --- Register, retransfers, returns ----------------------------------------------------------


@login_required
def register(request: HttpRequest) -> HttpResponse:
    """The end-use register: delivered lines, by end user (title holder) and item."""
    user = acting_user(request)
    visible = selectors.commitment_list(actor=user).values("pk")
    lines = (
        DeliveryLine.objects.filter(
            consignment__commitment__in=visible, consignment__state=Consignment.State.DELIVERED
        )
        .select_related("title_holder", "operational_controller", "consignment__commitment__owner")
        .order_by("title_holder__code", "description", "id")
    )
    kind = request.GET.get("format")
    if kind in ("csv", "xlsx"):
        return _register_export(lines, kind)
    page = Paginator(lines, 100).get_page(request.GET.get("page"))
    return _page(request, "register.html", {"page": page})


def _register_export(lines: Any, kind: str) -> HttpResponse:
    """The end-use register as CSV or XLSX (`accord.reports.tabular`, formula guard)."""
    from accord.reports import tabular

    columns = [
        str(_("Title holder")),
        str(_("Item")),
        str(_("Category")),
        str(_("Quantity")),
        str(_("Serials")),
        str(_("Physical location")),
        str(_("Operational controller")),
        str(_("Supplier")),
    ]
    rows = (
        [
            line.title_holder.code,
            line.description,
            line.category,
            line.quantity,
            " ".join(line.serials),
            line.physical_location,
            line.operational_controller.code,
            line.consignment.commitment.owner.code,
        ]
        for line in lines.iterator()
    )
    if kind == "xlsx":
        content = tabular.xlsx_bytes([tabular.Sheet(title="Register", columns=columns, rows=rows)])
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, mime = tabular.csv_bytes(columns, rows), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="end-use-register.{kind}"'
    return response


@login_required
def retransfer_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    page = Paginator(selectors.retransfer_list(actor=user), 50).get_page(request.GET.get("page"))
    return _page(request, "retransfer_list.html", {"page": page})


@login_required
def retransfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    made = selectors.retransfer_get(actor=user, pk=pk)
    record_view(actor=user, obj=made)
    may_answer = made.state == "requested" and may.is_supplier_legal(user, made.commitment)
    return _page(request, "retransfer_detail.html", {"request_obj": made, "may_answer": may_answer})


@login_required
def retransfer_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """The supplier's written answer to a retransfer request."""
    user = acting_user(request)
    made = selectors.retransfer_get(actor=user, pk=pk)
    form = f.ConsentForm(_data(request))
    return _action(
        request,
        form=form,
        call=lambda: services.retransfer_consent(
            actor=user, request=made, version=made.version, **form.service_arguments()
        ),
        title=_("Answer the retransfer request"),
        back=reverse("provision:retransfer-detail", args=[pk]),
        success=_("The answer is recorded."),
    )


@login_required
def return_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    party = party_of(user)
    kinds: list[tuple[str, Any]] = [(Return.Kind.UNROCA, Return.Kind.UNROCA.label)]
    form = None
    if may.is_officer(user) and party is not None:
        year_asked = request.POST.get("year") if request.method == "POST" else None
        if year_asked and year_asked.isdigit() and services.att_bound(party, int(year_asked)):
            kinds.append((Return.Kind.ATT, Return.Kind.ATT.label))
        elif request.method != "POST":
            from django.utils import timezone

            if services.att_bound(party, timezone.localdate().year - 1):
                kinds.append((Return.Kind.ATT, Return.Kind.ATT.label))
        form = f.ReturnForm(_data(request), kinds=kinds)
        if request.method == "POST":
            outcome = attempt(
                request,
                form,
                lambda: services.return_prepare(actor=user, **form.cleaned_data),
                refusal_on_form=True,
                success=_("The return is prepared as a draft."),
            )
            if outcome.done is Done.OK:
                return redirect("provision:return-detail", pk=outcome.value.pk)
    page = Paginator(selectors.return_list(actor=user), 50).get_page(request.GET.get("page"))
    return _page(
        request,
        "return_list.html",
        {"page": page, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def return_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    ret = selectors.return_get(actor=user, pk=pk)
    record_view(actor=user, obj=ret)
    return _page(
        request,
        "return_detail.html",
        {
            "ret": ret,
            "withheld": services.withheld_count(ret),
            "may_edit": ret.state == Return.State.DRAFT
            and ret.kind == Return.Kind.UNROCA
            and may.is_officer(user)
            and ret.owner_id == getattr(party_of(user), "pk", None),
        },
    )


@login_required
def return_sections(request: HttpRequest, pk: int) -> HttpResponse:
    """The optional UNROCA sections of a draft: military holdings, national production."""
    user = acting_user(request)
    ret = selectors.return_get(actor=user, pk=pk)
    initial = {
        "holdings": f.section_text(ret.holdings),
        "production": f.section_text(ret.production),
    }
    form = f.SectionsForm(_data(request), initial=initial)
    return _action(
        request,
        form=form,
        call=lambda: services.return_sections(
            actor=user, ret=ret, version=ret.version, **form.cleaned_data
        ),
        title=_("Optional sections of the UNROCA return"),
        back=reverse("provision:return-detail", args=[pk]),
        success=_("The sections are saved."),
    )


@login_required
def return_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The return as CSV, XLSX or a PDF preview (`?format=`); a hidden one is a 404."""
    from django.utils.translation import get_language

    from accord.provision import exports

    user = acting_user(request)
    ret = selectors.return_get(actor=user, pk=pk)
    kind = request.GET.get("format", "csv")
    name = f"{ret.kind}-{ret.year}-{ret.owner.code}"
    if kind == "xlsx":
        content, mime = (
            exports.return_xlsx(ret),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif kind == "pdf":
        content, mime = exports.return_pdf(ret, get_language() or "en"), "application/pdf"
    else:
        kind, content, mime = "csv", exports.return_csv(ret), "text/csv; charset=utf-8"
    from accord.core.audit import record_event

    record_event(actor=user, action="provision.return.export", obj=ret, after={"format": kind})
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


# --- Exports and the re-import ------------------------------------------------------------------


@login_required
def export_page(request: HttpRequest) -> HttpResponse:
    """Every table as CSV or XLSX, the whole module as JSON; the re-import (administrators)."""
    from accord.provision import tables
    from accord.provision.services.interchange import may_import

    user = acting_user(request)
    form = None
    if may_import(user):
        form = f.ImportForm(_data(request), request.FILES if request.method == "POST" else None)
        if request.method == "POST":
            outcome = attempt(
                request,
                form,
                lambda: services.module_import(actor=user, data=_json(form.cleaned_data["file"])),
                refusal_on_form=True,
                success=_("The export is imported."),
            )
            if outcome.done is Done.OK:
                return redirect("provision:export")
    elif request.method == "POST":
        raise PermissionDenied()
    return _page(
        request,
        "export.html",
        {"tables": tables.TABLE_CODES, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


def _json(upload: Any) -> Any:
    import json

    from accord.core.errors import ValidationFailed

    try:
        return json.loads(upload.read().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValidationFailed.single("file", _("The file is not JSON.")) from exc


@records_own_export
@login_required
def export_csv(request: HttpRequest, code: str) -> HttpResponse:
    from accord.provision.tables import table_response

    return table_response(acting_user(request), code, "csv")


@records_own_export
@login_required
def export_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    from accord.provision.tables import table_response

    return table_response(acting_user(request), code, "xlsx")


@records_own_export
@login_required
def export_module(request: HttpRequest) -> HttpResponse:
    from accord.provision.tables import module_response

    return module_response(acting_user(request))
