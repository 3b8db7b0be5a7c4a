"""Point-in-time versions of the national provisions that matter (as Indigo keeps them):
each version of a provision of a national act holds its wording and the day it took
effect; it stays in effect until the next version of the same provision (`valid_to`, set
when the next is recorded) or for ever. Reading "as at" a day gives, per provision, the
version in effect on that day (none before the first). Seen by whoever sees the act."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.legislation.models.acts import EID
from accord.legislation.models.national import NationalAct


class NationalProvision(models.Model):
    act = models.ForeignKey(
        NationalAct,
        on_delete=models.CASCADE,
        related_name="provisions",
        verbose_name=_("national act"),
    )
    eid = models.CharField(_("provision id"), max_length=100, validators=[EID])
    num = models.CharField(_("number"), max_length=30, blank=True)
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    text = models.TextField(_("text (original language)"))
    valid_from = models.DateField(_("in effect from"))
    valid_to = models.DateField(
        _("in effect until"),
        null=True,
        blank=True,
        help_text=_("Set when the next version of the provision is recorded."),
    )
    amended_by = models.ForeignKey(
        NationalAct,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("amended by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("version of a national provision")
        verbose_name_plural = _("versions of national provisions")
        ordering = ["act", "eid", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["act", "eid", "valid_from"], name="legislation_pit_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.num or self.eid} ({self.valid_from})"

    def clean(self) -> None:
        if self.valid_to is not None and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": _("A version ends after it starts.")})
