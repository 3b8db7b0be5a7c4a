"""Support of the six kinds the agreement names: a party asks, others offer, the
requester accepts, delivery is recorded."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accord.core.models import MarkedModel, Party, VersionedModel
from accord.programmes.models.finance import MONEY


class SupportKind(models.TextChoices):
    ORGANISATIONAL = "organisational", _("Organisational")
    TECHNICAL = "technical", _("Technical")
    ECONOMIC = "economic", _("Economic")
    SCIENTIFIC = "scientific", _("Scientific")
    METHODOLOGICAL = "methodological", _("Methodological")
    INFORMATIONAL = "informational", _("Informational")


class SupportRequest(MarkedModel, VersionedModel):
    """A party's request for support, marked like any record (the parties it is
    released to may offer)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FULFILLED = "fulfilled", _("Fulfilled")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportKind.choices)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        ru = (get_language() or "en").startswith("ru")
        return self.title_ru if ru and self.title_ru else self.title_en


class SupportOffer(models.Model):
    """Another party's offer: its form, value and dates; accepted by the requester, then
    delivered."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DELIVERED = "delivered", _("Delivered")

    request = models.ForeignKey(SupportRequest, on_delete=models.PROTECT, related_name="offers")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    form = models.CharField(_("form of support"), max_length=300)
    value = models.DecimalField(_("value"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="RUB")
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OFFERED
    )
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivery_note = models.TextField(_("delivery note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("support offer")
        verbose_name_plural = _("support offers")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.party_id} {self.form}"
