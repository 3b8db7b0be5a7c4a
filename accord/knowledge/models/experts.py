"""The expert roster: experts nominated by their party and validated by the Secretariat,
with domains (paths in a tree), languages, clearance and availability. Minimal personal
data: a name and a position, nothing else. An expert is a marked record of the
nominating party; by default it is listed to the Secretariat only (LISTED), so it is
seen by the own party and the Secretariat."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import Classification, MarkedModel, VersionedModel


class Expert(MarkedModel, VersionedModel):
    class Status(models.TextChoices):
        NOMINATED = "nominated", pgettext_lazy("expert", "Nominated")
        VALIDATED = "validated", pgettext_lazy("expert", "Validated")

    class Availability(models.TextChoices):
        AVAILABLE = "available", pgettext_lazy("expert", "Available")
        LIMITED = "limited", pgettext_lazy("expert", "Limited")
        UNAVAILABLE = "unavailable", pgettext_lazy("expert", "Unavailable")

    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    domains = models.CharField(
        _("domains"),
        max_length=400,
        help_text=_(
            "Paths in the domain tree, separated by “;”, e.g. “disposal/demilitarisation”."
        ),
    )
    languages = models.CharField(
        _("languages"), max_length=60, help_text=_("Language codes, e.g. “ru, en”.")
    )
    clearance = models.PositiveSmallIntegerField(
        _("clearance"), choices=Classification.choices, default=Classification.UNCLASSIFIED
    )
    availability = models.CharField(
        _("availability"), max_length=12, choices=Availability.choices, default="available"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOMINATED
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    created_at = models.DateTimeField(_("nominated"), auto_now_add=True)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def domain_list(self) -> list[str]:
        return [d.strip() for d in self.domains.split(";") if d.strip()]

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    def clean(self) -> None:
        errors = {}
        domains = self.domain_list
        if not domains:
            errors["domains"] = _("Give at least one domain.")
        elif not all(part.strip() for d in domains for part in d.split("/")):
            errors["domains"] = _("A domain is a path of names separated by “/”.")
        codes = self.language_list
        if not codes or not all(code.isalpha() and 2 <= len(code) <= 3 for code in codes):
            errors["languages"] = _("Give language codes such as “ru, en”.")
        if errors:
            raise ValidationError(errors)
