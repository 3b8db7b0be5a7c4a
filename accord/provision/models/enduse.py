"""After delivery: end-use checks and the holds an unfavourable one puts on deliveries,
retransfer requests with the supplier's consent, and the annual UNROCA / ATT returns."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import MarkedModel, Party, VersionedModel
from accord.provision.models.chain import Commitment, UnrocaCategory


class EndUseCheck(models.Model):
    """An end-use check of what a commitment delivered, scheduled by risk class and rated
    with a written justification. Part of its commitment (seen where it is)."""

    class Kind(models.TextChoices):
        PRE_DELIVERY = "pre_delivery", _("Pre-delivery assurance")
        ROUTINE = "routine", _("Routine")
        ENHANCED = "enhanced", _("Enhanced inventory")
        ON_SITE = "on_site", _("Post-delivery on-site")
        COMPLIANCE = "compliance", _("Compliance visit")

    class Rating(models.TextChoices):
        FAVOURABLE = "favourable", _("Favourable")
        UNFAVOURABLE = "unfavourable", _("Unfavourable")
        NOT_VERIFIED = "not_verified", _("Could not verify")

    class Risk(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="checks")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    risk = models.CharField(_("risk class"), max_length=8, choices=Risk.choices)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)
    closed_reason = models.CharField(
        _("closed without a rating because"),
        max_length=300,
        blank=True,
        help_text=_("Set when every item the check covers was disposed of or returned."),
    )
    created_at = models.DateTimeField(_("scheduled"), auto_now_add=True)

    class Meta:
        verbose_name = _("end-use check")
        verbose_name_plural = _("end-use checks")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.due_on}"


class DeliveryHold(models.Model):
    """New deliveries of a category to an end user held after an unfavourable check, until
    a decision lifts the hold."""

    check_record = models.OneToOneField(
        EndUseCheck, on_delete=models.PROTECT, related_name="hold", verbose_name=_("check")
    )
    end_user = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("category"), max_length=4, choices=UnrocaCategory.choices)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_reason = models.TextField(_("reason for lifting"), blank=True)
    created_at = models.DateTimeField(_("held since"), auto_now_add=True)

    class Meta:
        verbose_name = _("delivery hold")
        verbose_name_plural = _("delivery holds")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.end_user.code} · {self.category}"


class RetransferRequest(MarkedModel, VersionedModel):
    """A holder's request to retransfer items or change their end use. Items supplied on
    preferential terms move only with the supplier's prior written consent, scoped to the
    serials and the recipient named."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Awaiting consent")
        CONSENTED = "consented", _("Consented")
        REFUSED = "refused", pgettext_lazy("retransfer state", "Refused")
        COMPLETED = "completed", _("Completed")

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="retransfers")
    serials = models.JSONField(_("serials"), default=list)
    recipient = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient")
    )
    purpose = models.TextField(_("purpose"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.REQUESTED
    )
    consent_text = models.TextField(_("written consent"), blank=True)
    consented_serials = models.JSONField(_("serials consented"), default=list, blank=True)
    consented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consented_at = models.DateTimeField(_("consented"), null=True, blank=True)
    moved_serials = models.JSONField(_("serials moved"), default=list, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        verbose_name = _("retransfer request")
        verbose_name_plural = _("retransfer requests")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.owner.code} → {self.recipient.code} ({len(self.serials)})"


class Return(MarkedModel, VersionedModel):
    """A party's annual return: to the UN Register of Conventional Arms, or the ATT annual
    report. Its rows are computed from the deliveries when prepared; submitted is final."""

    class Kind(models.TextChoices):
        UNROCA = "unroca", _("UN Register of Conventional Arms")
        ATT = "att", _("Arms Trade Treaty annual report")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    class Basis(models.TextChoices):
        AUTHORISED = "authorised", _("Authorised")
        ACTUAL = "actual", _("Actual")
        BOTH = "both", _("Authorised and actual")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    basis = models.CharField(
        _("basis"), max_length=12, choices=Basis.choices, default=Basis.ACTUAL, blank=True
    )
    public = models.BooleanField(_("public"), default=False)
    remarks = models.TextField(_("remarks"), blank=True)
    rows = models.JSONField(_("rows"), default=list, blank=True)
    holdings = models.JSONField(
        _("military holdings (optional)"),
        default=list,
        blank=True,
        help_text=_("Optional UNROCA section: category, number of items, description."),
    )
    production = models.JSONField(
        _("procurement through national production (optional)"),
        default=list,
        blank=True,
        help_text=_("Optional UNROCA section: category, number of items, description."),
    )
    withheld = models.JSONField(_("rows withheld"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("prepared"), auto_now_add=True)

    class Meta:
        verbose_name = _("return")
        verbose_name_plural = _("returns")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "kind", "year"], name="provision_one_return")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} · {self.owner.code}"

    @property
    def is_nil(self) -> bool:
        return not self.rows


class Disposal(models.Model):
    """The disposal of delivered items, or their return to the supplier: the method, the
    date, the parties who witnessed it and the certificate (its hash kept). It closes the
    items' obligations: no retransfer names them any more, and once every delivered item
    of a commitment is disposed of or returned its pending end-use checks close. Part of
    its commitment (seen where it is); never edited."""

    class Kind(models.TextChoices):
        DISPOSAL = "disposal", _("Disposal")
        RETURN = "return", _("Return to the supplier")

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="disposals")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    method = models.CharField(_("method"), max_length=300)
    done_on = models.DateField(_("done on"))
    serials = models.JSONField(_("serials"), default=list, blank=True)
    quantity = models.PositiveIntegerField(_("unserialised items"), default=0)
    witnesses = models.ManyToManyField(
        Party, related_name="+", verbose_name=_("witnessing parties")
    )
    certificate_name = models.CharField(_("certificate"), max_length=255, blank=True)
    certificate_sha256 = models.CharField(_("certificate SHA-256"), max_length=64, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("disposal or return")
        verbose_name_plural = _("disposals and returns")
        ordering = ["-done_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.done_on}"
