"""The programme pages: the index (with the desk: what awaits the user), a programme
with its timeline, money and schedule, and its forms. Every write goes through
`core.web.perform`, so a service's refusal reaches the user the same way everywhere."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_view
from accord.core.errors import PermissionDenied
from accord.core.models import Party
from accord.core.permissions import acting_user
from accord.core.selectors import party_list
from accord.core.web import Done, attempt, perform
from accord.programmes import gantt, selectors, services
from accord.programmes.domain import lifecycle
from accord.programmes.domain.money import AGEING_BUCKETS
from accord.programmes.forms import AdvanceForm, ParticipantForm, ProgrammeForm
from accord.programmes.models import Programme
from accord.programmes.permissions import (
    can_create,
    can_finance,
    can_keep_rates,
    can_manage,
    can_see_cost_detail,
)
from accord.programmes.selectors import costs
from accord.programmes.views.common import SECTION, form_page, page


def _form(request: HttpRequest, **kwargs: Any) -> ProgrammeForm:
    user = acting_user(request)
    own = party_of(user)
    parties = party_list().exclude(pk=own.pk) if own else Party.objects.none()
    data = request.POST if request.method == "POST" else None
    return ProgrammeForm(data, clearance=user.clearance, parties=parties, **kwargs)


def detail_url(programme: Programme) -> str:
    return reverse(f"{SECTION}:programme-detail", args=[programme.pk])


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    rows = selectors.programme_list(actor=user)
    page_obj = Paginator(rows, 50).get_page(request.GET.get("page"))
    return page(
        request,
        "index.html",
        {
            "page": page_obj,
            "may_create": can_create(user),
            "may_keep_rates": can_keep_rates(user),
            "desk": selectors.desk(actor=user),
        },
    )


def _gantt(programme: Programme) -> str:
    packages = list(programme.work_packages.order_by("wbs_code"))
    baseline = programme.baselines.order_by("-taken_at", "-id").first()
    base = {i.wbs_code: i for i in baseline.items.all()} if baseline else {}
    bars = [
        gantt.Bar(
            p.wbs_code,
            p.title,
            p.start,
            p.finish,
            base[p.wbs_code].start if p.wbs_code in base else None,
            base[p.wbs_code].finish if p.wbs_code in base else None,
            p.milestone,
        )
        for p in packages
    ]
    return gantt.svg(bars)


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    programme = selectors.programme_get(actor=user, pk=pk)
    record_view(actor=user, obj=programme)
    budgets = list(programme.budgets.prefetch_related("lines"))
    for budget in budgets:
        budget.total = selectors.budget_total(budget)  # type: ignore[attr-defined]
    detail = can_see_cost_detail(user)
    return page(
        request,
        "programme_detail.html",
        {
            "programme": programme,
            "participants": programme.participations.select_related("party"),
            "timeline": selectors.timeline(programme),
            "keys": selectors.keys(programme),
            "budgets": budgets,
            "assessments": selectors.assessments(programme),
            "statement": selectors.statement(programme),
            "ageing_buckets": AGEING_BUCKETS,
            "cost_detail": detail,
            "contributions": programme.contributions.select_related("party") if detail else (),
            "transactions": (
                programme.transactions.select_related("provider", "receiver") if detail else ()
            ),
            "budget_vs_actual": costs.budget_vs_actual(programme) if detail else (),
            "planned": costs.planned_vs_disbursed(programme) if detail else (),
            "flows": selectors.commitments_vs_disbursements(programme),
            "packages": programme.work_packages.select_related("owner"),
            "baselines": programme.baselines.all(),
            "evm": programme.evm_snapshots.order_by("period"),
            "gantt": mark_safe(_gantt(programme)),  # noqa: S308 - built from escaped text
            "s_curve": mark_safe(gantt.s_curve(programme.evm_snapshots.order_by("period"))),  # noqa: S308
            "children": programme.children.visible_to(user),
            "may_manage": can_manage(user, programme),
            "may_finance": can_finance(user, programme),
            "next_stages": lifecycle.TRANSITIONS.get(programme.stage, ()),
        },
    )


@login_required
def programme_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not can_create(user):
        raise PermissionDenied()
    form = _form(request)
    if request.method == "POST":
        outcome = attempt(
            request,
            form,
            lambda: services.programme_create(actor=user, **form.service_arguments()),
            refusal_on_form=True,
            success=_("The programme is proposed."),
        )
        if outcome.done is Done.OK:
            return redirect(detail_url(outcome.value))
    return form_page(request, title=_("New programme"), form=form, back=reverse(f"{SECTION}:index"))


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    programme = selectors.programme_get(actor=user, pk=pk)
    if not can_manage(user, programme):
        raise PermissionDenied()
    initial: dict[str, Any] = {
        name: getattr(programme, name)
        for name in services.PROGRAMME_FIELDS
        if name not in ("parent", "actual_start", "actual_end")
    }
    initial.update(
        released_to=[p.pk for p in programme.released_to.all()], version=programme.version
    )
    form = _form(request, initial=initial, versioned=True)
    if request.method == "POST":

        def save() -> Programme:
            data = form.service_arguments()
            version = data.pop("version")
            return services.programme_update(
                actor=user, programme=programme, version=version, **data
            )

        done = perform(
            request, form, save, refusal_on_form=True, success=_("The programme is updated.")
        )
        if done is Done.OK:
            return redirect(detail_url(programme))
    return form_page(request, title=_("Edit the programme"), form=form, back=detail_url(programme))


@login_required
def programme_advance(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    programme = selectors.programme_get(actor=user, pk=pk)
    if not can_manage(user, programme):
        raise PermissionDenied()
    stages = list(lifecycle.TRANSITIONS.get(programme.stage, ()))
    data = request.POST if request.method == "POST" else None
    form = AdvanceForm(data, stages=stages, initial={"version": programme.version})
    if request.method == "POST":
        done = perform(
            request,
            form,
            lambda: services.programme_advance(
                actor=user,
                programme=programme,
                version=form.cleaned_data["version"],
                stage=form.cleaned_data["stage"],
                **form.record(),
            ),
            refusal_on_form=True,
            success=_("The step is signed and recorded."),
        )
        if done is Done.OK:
            return redirect(detail_url(programme))
    return form_page(
        request,
        title=_("Next step of the programme"),
        form=form,
        back=detail_url(programme),
        intro=_(
            "Eligibility needs criteria and reasons; a decision, its rule and reference; "
            "acceptance and closure, a statement. The record is signed in your name."
        ),
    )


@login_required
def programme_participant(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    programme = selectors.programme_get(actor=user, pk=pk)
    if not can_manage(user, programme):
        raise PermissionDenied()
    data = request.POST if request.method == "POST" else None
    form = ParticipantForm(data, parties=party_list())
    if request.method == "POST":
        done = perform(
            request,
            form,
            lambda: services.participant_add(
                actor=user,
                programme=programme,
                party=form.cleaned_data["party"],
                role=form.cleaned_data["role"],
            ),
            refusal_on_form=True,
            success=_("The participant is added."),
        )
        if done is Done.OK:
            return redirect(detail_url(programme))
    return form_page(request, title=_("Add a participant"), form=form, back=detail_url(programme))


@login_required
def programme_iati(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme as IATI 2.03 activity XML (and its children the reader sees)."""
    from django.utils import timezone

    from accord.programmes.iati import activities_xml

    user = acting_user(request)
    programme = selectors.programme_get(actor=user, pk=pk)
    rows = [programme, *programme.children.visible_to(user).order_by("id")]
    body = activities_xml(rows, generated=timezone.now(), detail=can_see_cost_detail(user))
    response = HttpResponse(body, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="iati-{programme.pk}.xml"'
    return response


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "pdf": ("application/pdf", "pdf"),
}


