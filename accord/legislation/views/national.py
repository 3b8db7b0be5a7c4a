"""National acts' pages: the list, an act (dates, amendments, IHL measures), its form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.audit import record_view
from accord.core.errors import PermissionDenied, ValidationFailed
from accord.core.guards import CLEARANCE_MESSAGE
from accord.core.models import Classification, Release
from accord.core.permissions import acting_user
from accord.core.web import Done, attempt, perform
from accord.law.models import Instrument, Rule
from accord.legislation import akn, downloads, selectors, services
from accord.legislation.forms import AtForm, NationalForm, NationalProvisionForm
from accord.legislation.models import ImplementationArea, NationalAct
from accord.legislation.permissions import can_edit_national, can_keep_national
from accord.legislation.views.common import SECTION, other_parties, page


@login_required
def national_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    acts = Paginator(selectors.national_list(actor=user), 50).get_page(request.GET.get("page"))
    return page(
        request, "national_list.html", {"page": acts, "may_create": can_keep_national(user)}
    )


@login_required
def national_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    act = selectors.national_get(actor=user, pk=pk)
    record_view(actor=user, obj=act)
    at_form = AtForm(request.GET or None)
    at = at_form.cleaned_data.get("at") if at_form.is_valid() else None
    return page(
        request,
        "national_detail.html",
        {
            "act": act,
            "at_form": at_form,
            "at": at,
            "in_force_at": at is not None
            and act.in_force_on is not None
            and act.in_force_on <= at
            and (act.repealed_on is None or act.repealed_on > at),
            "provisions": selectors.national_provisions_as_at(act, at),
            "history": selectors.national_provision_history(act),
            "measures": selectors.measures_of(act),
            "amendments": selectors.national_list(actor=user).filter(amends=act),
            "may_edit": can_edit_national(user, act),
        },
        400 if at_form.errors else 200,
    )


def _form(request: HttpRequest, **kwargs: Any) -> NationalForm:
    data = request.POST if request.method == "POST" else None
    return NationalForm(
        data, clearance=acting_user(request).clearance, parties=other_parties(request), **kwargs
    )


@login_required
def national_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not can_keep_national(user):
        raise PermissionDenied()
    form = _form(request)
    if request.method == "POST":
        outcome = attempt(
            request,
            form,
            lambda: services.national_create(actor=user, **form.service_arguments()),
            refusal_on_form=True,
            success=_("The national act is recorded."),
        )
        if outcome.ok:
            return redirect(f"{SECTION}:national-detail", pk=outcome.value.pk)
    return page(
        request, "national_form.html", {"form": form, "act": None}, 400 if form.errors else 200
    )


@login_required
def national_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    act = selectors.national_get(actor=user, pk=pk)
    if not can_edit_national(user, act):
        raise PermissionDenied()
    names = [n for n in services.NATIONAL_FIELDS if n != "amends"]
    initial: dict[str, Any] = {name: getattr(act, name) for name in names}
    initial.update(released_to=[p.pk for p in act.released_to.all()], version=act.version)
    form = _form(request, initial=initial, versioned=True)
    if request.method == "POST":

        def save() -> NationalAct:
            data = form.service_arguments()
            version = data.pop("version")
            return services.national_update(actor=user, act=act, version=version, **data)

        if perform(request, form, save, refusal_on_form=True, success=_("Saved.")) is Done.OK:
            return redirect(f"{SECTION}:national-detail", pk=act.pk)
    return page(
        request, "national_form.html", {"form": form, "act": act}, 400 if form.errors else 200
    )


@login_required
def national_akn(request: HttpRequest, pk: int) -> HttpResponse:
    """The national act as an Akoma Ntoso 3.0 document."""
    return downloads.national_akn(selectors.national_get(actor=acting_user(request), pk=pk))


@login_required
def act_akn(request: HttpRequest, pk: int) -> HttpResponse:
    """The current version of a model act as an Akoma Ntoso 3.0 document (`?lang=ru`)."""
    act = selectors.act_get(actor=acting_user(request), pk=pk)
    return downloads.model_act_akn(act, request.GET.get("lang", "en"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Akoma Ntoso document (XML)"))
    classification = forms.TypedChoiceField(
        label=_("Classification"), choices=Classification.choices, coerce=int
    )
    release = forms.ChoiceField(label=pgettext_lazy("marking", "Release"), choices=Release.choices)


@login_required
def national_import(request: HttpRequest) -> HttpResponse:
    """Record a national act of the user's state from an Akoma Ntoso document."""
    user = acting_user(request)
    if not can_keep_national(user):
        raise PermissionDenied()
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":

        def run() -> NationalAct:
            data = form.cleaned_data
            if data["classification"] > user.clearance:
                raise ValidationFailed.single("classification", CLEARANCE_MESSAGE)
            return services.national_import_akn(
                actor=user,
                content=data["file"].read(akn.MAX_BYTES + 1),
                classification=data["classification"],
                release=data["release"],
            )

        outcome = attempt(
            request, form, run, refusal_on_form=True, success=_("The national act is recorded.")
        )
        if outcome.ok:
            return redirect(f"{SECTION}:national-detail", pk=outcome.value.pk)
    return page(request, "national_import.html", {"form": form}, 400 if form.errors else 200)


