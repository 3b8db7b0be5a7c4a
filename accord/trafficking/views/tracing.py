"""Pages of tracing requests: the inbox and outbox, a new request (prefilled from an
incident item and the party whose register holds a matching record), a request's file
with its timeline and the steps of each side, the statistics and the CSV export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core.access import party_of
from accord.core.api.filters import page_filters
from accord.core.api.renderers import csv_attachment
from accord.core.audit import record_view
from accord.core.errors import PermissionDenied
from accord.core.models import Classification, Party
from accord.core.permissions import acting_user, has_any_role
from accord.core.web import Done, perform
from accord.reports.charts import Series, bar_chart
from accord.trafficking.api.filters import TracingFilter
from accord.trafficking.forms.tracing import (
    AnswerForm,
    ItemFormSet,
    ReasonForm,
    TracingRequestForm,
    TransferFormSet,
    VersionForm,
    _items_formset,
    _posted_item_rows,
)
from accord.trafficking.models.tracing import TracingRequest, default_due_date
from accord.trafficking.selectors import tracing as selectors
from accord.trafficking.services import tracing as services

S = TracingRequest.State
PAGE_SIZE = 25


# --- The boxes --------------------------------------------------------------------------------


@login_required
def tracing_list(request: HttpRequest) -> HttpResponse:
    """The party's inbox (requests received) or outbox (requests sent)."""
    user = acting_user(request)
    # The API list's FilterSet; the page opens on the inbox.
    filterset = page_filters(TracingFilter, request)
    arguments = filterset.selector_arguments()
    box = arguments.get("box", "inbox")
    state = arguments.get("state", "")
    overdue = arguments.get("overdue")
    requests = filterset.filter_queryset(
        selectors.tracing_request_list(user=user, box=box, state=state, overdue=overdue)
    )
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "trafficking/tracing/list.html",
        {
            "page": page,
            "box": box,
            "state": state,
            "overdue": overdue,
            "states": S.choices,
            "today": today,
            "counts": selectors.tracing_box_counts(user=user),
            "may_send": has_any_role(user, *services.OFFICERS),
            "query": query.urlencode(),
            "export_query": request.GET.urlencode(),
        },
    )


@login_required
def tracing_export(request: HttpRequest) -> HttpResponse:
    """The same list as CSV (same filters)."""
    user = acting_user(request)
    filterset = page_filters(TracingFilter, request)
    requests = filterset.filter_queryset(
        selectors.tracing_request_list(user=user, **filterset.selector_arguments())
    )
    return csv_attachment(selectors.tracing_csv(requests), "tracing-requests.csv")


# --- A new request ----------------------------------------------------------------------------


