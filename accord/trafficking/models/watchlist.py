"""Watchlist entities and screening.

A party lists persons, organisations, vessels and aircraft it has reason to watch. Every
name of an entity (the primary name and its aliases, in any script) is stored with its
normalised key (`accord.trafficking.domain.names.name_key`) and one row per folded token with
its phonetic key, so that screening narrows candidates by indexed lookups, never by
reading the whole watchlist.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import MarkedModel, VersionedModel

__all__ = ["Entity", "EntityIdentifier", "EntityName", "EntityNameToken"]


class Entity(MarkedModel, VersionedModel):
    """A person, organisation, vessel or aircraft on a party's watchlist (the listing
    party is the owner)."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")
        VESSEL = "vessel", _("Vessel")
        AIRCRAFT = "aircraft", _("Aircraft")

    class Status(models.TextChoices):
        LISTED = "listed", _("Listed")
        DELISTED = "delisted", _("Delisted")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("primary name"), max_length=300)
    nationality = models.CharField(
        _("nationality"),
        max_length=3,
        blank=True,
        help_text=_("ISO 3166 alpha-3 code: citizenship, country of registration or flag."),
    )
    reason = models.TextField(_("reason for listing"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.LISTED
    )
    listed_on = models.DateField(_("listed on"))
    delisted_on = models.DateField(_("delisted on"), null=True, blank=True)
    delisting_reason = models.TextField(_("reason for delisting"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("watchlist entity")
        verbose_name_plural = _("watchlist entities")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["owner", "status"], name="trafficking_entity_owner")]

    def __str__(self) -> str:
        return self.name


class EntityName(models.Model):
    """One name of an entity: the primary name or an alias, in the script it is written
    in, with its normalised key."""

    class Script(models.TextChoices):
        LATIN = "latin", _("Latin")
        CYRILLIC = "cyrillic", _("Cyrillic")
        OTHER = "other", _("Other")

    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="names", verbose_name=_("entity")
    )
    name = models.CharField(_("name"), max_length=300)
    script = models.CharField(_("script"), max_length=16, choices=Script.choices)
    is_alias = models.BooleanField(_("alias"), default=False)
    is_primary = models.BooleanField(_("primary name"), default=False)
    key = models.CharField(_("normalised key"), max_length=300, db_index=True)

    class Meta:
        verbose_name = _("entity name")
        verbose_name_plural = _("entity names")
        ordering = ["-is_primary", "is_alias", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class EntityNameToken(models.Model):
    """One folded token of one name and its phonetic key: the index screening narrows
    its candidates with. Written and deleted only together with its name."""

    # Screening joins the entity straight from the token indexes below (token, entity):
    # the index alone answers which entities carry a token.
    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="name_tokens", verbose_name=_("entity")
    )
    entity_name = models.ForeignKey(
        EntityName, on_delete=models.CASCADE, related_name="tokens", verbose_name=_("name")
    )
    token = models.CharField(_("token"), max_length=100)
    sound = models.CharField(_("phonetic key"), max_length=100)

    class Meta:
        verbose_name = _("name token")
        verbose_name_plural = _("name tokens")
        indexes = [
            models.Index(fields=["token", "entity"], name="trafficking_token_token"),
            models.Index(fields=["sound", "entity"], name="trafficking_token_sound"),
        ]

    def __str__(self) -> str:
        return self.token


class EntityIdentifier(models.Model):
    """An identifier of an entity (registration, passport, IMO, tail number, tax id) with
    its matching form."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Registration number")
        PASSPORT = "passport", _("Passport number")
        IMO = "imo", _("IMO number")
        TAIL = "tail", _("Tail number")
        TAX_ID = "tax_id", _("Tax identification number")
        OTHER = "other", _("Other")

    entity = models.ForeignKey(
        Entity, on_delete=models.CASCADE, related_name="identifiers", verbose_name=_("entity")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=100)
    value_norm = models.CharField(_("normalised value"), max_length=100, db_index=True)
    country = models.CharField(
        _("issuing country"),
        max_length=3,
        blank=True,
        help_text=_("ISO 3166 alpha-3 code of the issuing country, if known."),
    )

    class Meta:
        verbose_name = _("entity identifier")
        verbose_name_plural = _("entity identifiers")
        ordering = ["kind", "value", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"
