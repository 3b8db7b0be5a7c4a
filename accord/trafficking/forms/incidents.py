"""Forms of the incident pages: the filter, the report form with its item and entity rows,
status, MISP import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accord.core.models import Classification, Release
from accord.core.web import DateField, ReleasedToField
from accord.trafficking.models.incidents import (
    EntityRole,
    Incident,
    IncidentEntityKind,
)
from accord.trafficking.models.items import ItemKind

ITEM_ROWS = 3
ENTITY_ROWS = 3
MORE_ROWS = 3
MAX_ROWS = 60


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class IncidentFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Reference or locality"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), required=False, choices=_blank(Incident.Kind.choices)
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=_blank(Incident.Status.choices)
    )
    country = forms.CharField(label=gettext_lazy("Country"), required=False, max_length=3)
    owner = forms.CharField(label=gettext_lazy("Reporting party"), required=False, max_length=8)
    serial = forms.CharField(label=gettext_lazy("Serial number"), required=False, max_length=100)
    name = forms.CharField(label=gettext_lazy("Person or organisation"), required=False)
    since = DateField(label=gettext_lazy("From"), required=False)
    until = DateField(label=gettext_lazy("To"), required=False)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Incident.Kind.choices)
    occurred_on = DateField(label=gettext_lazy("Date"))
    country = forms.CharField(
        label=gettext_lazy("Country"),
        max_length=3,
        help_text=gettext_lazy("ISO 3166 alpha-3 code, e.g. KAZ."),
    )
    locality = forms.CharField(label=gettext_lazy("Locality"), max_length=200, required=False)
    latitude = forms.DecimalField(
        label=gettext_lazy("Latitude"), max_digits=9, decimal_places=6, required=False
    )
    longitude = forms.DecimalField(
        label=gettext_lazy("Longitude"), max_digits=9, decimal_places=6, required=False
    )
    route = forms.CharField(
        label=gettext_lazy("Route"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Country codes in order, separated by spaces, e.g. CHN KAZ RUS."),
    )
    narrative = forms.CharField(
        label=gettext_lazy("Narrative"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    classification = forms.TypedChoiceField(
        label=gettext_lazy("Classification"), coerce=int, choices=Classification.choices
    )
    release = forms.ChoiceField(label=pgettext_lazy("marking", "Release"), choices=Release.choices)
    released_to = ReleasedToField()

    def __init__(self, *args: Any, clearance: int, others: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["classification"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(v, label) for v, label in Classification.choices if v <= clearance]
        released = self.fields["released_to"]
        assert isinstance(released, forms.ModelMultipleChoiceField)
        released.queryset = others

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return data


class ItemRowForm(forms.Form):
    """One item row; a row left blank is skipped."""

    CONTENT = ("manufacturer", "model", "serial_number", "other_markings")

    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=_blank(ItemKind.choices), required=False
    )
    manufacturer = forms.CharField(
        label=gettext_lazy("Manufacturer"), max_length=200, required=False
    )
    model = forms.CharField(label=gettext_lazy("Model"), max_length=200, required=False)
    serial_number = forms.CharField(
        label=gettext_lazy("Serial number"), max_length=100, required=False
    )
    other_markings = forms.CharField(
        label=gettext_lazy("Other markings"), max_length=300, required=False
    )
    quantity = forms.IntegerField(
        label=gettext_lazy("Quantity"), min_value=1, initial=1, required=False
    )

    def has_content(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return any(data.get(k) for k in self.CONTENT)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.has_content() and not data.get("kind"):
            self.add_error("kind", _("Choose the kind of item."))
        data["quantity"] = data.get("quantity") or 1
        return data


class EntityRowForm(forms.Form):
    """One person, organisation, vessel or aircraft; a row without a name is skipped."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=_blank(IncidentEntityKind.choices), required=False
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=300, required=False)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=EntityRole.choices, required=False)

    def has_content(self) -> bool:
        return bool((getattr(self, "cleaned_data", {}) or {}).get("name"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.has_content() and not data.get("kind"):
            self.add_error(
                "kind", _("Choose whether it is a person, organisation, vessel or aircraft.")
            )
        data["role"] = data.get("role") or EntityRole.OTHER
        return data


ItemRows = forms.formset_factory(ItemRowForm, extra=0, max_num=MAX_ROWS, validate_max=True)
EntityRows = forms.formset_factory(EntityRowForm, extra=0, max_num=MAX_ROWS, validate_max=True)


class StatusForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Incident.Status.choices)


class MispImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("MISP JSON file"))
