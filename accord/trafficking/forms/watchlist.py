"""Forms of the watchlist pages: an entity, aliases, identifiers, delisting, files, screening."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy, pgettext_lazy

from accord.core.models import Classification, Release
from accord.core.web import DateField, ReleasedToField
from accord.trafficking.models import Entity, EntityIdentifier


class EntityForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Entity.Kind.choices)
    name = forms.CharField(label=gettext_lazy("Primary name"), max_length=300)
    aliases = forms.CharField(
        label=gettext_lazy("Aliases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One name per line, in any script."),
    )
    nationality = forms.CharField(
        label=gettext_lazy("Nationality"),
        max_length=3,
        required=False,
        help_text=gettext_lazy(
            "ISO 3166 alpha-3 code: citizenship, country of registration or flag."
        ),
    )
    reason = forms.CharField(label=gettext_lazy("Reason for listing"), widget=forms.Textarea)
    listed_on = DateField(
        label=gettext_lazy("Listed on"),
        required=False,
    )
    classification = forms.TypedChoiceField(
        label=gettext_lazy("Classification"), coerce=int, choices=Classification.choices
    )
    release = forms.ChoiceField(label=pgettext_lazy("marking", "Release"), choices=Release.choices)
    released_to = ReleasedToField(widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, clearance: int, others: Any, editing: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["classification"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [c for c in Classification.choices if c[0] <= clearance]
        released = self.fields["released_to"]
        assert isinstance(released, forms.ModelMultipleChoiceField)
        released.queryset = others
        if editing:
            del self.fields["aliases"]


class AliasForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Alias"), max_length=300)


class IdentifierForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=EntityIdentifier.Kind.choices)
    value = forms.CharField(label=gettext_lazy("Value"), max_length=100)
    country = forms.CharField(label=gettext_lazy("Issuing country"), max_length=3, required=False)


class DelistForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Reason for delisting"), widget=forms.Textarea(attrs={"rows": 2})
    )


class FileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8) or XLSX, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class ScreenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=300, required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("Any kind")), *Entity.Kind.choices],
        required=False,
    )
    nationality = forms.CharField(label=gettext_lazy("Nationality"), max_length=3, required=False)
    identifier = forms.CharField(
        label=gettext_lazy("Identifier"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Passport, registration, IMO or tail number (optional)."),
    )
