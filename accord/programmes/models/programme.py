"""Programmes and activities (one tree), who takes part in them, and the signed records of
their lifecycle (eligibility, decision, acceptance, closure), superseded, never edited."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accord.core.models import MarkedModel, Party, VersionedModel


class Stage(models.TextChoices):
    """The lifecycle of a programme (planning cooperation programmes, never operations)."""

    PROPOSAL = "proposal", _("Proposal")
    ELIGIBILITY = "eligibility", _("Eligible")
    DECIDED = "decided", _("Decided")
    IMPLEMENTATION = "implementation", _("Implementation")
    ACCEPTANCE = "acceptance", _("Deliverables accepted")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Not eligible")


class ActivityStatus(models.IntegerChoices):
    """IATI's ActivityStatus codelist (2.03)."""

    PIPELINE = 1, _("Pipeline/identification")
    IMPLEMENTATION = 2, _("Implementation")
    FINALISATION = 3, _("Finalisation")
    CLOSED = 4, _("Closed")
    CANCELLED = 5, _("Cancelled")
    SUSPENDED = 6, _("Suspended")


class Programme(MarkedModel, VersionedModel):
    """A joint programme or one of its activities (a child of another programme): owned
    by its lead party, marked like any sensitive record; its participating parties see it
    too (`participant_q`)."""

    identifier = models.CharField(
        _("identifier"),
        max_length=100,
        unique=True,
        help_text=_("The programme's identifier, e.g. CSTO-NWT-2026-001."),
    )
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    lifecycle_areas = models.CharField(
        _("lifecycle areas"),
        max_length=200,
        blank=True,
        help_text=_("Development, production, use, disposal or protection, comma-separated."),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.PROPOSAL
    )
    status = models.PositiveSmallIntegerField(
        _("status (IATI)"), choices=ActivityStatus.choices, default=ActivityStatus.PIPELINE
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent programme"),
    )
    funder_reference = models.CharField(
        _("co-funded with (funder's programme id)"),
        max_length=100,
        blank=True,
        help_text=_("The funding party's own programme id, so that funds trace back."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, default="RUB", help_text=_("ISO 4217 code.")
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.identifier} {self.title}"

    @property
    def title(self) -> str:
        ru = (get_language() or "en").startswith("ru")
        return self.title_ru if ru and self.title_ru else self.title_en

    @classmethod
    def participant_q(cls, party: Party) -> models.Q | None:
        """A participating party sees the programme (not its marking's business)."""
        return models.Q(pk__in=Participation.objects.filter(party=party).values("programme"))

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError({"planned_end": _("The end comes before the start.")})
        if self.currency and not (len(self.currency) == 3 and self.currency.isalpha()):
            raise ValidationError({"currency": _("Give a three-letter ISO 4217 code.")})


class ParticipantRole(models.TextChoices):
    """A participating party's role; its IATI OrganisationRole code in `IATI_ROLE`."""

    FUNDING = "funding", _("Funding")
    ACCOUNTABLE = "accountable", _("Accountable")
    LEAD = "lead", _("Lead")
    IMPLEMENTING = "implementing", _("Implementing")


IATI_ROLE = {"funding": 1, "accountable": 2, "lead": 3, "implementing": 4}


class Participation(models.Model):
    """A party taking part in a programme in one role (a party may hold several)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="participations"
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["party__code", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "party", "role"], name="programmes_one_role_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party.code} {self.get_role_display()}"


class StageRecord(models.Model):
    """A signed record of the lifecycle: an eligibility finding (criteria and reasons), a
    decision (the rule it was taken under and its reference), a joint acceptance, a
    closure statement. Never edited: a correction is a new record that supersedes it."""

    class DecisionRule(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus")
        BODY_RULE = "body_rule", _("Rule set by the agreement's body")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="stage_records")
    stage = models.CharField(_("stage reached"), max_length=20, choices=Stage.choices)
    criteria = models.TextField(_("criteria"), blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    decision_rule = models.CharField(
        _("decision rule"), max_length=20, choices=DecisionRule.choices, blank=True
    )
    reference = models.CharField(_("decision reference"), max_length=200, blank=True)
    statement = models.TextField(_("statement"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signed_by_name = models.CharField(_("signed by"), max_length=200)
    signed_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    signed_at = models.DateTimeField(_("signed"), auto_now_add=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )

    class Meta:
        verbose_name = _("lifecycle record")
        verbose_name_plural = _("lifecycle records")
        ordering = ["signed_at", "id"]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.stage}"

    def as_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "reference": self.reference, "reasons": self.reasons}
