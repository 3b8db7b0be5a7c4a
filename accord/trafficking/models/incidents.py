"""Incidents (seizures, interdictions, attempted exports, thefts, losses), the items and
entities involved, the route as indexed segments, and the hits of matching an incident's
items against the item registers.

Correlation between incidents has no table of its own: it is answered from the indexed,
normalised columns of `IncidentItem`, `IncidentEntity` and `RouteSegment` (see
`accord.trafficking.correlation`), so its storage grows with the items, not their square.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import MarkedModel, Party, VersionedModel
from accord.trafficking.models.items import ItemKind

__all__ = [
    "EntityRole",
    "Incident",
    "IncidentEntity",
    "IncidentEntityKind",
    "IncidentItem",
    "ItemHit",
    "RouteSegment",
]

country_code_validator = RegexValidator(
    r"^[A-Z]{3}$", _("Enter an ISO 3166 alpha-3 country code (three capital letters).")
)


class Incident(MarkedModel, VersionedModel):
    """One incident reported by a party (the owner): what happened, where, along which
    route, with which items and which persons or organisations."""

    class Kind(models.TextChoices):
        SEIZURE = "seizure", _("Seizure")
        INTERDICTION = "interdiction", _("Interdiction")
        ATTEMPTED_EXPORT = "attempted_export", _("Attempted illicit export")
        THEFT = "theft", _("Theft")
        LOSS = "loss", _("Loss")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("incident status", "Open")
        UNDER_INVESTIGATION = "under_investigation", _("Under investigation")
        CLOSED = "closed", pgettext_lazy("incident status", "Closed")

    reference = models.CharField(_("reference"), max_length=32, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    occurred_on = models.DateField(_("date"))
    country = models.CharField(
        _("country"),
        max_length=3,
        validators=[country_code_validator],
        help_text=_("ISO 3166 alpha-3 code of the country where it happened."),
    )
    locality = models.CharField(_("locality"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    route = models.JSONField(
        _("route"),
        default=list,
        blank=True,
        help_text=_("The countries the items passed through, in order (alpha-3 codes)."),
    )
    narrative = models.TextField(_("narrative"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    operation = models.ForeignKey(
        "trafficking.Operation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
        verbose_name=_("joint operation"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reported by"),
    )
    misp_uuid = models.CharField(
        _("MISP event uuid"),
        max_length=36,
        blank=True,
        editable=False,
        help_text=_("The uuid of the MISP event this incident was imported from, if any."),
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["owner", "-occurred_on"], name="incident_owner_date"),
            models.Index(fields=["kind", "-occurred_on"], name="incident_kind_date"),
        ]
        constraints = [
            # A party imports a MISP event once; importing it again updates that incident.
            models.UniqueConstraint(
                fields=["owner", "misp_uuid"],
                condition=~models.Q(misp_uuid=""),
                name="incident_misp_event_once",
            )
        ]

    def __str__(self) -> str:
        return self.reference or str(_("New incident"))


class IncidentItem(models.Model):
    """An item involved in an incident, as marked. Seen by whoever sees the incident.

    `serial_norm` and `markings_norm` are the folded forms (`normalise.fold_marking`) that
    matching and correlation look up through their indexes."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="items", verbose_name=_("incident")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=ItemKind.choices)
    manufacturer = models.CharField(_("manufacturer"), max_length=200, blank=True)
    model = models.CharField(_("model"), max_length=200, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=100, blank=True)
    serial_norm = models.CharField(
        _("serial number (normalised)"), max_length=100, blank=True, db_index=True
    )
    other_markings = models.CharField(_("other markings"), max_length=300, blank=True)
    markings_norm = models.CharField(
        _("other markings (normalised)"), max_length=300, blank=True, db_index=True
    )
    quantity = models.PositiveIntegerField(
        _("quantity"), default=1, validators=[MinValueValidator(1)]
    )
    item = models.ForeignKey(
        "trafficking.Item",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incident_items",
        verbose_name=_("register item"),
        help_text=_("The reporting party's own register item, when matched exactly."),
    )

    class Meta:
        verbose_name = _("incident item")
        verbose_name_plural = _("incident items")
        ordering = ["incident", "id"]

    def __str__(self) -> str:
        label = " ".join(p for p in (self.manufacturer, self.model) if p)
        return f"{label or self.get_kind_display()} {self.serial_number}".strip()


class IncidentEntityKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")
    VESSEL = "vessel", _("Vessel")
    AIRCRAFT = "aircraft", _("Aircraft")


class EntityRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    COURIER = "courier", _("Courier")
    CONSIGNEE = "consignee", _("Consignee")
    CONSIGNOR = "consignor", _("Consignor")
    BROKER = "broker", _("Broker")
    CARRIER = "carrier", _("Carrier")
    OTHER = "other", _("Other")


class IncidentEntity(models.Model):
    """A person, organisation, vessel or aircraft involved in an incident, with its role."""

    Kind = IncidentEntityKind
    Role = EntityRole

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="entities", verbose_name=_("incident")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=IncidentEntityKind.choices)
    name = models.CharField(_("name"), max_length=300)
    name_norm = models.CharField(_("name (normalised)"), max_length=300, db_index=True)
    role = models.CharField(
        _("role"), max_length=16, choices=EntityRole.choices, default=EntityRole.OTHER
    )
    entity = models.ForeignKey(
        "trafficking.Entity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incident_entities",
        verbose_name=_("watchlist entity"),
    )

    class Meta:
        verbose_name = _("incident entity")
        verbose_name_plural = _("incident entities")
        ordering = ["incident", "id"]

    def __str__(self) -> str:
        return self.name


class RouteSegment(models.Model):
    """One leg of an incident's route, between two consecutive countries. `key` is the
    pair in alphabetical order (a leg is the same whichever way it was crossed), indexed
    for correlation."""

    incident = models.ForeignKey(
        Incident,
        on_delete=models.CASCADE,
        related_name="route_segments",
        verbose_name=_("incident"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    origin = models.CharField(_("from"), max_length=3)
    destination = models.CharField(_("to"), max_length=3)
    key = models.CharField(_("segment"), max_length=7, db_index=True)

    class Meta:
        verbose_name = _("route segment")
        verbose_name_plural = _("route segments")
        ordering = ["incident", "position"]

    def __str__(self) -> str:
        return f"{self.origin}→{self.destination}"


class ItemHit(models.Model):
    """A match of an incident item in a party's register.

    Every match keeps its item, score and reasons, also one across the release boundary:
    the reporter may not see that item, but its owner party may, once the incident is
    released to it, and should learn which of its items matched. What reaches a user is
    filtered by the selectors (`incident_hits`): a viewer who may see the item gets it
    with score and reasons; anyone else only its party ("a matching record exists in party
    X's register"). Nothing else reads these rows for output."""

    incident_item = models.ForeignKey(
        IncidentItem, on_delete=models.CASCADE, related_name="hits", verbose_name=_("incident item")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("register of party")
    )
    item = models.ForeignKey(
        "trafficking.Item",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incident_hits",
        verbose_name=_("register item"),
        help_text=_(
            "Shown only to users who may see the item; others see only its party. Empty "
            "when the item was deleted."
        ),
    )
    exact = models.BooleanField(_("exact"), default=False)
    score = models.FloatField(_("score"), default=0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    created_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        verbose_name = _("item hit")
        verbose_name_plural = _("item hits")
        ordering = ["incident_item", "-exact", "-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["incident_item", "item"], name="itemhit_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.incident_item} → {self.party.code}"