def _prefill(user: Any, request: HttpRequest) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Initial values from `?incident_item=<pk>` (resolved through the incidents the user
    may see) and `?party=<code>`."""
    initial: dict[str, Any] = {
        "due_date": default_due_date(),
        "classification": Classification.RESTRICTED
        if user.clearance >= Classification.RESTRICTED
        else user.clearance,
    }
    items: list[dict[str, Any]] = []
    code = (request.GET.get("party") or "").strip().upper()
    if code:
        party = Party.objects.filter(code=code, active=True).first()
        if party is not None:
            initial["requested_party"] = party.code
    if request.GET.get("incident_item"):
        found = services.incident_item_visible(user, request.GET["incident_item"])
        incident = found.incident
        place = ", ".join(p for p in (incident.locality, incident.country) if p)
        initial["incident"] = incident.pk
        initial["circumstances"] = _("%(kind)s on %(date)s at %(place)s (incident %(ref)s).") % {
            "kind": incident.get_kind_display(),
            "date": incident.occurred_on.isoformat(),
            "place": place,
            "ref": incident.reference,
        }
        if incident.narrative:
            initial["circumstances"] += "\n" + incident.narrative
        initial["classification"] = min(incident.classification, user.clearance)
        items.append(
            {
                "kind": found.kind,
                "manufacturer": found.manufacturer,
                "model": found.model,
                "serial_number": found.serial_number,
                "other_markings": found.other_markings,
                "incident_item": found.pk,
            }
        )
    return initial, items


@login_required
def tracing_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not has_any_role(user, *services.OFFICERS):
        raise PermissionDenied(roles=services.OFFICERS)
    if request.method == "POST" and "add_item" in request.POST:
        # "Add another item": the same form again, as typed, with one more empty row. No
        # validation yet (nothing is sent), so no errors are shown for half-filled fields.
        rows = _posted_item_rows(request.POST)
        typed = {name: request.POST.get(name, "") for name in TracingRequestForm.base_fields}
        form = TracingRequestForm(initial=typed, user=user)
        items = _items_formset(rows, extra=1)
        return render(
            request,
            "trafficking/tracing/form.html",
            {"form": form, "items": items, "focus_item": len(rows)},
        )
    if request.method == "POST":
        form = TracingRequestForm(request.POST, user=user)
        items = ItemFormSet(request.POST, prefix="item")
        created: list[TracingRequest] = []

        def send() -> None:
            data = form.cleaned_data
            created.append(
                services.tracing_request_send(
                    actor=user,
                    requested_party=data["requested_party"],
                    items=[i for f in items.forms if (i := f.item()) is not None],
                    circumstances=data["circumstances"],
                    grounds=data["grounds"],
                    intended_use=data["intended_use"],
                    legal_basis=data["legal_basis"],
                    requested_information=data["requested_information"],
                    due_date=data["due_date"],
                    confidentiality=data["confidentiality"],
                    incident=data["incident"],
                    classification=data["classification"],
                )
            )

        valid = items.is_valid()
        done = perform(request, form, send) if valid else Done.INVALID
        if done is Done.OK:
            messages.success(
                request,
                _("Tracing request %(ref)s sent.") % {"ref": created[0].reference},
            )
            return redirect("trafficking:tracing-request", pk=created[0].pk)
        if "items" in form.errors:
            items_errors = form.errors.pop("items")
            form.add_error(None, items_errors)
        status = 400
    else:
        initial, prefilled = _prefill(user, request)
        form = TracingRequestForm(initial=initial, user=user)
        items = _items_formset(prefilled, extra=0 if prefilled else 1)
        status = 200
    return render(
        request,
        "trafficking/tracing/form.html",
        {"form": form, "items": items},
        status=status,
    )


# --- A request's file -------------------------------------------------------------------------


def _detail(
    request: HttpRequest, tracing: TracingRequest, forms_: dict[str, Any], status: int = 200
) -> HttpResponse:
    user = acting_user(request)
    party = party_of(user)
    officer = has_any_role(user, *services.OFFICERS)
    requesting = officer and party is not None and party.pk == tracing.owner_id
    requested = officer and party is not None and party.pk == tracing.requested_party_id
    version = {"version": tracing.version}
    context = {
        "tracing": tracing,
        "items": list(tracing.items.all()),
        "transfers": list(tracing.transfers.all()),
        "timeline": selectors.tracing_timeline(tracing),
        "today": timezone.localdate(),
        "may_acknowledge": requested and tracing.state == S.SENT,
        "may_answer": requested and tracing.is_open,
        "may_close": requesting and tracing.state == S.ANSWERED,
        "may_withdraw": requesting and tracing.is_open,
        "incident_visible": tracing.incident_id is not None
        and _incident_visible(user, tracing.incident_id),
        "version_form": VersionForm(initial=version),
        "answer_form": forms_.get("answer") or AnswerForm(initial=version),
        "transfer_forms": forms_.get("transfers") or TransferFormSet(prefix="transfer"),
        "withdraw_form": forms_.get("withdraw") or ReasonForm(initial=version),
    }
    return render(request, "trafficking/tracing/detail.html", context, status=status)


def _incident_visible(user: Any, incident_id: int) -> bool:
    from accord.trafficking.models import Incident

    return Incident.objects.visible_to(user).filter(pk=incident_id).exists()


@login_required
def tracing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    tracing = selectors.tracing_request_get(user=user, pk=pk)
    record_view(actor=user, obj=tracing)
    return _detail(request, tracing, {})


def _back(tracing: TracingRequest) -> HttpResponse:
    return redirect(reverse("trafficking:tracing-request", kwargs={"pk": tracing.pk}))


def _version(form: forms.Form) -> int | None:
    return form.cleaned_data.get("version") if form.is_valid() else None


@login_required
@require_POST
def tracing_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    tracing = selectors.tracing_request_get(user=user, pk=pk)
    form = VersionForm(request.POST)
    done = perform(
        request,
        form,
        lambda: services.tracing_request_acknowledge(
            actor=user, request=tracing, expected_version=_version(form)
        ),
    )
    if done is Done.OK:
        messages.success(request, _("The tracing request is acknowledged."))
    return _back(tracing)


@login_required
@require_POST
def tracing_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    tracing = selectors.tracing_request_get(user=user, pk=pk)
    form = AnswerForm(request.POST)
    transfers = TransferFormSet(request.POST, prefix="transfer")
    if not transfers.is_valid():
        form.is_valid()
        return _detail(request, tracing, {"answer": form, "transfers": transfers}, status=400)

    def answer() -> None:
        data = form.cleaned_data
        services.tracing_request_answer(
            actor=user,
            request=tracing,
            outcome=data["outcome"],
            answer=data["answer"],
            last_legal_holder=data["last_legal_holder"],
            transfers=[dict(f.cleaned_data) for f in transfers.forms if f.cleaned_data],
            expected_version=data["version"],
        )

    done = perform(request, form, answer)
    if done is Done.INVALID:
        if "transfers" in form.errors:
            form.add_error(None, form.errors.pop("transfers"))
        return _detail(request, tracing, {"answer": form, "transfers": transfers}, status=400)
    if done is Done.OK:
        messages.success(request, _("The answer is sent."))
    return _back(tracing)


@login_required
@require_POST
def tracing_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    tracing = selectors.tracing_request_get(user=user, pk=pk)
    form = VersionForm(request.POST)
    done = perform(
        request,
        form,
        lambda: services.tracing_request_close(
            actor=user, request=tracing, expected_version=_version(form)
        ),
    )
    if done is Done.OK:
        messages.success(request, _("The tracing request is closed."))
    return _back(tracing)


@login_required
@require_POST
def tracing_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    tracing = selectors.tracing_request_get(user=user, pk=pk)
    form = ReasonForm(request.POST)
    done = perform(
        request,
        form,
        lambda: services.tracing_request_withdraw(
            actor=user,
            request=tracing,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
    )
    if done is Done.INVALID:
        return _detail(request, tracing, {"withdraw": form}, status=400)
    if done is Done.OK:
        messages.success(request, _("The tracing request is withdrawn."))
    return _back(tracing)


# --- Statistics -------------------------------------------------------------------------------


@login_required
def tracing_stats(request: HttpRequest) -> HttpResponse:
    """Response times per requested party, with a chart drawn from the table's figures."""
    user = acting_user(request)
    stats = selectors.tracing_stats(user=user)
    chart = None
    if stats:
        chart = bar_chart(
            [s.party.code for s in stats],
            [
                Series(_("Median days to acknowledge"), [s.median_acknowledge or 0 for s in stats]),
                Series(_("Median days to answer"), [s.median_answer or 0 for s in stats]),
            ],
            title=_("Response times per requested party (days)"),
        )
    return render(
        request,
        "trafficking/tracing/stats.html",
        {"stats": stats, "totals": selectors.tracing_stats_totals(stats), "chart": chart},
    )
