"""Forms of the item register pages: an item, matching, the import file, a make and model."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from accord.core.models import Classification, Party, Release
from accord.core.selectors import party_list
from accord.core.web import ReleasedToField
from accord.trafficking.models.items import Item, ItemKind


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("kind"), choices=ItemKind.choices)
    manufacturer = forms.CharField(
        label=gettext_lazy("manufacturer"), max_length=200, required=False
    )
    model = forms.CharField(label=gettext_lazy("model"), max_length=200, required=False)
    serial_number = forms.CharField(label=gettext_lazy("serial number"), max_length=100)
    other_markings = forms.CharField(
        label=gettext_lazy("other markings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    country_of_manufacture = forms.CharField(
        label=gettext_lazy("country of manufacture"), max_length=3, required=False
    )
    year_of_manufacture = forms.IntegerField(
        label=gettext_lazy("year of manufacture"), required=False, min_value=1800, max_value=2100
    )
    status = forms.ChoiceField(label=gettext_lazy("status"), choices=Item.Status.choices)
    classification = forms.TypedChoiceField(
        label=gettext_lazy("classification"), coerce=int, choices=Classification.choices
    )
    release = forms.ChoiceField(label=gettext_lazy("release"), choices=Release.choices)
    released_to = ReleasedToField(label=gettext_lazy("released to"), to_field_name="code")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, clearance: int = 3, own: Party | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["classification"]
        field.choices = [c for c in Classification.choices if c[0] <= clearance]
        parties: Any = self.fields["released_to"]
        parties.queryset = party_list().exclude(pk=own.pk) if own else Party.objects.none()

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["released_to"] = list(data.get("released_to") or [])
        return data


class MatchForm(forms.Form):
    serial = forms.CharField(label=gettext_lazy("serial number"), max_length=100, required=False)
    markings = forms.CharField(
        label=gettext_lazy("other markings"), max_length=2000, required=False
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("kind"), choices=[("", "—"), *ItemKind.choices], required=False
    )
    manufacturer = forms.CharField(
        label=gettext_lazy("manufacturer"), max_length=200, required=False
    )
    model = forms.CharField(label=gettext_lazy("model"), max_length=200, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("file"),
        help_text=gettext_lazy("A CSV (UTF-8) or XLSX file with a header row."),
    )


class MakeModelForm(forms.Form):
    manufacturer = forms.CharField(
        label=gettext_lazy("manufacturer"), max_length=200, required=False
    )
    model = forms.CharField(label=gettext_lazy("model"), max_length=200)
    country = forms.CharField(label=gettext_lazy("country"), max_length=3, required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("kind"), choices=[("", "—"), *ItemKind.choices], required=False
    )
    manufacturer_aliases = forms.CharField(
        label=gettext_lazy("manufacturer aliases"),
        required=False,
        help_text=gettext_lazy("One per line, in Latin and Cyrillic script."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    model_aliases = forms.CharField(
        label=gettext_lazy("model aliases"),
        required=False,
        help_text=gettext_lazy("One per line, in Latin and Cyrillic script."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
