"""Forms of the law pages: they turn request data into the arguments of selectors and
services, and carry back the errors those raise. No rule of the law base lives here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import Classification, Party
from accord.core.web import DateField, DateInput
from accord.law import csvio
from accord.law.domain.vocabulary import BOOL, SET, VOCABULARY, Characteristic
from accord.law.models import BilateralAgreement, ConflictType, Instrument, Rule

NOT_ANSWERED = pgettext_lazy("screening answer", "not answered")
ANY = pgettext_lazy("filter value", "any")
YES_NO = (("yes", _("Yes")), ("no", _("No")))

# The conflict type also exists as a characteristic of the weapon description; the
# screening form asks it once, as the screening's own conflict type, which the engine
# copies into the description.
DESCRIPTION = tuple(c for c in VOCABULARY if c.code != "conflict_type")


def _party_choices(parties: Iterable[Party]) -> list[tuple[str, str]]:
    return [(party.code, f"{party.code} — {party.name}") for party in parties]


def _conflict_choices() -> list[tuple[str, Any]]:
    return [("", ANY), *ConflictType.choices]


def _choices(form: forms.BaseForm, name: str, choices: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _queryset(form: forms.BaseForm, name: str, queryset: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class OnDateForm(forms.Form):
    """The `?on=` date of the participation pages; today when absent."""

    on = DateField(label=_("Date"), required=False)

    def date(self) -> dt.date:
        if self.is_valid() and self.cleaned_data["on"]:
            return self.cleaned_data["on"]
        return timezone.localdate()


class ObligationsForm(forms.Form):
    party = forms.ChoiceField(label=_("Party"))
    on = DateField(label=_("Date"), required=False)
    conflict_type = forms.ChoiceField(label=_("Type of armed conflict"), required=False)

    def __init__(self, *args: Any, parties: Sequence[Party], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parties = {party.code: party for party in parties}
        _choices(self, "party", [("", "—"), *_party_choices(parties)])
        _choices(self, "conflict_type", _conflict_choices())

    def arguments(self) -> dict[str, Any]:
        """The arguments of `selectors.obligations_for` (call after is_valid())."""
        data = self.cleaned_data
        return {
            "party": self.parties[data["party"]],
            "on_date": data["on"] or timezone.localdate(),
            "conflict_type": data["conflict_type"] or None,
        }


class RuleFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    customary = forms.ChoiceField(
        label=_("Customary"), required=False, choices=[("", ANY), *YES_NO]
    )
    instrument = forms.ChoiceField(label=_("Instrument"), required=False)

    def __init__(self, *args: Any, instruments: Iterable[Instrument], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "kind", [("", ANY), *Rule.Kind.choices])
        _choices(
            self,
            "instrument",
            [
                ("", ANY),
                *((i.code, f"{i.code} — {i.short_name}") for i in instruments),
            ],
        )


def _characteristic_field(characteristic: Characteristic) -> forms.Field:
    common: dict[str, Any] = {
        "label": characteristic.label,
        "help_text": characteristic.help,
        "required": False,
    }
    if characteristic.kind == SET:
        return forms.MultipleChoiceField(
            choices=characteristic.choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if characteristic.kind == BOOL:
        return forms.ChoiceField(choices=[("", NOT_ANSWERED), *YES_NO], **common)
    return forms.ChoiceField(choices=[("", NOT_ANSWERED), *characteristic.choices], **common)


class ScreeningForm(forms.Form):
    """A weapon description (one field per characteristic of the vocabulary), the parties
    to screen for, the date and the conflict type. Field names are the vocabulary codes,
    so a screening's address reads like its description."""

    parties = forms.MultipleChoiceField(
        label=_("Parties"), required=False, widget=forms.CheckboxSelectMultiple
    )
    on = DateField(label=_("Date"), required=False)
    conflict_type = forms.ChoiceField(label=_("Type of armed conflict"), required=False)

    def __init__(self, *args: Any, parties: Sequence[Party], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.all_parties = {party.code: party for party in parties}
        _choices(self, "parties", _party_choices(parties))
        self.fields["parties"].initial = list(self.all_parties)
        self.fields["on"].initial = timezone.localdate()
        _choices(self, "conflict_type", _conflict_choices())
        for characteristic in DESCRIPTION:
            self.fields[characteristic.code] = _characteristic_field(characteristic)

    def characteristic_fields(self) -> list[forms.BoundField]:
        return [self[c.code] for c in DESCRIPTION]

    def description(self) -> dict[str, Any]:
        """The description as the engine reads it; unanswered characteristics left out
        (an empty set of checkboxes counts as not answered)."""
        description: dict[str, Any] = {}
        for characteristic in DESCRIPTION:
            value = self.cleaned_data.get(characteristic.code)
            if not value:
                continue
            description[characteristic.code] = (
                value == "yes" if characteristic.kind == BOOL else value
            )
        return description

    def arguments(self) -> dict[str, Any]:
        """The arguments of `selectors.screening` (call after is_valid())."""
        data = self.cleaned_data
        return {
            "description": self.description(),
            "parties": [self.all_parties[code] for code in data["parties"]],
            "on_date": data["on"] or timezone.localdate(),
            "conflict_type": data["conflict_type"] or None,
        }


BILATERAL_FIELDS = (
    "counterpart",
    "title_en",
    "title_ru",
    "subject",
    "signed_on",
    "in_force_from",
    "in_force_until",
    "status",
    "document_reference",
    "classification",
    "release",
    "released_to",
)


class BilateralForm(forms.ModelForm):
    """The fields of a bilateral agreement, with the model's labels and checks. Built on a
    fresh instance (an edit passes the stored values as `initial`), so validating never
    touches a stored record, and never saved: the view hands the data to the services."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = BilateralAgreement
        fields = BILATERAL_FIELDS
        widgets = {
            "signed_on": DateInput(),
            "in_force_from": DateInput(),
            "in_force_until": DateInput(),
            "subject": forms.Textarea(attrs={"rows": 3}),
            "released_to": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self,
        *args: Any,
        clearance: int,
        counterparts: Any,
        versioned: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "counterpart", counterparts)
        _queryset(self, "released_to", counterparts)
        _choices(
            self,
            "classification",
            [(value, label) for value, label in Classification.choices if value <= clearance],
        )
        self.fields["version"].required = versioned
        if not versioned:
            del self.fields["version"]

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["released_to"] = list(data["released_to"])
        return data


IMPORT_KINDS = (
    ("instruments", _("Instruments")),
    ("participation", _("Participation")),
    ("rules", _("Rules")),
)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=IMPORT_KINDS)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, in the reference format: an exported file imports back."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > csvio.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
