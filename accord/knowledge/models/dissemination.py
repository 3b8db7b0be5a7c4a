"""The dissemination log: which party received which item, when, by whom, and under which
release decision (the item's release and classification at that moment, copied)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import Party


class Dissemination(models.Model):
    """One delivery of an item to a party. Seen by the item's owner party in full, and by
    a recipient party for its own entries (when it sees the item)."""

    item = models.ForeignKey(
        "knowledge.KnowledgeItem",
        on_delete=models.PROTECT,
        related_name="disseminations",
        verbose_name=_("item"),
    )
    recipient = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient")
    )
    release = models.CharField(_("release"), max_length=20)
    classification = models.PositiveSmallIntegerField(_("classification"))
    item_version = models.PositiveIntegerField(_("version"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("dissemination")
        verbose_name_plural = _("disseminations")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.item_id} → {self.recipient_id}"
