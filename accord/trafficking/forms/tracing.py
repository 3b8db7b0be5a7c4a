"""Forms of the tracing request pages: the request with its item rows, the answer,
transfers, reasons."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from accord.core.access import party_of
from accord.core.models import Classification, Party
from accord.core.web import DateField, PartyChoice
from accord.trafficking.models.items import ItemKind
from accord.trafficking.models.tracing import TracingRequest
from accord.trafficking.services import tracing as services


class TracingRequestForm(forms.Form):
    requested_party = PartyChoice(
        label=gettext_lazy("Requested party"), queryset=Party.objects.none(), to_field_name="code"
    )
    incident = forms.IntegerField(required=False, widget=forms.HiddenInput)
    circumstances = forms.CharField(
        label=gettext_lazy("Circumstances in which the item was found"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    grounds = forms.CharField(
        label=gettext_lazy("Why the item is considered illicit"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    intended_use = forms.CharField(
        label=gettext_lazy("Intended use of the information"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    legal_basis = forms.CharField(
        label=gettext_lazy("Legal basis"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    requested_information = forms.CharField(
        label=gettext_lazy("Requested information"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    due_date = DateField(label=gettext_lazy("Due date"))
    confidentiality = forms.CharField(
        label=gettext_lazy("Confidentiality conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    classification = forms.TypedChoiceField(
        label=gettext_lazy("Classification"), coerce=int, choices=()
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        party = party_of(user)
        parties = Party.objects.filter(active=True)
        if party is not None:
            parties = parties.exclude(pk=party.pk)
        field = self.fields["requested_party"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = parties.order_by("code")
        levels = self.fields["classification"]
        assert isinstance(levels, forms.ChoiceField)
        levels.choices = [(v, label) for v, label in Classification.choices if v <= user.clearance]


class TracingItemForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), required=False, choices=[("", "—"), *ItemKind.choices]
    )
    manufacturer = forms.CharField(label=gettext_lazy("Manufacturer"), required=False)
    model = forms.CharField(label=gettext_lazy("Model"), required=False)
    serial_number = forms.CharField(label=gettext_lazy("Serial number"), required=False)
    other_markings = forms.CharField(label=gettext_lazy("Other markings"), required=False)
    incident_item = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def item(self) -> dict[str, Any] | None:
        """The item's data, or None for a row left empty."""
        data = {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}
        if not any(k in data for k in services.ITEM_FIELDS if k != "kind"):
            return None
        return data


MAX_ITEMS = 20
ItemFormSet = forms.formset_factory(TracingItemForm, extra=1, max_num=MAX_ITEMS, validate_max=True)


def _items_formset(initial: list[dict[str, Any]], extra: int) -> forms.BaseFormSet:
    """Unbound item rows: the given ones and `extra` empty ones (at most MAX_ITEMS)."""
    factory = forms.formset_factory(
        TracingItemForm, extra=extra, max_num=MAX_ITEMS, validate_max=True
    )
    return factory(prefix="item", initial=initial)


def _posted_item_rows(data: Any) -> list[dict[str, Any]]:
    """The item rows as typed, empty ones included (their places are kept)."""
    try:
        total = int(data.get("item-TOTAL_FORMS") or 0)
    except ValueError:
        total = 0
    names = [*TracingItemForm.base_fields]
    return [
        {name: data.get(f"item-{n}-{name}", "") for name in names}
        for n in range(max(0, min(total, MAX_ITEMS)))
    ]


class AnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=TracingRequest.Outcome.choices,
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label=gettext_lazy("Answer"), widget=forms.Textarea(attrs={"rows": 4}))
    last_legal_holder = forms.CharField(
        label=gettext_lazy("Last known legal holder"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TransferForm(forms.Form):
    date = DateField(label=gettext_lazy("Date"), required=False)
    from_holder = forms.CharField(label=gettext_lazy("From"), required=False)
    to_holder = forms.CharField(label=gettext_lazy("To"), required=False)
    document_reference = forms.CharField(label=gettext_lazy("Document reference"), required=False)


TransferFormSet = forms.formset_factory(TransferForm, extra=3, max_num=50, validate_max=True)


class ReasonForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
