"""National acts of the member states, and the national measures that implement IHL
treaties (linked to the instrument and rule of the law base).

Enactment and entry into force are two dates: an act enacted but not yet in force is
never shown in force."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import MarkedModel, VersionedModel
from accord.legislation.models.acts import _pick


class NationalActKind(models.TextChoices):
    LAW = "law", _("Law")
    CODE_AMENDMENT = "code_amendment", _("Code amendment")
    DECREE = "decree", _("Decree")
    REGULATION = "regulation", _("Regulation")


class NationalAct(MarkedModel, VersionedModel):
    """An act of a member state (owned by it). `frbr_work` is its Akoma Ntoso work IRI
    (/akn/<country>/act/<year>/<number>); `amends` names the act it amends, if any."""

    kind = models.CharField(_("type"), max_length=16, choices=NationalActKind.choices)
    title = models.CharField(_("title (original language)"), max_length=400)
    language = models.CharField(
        _("original language"),
        max_length=8,
        default="ru",
        help_text=_("ISO 639 code of the language the act was enacted in."),
    )
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=400, blank=True)
    frbr_work = models.CharField(
        _("work IRI"),
        max_length=200,
        blank=True,
        help_text=_("Akoma Ntoso work IRI, e.g. /akn/kz/act/2024/12."),
    )
    gazette = models.CharField(_("gazette reference"), max_length=200, blank=True)
    enacted_on = models.DateField(_("enacted on"))
    in_force_on = models.DateField(
        _("in force from"),
        null=True,
        blank=True,
        help_text=_("Empty while the date of entry into force is not fixed."),
    )
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    amends = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
        verbose_name=_("amends"),
    )
    text = models.TextField(_("text (original language)"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("national act")
        verbose_name_plural = _("national acts")
        ordering = ["-enacted_on", "-id"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return _pick(self, "title") if (self.title_en or self.title_ru) else self.title

    def clean(self) -> None:
        errors = {}
        if self.in_force_on and self.enacted_on and self.in_force_on < self.enacted_on:
            errors["in_force_on"] = _("An act cannot enter into force before it is enacted.")
        if self.repealed_on and self.enacted_on and self.repealed_on < self.enacted_on:
            errors["repealed_on"] = _("An act cannot be repealed before it is enacted.")
        if errors:
            raise ValidationError(errors)


class ImplementationArea(models.TextChoices):
    REPRESSION = "repression", _("Repression of violations")
    WEAPONS_REVIEW = "weapons_review", _("Review of new weapons (Article 36)")
    EMBLEM = "emblem", _("Protection of the emblems")
    MARKING = "marking", _("Marking of weapons")
    EXPORT_CONTROL = "export_control", _("Export control")


class ImplementingMeasure(models.Model):
    """A national act implementing an obligation of an IHL instrument (and, where known,
    one rule of the catalogue). Seen by whoever sees the national act."""

    act = models.ForeignKey(
        NationalAct,
        on_delete=models.CASCADE,
        related_name="measures",
        verbose_name=_("national act"),
    )
    area = models.CharField(_("area"), max_length=20, choices=ImplementationArea.choices)
    instrument = models.ForeignKey(
        "law.Instrument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("instrument"),
    )
    rule = models.ForeignKey(
        "law.Rule",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("rule"),
    )
    provisions = models.CharField(_("national provisions"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("implementing measure")
        verbose_name_plural = _("implementing measures")
        ordering = ["act", "area", "id"]

    def __str__(self) -> str:
        return f"{self.act} — {self.instrument.code}"
