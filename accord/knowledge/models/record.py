"""The module's marked record: owned by a party, classified, released (to the listed
parties when `release` says so) and versioned (a stale edit answers 409)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accord.core.models import MarkedModel, VersionedModel


class Record(MarkedModel, VersionedModel):
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("record")
        verbose_name_plural = _("records")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        ru = (get_language() or "en").startswith("ru")
        return self.title_ru if ru and self.title_ru else self.title_en
