"""The pages of the money and schedule rows entered one by one: transactions, planned
disbursements, work packages (added and rescheduled), baselines, earned-value months,
the rates table (a row, or a CSV/XLSX file), and the Council's aggregates."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.core.errors import PermissionDenied
from accord.core.permissions import acting_user
from accord.core.selectors import party_list
from accord.core.web import Done, perform
from accord.programmes import selectors, services
from accord.programmes.forms import (
    BaselineForm,
    EvmForm,
    PlannedDisbursementForm,
    RateForm,
    RatesImportForm,
    RescheduleForm,
    TransactionForm,
    WorkPackageForm,
)
from accord.programmes.models import ExchangeRate
from accord.programmes.permissions import can_finance, can_keep_rates, can_manage
from accord.programmes.selectors.costs import SMALL_COUNT, council_aggregates
from accord.programmes.views.common import SECTION, form_page, page
from accord.programmes.views.programmes import detail_url


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _programme(request: HttpRequest, pk: int, allowed: Any) -> Any:
    user = acting_user(request)
    programme = selectors.programme_get(actor=user, pk=pk)
    if not allowed(user, programme):
        raise PermissionDenied()
    return user, programme


def _saved(request: HttpRequest, form: Any, save: Any, success: Any) -> bool:
    return perform(request, form, save, refusal_on_form=True, success=success) is Done.OK


@login_required
def transaction_new(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _programme(request, pk, can_finance)
    form = TransactionForm(
        _post(request), parties=party_list(), initial={"currency": programme.currency}
    )
    if request.method == "POST" and _saved(
        request,
        form,
        lambda: services.transaction_record(actor=user, programme=programme, **form.cleaned_data),
        _("The transaction is recorded."),
    ):
        return redirect(detail_url(programme))
    return form_page(
        request,
        title=_("Record a transaction"),
        form=form,
        back=detail_url(programme),
        intro=_("Converted into the programme's currency at the rate of its value date."),
    )


@login_required
def planned_disbursement_new(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _programme(request, pk, can_finance)
    form = PlannedDisbursementForm(
        _post(request), parties=party_list(), initial={"currency": programme.currency}
    )
    if request.method == "POST" and _saved(
        request,
        form,
        lambda: services.planned_disbursement_add(
            actor=user, programme=programme, **form.cleaned_data
        ),
        _("The disbursement is planned."),
    ):
        return redirect(detail_url(programme))
    return form_page(request, title=_("Plan a disbursement"), form=form, back=detail_url(programme))


@login_required
def work_package_new(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _programme(request, pk, can_manage)
    form = WorkPackageForm(_post(request), parties=party_list())
    if request.method == "POST" and _saved(
        request,
        form,
        lambda: services.work_package_add(actor=user, programme=programme, **form.cleaned_data),
        _("The work package is added."),
    ):
        return redirect(detail_url(programme))
    return form_page(request, title=_("Add a work package"), form=form, back=detail_url(programme))


@login_required
def work_package_reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _programme(request, pk, can_manage)
    form = RescheduleForm(_post(request), packages=programme.work_packages.order_by("wbs_code"))
    if request.method == "POST" and _saved(
        request,
        form,
        lambda: services.work_package_reschedule(actor=user, **form.cleaned_data),
        _("The work package is rescheduled."),
    ):
        return redirect(detail_url(programme))
    return form_page(
        request,
        title=_("Reschedule a work package"),
        form=form,
        back=detail_url(programme),
        intro=_("A baseline taken before keeps the old dates and cost."),
    )


@login_required
def baseline_new(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _programme(request, pk, can_manage)
    form = BaselineForm(_post(request))
    if request.method == "POST" and _saved(
        request,
        form,
        lambda: services.baseline_take(actor=user, programme=programme, **form.cleaned_data),
        _("The baseline is taken."),
    ):
        return redirect(detail_url(programme))
    return form_page(
        request,
        title=_("Take a baseline"),
        form=form,
        back=detail_url(programme),
        intro=_("The work packages' dates and costs are frozen as they stand now."),
    )


@login_required
def evm_new(request: HttpRequest, pk: int) -> HttpResponse:
    user, programme = _programme(request, pk, can_manage)
    form = EvmForm(_post(request))
    if request.method == "POST" and _saved(
        request,
        form,
        lambda: services.evm_record(actor=user, programme=programme, **form.cleaned_data),
        _("The month's earned value is recorded."),
    ):
        return redirect(detail_url(programme))
    return form_page(
        request,
        title=_("Record a month's earned value"),
        form=form,
        back=detail_url(programme),
        intro=_("A month is recorded once; the figures computed from it are stored."),
    )


def _rates_page(request: HttpRequest, form: Any, upload: Any) -> HttpResponse:
    has_errors = bool(form.errors) or bool(upload.errors)
    return page(
        request,
        "rates.html",
        {
            "form": form,
            "upload": upload,
            "rates": ExchangeRate.objects.order_by("currency", "quote", "-rate_date")[:200],
        },
        status=400 if has_errors else 200,
    )


@login_required
def rates(request: HttpRequest) -> HttpResponse:
    """The rates table (finance officers): its rows, a row entered, a file imported."""
    user = acting_user(request)
    if not can_keep_rates(user):
        raise PermissionDenied()
    form = RateForm(_post(request))
    upload = RatesImportForm()
    if request.method == "POST" and _saved(
        request,
        form,
        lambda: services.rate_set(actor=user, **form.cleaned_data),
        _("The rate is set."),
    ):
        return redirect(reverse(f"{SECTION}:rates"))
    return _rates_page(request, form, upload)


@login_required
def rates_import(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not can_keep_rates(user):
        raise PermissionDenied()
    if request.method != "POST":
        return redirect(reverse(f"{SECTION}:rates"))
    upload = RatesImportForm(request.POST, request.FILES)

    def save() -> Any:
        source = upload.cleaned_data["file"]
        return services.rates_import(actor=user, source=source.read(), file_name=source.name)

    if _saved(request, upload, save, _("The rates are imported.")):
        return redirect(reverse(f"{SECTION}:rates"))
    return _rates_page(request, RateForm(), upload)


@login_required
def aggregates(request: HttpRequest) -> HttpResponse:
    """The Council's view: programmes of all parties by stage and currency, small groups
    suppressed."""
    rows = council_aggregates(actor=acting_user(request))
    return page(request, "aggregates.html", {"rows": rows, "small_count": SMALL_COUNT})
