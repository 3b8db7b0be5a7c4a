"""Item registers, makes and models, imports, matching.

Each party keeps a register of marked items. Serial numbers and markings are stored twice:
as read off the item, and folded (`accord.trafficking.domain.normalise.fold_marking`) for matching,
so that "АК-12 № 0451" typed in Cyrillic finds "AK12 NO451" typed in Latin.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import MarkedModel, Party, VersionedModel
from accord.expertise.models import WeaponSystem

__all__ = ["Item", "ItemImport", "ItemKind", "MakeModel"]

_ALPHA3 = RegexValidator(r"^[A-Z]{3}$", _("Enter an ISO 3166 alpha-3 code, e.g. KAZ."))


class ItemKind(models.TextChoices):
    """The weapons register's categories, plus components and dual-use items."""

    UNCREWED = "uncrewed", _("Uncrewed and loitering systems")
    AUTONOMOUS = "autonomous", _("Autonomous functions")
    AI_DECISION_SUPPORT = "ai_decision_support", _("AI decision support")
    DIRECTED_ENERGY = "directed_energy", _("Directed energy")
    LASER = "laser", _("Lasers")
    ELECTRONIC_WARFARE = "electronic_warfare", _("Electronic warfare")
    CYBER = "cyber", _("Cyber capabilities")
    HYPERSONIC = "hypersonic", _("Hypersonic systems")
    NOVEL_MUNITION = "novel_munition", _("Novel munitions")
    NON_LETHAL = "non_lethal", _("Non-lethal technologies")
    SPACE = "space", _("Space systems")
    OTHER = "other", _("Other")
    COMPONENT = "component", _("Component")
    DUAL_USE = "dual_use", _("Dual-use item")


class MakeModel(VersionedModel):
    """Reference table of makes and models: what officers type ("Орлан 10", "orlan-10")
    resolves to one entry through its aliases, in both scripts. Shared reference data, not
    a marked record: it says nothing about any party's holdings."""

    manufacturer = models.CharField(_("manufacturer"), max_length=200)
    model = models.CharField(_("model"), max_length=200)
    country = models.CharField(
        _("country"), max_length=3, blank=True, validators=[_ALPHA3], help_text=_("ISO alpha-3.")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=ItemKind.choices, blank=True)
    manufacturer_aliases = models.JSONField(
        _("manufacturer aliases"),
        default=list,
        blank=True,
        help_text=_("Other spellings of the manufacturer, in Latin and Cyrillic script."),
    )
    model_aliases = models.JSONField(
        _("model aliases"),
        default=list,
        blank=True,
        help_text=_("Other spellings of the model, in Latin and Cyrillic script."),
    )
    manufacturer_norm = models.CharField(_("normalised manufacturer"), max_length=200)
    model_norm = models.CharField(_("normalised model"), max_length=200, db_index=True)
    keys = models.JSONField(
        _("normalised keys"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Folded names and aliases, for resolving what officers type."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("make and model")
        verbose_name_plural = _("makes and models")
        ordering = ["manufacturer", "model"]
        constraints = [
            models.UniqueConstraint(
                fields=["manufacturer_norm", "model_norm"], name="trafficking_makemodel_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.manufacturer} {self.model}"


class ItemImport(models.Model):
    """One imported file: who, when, its SHA-256 and how many rows. Written in the same
    transaction as its items, so a rejected file leaves no trace but its audit-free
    error message."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    owner = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner party")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("item import")
        verbose_name_plural = _("item imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.row_count})"


class Item(MarkedModel, VersionedModel):
    """A marked item in a party's register."""

    class Status(models.TextChoices):
        IN_SERVICE = "in_service", _("In service")
        LOST = "lost", _("Lost")
        STOLEN = "stolen", _("Stolen")
        TRANSFERRED = "transferred", _("Transferred")
        DESTROYED = "destroyed", _("Destroyed")
        SEIZED = "seized", _("Seized")

    kind = models.CharField(_("kind"), max_length=24, choices=ItemKind.choices)
    manufacturer = models.CharField(_("manufacturer"), max_length=200, blank=True)
    model = models.CharField(_("model"), max_length=200, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=100)
    serial_norm = models.CharField(
        _("normalised serial number"), max_length=100, db_index=True, editable=False
    )
    other_markings = models.TextField(_("other markings"), blank=True)
    markings_norm = models.TextField(_("normalised markings"), blank=True, editable=False)
    country_of_manufacture = models.CharField(
        _("country of manufacture"),
        max_length=3,
        blank=True,
        validators=[_ALPHA3],
        help_text=_("ISO 3166 alpha-3 code."),
    )
    year_of_manufacture = models.PositiveSmallIntegerField(
        _("year of manufacture"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_SERVICE
    )
    system = models.ForeignKey(
        WeaponSystem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("weapon system"),
    )
    make_model = models.ForeignKey(
        MakeModel,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("make and model"),
    )
    imported_in = models.ForeignKey(
        ItemImport,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
        editable=False,
        verbose_name=_("imported in"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["owner", "serial_norm"], name="trafficking_item_owner_serial"),
            models.Index(fields=["owner", "status"], name="trafficking_item_owner_status"),
        ]

    def __str__(self) -> str:
        label = " ".join(part for part in (self.manufacturer, self.model) if part)
        return f"{label} № {self.serial_number}" if label else f"№ {self.serial_number}"

    @property
    def is_wanted(self) -> bool:
        """Lost or stolen: a match on it is news for its owner."""
        return self.status in (self.Status.LOST, self.Status.STOLEN)
