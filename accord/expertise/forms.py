"""Forms of the expertise pages: they turn request data into the arguments of the
services, and carry back the errors those raise. No rule of the review lives here: what
may be done, and whether the data holds, is the services' to say."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core import stepup
from accord.core.models import Classification, Party
from accord.core.web import DateField, PartiesChoice, PartyChoice
from accord.expertise.models import (
    Conclusion,
    Evidence,
    Finding,
    Review,
    SystemVersion,
    WeaponSystem,
)
from accord.law.domain.vocabulary import BOOL, SET, VOCABULARY, Characteristic

NOT_ANSWERED = pgettext_lazy("screening answer", "not answered")
YES_NO = (("yes", _("Yes")), ("no", _("No")))

# The conflict type is a characteristic of the vocabulary, but in a review it is the
# review's own (asked when the review is opened, and copied into the description by the
# engine); the questionnaire asks the rest.
QUESTIONNAIRE = tuple(c for c in VOCABULARY if c.code != "conflict_type")
CONFLICT_TYPES = Review._meta.get_field("conflict_type").choices or []


def _choices(form: forms.BaseForm, name: str, choices: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _queryset(form: forms.BaseForm, name: str, queryset: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class EvidenceChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.title


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.get_username()})" if name else obj.get_username()


class UsersChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.get_username()})" if name else obj.get_username()


# --- The register ----------------------------------------------------------------------------

SYSTEM_FIELDS = (
    "designation",
    "category",
    "stage",
    "description",
    "classification",
    "release",
    "released_to",
)


class SystemForm(forms.ModelForm):
    """A system's register entry with the model's labels and checks. Built on a fresh
    instance (an edit passes the stored values as `initial`) and never saved: the view
    hands the data to the services."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = WeaponSystem
        fields = SYSTEM_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "released_to": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self, *args: Any, clearance: int, others: Any, versioned: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "released_to", others)
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


class VersionCreateForm(forms.Form):
    label = forms.CharField(label=_("Label of the new version"), max_length=100, required=False)


# --- The questionnaire ----------------------------------------------------------------------


