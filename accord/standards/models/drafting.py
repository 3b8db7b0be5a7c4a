"""Standards, their versions and the clause tree.

A standard is a marked record (owner = the drafting party, usually the Secretariat;
release normally MEMBERS). Its versions, clauses and parameters are not marked records of
their own: whoever sees the standard sees them, which `StandardVersion.objects.visible_to`
and `Clause.objects.visible_to` express by resolving the standard through its own
`visible_to`. An adopted version is frozen: a change means a new version made from it,
which copies the clause tree and keeps each clause's `uid`.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accord.core.models import MarkedModel, VersionedModel

__all__ = [
    "Clause",
    "ClauseParameter",
    "Standard",
    "StandardVersion",
    "ThreatCategory",
    "new_uid",
]


def _russian() -> bool:
    return (get_language() or "en").startswith("ru")


def _in_language(obj: Any, name: str) -> str:
    """The Russian text on a Russian page when there is one, the English text otherwise."""
    if _russian():
        return getattr(obj, f"{name}_ru") or getattr(obj, f"{name}_en")
    return getattr(obj, f"{name}_en") or getattr(obj, f"{name}_ru")


def new_uid() -> str:
    """A clause's stable identifier: kept by the copies of the clause in later versions."""
    return uuid.uuid4().hex


class ThreatCategory(models.TextChoices):
    """The new types of weapons and technologies a standard protects against."""

    UNCREWED_AERIAL = "uncrewed_aerial", _("Uncrewed aerial systems")
    DIRECTED_ENERGY = "directed_energy", _("Directed energy")
    ELECTRONIC_WARFARE = "electronic_warfare", _("Electronic warfare and jamming")
    CYBER_PHYSICAL = "cyber_physical", _("Cyber-physical attacks")
    AI_ENABLED = "ai_enabled", _("AI-enabled attacks")


class Standard(MarkedModel, VersionedModel):
    """A jointly developed standard for protecting critical facilities.

    `protection_classes` lists the classes facilities are assessed at, in order of rising
    criticality: ``[{"code": "PC1", "name_en": ..., "name_ru": ...}, ...]``. Requirements
    carry numeric parameters per class (`ClauseParameter`).
    """

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("A short identifier, e.g. CSTO-PS 1."),
    )
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    scope_en = models.TextField(_("scope (English)"), blank=True)
    scope_ru = models.TextField(_("scope (Russian)"), blank=True)
    threat_categories = models.JSONField(
        _("threat categories"),
        default=list,
        blank=True,
        help_text=_("The new types of weapons and technologies the standard addresses."),
    )
    protection_classes = models.JSONField(
        _("protection classes"),
        default=list,
        blank=True,
        help_text=_("Ordered classes, each with a code and names in both languages."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def title(self) -> str:
        return _in_language(self, "title")

    @property
    def scope(self) -> str:
        return _in_language(self, "scope")

    @property
    def protection_class_codes(self) -> list[str]:
        return [str(item.get("code", "")) for item in self.protection_classes or []]

    def protection_class_name(self, code: str) -> str:
        """The class's name in the active language (its code when it has none)."""
        for item in self.protection_classes or []:
            if item.get("code") == code:
                name = item.get("name_ru") if _russian() else item.get("name_en")
                return str(name or item.get("name_en") or code)
        return code

    def threat_category_labels(self) -> list[str]:
        labels = dict(ThreatCategory.choices)
        return [str(labels.get(code, code)) for code in self.threat_categories or []]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        categories = self.threat_categories
        if not isinstance(categories, list) or any(
            c not in ThreatCategory.values for c in categories
        ):
            errors["threat_categories"] = _("Choose threat categories from the list.")
        elif len(set(categories)) != len(categories):
            errors["threat_categories"] = _("A threat category is listed twice.")
        classes = self.protection_classes
        codes: list[str] = []
        if not isinstance(classes, list):
            errors["protection_classes"] = _("Protection classes must be a list.")
        else:
            for item in classes:
                code = item.get("code") if isinstance(item, dict) else None
                if not isinstance(code, str) or not code.strip() or len(code) > 16:
                    errors["protection_classes"] = _(
                        "Every protection class needs a code of at most 16 characters."
                    )
                    break
                codes.append(code)
            if "protection_classes" not in errors and len(set(codes)) != len(codes):
                errors["protection_classes"] = _("A protection class code is listed twice.")
        if errors:
            raise ValidationError(errors)


class StandardVersionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> StandardVersionQuerySet:
        """Versions of the standards `user` sees (visibility follows the standard)."""
        return self.filter(standard__in=Standard.objects.visible_to(user).values("pk"))


class StandardVersion(VersionedModel):
    """One edition of a standard: a tree of clauses moving through the drafting stages.

    working draft → committee draft → ballot → adopted → withdrawn. Adoption freezes the
    version (`frozen`); every edit of a frozen version is refused with a Conflict. A change
    to an adopted version is a new version made from it (`previous`).
    """

    class Stage(models.TextChoices):
        WORKING_DRAFT = "working_draft", _("Working draft")
        COMMITTEE_DRAFT = "committee_draft", _("Committee draft")
        BALLOT = "ballot", pgettext_lazy("standard stage", "Ballot")
        ADOPTED = "adopted", pgettext_lazy("standard stage", "Adopted")
        WITHDRAWN = "withdrawn", pgettext_lazy("standard stage", "Withdrawn")

    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="versions", verbose_name=_("standard")
    )
    number = models.PositiveIntegerField(_("version number"))
    label = models.CharField(_("label"), max_length=100, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.WORKING_DRAFT
    )
    frozen = models.BooleanField(_("frozen"), default=False)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successors",
        verbose_name=_("made from"),
    )
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StandardVersionQuerySet.as_manager()

    EDITABLE_STAGES = (Stage.WORKING_DRAFT, Stage.COMMITTEE_DRAFT)

    class Meta:
        verbose_name = _("standard version")
        verbose_name_plural = _("standard versions")
        ordering = ["standard", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "number"], name="standards_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.standard.code} v{self.number}"

    @property
    def classification(self) -> int:
        """The standard's classification: audit events about the version carry it."""
        return int(self.standard.classification)

    @property
    def editable(self) -> bool:
        return not self.frozen and self.stage in self.EDITABLE_STAGES


class ClauseQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ClauseQuerySet:
        """Clauses of the standards `user` sees."""
        return self.filter(version__standard__in=Standard.objects.visible_to(user).values("pk"))


class Clause(models.Model):
    """A section or a requirement of a version's clause tree.

    `uid` identifies "the same clause" across versions: a version made from a previous
    one copies each clause with its uid, so comparisons and carried-over assessment
    answers match clauses by uid, not by number (numbers change when clauses move).
    """

    class Kind(models.TextChoices):
        SECTION = "section", _("Section")
        REQUIREMENT = "requirement", _("Requirement")

    class Level(models.TextChoices):
        SHALL = "shall", pgettext_lazy("normative level", "Shall")
        SHOULD = "should", pgettext_lazy("normative level", "Should")
        MAY = "may", pgettext_lazy("normative level", "May")

    class Conformity(models.TextChoices):
        DOCUMENT_REVIEW = "document_review", _("Document review")
        INSPECTION = "inspection", _("Inspection on site")
        TEST = "test", _("Test")
        DEMONSTRATION = "demonstration", _("Demonstration")
        ANALYSIS = "analysis", _("Analysis")

    version = models.ForeignKey(
        StandardVersion,
        on_delete=models.CASCADE,
        related_name="clauses",
        verbose_name=_("standard version"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent section"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=32, help_text=_("For example 4.2.1."))
    order = models.PositiveIntegerField(_("order"), default=0)
    uid = models.CharField(_("stable identifier"), max_length=64, default=new_uid)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    guidance_ru = models.TextField(_("guidance (Russian)"), blank=True)
    normative_level = models.CharField(
        _("normative level"), max_length=8, choices=Level.choices, blank=True
    )
    conformity = models.CharField(
        _("how conformity is shown"), max_length=20, choices=Conformity.choices, blank=True
    )
    conformity_note_en = models.TextField(_("conformity evidence (English)"), blank=True)
    conformity_note_ru = models.TextField(_("conformity evidence (Russian)"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    objects = ClauseQuerySet.as_manager()

    TEXT_FIELDS = (
        "title_en",
        "title_ru",
        "text_en",
        "text_ru",
        "guidance_en",
        "guidance_ru",
        "conformity_note_en",
        "conformity_note_ru",
    )

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["version", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "uid"], name="standards_clause_uid_unique"),
            models.UniqueConstraint(
                fields=["version", "number"], name="standards_clause_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    @property
    def classification(self) -> int:
        return int(self.version.standard.classification)

    @property
    def is_requirement(self) -> bool:
        return self.kind == self.Kind.REQUIREMENT

    @property
    def title(self) -> str:
        return _in_language(self, "title")

    @property
    def text(self) -> str:
        return _in_language(self, "text")

    @property
    def guidance(self) -> str:
        return _in_language(self, "guidance")

    @property
    def conformity_note(self) -> str:
        return _in_language(self, "conformity_note")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.kind == self.Kind.REQUIREMENT:
            if not self.normative_level:
                errors["normative_level"] = _("A requirement needs a normative level.")
            if not (self.text_en or self.text_ru):
                errors["text_en"] = _("A requirement needs its text.")
        elif self.kind == self.Kind.SECTION:
            if self.normative_level:
                errors["normative_level"] = _("Only requirements have a normative level.")
            if not (self.title_en or self.title_ru):
                errors["title_en"] = _("A section needs a title.")
        if self.parent_id is not None:
            parent = self.parent
            if parent is not None and parent.version_id != self.version_id:
                errors["parent"] = _("The parent section belongs to another version.")
            elif parent is not None and parent.kind != self.Kind.SECTION:
                errors["parent"] = _("Clauses can be placed under sections only.")
        if errors:
            raise ValidationError(errors)


class ClauseParameter(models.Model):
    """A numeric parameter of a requirement for one protection class (e.g. the detection
    range a facility of class PC3 must achieve)."""

    clause = models.ForeignKey(
        Clause, on_delete=models.CASCADE, related_name="parameters", verbose_name=_("clause")
    )
    protection_class = models.CharField(_("protection class"), max_length=16)
    name = models.CharField(_("parameter"), max_length=64, help_text=_("e.g. detection_range"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("clause parameter")
        verbose_name_plural = _("clause parameters")
        ordering = ["clause", "name", "protection_class"]
        constraints = [
            models.UniqueConstraint(
                fields=["clause", "name", "protection_class"],
                name="standards_parameter_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.protection_class}] = {self.value} {self.unit}".strip()