@login_required
def implementation(request: HttpRequest) -> HttpResponse:
    """Beside each IHL treaty, which national act implements it in each member state
    (`?instrument=CODE` for one)."""
    from accord.law.selectors import instrument_list

    user = acting_user(request)
    code = request.GET.get("instrument") or None
    return page(
        request,
        "implementation.html",
        {
            "table": selectors.implementation_table(actor=user, instrument_code=code),
            "states": list(selectors.matrix_states()),
            "instruments": instrument_list(),
            "chosen": code,
        },
    )


class MeasureForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), choices=ImplementationArea.choices)
    instrument = forms.ModelChoiceField(
        label=_("Instrument"), queryset=Instrument.objects.order_by("code"), to_field_name="code"
    )
    rule = forms.ModelChoiceField(
        label=_("Rule"),
        queryset=Rule.objects.filter(active=True).order_by("code"),
        to_field_name="code",
        required=False,
    )
    provisions = forms.CharField(label=_("National provisions"), max_length=300, required=False)


@login_required
def national_measure(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a national act to the IHL instrument (and rule) it implements."""
    user = acting_user(request)
    act = selectors.national_get(actor=user, pk=pk)
    if not can_edit_national(user, act):
        raise PermissionDenied()
    form = MeasureForm(request.POST or None)
    if request.method == "POST":
        done = perform(
            request,
            form,
            lambda: services.measure_add(actor=user, act=act, **form.cleaned_data),
            refusal_on_form=True,
            success=_("Saved."),
        )
        if done is Done.OK:
            return redirect(f"{SECTION}:national-detail", pk=act.pk)
    return page(
        request, "measure_form.html", {"form": form, "act": act}, 400 if form.errors else 200
    )


@login_required
def national_provision(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the wording of a provision of the act from a day on (`?eid=` to start from
    an existing provision)."""
    user = acting_user(request)
    act = selectors.national_get(actor=user, pk=pk)
    if not can_edit_national(user, act):
        raise PermissionDenied()
    initial: dict[str, Any] = {}
    current = {p.eid: p for p in selectors.national_provisions_as_at(act)}
    if request.GET.get("eid") in current:
        found = current[request.GET["eid"]]
        initial = {"eid": found.eid, "num": found.num, "heading": found.heading, "text": found.text}
    own = selectors.national_list(actor=user).filter(owner=act.owner).exclude(pk=act.pk)
    form = NationalProvisionForm(request.POST or None, initial=initial, acts=own)
    if request.method == "POST":
        done = perform(
            request,
            form,
            lambda: services.national_provision_save(actor=user, act=act, **form.cleaned_data),
            refusal_on_form=True,
            success=_("Saved."),
        )
        if done is Done.OK:
            return redirect(f"{SECTION}:national-detail", pk=act.pk)
    return page(
        request,
        "national_provision_form.html",
        {"form": form, "act": act},
        400 if form.errors else 200,
    )
