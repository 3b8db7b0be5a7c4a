"""Joint operations against illicit trafficking.

An operation is a joint procedure: its lead party owns it, and the parties taking part
(`OperationParticipant`) see it through `Operation.participant_q`. Incidents link to an
operation through `Incident.operation` (incidents part); the after-action figures are
computed from those incidents, never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import MarkedModel, Party, VersionedModel

__all__ = ["Operation", "OperationParticipant"]


class Operation(MarkedModel, VersionedModel):
    """A joint operation: name, period, area, objectives, status; the lead party is the
    owner. Participating parties see it whatever its release (`participant_q`)."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("operation status", "Planned")
        ACTIVE = "active", pgettext_lazy("operation status", "Active")
        CONCLUDED = "concluded", pgettext_lazy("operation status", "Concluded")
        CANCELLED = "cancelled", pgettext_lazy("operation status", "Cancelled")

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        pgettext_lazy("operation", "reference"),
        max_length=40,
        unique=True,
        help_text=_("A short reference of the operation, unique across all parties."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    area = models.TextField(_("area"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    after_action_summary = models.TextField(_("after-action summary"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("joint operation")
        verbose_name_plural = _("joint operations")
        ordering = ["-starts_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="trafficking_operation_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @classmethod
    def participant_q(cls, party: Party) -> models.Q | None:
        return models.Q(
            pk__in=OperationParticipant.objects.filter(party=party).values("operation_id")
        )

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.ACTIVE)


class OperationParticipant(models.Model):
    """A party taking part in an operation, with the agencies it commits."""

    operation = models.ForeignKey(
        Operation,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("operation"),
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    agencies = models.TextField(
        _("agencies"),
        blank=True,
        help_text=_("The customs, border and police agencies the party commits."),
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("operation participant")
        verbose_name_plural = _("operation participants")
        ordering = ["operation", "party__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "party"], name="trafficking_operation_participant_unique"
            )
        ]

    def __str__(self) -> str:
        return self.party.code
