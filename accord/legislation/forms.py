"""The module's forms: the models' labels and checks, never saved (the views hand the
data to the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.models import Classification
from accord.core.web import DateField, DateInput, ReleasedToField
from accord.legislation.models import (
    ConformityCell,
    Disposition,
    DraftComment,
    HarmonisationProgramme,
    ModelAct,
    NationalAct,
    ProgrammeItem,
    Provision,
)
from accord.legislation.models.acts import EID
from accord.legislation.services import ACT_FIELDS, CELL_FIELDS, NATIONAL_FIELDS


class _Marked(forms.ModelForm):
    """A form with the marking fields: classification up to the user's clearance, the
    released-to parties, and the version read (on an edit)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        clearance: int,
        parties: Any = None,
        versioned: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if "released_to" in self.fields:
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
        if "released_to" in data:
            data["released_to"] = list(data["released_to"])
        return data


class ActForm(_Marked):
    released_to = ReleasedToField(widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ModelAct
        fields = ACT_FIELDS
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class NationalForm(_Marked):
    released_to = ReleasedToField(widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = NationalAct
        fields = tuple(f for f in NATIONAL_FIELDS if f != "amends")
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "enacted_on": DateInput(),
            "in_force_on": DateInput(),
            "repealed_on": DateInput(),
        }


class CellForm(_Marked):
    class Meta:
        model = ConformityCell
        fields = CELL_FIELDS
        widgets = {
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "deviation_note": forms.Textarea(attrs={"rows": 2}),
            "enacted_on": DateInput(),
            "in_force_on": DateInput(),
        }

    def __init__(self, *args: Any, national_acts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        national = self.fields["national_act"]
        assert isinstance(national, forms.ModelChoiceField)
        national.queryset = national_acts


class ProvisionForm(forms.ModelForm):
    class Meta:
        model = Provision
        fields = ("eid", "num", "heading_en", "heading_ru", "text_en", "text_ru")
        widgets = {
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "text_ru": forms.Textarea(attrs={"rows": 3}),
        }

    def validate_unique(self) -> None:
        """Saving an existing id changes that provision (the service decides)."""


class AtForm(forms.Form):
    at = DateField(label=_("As at"), required=False)


class CommentForm(forms.ModelForm):
    """A comment on a draft, or a suggested wording of one provision."""

    class Meta:
        model = DraftComment
        fields = ("provision_eid", "kind", "text", "language", "suggested_text")
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "suggested_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, provisions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provision_eid"] = forms.ChoiceField(
            label=_("Provision"),
            required=False,
            choices=[("", _("The whole act"))]
            + [(p.eid, f"{p.num or p.eid} {p.heading}".strip()) for p in provisions],
        )

    def validate_unique(self) -> None:
        """The service validates the comment."""

    def _post_clean(self) -> None:
        """The service checks the comment as a whole (`DraftComment.clean`)."""


class DecideForm(forms.Form):
    comment = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    disposition = forms.ChoiceField(
        label=_("Decision"),
        choices=[(d.value, d.label) for d in Disposition if d != Disposition.OPEN],
    )
    note = forms.CharField(label=_("Reasons"), required=False, widget=forms.TextInput)


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = HarmonisationProgramme
        fields = ("title_en", "title_ru", "first_year", "last_year", "adopted_on")
        field_classes = {"adopted_on": DateField}
        widgets = {"adopted_on": DateInput()}


class ItemForm(forms.ModelForm):
    number = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = ProgrammeItem
        fields = ("title_en", "title_ru", "planned_year", "status", "note")

    def validate_unique(self) -> None:
        """The service numbers the item."""

    def _post_clean(self) -> None:
        """The service checks the item against its programme."""


class LinkForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    act = forms.ModelChoiceField(label=_("Model act"), queryset=ModelAct.objects.none())

    def __init__(self, *args: Any, acts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        act = self.fields["act"]
        assert isinstance(act, forms.ModelChoiceField)
        act.queryset = acts if acts is not None else ModelAct.objects.none()


class NationalProvisionForm(forms.Form):
    eid = forms.CharField(
        label=_("Provision id"), max_length=100, validators=[EID], help_text=EID.message
    )
    num = forms.CharField(label=_("Number"), max_length=30, required=False)
    heading = forms.CharField(label=_("Heading"), max_length=300, required=False)
    text = forms.CharField(label=_("Text (original language)"), widget=forms.Textarea)
    valid_from = DateField(label=_("In effect from"), widget=DateInput())
    amended_by = forms.ModelChoiceField(
        label=_("Amended by"), queryset=NationalAct.objects.none(), required=False
    )

    def __init__(self, *args: Any, acts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        amended_by = self.fields["amended_by"]
        assert isinstance(amended_by, forms.ModelChoiceField)
        amended_by.queryset = acts if acts is not None else NationalAct.objects.none()
