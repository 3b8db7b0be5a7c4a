"""Comments and suggestions on a draft model act (as in LEOS): a member of a delegation
comments on a provision of a version (or on the whole act), or suggests a new wording of
the provision in one language; the drafters of the Secretariat dispose of each (accept,
reject, note), and accepting a suggestion writes its wording into the current version.
A comment is seen by whoever sees the act."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import Party
from accord.legislation.models.acts import EID, ActVersion, ModelAct


class CommentKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    SUGGESTION = "suggestion", _("Suggested wording")


class Disposition(models.TextChoices):
    OPEN = "open", pgettext_lazy("disposition", "Awaiting a decision")
    ACCEPTED = "accepted", pgettext_lazy("disposition", "Accepted")
    REJECTED = "rejected", pgettext_lazy("disposition", "Rejected")
    NOTED = "noted", pgettext_lazy("disposition", "Noted")


class DraftComment(models.Model):
    act = models.ForeignKey(
        ModelAct, on_delete=models.CASCADE, related_name="comments", verbose_name=_("model act")
    )
    version = models.ForeignKey(
        ActVersion, on_delete=models.CASCADE, related_name="comments", verbose_name=_("version")
    )
    provision_eid = models.CharField(
        _("provision id"),
        max_length=100,
        blank=True,
        validators=[EID],
        help_text=_("Empty for a comment on the whole act."),
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=CommentKind.choices, default=CommentKind.COMMENT
    )
    text = models.TextField(_("comment"))
    language = models.CharField(
        _("language of the wording"),
        max_length=2,
        choices=[("en", _("English")), ("ru", _("Russian"))],
        blank=True,
    )
    suggested_text = models.TextField(_("suggested wording"), blank=True)
    based_on = models.TextField(
        _("wording commented on"),
        blank=True,
        help_text=_("The provision's wording when the suggestion was made."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    disposition = models.CharField(
        _("disposition"), max_length=10, choices=Disposition.choices, default=Disposition.OPEN
    )
    disposition_note = models.TextField(_("reasons for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")
        ordering = ["act", "id"]

    def __str__(self) -> str:
        return f"{self.act.number} {self.provision_eid or '—'} #{self.pk}"

    def clean(self) -> None:
        errors = {}
        if self.kind == CommentKind.SUGGESTION:
            if not self.provision_eid:
                errors["provision_eid"] = _("A suggested wording is on one provision.")
            if not self.suggested_text.strip():
                errors["suggested_text"] = _("Give the wording you suggest.")
            if not self.language:
                errors["language"] = _("Say which language the wording is in.")
        if errors:
            raise ValidationError(errors)
