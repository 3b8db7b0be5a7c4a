"""The module's forms: the models' labels and checks, never saved (the views hand the
data to the services)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.models import Classification
from accord.core.web import DateField, DateInput, ReleasedToField
from accord.programmes.models import (
    Budget,
    BudgetLine,
    Contribution,
    CostShareKey,
    ParticipantRole,
    PlannedDisbursement,
    Programme,
    Stage,
    StageRecord,
    SupportOffer,
    SupportRequest,
    TransactionType,
)

FORM_FIELDS = (
    "identifier",
    "title_en",
    "title_ru",
    "objectives",
    "lifecycle_areas",
    "funder_reference",
    "currency",
    "planned_start",
    "planned_end",
    "classification",
    "release",
)


def _limit_classification(form: forms.BaseForm, clearance: int) -> None:
    field = form.fields["classification"]
    assert isinstance(field, forms.ChoiceField)
    field.choices = [(v, label) for v, label in Classification.choices if v <= clearance]


class ProgrammeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    released_to = ReleasedToField(widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Programme
        fields = FORM_FIELDS
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "planned_start": DateInput(),
            "planned_end": DateInput(),
        }

    def __init__(
        self, *args: Any, clearance: int, parties: Any, versioned: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        released_to = self.fields["released_to"]
        assert isinstance(released_to, forms.ModelMultipleChoiceField)
        released_to.queryset = parties
        _limit_classification(self, clearance)
        if versioned:
            self.fields["version"].required = True
        else:
            del self.fields["version"]

    def validate_unique(self) -> None:
        """The service checks uniqueness (and says so on the field)."""

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["released_to"] = list(data["released_to"])
        return data


class AdvanceForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    stage = forms.ChoiceField(label=_("Next stage"))
    criteria = forms.CharField(
        label=_("Criteria"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reasons = forms.CharField(
        label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decision_rule = forms.ChoiceField(
        label=_("Decision rule"),
        required=False,
        choices=[("", "—"), *StageRecord.DecisionRule.choices],
    )
    reference = forms.CharField(label=_("Decision reference"), required=False, max_length=200)
    statement = forms.CharField(
        label=_("Statement"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, stages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Stage.choices)
        field = self.fields["stage"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(stage, labels[stage]) for stage in stages]

    def record(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version")
        data.pop("stage")
        return {name: value for name, value in data.items() if value}


class ParticipantForm(forms.Form):
    party: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Party"), queryset=None)
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices)

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["party"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = parties


class SharesForm(forms.Form):
    """A share (%) per party; an empty share leaves the party out of the key."""

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parties = list(parties)
        for party in self.parties:
            self.fields[f"share_{party.code}"] = forms.DecimalField(
                label=_("Share of %(party)s (%%)") % {"party": party.code},
                required=False,
                max_digits=7,
                decimal_places=4,
                min_value=Decimal("0.0001"),
            )

    def shares(self) -> dict[Any, Decimal]:
        return {
            party: self.cleaned_data[f"share_{party.code}"]
            for party in self.parties
            if self.cleaned_data.get(f"share_{party.code}") is not None
        }


class KeyForm(SharesForm):
    basis = forms.ChoiceField(label=_("Basis"), choices=CostShareKey.Basis.choices)
    effective_from = DateField(label=_("Effective from"))
    indicator = forms.CharField(label=_("Indicator"), required=False, max_length=200)

    field_order = ["basis", "effective_from", "indicator"]


class DecideForm(forms.Form):
    key: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Proposed key"), queryset=None)
    decision_reference = forms.CharField(label=_("Decision reference"), max_length=200)

    def __init__(self, *args: Any, keys: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["key"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = keys


class BudgetForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Budget.Status.choices)
    reason = forms.CharField(
        label=_("Reason for the revision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Cost category"), choices=BudgetLine.Category.choices, required=False
    )
    period_start = DateField(label=_("Period start"), required=False)
    period_end = DateField(label=_("Period end"), required=False)
    amount = forms.DecimalField(label=_("Amount"), max_digits=18, decimal_places=2, required=False)


BudgetLineFormSet = forms.formset_factory(BudgetLineForm, extra=3)


class AssessmentForm(forms.Form):
    due_date = DateField(label=_("Due date"))
    total = forms.DecimalField(
        label=_("Total"),
        max_digits=18,
        decimal_places=2,
        required=False,
        help_text=_("Empty: the latest budget's total."),
    )


class ContributionForm(forms.Form):
    party: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Party"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=Contribution.Kind.choices)
    amount = forms.DecimalField(label=_("Amount"), max_digits=18, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), max_length=3)
    value_date = DateField(label=_("Value date"))
    valuation_method = forms.CharField(label=_("Valuation method"), required=False)
    valuer = forms.CharField(label=_("Valuer"), required=False)
    evidence = forms.CharField(label=_("Evidence"), required=False)

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["party"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = parties


class SupportRequestForm(forms.ModelForm):
    released_to = ReleasedToField(widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = SupportRequest
        fields = (
            "kind",
            "title_en",
            "title_ru",
            "description",
            "needed_by",
            "classification",
            "release",
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "needed_by": DateInput()}

    def __init__(self, *args: Any, clearance: int, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        released_to = self.fields["released_to"]
        assert isinstance(released_to, forms.ModelMultipleChoiceField)
        released_to.queryset = parties
        _limit_classification(self, clearance)

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["released_to"] = list(data["released_to"])
        return data


class OfferForm(forms.ModelForm):
    class Meta:
        model = SupportOffer
        fields = ("form", "value", "currency", "available_from", "available_until")
        widgets = {"available_from": DateInput(), "available_until": DateInput()}


class DeliverForm(forms.Form):
    offer = forms.IntegerField(widget=forms.HiddenInput)
    delivered_on = DateField(label=_("Delivered on"))
    note = forms.CharField(
        label=_("Delivery note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def _party_field(label: Any, required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=label, queryset=None, required=required)


class TransactionForm(forms.Form):
    type = forms.TypedChoiceField(label=_("Type"), choices=TransactionType.choices, coerce=int)
    category = forms.ChoiceField(
        label=_("Cost category"),
        choices=[("", "—"), *BudgetLine.Category.choices],
        required=False,
        help_text=_("For budget vs actual: the budget line it is spent under."),
    )
    amount = forms.DecimalField(label=_("Amount"), max_digits=18, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), max_length=3)
    value_date = DateField(label=_("Value date"))
    provider = _party_field(_("Provider"))
    receiver = _party_field(_("Receiver"))
    description = forms.CharField(label=_("Description"), required=False, max_length=300)

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("provider", "receiver"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = parties


class PlannedDisbursementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PlannedDisbursement.Kind.choices)
    period_start = DateField(label=_("Period start"))
    period_end = DateField(label=_("Period end"))
    amount = forms.DecimalField(label=_("Amount"), max_digits=18, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), max_length=3)
    value_date = DateField(
        label=_("Value date"), required=False, help_text=_("Empty: the period's start.")
    )
    provider = _party_field(_("Provider"))
    receiver = _party_field(_("Receiver"))

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("provider", "receiver"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = parties


class WorkPackageForm(forms.Form):
    wbs_code = forms.CharField(label=_("WBS code"), max_length=40)
    title = forms.CharField(label=_("Title"), max_length=300)
    owner = _party_field(_("Owner"), required=True)
    start = DateField(label=_("Start"))
    finish = DateField(label=_("Finish"))
    budget_at_completion = forms.DecimalField(
        label=_("Budget at completion"), max_digits=18, decimal_places=2, min_value=0
    )
    milestone = forms.BooleanField(
        label=_("Milestone or phase gate"),
        required=False,
        widget=forms.Select(choices=[("False", _("No")), ("True", _("Yes"))]),
    )

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = parties


class RescheduleForm(forms.Form):
    package: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Work package"), queryset=None)
    start = DateField(label=_("Start"))
    finish = DateField(label=_("Finish"))
    budget_at_completion = forms.DecimalField(
        label=_("Budget at completion"), max_digits=18, decimal_places=2, min_value=0
    )

    def __init__(self, *args: Any, packages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["package"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = packages


class BaselineForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)


class EvmForm(forms.Form):
    period = DateField(label=_("Month"), help_text=_("Any day of the month."))
    pv = forms.DecimalField(label=_("Planned value (PV)"), max_digits=18, decimal_places=2)
    ev = forms.DecimalField(label=_("Earned value (EV)"), max_digits=18, decimal_places=2)
    ac = forms.DecimalField(label=_("Actual cost (AC)"), max_digits=18, decimal_places=2)
    bac = forms.DecimalField(label=_("Budget at completion (BAC)"), max_digits=18, decimal_places=2)


class RateForm(forms.Form):
    currency = forms.CharField(label=_("Currency"), max_length=3, min_length=3)
    quote = forms.CharField(label=_("In currency"), max_length=3, min_length=3)
    rate_date = DateField(label=_("From"))
    rate = forms.DecimalField(label=_("Rate"), max_digits=18, decimal_places=8)


class RatesImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Columns: currency, quote, date, rate."),
    )
