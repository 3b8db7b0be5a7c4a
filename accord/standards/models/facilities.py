"""Facilities, assessments against adopted standard versions, and improvement plans.

A facility is a party's own record, CONFIDENTIAL and OWNER by default: which sites a party
protects, and how well, never leaves the party unless it releases the facility. Its
assessments, answers, evidence and actions carry no marking of their own: whoever sees the
facility sees them (selectors filter through `Facility.objects.visible_to`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.models import Classification, MarkedModel, VersionedModel

__all__ = ["Action", "AnswerEvidence", "Assessment", "AssessmentAnswer", "Facility"]


class Facility(MarkedModel, VersionedModel):
    """A critical facility of a party, assessed against the adopted standards."""

    class Sector(models.TextChoices):
        ENERGY = "energy", _("Energy")
        WATER = "water", _("Water")
        TRANSPORT = "transport", _("Transport")
        COMMUNICATIONS = "communications", _("Communications")
        CHEMICAL = "chemical", _("Chemical")
        NUCLEAR = "nuclear", _("Nuclear")
        DEFENCE_INDUSTRY = "defence_industry", _("Defence industry")
        GOVERNMENT = "government", _("Government")
        OTHER = "other", _("Other")

    # A facility's identity is CONFIDENTIAL unless its owner marks it otherwise.
    classification = models.PositiveSmallIntegerField(
        _("classification"), choices=Classification.choices, default=Classification.CONFIDENTIAL
    )
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    protection_class = models.CharField(
        _("protection class"),
        max_length=16,
        help_text=_("The criticality class the facility is assessed at (e.g. PC1–PC3)."),
    )
    region = models.CharField(
        _("region"), max_length=200, blank=True, help_text=_("Coarse location only.")
    )
    country = models.CharField(_("country"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Assessment(VersionedModel):
    """One assessment of a facility against an adopted standard version, at the
    facility's protection class at the time. A reassessment points to the previous one."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETE = "complete", _("Complete")

    facility = models.ForeignKey(
        Facility,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("facility"),
    )
    standard_version = models.ForeignKey(
        "standards.StandardVersion",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("standard version"),
    )
    protection_class = models.CharField(_("protection class"), max_length=16)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.IN_PROGRESS
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reassessments",
        verbose_name=_("previous assessment"),
    )
    carry_over = models.JSONField(
        _("changes since the previous assessment"),
        default=dict,
        blank=True,
        help_text=_(
            "Requirement uids carried over, changed, added and removed when the previous "
            "assessment was against another version."
        ),
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assessor"),
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["facility", "-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.facility.name} — {self.standard_version} ({self.started_at:%Y-%m-%d})"

    @property
    def is_complete(self) -> bool:
        return self.state == self.State.COMPLETE


class AssessmentAnswer(VersionedModel):
    """The answer to one requirement of the assessed version. Saved one by one as the
    form is filled in, each under its own version number, so a concurrent edit is never
    lost silently."""

    class Status(models.TextChoices):
        IMPLEMENTED = "implemented", _("Implemented")
        PARTLY = "partly", _("Partly implemented")
        NOT_IMPLEMENTED = "not_implemented", _("Not implemented")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("assessment")
    )
    clause = models.ForeignKey(
        "standards.Clause",
        on_delete=models.PROTECT,
        related_name="assessment_answers",
        verbose_name=_("requirement"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    maturity = models.PositiveSmallIntegerField(
        _("maturity"), default=0, validators=[MaxValueValidator(5)]
    )
    justification = models.TextField(
        _("justification"), blank=True, help_text=_("Required when not applicable.")
    )
    notes = models.TextField(_("notes"), blank=True)
    carried_over_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("carried over from"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["assessment", "clause"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "clause"], name="standards_answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.clause_id}: {self.get_status_display()}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.status == self.Status.NOT_APPLICABLE and not self.justification.strip():
            raise ValidationError({"justification": _("Say why the requirement does not apply.")})


class AnswerEvidence(models.Model):
    """A file supporting an answer: type checked by name and content, size limited,
    SHA-256 recorded."""

    answer = models.ForeignKey(
        AssessmentAnswer,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("answer"),
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="assessment-evidence/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["answer", "id"]

    def __str__(self) -> str:
        return self.title


class Action(VersionedModel):
    """One action of a facility's improvement plan, usually closing a gap an assessment
    found."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="actions", verbose_name=_("assessment")
    )
    answer = models.ForeignKey(
        AssessmentAnswer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("answer"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner_name = models.CharField(_("owner"), max_length=200, blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner (user)"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in self.OPEN_STATUSES
            and self.due_date is not None
            and self.due_date < dt.date.today()
        )

    @property
    def owner_display(self) -> str:
        if self.owner_user_id and self.owner_user is not None:
            return self.owner_user.get_full_name() or self.owner_user.get_username()
        return self.owner_name
