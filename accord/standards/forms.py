"""The forms of the standards pages (drafting, consultation, facilities); the views in
`views/` import them. A form only shapes and checks the input: the service decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accord.core.models import Classification, Party, Release
from accord.core.web import DateField, ReleasedToField
from accord.standards.models import (
    Ballot,
    Clause,
    Comment,
    Facility,
    Standard,
    StandardVersion,
    ThreatCategory,
    Vote,
)
from accord.standards.selectors import consultation as consultation_selectors

# --- Drafting: standards, clauses, parameters ------------------------------------------


class StandardForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code"), max_length=40)
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), max_length=300)
    title_ru = forms.CharField(
        label=gettext_lazy("Title (Russian)"), max_length=300, required=False
    )
    scope_en = forms.CharField(
        label=gettext_lazy("Scope (English)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    scope_ru = forms.CharField(
        label=gettext_lazy("Scope (Russian)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    threat_categories = forms.MultipleChoiceField(
        label=gettext_lazy("Threat categories"),
        choices=ThreatCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    protection_classes = forms.CharField(
        label=gettext_lazy("Protection classes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy(
            "One class a line, from the lowest: code | English name | Russian name."
        ),
    )
    classification = forms.TypedChoiceField(
        label=gettext_lazy("Classification"),
        choices=Classification.choices,
        coerce=int,
        initial=Classification.UNCLASSIFIED,
    )
    release = forms.ChoiceField(
        label=pgettext_lazy("marking", "Release"), choices=Release.choices, initial=Release.MEMBERS
    )

    def clean_protection_classes(self) -> list[dict[str, str]]:
        classes = []
        for line in (self.cleaned_data.get("protection_classes") or "").splitlines():
            if not line.strip():
                continue
            cells = [cell.strip() for cell in line.split("|")] + ["", ""]
            classes.append({"code": cells[0], "name_en": cells[1], "name_ru": cells[2]})
        return classes


class StandardEditForm(StandardForm):
    """The standard's own fields, with the version the editor read (a stale one is a
    conflict: someone else saved in between)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    @staticmethod
    def initial_for(standard: Standard) -> dict[str, Any]:
        classes = "\n".join(
            " | ".join(
                [
                    str(item.get("code", "")),
                    str(item.get("name_en", "")),
                    str(item.get("name_ru", "")),
                ]
            )
            for item in standard.protection_classes or []
        )
        return {
            "code": standard.code,
            "title_en": standard.title_en,
            "title_ru": standard.title_ru,
            "scope_en": standard.scope_en,
            "scope_ru": standard.scope_ru,
            "threat_categories": list(standard.threat_categories or []),
            "protection_classes": classes,
            "classification": standard.classification,
            "release": standard.release,
            "version": standard.version,
        }


class ClauseForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Number"), max_length=32, required=False)
    title_en = forms.CharField(
        label=gettext_lazy("Title (English)"), max_length=300, required=False
    )
    title_ru = forms.CharField(
        label=gettext_lazy("Title (Russian)"), max_length=300, required=False
    )
    text_en = forms.CharField(
        label=gettext_lazy("Text (English)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    text_ru = forms.CharField(
        label=gettext_lazy("Text (Russian)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    guidance_en = forms.CharField(
        label=gettext_lazy("Guidance (English)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    guidance_ru = forms.CharField(
        label=gettext_lazy("Guidance (Russian)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    normative_level = forms.ChoiceField(
        label=gettext_lazy("Normative level"),
        choices=[("", "—"), *Clause.Level.choices],
        required=False,
    )
    conformity = forms.ChoiceField(
        label=gettext_lazy("How conformity is shown"),
        choices=[("", "—"), *Clause.Conformity.choices],
        required=False,
    )
    conformity_note_en = forms.CharField(
        label=gettext_lazy("Conformity evidence (English)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    conformity_note_ru = forms.CharField(
        label=gettext_lazy("Conformity evidence (Russian)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ClauseNewForm(ClauseForm):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Clause.Kind.choices)
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ParameterForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Parameter"), max_length=64)
    protection_class = forms.ChoiceField(label=gettext_lazy("Protection class"), choices=())
    value = forms.CharField(
        label=gettext_lazy("Value"),
        max_length=32,
        required=False,
        help_text=gettext_lazy("Leave empty to remove the value for this class."),
    )
    unit = forms.CharField(label=gettext_lazy("Unit"), max_length=16, required=False)

    def __init__(self, *args: Any, standard: Standard, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["protection_class"].choices = [  # type: ignore[attr-defined]
            (code, code) for code in standard.protection_class_codes
        ]


# --- Consultation: comments and ballots ------------------------------------------------


class CommentForm(forms.Form):
    clause = forms.TypedChoiceField(
        label=gettext_lazy("Clause"), required=False, coerce=int, empty_value=None
    )
    type = forms.ChoiceField(label=gettext_lazy("Type of comment"), choices=Comment.Type.choices)
    line = forms.CharField(label=gettext_lazy("Line number"), max_length=20, required=False)
    paragraph = forms.CharField(
        label=gettext_lazy("Paragraph, figure or table"), max_length=50, required=False
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment"), widget=forms.Textarea(attrs={"rows": 3})
    )
    proposed_change = forms.CharField(
        label=gettext_lazy("Proposed change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, version: StandardVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[Any, str]] = [("", _("General comment (no clause)"))]
        choices += [(c.pk, str(c)) for c in consultation_selectors.clause_choices(version)]
        field = self.fields["clause"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class DisposeForm(forms.Form):
    disposition = forms.ChoiceField(
        label=gettext_lazy("Disposition"), choices=Comment.Disposition.choices
    )
    reason = forms.CharField(
        label=gettext_lazy("Reasoning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Comment table (XLSX)"))


class BallotOpenForm(forms.Form):
    closes_on = DateField(label=gettext_lazy("Closes on"))
    rule = forms.ChoiceField(label=gettext_lazy("Adoption rule"), choices=Ballot.Rule.choices)
    secrecy = forms.ChoiceField(
        label=gettext_lazy("Secrecy of the votes"),
        choices=Ballot.Secrecy.choices,
        initial=Ballot.Secrecy.SECRET_UNTIL_CLOSE,
        required=False,
    )
    quorum = forms.CharField(label=gettext_lazy("Quorum"), max_length=16, required=False)
    approve_share = forms.CharField(
        label=gettext_lazy("Approval threshold"), max_length=16, required=False
    )
    disapprove_share = forms.CharField(
        label=gettext_lazy("Disapproval limit"), max_length=16, required=False
    )


class VoteForm(forms.Form):
    vote = forms.ChoiceField(
        label=gettext_lazy("Vote"), choices=Vote.Choice.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=gettext_lazy("Reasons (for a disapproval: what would resolve it)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    comments = forms.CharField(
        label=gettext_lazy("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for cancelling"), max_length=2000)


# --- Facilities: the register and improvement plans ------------------------------------


class FacilityForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    sector = forms.ChoiceField(label=gettext_lazy("Sector"), choices=Facility.Sector.choices)
    protection_class = forms.CharField(
        label=gettext_lazy("Protection class"),
        max_length=16,
        help_text=gettext_lazy("The class of the standards it is assessed at, e.g. PC2."),
    )
    region = forms.CharField(label=gettext_lazy("Region"), max_length=200, required=False)
    country = forms.CharField(label=gettext_lazy("Country"), max_length=100, required=False)
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    classification = forms.TypedChoiceField(
        label=gettext_lazy("Classification"),
        choices=Classification.choices,
        coerce=int,
        initial=Classification.CONFIDENTIAL,
    )
    release = forms.ChoiceField(
        label=pgettext_lazy("marking", "Release"), choices=Release.choices, initial=Release.OWNER
    )


class FacilityEditForm(FacilityForm):
    """The register form plus the list a LISTED facility is released to and the version
    the edit was made from (a stale one is refused)."""

    released_to = ReleasedToField(
        help_text=gettext_lazy("The parties a facility released to listed parties is shown to.")
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, owner_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["released_to"]
        field.queryset = Party.objects.filter(active=True).exclude(pk=owner_id).order_by("code")


class ActionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    description = forms.CharField(
        label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    owner_name = forms.CharField(label=gettext_lazy("Owner"), max_length=200, required=False)
    due_date = DateField(
        label=gettext_lazy("Due"),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
