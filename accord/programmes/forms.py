"""The record form: the model's labels and checks, never saved (the views hand the data
to the services)."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.core.models import Classification
from accord.core.web import ReleasedToField
from accord.programmes.models import Record
from accord.programmes.services import RECORD_FIELDS


class RecordForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    released_to = ReleasedToField(widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Record
        fields = RECORD_FIELDS
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self, *args: Any, clearance: int, parties: Any, versioned: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        released_to = self.fields["released_to"]
        assert isinstance(released_to, forms.ModelMultipleChoiceField)
        released_to.queryset = parties
        classification = self.fields["classification"]
        assert isinstance(classification, forms.ChoiceField)
        classification.choices = [
            (value, label) for value, label in Classification.choices if value <= clearance
        ]
        if versioned:
            self.fields["version"].required = True
        else:
            del self.fields["version"]

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["released_to"] = list(data["released_to"])
        return data
