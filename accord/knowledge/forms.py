"""The forms of the knowledge pages: the models' labels and checks, never saved (the
views hand the data to the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.models import Classification, Release
from accord.core.web import DateField, DateInput, PartiesChoice, PartyChoice, ReleasedToField
from accord.knowledge.models import LIFECYCLE_KINDS, Area, Expert, Kind, KnowledgeItem
from accord.knowledge.services import ITEM_FIELDS


class ItemForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("kind"), choices=Kind.choices)
    areas = forms.MultipleChoiceField(
        label=_("lifecycle areas"), choices=Area.choices, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    released_to = ReleasedToField(widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = KnowledgeItem
        fields = [name for name in ITEM_FIELDS if name != "areas"]
        widgets = {
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_ru": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 8}),
            "ip_note": forms.Textarea(attrs={"rows": 2}),
            "review_due": DateInput(),
        }

    def __init__(
        self,
        *args: Any,
        clearance: int,
        parties: Any,
        may_publish: bool,
        versioned: bool = False,
        **kwargs: Any,
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
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [
            (value, label)
            for value, label in Kind.choices
            if value == Kind.OBSERVATION or (may_publish and value not in LIFECYCLE_KINDS)
        ]
        if versioned:
            self.fields["version"].required = True
            del self.fields["kind"]
        else:
            del self.fields["version"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The model's own check (areas mandatory) runs on the unsaved instance.
        self.instance.areas = KnowledgeItem.join_areas(list(data.get("areas") or []))
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["released_to"] = list(data["released_to"])
        return data


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RejectForm(VersionForm):
    reason = forms.CharField(
        label=_("reason for rejection"), widget=forms.Textarea(attrs={"rows": 2})
    )


class IdentifyForm(VersionForm):
    root_cause = forms.CharField(label=_("root cause"), widget=forms.Textarea(attrs={"rows": 3}))
    recommendation = forms.CharField(
        label=_("recommendation"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ValidateForm(VersionForm):
    result = forms.CharField(label=_("validation result"), widget=forms.Textarea(attrs={"rows": 3}))


class ActionForm(forms.Form):
    action_body = PartyChoice(label=_("action body"), queryset=None)
    description = forms.CharField(label=_("action"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = DateField(label=_("due"))

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["action_body"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = parties


class ActionCloseForm(VersionForm):
    status = forms.ChoiceField(
        choices=[("done", _("Done")), ("cancelled", _("Cancelled"))], widget=forms.HiddenInput
    )
    outcome = forms.CharField(label=_("outcome"), required=False)


class RequestForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    question = forms.CharField(label=_("question"), widget=forms.Textarea(attrs={"rows": 4}))
    due_on = DateField(label=_("due"))
    addressees = PartiesChoice(
        label=_("addressees"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["addressees"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = parties

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["addressees"] = list(data["addressees"])
        return data


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 4}))
    classification = forms.TypedChoiceField(
        label=_("classification"), choices=Classification.choices, coerce=int
    )
    release = forms.ChoiceField(
        label=_("release"),
        choices=[(v, label) for v, label in Release.choices if v != Release.OWNER],
        initial=Release.LISTED,
    )
    released_to = ReleasedToField(widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, clearance: int, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        classification = self.fields["classification"]
        assert isinstance(classification, forms.ChoiceField)
        classification.choices = [
            (v, label) for v, label in Classification.choices if v <= clearance
        ]
        released_to = self.fields["released_to"]
        assert isinstance(released_to, forms.ModelMultipleChoiceField)
        released_to.queryset = parties

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["released_to"] = list(data["released_to"])
        return data


class GuidelineForm(forms.Form):
    """An edition of a guideline module; its clauses one a line, “stable id | number |
    heading | text”."""

    code = forms.CharField(label=_("module code"), max_length=40)
    title = forms.CharField(label=_("title"), max_length=300)
    edition = forms.CharField(label=_("edition"), max_length=40)
    issued_on = DateField(label=_("date of the edition"))
    levels = forms.CharField(label=_("levels"), max_length=60, required=False)
    next_review = DateField(label=_("next review"), required=False)
    supersedes: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("supersedes"), queryset=None, required=False
    )
    clauses = forms.CharField(
        label=_("clauses"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One clause a line: stable id | number | heading | text."),
    )
    classification = forms.TypedChoiceField(
        label=_("classification"), choices=Classification.choices, coerce=int
    )
    release = forms.ChoiceField(label=_("release"), choices=Release.choices, initial="members")

    def __init__(self, *args: Any, clearance: int, editions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        supersedes = self.fields["supersedes"]
        assert isinstance(supersedes, forms.ModelChoiceField)
        supersedes.queryset = editions
        classification = self.fields["classification"]
        assert isinstance(classification, forms.ChoiceField)
        classification.choices = [
            (v, label) for v, label in Classification.choices if v <= clearance
        ]

    def clean_clauses(self) -> list[dict[str, str]]:
        rows = []
        for line in str(self.cleaned_data["clauses"]).splitlines():
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|", 3)]
            if len(parts) != 4:
                raise forms.ValidationError(
                    _("Each line is “stable id | number | heading | text”.")
                )
            rows.append(dict(zip(("key", "number", "heading", "text"), parts, strict=True)))
        return rows

    def service_arguments(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ClauseChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.edition} — {obj.number} {obj.heading}".strip()


class ClauseLinkForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    clause = ClauseChoice(label=_("guideline clause it changes"), queryset=None, required=False)

    def __init__(self, *args: Any, clauses: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        clause = self.fields["clause"]
        assert isinstance(clause, forms.ModelChoiceField)
        clause.queryset = clauses


class ExpertForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    position = forms.CharField(label=_("position"), max_length=200, required=False)
    domains = forms.CharField(
        label=_("domains"),
        max_length=400,
        help_text=_(
            "Paths in the domain tree, separated by “;”, e.g. “disposal/demilitarisation”."
        ),
    )
    languages = forms.CharField(label=_("languages"), max_length=60, initial="ru")
    clearance = forms.TypedChoiceField(
        label=_("clearance"), choices=Classification.choices, coerce=int
    )
    availability = forms.ChoiceField(label=_("availability"), choices=Expert.Availability.choices)

    def service_arguments(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class AvailabilityForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    availability = forms.ChoiceField(label=_("availability"), choices=Expert.Availability.choices)


class DisseminationForm(forms.Form):
    recipients = PartiesChoice(
        label=_("recipients"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["recipients"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = parties
