"""Forms of the joint operation pages: planning and editing, status, summary,
participants, incidents."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy, pgettext_lazy

from accord.core.models import Classification, Party, Release
from accord.core.selectors import party_list
from accord.core.web import DateField, PartiesChoice, PartyChoice
from accord.trafficking.models import Operation


class OperationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    code = forms.CharField(
        label=pgettext_lazy("operation", "Reference"),
        max_length=40,
        help_text=gettext_lazy("A short reference, unique across all parties."),
    )
    starts_on = DateField(label=gettext_lazy("Starts on"))
    ends_on = DateField(label=gettext_lazy("Ends on"), required=False)
    area = forms.CharField(
        label=gettext_lazy("Area"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    objectives = forms.CharField(
        label=gettext_lazy("Objectives"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    classification = forms.TypedChoiceField(
        label=gettext_lazy("Classification"),
        choices=Classification.choices,
        coerce=int,
        initial=Classification.RESTRICTED,
    )
    release = forms.ChoiceField(
        label=pgettext_lazy("marking", "Release"), choices=Release.choices, initial=Release.OWNER
    )
    released_to = PartiesChoice(
        label=gettext_lazy("Released to"),
        queryset=Party.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("For the release “Owner and listed parties”."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["released_to"].queryset = party_list()  # type: ignore[attr-defined]


class OperationCreateForm(OperationForm):
    agencies = forms.CharField(
        label=gettext_lazy("Your party's agencies"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Operation.Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class SummaryForm(forms.Form):
    after_action_summary = forms.CharField(
        label=gettext_lazy("After-action summary"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ParticipantForm(forms.Form):
    party = PartyChoice(label=gettext_lazy("Party"), queryset=Party.objects.none())
    agencies = forms.CharField(
        label=gettext_lazy("Agencies"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = party_list()  # type: ignore[attr-defined]


class IncidentForm(forms.Form):
    incident = forms.IntegerField(widget=forms.HiddenInput)
