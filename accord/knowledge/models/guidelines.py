"""Guideline modules (in the manner of the IATG and MOSAIC): a numbered module published
in dated editions, each edition a marked record of its publishing party with its clauses.
A clause keeps its stable id (`key`) from one edition to the next, however it is
renumbered; lessons point at the clause they change (`KnowledgeItem.guideline_clause`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import MarkedModel


class GuidelineEdition(MarkedModel):
    """One dated edition of a guideline module. `supersedes` names the edition it
    replaces (of the same module and party); `superseded_by` is the reverse."""

    code = models.CharField(_("module code"), max_length=40, help_text=_("e.g. “IATG 10.10”"))
    title = models.CharField(_("title"), max_length=300)
    edition = models.CharField(_("edition"), max_length=40)
    issued_on = models.DateField(_("date of the edition"))
    levels = models.CharField(_("levels"), max_length=60, blank=True, help_text=_("e.g. “1, 2, 3”"))
    next_review = models.DateField(_("next review"), null=True, blank=True)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("guideline edition")
        verbose_name_plural = _("guideline editions")
        ordering = ["code", "-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "code", "edition"], name="knowledge_guideline_edition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.edition})"


class GuidelineClause(models.Model):
    """A clause of an edition: a stable id kept across editions, a number, a text. Seen
    exactly where its edition is."""

    edition = models.ForeignKey(
        GuidelineEdition,
        on_delete=models.CASCADE,
        related_name="clauses",
        verbose_name=_("edition"),
    )
    key = models.CharField(_("stable id"), max_length=40)
    number = models.CharField(_("number"), max_length=20)
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("guideline clause")
        verbose_name_plural = _("guideline clauses")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="knowledge_guideline_clause")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.heading}".strip()