@login_required
def programme_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The contributions statement as CSV or XLSX, or the programme report as PDF
    (`?format=`), for whoever sees the programme; an unknown format is a 400."""
    from django.utils.translation import get_language

    from accord.programmes import exports

    user = acting_user(request)
    programme = selectors.programme_get(actor=user, pk=pk)
    kind = request.GET.get("format", "csv")
    if kind not in EXPORTS:
        from accord.core.errors import ValidationFailed

        raise ValidationFailed.single("format", _("Choose CSV, XLSX or PDF."))
    record_view(actor=user, obj=programme)
    if kind == "csv":
        body = exports.statement_csv(programme)
    elif kind == "xlsx":
        body = exports.statement_xlsx(programme)
    else:
        body = exports.report_pdf(
            programme, language=get_language() or "en", gantt_svg=_gantt(programme)
        )
    content_type, extension = EXPORTS[kind]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="programme-{programme.pk}.{extension}"'
    return response


@login_required
def programme_ical(request: HttpRequest, pk: int) -> HttpResponse:
    """Milestones and due dates as iCalendar, for whoever sees the programme."""
    from django.utils import timezone

    from accord.programmes.ical import milestones_ics

    programme = selectors.programme_get(actor=acting_user(request), pk=pk)
    response = HttpResponse(
        milestones_ics(programme, now=timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="programme-{programme.pk}.ics"'
    return response
