"""Tracing requests between parties.

A tracing request is a joint procedure between two parties: the requesting party owns it
(`owner`), and the requested party sees it through `TracingRequest.participant_q`. It
moves sent → acknowledged → answered → closed (or withdrawn by the requesting side before
an answer); overdue is computed from the due date, never stored.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import MarkedModel, Party, VersionedModel
from accord.trafficking.models.items import ItemKind

__all__ = ["TracingItem", "TracingRequest", "TracingTransfer", "default_due_date"]

DEFAULT_DUE_DAYS = 30


def default_due_date() -> dt.date:
    """Today plus `ACCORD_TRACING_DUE_DAYS` (30 unless configured)."""
    days = int(getattr(settings, "ACCORD_TRACING_DUE_DAYS", DEFAULT_DUE_DAYS))
    return timezone.localdate() + dt.timedelta(days=days)


class TracingRequest(MarkedModel, VersionedModel):
    """A request from one party (`owner`) to another (`requested_party`) to trace one or more
    items found in circumstances suggesting illicit trafficking."""

    class State(models.TextChoices):
        SENT = "sent", pgettext_lazy("tracing state", "Sent")
        ACKNOWLEDGED = "acknowledged", pgettext_lazy("tracing state", "Acknowledged")
        ANSWERED = "answered", pgettext_lazy("tracing state", "Answered")
        CLOSED = "closed", pgettext_lazy("tracing state", "Closed")
        WITHDRAWN = "withdrawn", pgettext_lazy("tracing state", "Withdrawn")

    class Outcome(models.TextChoices):
        FULL = "full", _("Traced fully")
        PARTIAL = "partial", _("Traced partially")
        CANNOT_TRACE = "cannot_trace", _("Cannot be traced")

    OPEN_STATES = (State.SENT, State.ACKNOWLEDGED)

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    requested_party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested party"),
    )
    incident = models.ForeignKey(
        "trafficking.Incident",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tracing_requests",
        verbose_name=_("incident"),
    )
    circumstances = models.TextField(
        _("circumstances"), help_text=_("How and where the item was found.")
    )
    grounds = models.TextField(_("grounds"), help_text=_("Why the item is considered illicit."))
    intended_use = models.TextField(_("intended use of the information"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    requested_information = models.TextField(_("requested information"), blank=True)
    due_date = models.DateField(_("due date"), default=default_due_date)
    confidentiality = models.TextField(_("confidentiality conditions"), blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.SENT, db_index=True
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    last_legal_holder = models.TextField(_("last known legal holder"), blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    reminded_before_at = models.DateTimeField(
        _("reminder before the due date sent"), null=True, blank=True
    )
    reminded_overdue_at = models.DateTimeField(_("overdue reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("tracing request")
        verbose_name_plural = _("tracing requests")
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["requested_party", "state"], name="tracing_inbox"),
            models.Index(fields=["owner", "state"], name="tracing_outbox"),
            models.Index(fields=["state", "due_date"], name="tracing_due"),
        ]

    def __str__(self) -> str:
        return self.reference

    @classmethod
    def participant_q(cls, party: Party) -> models.Q | None:
        # The requested party takes part: it sees the request (clearance still applies).
        return models.Q(requested_party_id=party.pk)

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Not answered (nor withdrawn) by the due date."""
        today = today or timezone.localdate()
        return self.is_open and self.due_date < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    def days_overdue(self, today: dt.date | None = None) -> int:
        today = today or timezone.localdate()
        return max(0, (today - self.due_date).days) if self.is_open else 0


class TracingItem(models.Model):
    """One item of a tracing request, as marked on the item itself."""

    request = models.ForeignKey(
        TracingRequest,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("tracing request"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=ItemKind.choices, blank=True)
    manufacturer = models.CharField(_("manufacturer"), max_length=200, blank=True)
    model = models.CharField(_("model"), max_length=200, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=100, blank=True)
    other_markings = models.TextField(_("other markings"), blank=True)
    incident_item = models.ForeignKey(
        "trafficking.IncidentItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tracing_items",
        verbose_name=_("incident item"),
    )

    class Meta:
        verbose_name = _("traced item")
        verbose_name_plural = _("traced items")
        ordering = ["request", "id"]

    def __str__(self) -> str:
        parts = [self.manufacturer, self.model, self.serial_number]
        return " ".join(p for p in parts if p) or str(_("item"))


class TracingTransfer(models.Model):
    """One step of an item's transfer history, as the requested party can give it."""

    request = models.ForeignKey(
        TracingRequest,
        on_delete=models.CASCADE,
        related_name="transfers",
        verbose_name=_("tracing request"),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    from_holder = models.CharField(_("from"), max_length=300, blank=True)
    to_holder = models.CharField(_("to"), max_length=300, blank=True)
    document_reference = models.CharField(_("document reference"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["request", "date", "id"]

    def __str__(self) -> str:
        return f"{self.from_holder} → {self.to_holder}"
