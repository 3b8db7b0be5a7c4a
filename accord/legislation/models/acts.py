"""Model acts of the parliamentary assembly: the act (number, titles, stage), its versions,
and each version's provisions as a tree whose ids (`eid`, Akoma Ntoso style) stay the same
from version to version, so that two versions compare provision by provision and the
conformity matrix keeps its rows when a new version is drafted."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accord.core.models import MarkedModel, VersionedModel

EID = RegexValidator(
    r"^[a-z][a-z0-9_]*(__[a-z][a-z0-9_]*)*$",
    _("Use lower-case letters, digits and _; nested levels joined by __ (art_1__para_2)."),
)
NUMBER = RegexValidator(r"^\d{1,3}-\d{1,3}$", _("Use the session and item: 12-7."))


def _pick(obj: object, field: str) -> str:
    ru = (get_language() or "en").startswith("ru")
    value = getattr(obj, f"{field}_ru" if ru else f"{field}_en")
    return value or getattr(obj, f"{field}_en")


class Stage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMMISSION = "commission", _("In commission")
    ADOPTED = "adopted", _("Adopted at a plenary")
    SENT = "sent", _("Sent to parliaments")


class ModelAct(MarkedModel, VersionedModel):
    """A model act of the assembly. Drafts are marked like any record (a draft may be kept
    to the Secretariat); adoption takes two officers (four eyes): one proposes, another
    confirms."""

    number = models.CharField(
        _("number"),
        max_length=10,
        unique=True,
        validators=[NUMBER],
        help_text=_("Session and item of the plenary, e.g. 12-7."),
    )
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    programme_item = models.CharField(
        _("programme item"),
        max_length=100,
        blank=True,
        help_text=_("The item of the harmonisation programme the act comes from."),
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.DRAFT)
    adoption_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("adoption proposed by"),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("model act")
        verbose_name_plural = _("model acts")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def title(self) -> str:
        return _pick(self, "title")


class ActVersion(models.Model):
    """One version of a model act; a new version starts as a copy of the last one."""

    act = models.ForeignKey(
        ModelAct, on_delete=models.CASCADE, related_name="versions", verbose_name=_("model act")
    )
    number = models.PositiveIntegerField(_("version number"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("model act version")
        verbose_name_plural = _("model act versions")
        ordering = ["act", "number"]
        constraints = [
            models.UniqueConstraint(fields=["act", "number"], name="legislation_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.act.number} v{self.number}"


class Provision(models.Model):
    """A provision of a version: its `eid` is its stable id (the same provision keeps it
        in every version) and, as in Akoma Ntoso, names its place in the tree: `art_1__para_2` is
    paragraph 2 of article 1 (its parent is `art_1`)."""

    version = models.ForeignKey(
        ActVersion,
        on_delete=models.CASCADE,
        related_name="provisions",
        verbose_name=_("version"),
    )
    eid = models.CharField(_("provision id"), max_length=100, validators=[EID])
    position = models.PositiveIntegerField(_("position"), default=0)
    num = models.CharField(_("number"), max_length=30, blank=True)
    heading_en = models.CharField(_("heading (English)"), max_length=300, blank=True)
    heading_ru = models.CharField(_("heading (Russian)"), max_length=300, blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["version", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "eid"], name="legislation_provision_eid")
        ]

    def __str__(self) -> str:
        return f"{self.num or self.eid}"

    @property
    def heading(self) -> str:
        return _pick(self, "heading")

    @property
    def text(self) -> str:
        return _pick(self, "text")

    @property
    def depth(self) -> int:
        return self.eid.count("__")

    @property
    def css_depth(self) -> int:
        """The depth as the pages indent it (`depth-0` .. `depth-6` in legislation.css)."""
        return min(self.depth, 6)

    @property
    def parent_eid(self) -> str:
        return self.eid.rpartition("__")[0]