def _characteristic_field(characteristic: Characteristic, disabled: bool) -> forms.Field:
    common: dict[str, Any] = {
        "label": characteristic.label,
        "help_text": characteristic.help,
        "required": False,
        "disabled": disabled,
    }
    if characteristic.kind == SET:
        return forms.MultipleChoiceField(
            choices=characteristic.choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if characteristic.kind == BOOL:
        return forms.ChoiceField(choices=[("", NOT_ANSWERED), *YES_NO], **common)
    return forms.ChoiceField(choices=[("", NOT_ANSWERED), *characteristic.choices], **common)


def _initial_answer(characteristic: Characteristic, value: Any) -> Any:
    if value is None:
        return None
    if characteristic.kind == BOOL:
        return "yes" if value else "no"
    return value


CITE = "cite__"


def narrative_label(name: str) -> str:
    """The label of a narrative answer: the model field's verbose name, capitalised."""
    field = cast("models.Field", SystemVersion._meta.get_field(name))
    return str(field.verbose_name).capitalize()


class QuestionnaireForm(forms.Form):
    """The legal adviser's questionnaire for one version: one field per characteristic of
    the vocabulary, the narrative answers, and for each answer the evidence it cites.
    Field names are the vocabulary codes and the model's field names."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    label = forms.CharField(label=_("Label"), max_length=100, required=False)

    def __init__(
        self,
        *args: Any,
        version: SystemVersion,
        evidence: Iterable[Evidence],
        frozen: bool = False,
        **kwargs: Any,
    ) -> None:
        answers = version.characteristics or {}
        initial: dict[str, Any] = {
            "expected_version": version.version,
            "label": version.label,
            **{c.code: _initial_answer(c, answers.get(c.code)) for c in QUESTIONNAIRE},
            **{name: getattr(version, name) for name in SystemVersion.NARRATIVE_FIELDS},
            **{
                f"{CITE}{code}": [str(i) for i in ids]
                for code, ids in (version.citations or {}).items()
            },
        }
        kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["label"].disabled = frozen
        for characteristic in QUESTIONNAIRE:
            self.fields[characteristic.code] = _characteristic_field(characteristic, frozen)
        for name in SystemVersion.NARRATIVE_FIELDS:
            self.fields[name] = forms.CharField(
                label=narrative_label(name),
                required=False,
                disabled=frozen,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.evidence_choices = [(str(e.pk), e.title) for e in evidence]
        if self.evidence_choices:
            for code in self.answer_codes():
                self.fields[f"{CITE}{code}"] = forms.MultipleChoiceField(
                    label=_("Evidence cited"),
                    choices=self.evidence_choices,
                    required=False,
                    disabled=frozen,
                    widget=forms.SelectMultiple(attrs={"size": min(4, len(self.evidence_choices))}),
                )

    @staticmethod
    def answer_codes() -> list[str]:
        return [c.code for c in QUESTIONNAIRE] + list(SystemVersion.NARRATIVE_FIELDS)

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField | None]]:
        """Each characteristic with its citation field (None when there is no evidence)."""
        return [(self[c.code], self._cite(c.code)) for c in QUESTIONNAIRE]

    def narrative_rows(self) -> list[tuple[forms.BoundField, forms.BoundField | None]]:
        return [(self[name], self._cite(name)) for name in SystemVersion.NARRATIVE_FIELDS]

    def _cite(self, code: str) -> forms.BoundField | None:
        name = f"{CITE}{code}"
        return self[name] if name in self.fields else None

    def service_arguments(self) -> dict[str, Any]:
        """The arguments of `services.version_update` (call after is_valid()).
        Unanswered characteristics are left out; the stored conflict type, which this
        form does not ask, is kept."""
        data = self.cleaned_data
        characteristics: dict[str, Any] = {}
        stored_conflict = (self.version.characteristics or {}).get("conflict_type")
        if stored_conflict is not None:
            characteristics["conflict_type"] = stored_conflict
        for characteristic in QUESTIONNAIRE:
            value = data.get(characteristic.code)
            if not value:
                continue
            characteristics[characteristic.code] = (
                value == "yes" if characteristic.kind == BOOL else value
            )
        citations = {
            code: [int(i) for i in data.get(f"{CITE}{code}") or []]
            for code in self.answer_codes()
            if data.get(f"{CITE}{code}")
        }
        return {
            "expected_version": data["expected_version"],
            "label": data["label"],
            "characteristics": characteristics,
            "citations": citations,
            **{name: data[name] for name in SystemVersion.NARRATIVE_FIELDS},
        }


class EvidenceFileForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, text, CSV, Word or Excel; at most 20 MB."),
    )


class EvidenceReferenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    reference = forms.CharField(
        label=_("Reference"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the evidence can be found: a document number, a report, a test."),
    )


class AssignmentForm(forms.Form):
    party = PartyChoice(label=_("Party whose contingent uses it"), queryset=Party.objects.none())
    from_date = DateField(label=_("From"))
    until_date = DateField(label=_("Until"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def __init__(self, *args: Any, states: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "party", states)


class ReviewOpenForm(forms.Form):
    law_date = DateField(
        label=_("Law applied as on"),
        help_text=_("Treaty participation is read on this date."),
    )
    conflict_type = forms.ChoiceField(
        label=_("Type of armed conflict"),
        required=False,
        choices=[("", _("Not specified")), *CONFLICT_TYPES],
    )
    invited = PartiesChoice(
        label=_("Invite parties"),
        queryset=Party.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The owner, every party whose contingent uses the version and the Secretariat "
            "take part anyway."
        ),
    )
    expires_on = DateField(label=_("Re-review due"), required=False)

    def __init__(self, *args: Any, states: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"law_date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        _queryset(self, "invited", states)

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["invited"] = list(data["invited"])
        return data


# --- The review file --------------------------------------------------------------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class InviteForm(forms.Form):
    party = PartyChoice(label=_("Party"), queryset=Party.objects.none())

    def __init__(self, *args: Any, states: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "party", states)


class ReviewersForm(forms.Form):
    lead_reviewer = UserChoice(label=_("Lead reviewer"), queryset=None)
    reviewers = UsersChoice(
        label=_("Reviewers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from accord.core.roles import Role

        # Only a lead reviewer may lead; any adviser of the party may review.
        _queryset(self, "lead_reviewer", users.filter(groups__name=Role.LEAD_REVIEWER))
        _queryset(self, "reviewers", users)

    def service_arguments(self) -> dict[str, Any]:
        return {
            "lead_reviewer": self.cleaned_data["lead_reviewer"],
            "reviewers": list(self.cleaned_data["reviewers"]),
        }


class AskForm(forms.Form):
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    due_date = DateField(label=_("Answer due"))


class AnswerForm(forms.Form):
    request = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))


class RequestWithdrawForm(forms.Form):
    request = forms.IntegerField(widget=forms.HiddenInput)


class FindingForm(forms.Form):
    """The actor's party's finding on one rule (the rule's code travels hidden)."""

    rule = forms.CharField(widget=forms.HiddenInput, max_length=40)
    outcome = forms.ChoiceField(label=_("Finding"), choices=[("", "—"), *Finding.Outcome.choices])
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 3}))
    restriction = forms.CharField(
        label=_("Restriction needed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only for the finding “restriction needed”."),
    )
    evidence = EvidenceChoice(
        label=_("Evidence relied on"),
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, evidence: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _queryset(self, "evidence", evidence)
        if not evidence:
            del self.fields["evidence"]


class SignForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Conclusion"), choices=[("", "—"), *Conclusion.Outcome.choices]
    )
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 4}))
    conditions = forms.CharField(
        label=_("Conditions of use"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One condition per line; only for “lawful with conditions of use”."),
    )
    opinion = forms.ChoiceField(
        label=_("Opinion attached"), choices=Conclusion.Opinion.choices, required=False
    )
    opinion_text = forms.CharField(
        label=_("Text of the opinion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stepup.add_to_form(self)

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop(stepup.FIELD, None)
        data["conditions"] = [line for line in data["conditions"].splitlines() if line.strip()]
        return data


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


# --- The matrix -----------------------------------------------------------------------------


class MatrixFilterForm(forms.Form):
    system = forms.ChoiceField(label=_("System"), required=False)

    def __init__(self, *args: Any, systems: Iterable[WeaponSystem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(
            self,
            "system",
            [("", pgettext_lazy("filter value", "all")), *((str(s.pk), str(s)) for s in systems)],
        )
