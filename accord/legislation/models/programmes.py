"""The assembly's harmonisation programmes: a plan (e.g. five years) of model acts to
draft, item by item, each with its status and, once drafting starts, the model act it
became. A programme is a public document of the assembly: every signed-in user reads
it (the model act an item links to is shown only to whoever may see that act)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.legislation.models.acts import ModelAct, _pick


class HarmonisationProgramme(models.Model):
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    first_year = models.PositiveIntegerField(_("from (year)"))
    last_year = models.PositiveIntegerField(_("to (year)"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("harmonisation programme")
        verbose_name_plural = _("harmonisation programmes")
        ordering = ["-first_year", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.first_year}–{self.last_year})"

    @property
    def title(self) -> str:
        return _pick(self, "title")

    def clean(self) -> None:
        if not 1990 <= (self.first_year or 0) <= 2100:
            raise ValidationError({"first_year": _("Give a year between 1990 and 2100.")})
        if self.last_year is not None and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("The programme cannot end before it starts.")})
        if self.last_year is not None and self.last_year - self.first_year > 20:
            raise ValidationError({"last_year": _("A programme runs twenty years at most.")})


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DRAFTING = "drafting", _("Being drafted")
    ADOPTED = "adopted", _("Model act adopted")
    DROPPED = "dropped", _("Dropped")


class ProgrammeItem(models.Model):
    programme = models.ForeignKey(
        HarmonisationProgramme,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("programme"),
    )
    number = models.PositiveIntegerField(_("item number"))
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    planned_year = models.PositiveIntegerField(_("planned for (year)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.PLANNED
    )
    model_act = models.ForeignKey(
        ModelAct,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programme_items",
        verbose_name=_("model act"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="legislation_programme_item_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        return _pick(self, "title")

    def clean(self) -> None:
        errors = {}
        programme = self.programme if self.programme_id else None
        if (
            programme is not None
            and self.planned_year is not None
            and not programme.first_year <= self.planned_year <= programme.last_year
        ):
            errors["planned_year"] = _("The year falls outside the programme.")
        if self.status == ItemStatus.ADOPTED and self.model_act_id is None:
            errors["status"] = _("Link the adopted model act first.")
        if errors:
            raise ValidationError(errors)
