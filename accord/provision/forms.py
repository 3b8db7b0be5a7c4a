"""The provision forms: they turn request data into service arguments and carry back the
errors the services raise. No rule of the chain lives here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import Classification, Party, Release
from accord.core.selectors import party_list
from accord.core.web import DateField, PartiesChoice, PartyChoice
from accord.expertise.models import SystemVersion
from accord.provision.models import (
    Authorisation,
    Commitment,
    Discrepancy,
    Disposal,
    EndUseCheck,
    UnrocaCategory,
)

# A yes/no question as a list (the shared field partial lays out checkbox lists only).
YES_NO = forms.Select(choices=[("False", _("No")), ("True", _("Yes"))])


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", "\n").splitlines() if part.strip()]


class MarkingMixin(forms.Form):
    classification = forms.TypedChoiceField(
        label=_("Classification"),
        coerce=int,
        choices=Classification.choices,
        initial=Classification.RESTRICTED,
    )
    release = forms.ChoiceField(label=pgettext_lazy("marking", "Release"), choices=Release.choices)

    def limit_classification(self, clearance: int) -> None:
        field = self.fields["classification"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(v, label) for v, label in Classification.choices if v <= clearance]


class RequirementForm(MarkingMixin):
    capability = forms.CharField(
        label=_("Capability needed"), widget=forms.Textarea(attrs={"rows": 3})
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    needed_by = DateField(label=_("Needed by"))
    justification = forms.CharField(
        label=_("Justification"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    receiving_parties = PartiesChoice(
        label=_("Receiving contingents (parties)"),
        queryset=Party.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = ["capability", "quantity", "needed_by", "justification", "receiving_parties"]

    def __init__(self, *args: Any, clearance: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["release"].initial = Release.MEMBERS
        parties = self.fields["receiving_parties"]
        assert isinstance(parties, forms.ModelMultipleChoiceField)
        parties.queryset = party_list().filter(kind=Party.Kind.STATE)
        self.limit_classification(clearance)

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["receiving_parties"] = list(data["receiving_parties"])
        return data


class CommitmentForm(MarkingMixin):
    system_version = forms.ModelChoiceField(
        label=_("System (version)"), queryset=SystemVersion.objects.none()
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    terms = forms.ChoiceField(label=_("Terms"), choices=Commitment.Terms.choices)
    title_passes = forms.BooleanField(label=_("Title passes"), required=False, widget=YES_NO)
    title_to = PartyChoice(
        label=_("Title passes to"), queryset=Party.objects.none(), required=False
    )
    planned_from = DateField(label=_("Planned from"), required=False)
    planned_until = DateField(label=_("Planned until"), required=False)
    price_basis = forms.CharField(label=_("Price basis"), required=False)
    field_order = ["system_version", "quantity", "terms", "title_passes", "title_to"]

    def __init__(self, *args: Any, clearance: int, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["release"].initial = Release.LISTED
        version = self.fields["system_version"]
        assert isinstance(version, forms.ModelChoiceField)
        version.queryset = versions
        title_to = self.fields["title_to"]
        assert isinstance(title_to, forms.ModelChoiceField)
        title_to.queryset = party_list().filter(kind=Party.Kind.STATE)
        self.limit_classification(clearance)

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data.get("release") == Release.LISTED:
            data.pop("release")  # the service's default list: receiving side + Secretariat
        return data


class AuthorisationForm(forms.Form):
    number = forms.CharField(label=_("Authorisation number"), max_length=100)
    authority = forms.CharField(label=_("Issuing authority"), max_length=200)
    valid_from = DateField(label=_("Valid from"))
    valid_until = DateField(label=_("Valid until"))
    items = forms.CharField(label=_("Items authorised"), widget=forms.Textarea(attrs={"rows": 2}))
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    risk_assessment = forms.CharField(
        label=_("Risk assessment"), widget=forms.Textarea(attrs={"rows": 3})
    )
    decision = forms.ChoiceField(label=_("Decision"), choices=Authorisation.Decision.choices)
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}))


class CertificateForm(forms.Form):
    register_number = forms.CharField(label=_("Register number"), max_length=100)
    issued_on = DateField(label=_("Issued on"))
    expires_on = DateField(label=_("Expires on"))
    issuing_authority = forms.CharField(label=_("Issuing authority"), max_length=200)
    signatory = forms.CharField(label=_("Signatory"), max_length=200)
    end_user = PartyChoice(label=_("End user (party)"), queryset=Party.objects.none())
    end_user_unit = forms.CharField(label=_("End user (unit)"), max_length=200)
    end_use_statement = forms.CharField(
        label=_("End-use statement"), widget=forms.Textarea(attrs={"rows": 2})
    )
    reexport_clause = forms.CharField(
        label=_("Re-export clause"), widget=forms.Textarea(attrs={"rows": 2})
    )
    consent_to_checks = forms.BooleanField(
        label=_("Consents to post-delivery checks"), required=False, widget=YES_NO
    )
    document = forms.FileField(label=_("Scanned certificate"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        end_user = self.fields["end_user"]
        assert isinstance(end_user, forms.ModelChoiceField)
        end_user.queryset = party_list().filter(kind=Party.Kind.STATE)


class ConsignmentForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=60)
    dispatched_on = DateField(label=_("Dispatched on"))


class LineForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=300)
    scheme = forms.ChoiceField(
        label=_("Identifier scheme"),
        choices=[
            ("NSN", _("NATO stock number")),
            ("national", _("National number")),
            ("catalogue", _("The organisation's catalogue")),
            ("manufacturer", _("Manufacturer and serial")),
        ],
    )
    identifier = forms.CharField(label=_("Identifier"), max_length=100)
    category = forms.ChoiceField(label=_("UNROCA category"), choices=UnrocaCategory.choices)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    serials = forms.CharField(
        label=_("Serial numbers (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lot = forms.CharField(label=_("Lot"), required=False, max_length=100)
    value = forms.DecimalField(label=_("Value"), required=False, max_digits=16, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3)
    physical_location = forms.CharField(label=_("Physical location"), required=False)
    title_holder = PartyChoice(label=_("Title holder"), queryset=Party.objects.none())
    operational_controller = PartyChoice(
        label=_("Operational controller"), queryset=Party.objects.none()
    )
    withheld = forms.BooleanField(
        label=_("Withhold from the ATT report (counted only)"), required=False, widget=YES_NO
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("title_holder", "operational_controller"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = party_list()

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["identifiers"] = [{"scheme": data.pop("scheme"), "value": data.pop("identifier")}]
        data["serials"] = _lines(data["serials"])
        if data["value"] is None:
            data.pop("value")
        return data


class DeliverForm(forms.Form):
    delivered_on = DateField(label=_("Delivered on"))


class InspectionForm(forms.Form):
    inspected_on = DateField(label=_("Inspected on"))
    received_serials = forms.CharField(
        label=_("Serials received (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    damaged_serials = forms.CharField(
        label=_("Of those, damaged"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    received_unserialised = forms.IntegerField(
        label=_("Unserialised items received"), min_value=0, initial=0, required=False
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["received_serials"] = _lines(data["received_serials"])
        data["damaged_serials"] = _lines(data["damaged_serials"])
        data["received_unserialised"] = data["received_unserialised"] or 0
        return data


class CheckForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EndUseCheck.Kind.choices)
    risk = forms.ChoiceField(label=_("Risk class"), choices=EndUseCheck.Risk.choices)
    due_on = DateField(label=_("Due"))


class RateForm(forms.Form):
    rating = forms.ChoiceField(label=_("Rating"), choices=EndUseCheck.Rating.choices)
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 3})
    )
    done_on = DateField(label=_("Done on"))


class ReturnForm(forms.Form):
    kind = forms.ChoiceField(label=_("Return"), choices=[])
    year = forms.IntegerField(label=_("Year"), min_value=1992, max_value=2100)
    remarks = forms.CharField(
        label=_("Remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = kinds


class ConsentForm(forms.Form):
    consent = forms.BooleanField(label=_("Consent"), required=False, widget=YES_NO)
    text = forms.CharField(label=_("Written consent"), widget=forms.Textarea(attrs={"rows": 3}))
    serials = forms.CharField(
        label=_("Serials consented (one a line; empty: all requested)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["serials"] = _lines(data["serials"]) or None
        return data


class DiscrepancyReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (k.value, k.label)
            for k in (Discrepancy.Kind.WRONG_ITEM, Discrepancy.Kind.DOCUMENTATION)
        ],
    )
    description = forms.CharField(
        label=_("What was found"), widget=forms.Textarea(attrs={"rows": 3})
    )
    serials = forms.CharField(
        label=_("Serials concerned (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    quantity = forms.IntegerField(label=_("Number of items"), min_value=0, required=False)

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["serials"] = _lines(data["serials"])
        data["quantity"] = data["quantity"] or 0
        return data


class DisposalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Disposal.Kind.choices)
    method = forms.CharField(label=_("Method"), max_length=300)
    done_on = DateField(label=_("Done on"))
    serials = forms.CharField(
        label=_("Serials (one a line)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    quantity = forms.IntegerField(label=_("Unserialised items"), min_value=0, required=False)
    witnesses = PartiesChoice(
        label=_("Witnessing parties"),
        queryset=Party.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    certificate = forms.FileField(label=_("Certificate"), required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        witnesses = self.fields["witnesses"]
        assert isinstance(witnesses, forms.ModelMultipleChoiceField)
        witnesses.queryset = party_list()

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["serials"] = _lines(data["serials"])
        data["quantity"] = data["quantity"] or 0
        data["witnesses"] = list(data["witnesses"])
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Whole-module export (JSON)"))


class DiscrepancyAdvanceForm(forms.Form):
    state = forms.ChoiceField(
        label=pgettext_lazy("workflow", "State"),
        choices=[
            (k.value, k.label)
            for k in (Discrepancy.State.INVESTIGATING, Discrepancy.State.RESOLVED)
        ],
    )
    resolution = forms.CharField(
        label=_("Resolution"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def _section_rows(text: str) -> list[dict[str, Any]]:
    """Rows written one a line as `category; number of items; description`."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";", 2)]
        if len(parts) < 2 or not parts[1].isdigit():
            raise forms.ValidationError(
                _("Line %(n)s: write category; number of items; description.") % {"n": number}
            )
        rows.append(
            {
                "category": parts[0].upper(),
                "quantity": int(parts[1]),
                "description": parts[2] if len(parts) > 2 else "",
            }
        )
    return rows


class SectionsForm(forms.Form):
    holdings = forms.CharField(
        label=_("Military holdings (one a line: category; number; description)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    production = forms.CharField(
        label=_("Procurement through national production (one a line, likewise)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_holdings(self) -> list[dict[str, Any]]:
        return _section_rows(self.cleaned_data["holdings"])

    def clean_production(self) -> list[dict[str, Any]]:
        return _section_rows(self.cleaned_data["production"])


def section_text(rows: list[dict[str, Any]]) -> str:
    return "\n".join(f"{r['category']}; {r['quantity']}; {r['description']}" for r in rows)
