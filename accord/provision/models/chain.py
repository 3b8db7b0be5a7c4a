"""The provision chain: requirement -> commitment -> (legal gate) -> authorisation and
end-user certificate -> consignment and its lines -> acceptance inspection -> discrepancy.

Two records are marked: the requirement (the command's or the Secretariat's) and the
commitment (the supplying party's). Everything below a commitment is part of it and is
seen exactly where the commitment is seen (its selectors read through the commitment's
`visible_to`); by default a commitment is released to the receiving contingents' parties,
the title recipient and the Secretariat ("the supplier, the recipient and the Secretariat
unless released wider").
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import MarkedModel, Party, VersionedModel


class Requirement(MarkedModel, VersionedModel):
    """A capability the collective forces need, in plain words (never performance data)."""

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("requirement state", "Open")
        CLOSED = "closed", pgettext_lazy("requirement state", "Closed")

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    capability = models.TextField(_("capability needed"))
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    needed_by = models.DateField(_("needed by"))
    justification = models.TextField(_("justification"), blank=True)
    receiving_parties = models.ManyToManyField(
        Party, related_name="+", verbose_name=_("receiving contingents (parties)")
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.reference} — {self.capability[:80]}"


class Commitment(MarkedModel, VersionedModel):
    """A supplying party's commitment against a requirement."""

    class Terms(models.TextChoices):
        PREFERENTIAL = "preferential", _("Preferential supply")
        COMMERCIAL = "commercial", _("Commercial")
        LOAN = "loan", _("Loan")
        CONTINGENT_OWNED = "contingent_owned", _("Contingent-owned")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        GATE_REFUSED = "gate_refused", _("Refused at the legal gate")
        CLEARED = "cleared", _("Passed the legal gate")
        AUTHORISED = "authorised", _("Authorised")
        CLOSED = "closed", pgettext_lazy("commitment state", "Closed")

    requirement = models.ForeignKey(
        Requirement,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("requirement"),
    )
    system_version = models.ForeignKey(
        "expertise.SystemVersion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("system (version)"),
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    terms = models.CharField(_("terms"), max_length=20, choices=Terms.choices)
    title_passes = models.BooleanField(_("title passes"), default=False)
    title_to = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("title passes to"),
    )
    planned_from = models.DateField(_("planned from"), null=True, blank=True)
    planned_until = models.DateField(_("planned until"), null=True, blank=True)
    price_basis = models.CharField(_("price basis"), max_length=300, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PROPOSED
    )
    gate_reasons = models.JSONField(_("reasons the legal gate gave"), default=list, blank=True)
    assurances = models.JSONField(
        _("end-use assurances (the review's conditions)"), default=list, blank=True
    )
    gate_checked_at = models.DateTimeField(_("legal gate checked"), null=True, blank=True)
    hold_reasons = models.JSONField(
        _("on hold because"),
        default=list,
        blank=True,
        help_text=_("Set when the system's clearance is re-reviewed or withdrawn."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.owner.code} · {self.quantity} · {self.requirement.reference}"

    @property
    def on_hold(self) -> bool:
        return bool(self.hold_reasons)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.title_passes and self.title_to_id is None:
            raise ValidationError({"title_to": _("Name the party title passes to.")})
        if not self.title_passes and self.title_to_id is not None:
            raise ValidationError({"title_to": _("Title does not pass: leave this empty.")})
        if self.planned_from and self.planned_until and self.planned_until < self.planned_from:
            raise ValidationError({"planned_until": _("The end is before the start.")})


class Authorisation(models.Model):
    """The supplying state's national authorisation of the transfer."""

    class Decision(models.TextChoices):
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", pgettext_lazy("authorisation decision", "Refused")

    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="authorisations"
    )
    number = models.CharField(_("authorisation number"), max_length=100)
    authority = models.CharField(_("issuing authority"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    items = models.TextField(_("items authorised"))
    conditions = models.TextField(_("conditions"), blank=True)
    risk_assessment = models.TextField(_("risk assessment"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reasons = models.TextField(_("reasons"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("authorisation")
        verbose_name_plural = _("authorisations")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end is before the start.")})


class EndUserCertificate(models.Model):
    """The end-user certificate, as a structured record (the scanned document's hash kept)."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="certificates"
    )
    register_number = models.CharField(_("register number"), max_length=100)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))
    issuing_authority = models.CharField(_("issuing authority"), max_length=200)
    signatory = models.CharField(_("signatory"), max_length=200)
    end_user = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("end user (party)")
    )
    end_user_unit = models.CharField(_("end user (unit)"), max_length=200)
    end_use_statement = models.TextField(_("end-use statement"))
    reexport_clause = models.TextField(_("re-export clause"))
    consent_to_checks = models.BooleanField(_("consents to post-delivery checks"), default=False)
    document_name = models.CharField(_("document"), max_length=255, blank=True)
    document_sha256 = models.CharField(_("document SHA-256"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("end-user certificate")
        verbose_name_plural = _("end-user certificates")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.register_number

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            raise ValidationError({"expires_on": _("The expiry is before the issue date.")})


class UnrocaCategory(models.TextChoices):
    """The UN Register's categories I-VII and the small arms / light weapons sub-categories."""

    I = "I", _("I. Battle tanks")  # noqa: E741
    II = "II", _("II. Armoured combat vehicles")
    III = "III", _("III. Large-calibre artillery systems")
    IV = "IV", _("IV. Combat aircraft and unmanned combat aerial vehicles")
    V = "V", _("V. Attack helicopters")
    VI = "VI", _("VI. Warships")
    VII = "VII", _("VII. Missiles and missile launchers")
    SA = "SA", _("Small arms")
    LW = "LW", _("Light weapons")


class Consignment(models.Model):
    """One shipment under a commitment."""

    class State(models.TextChoices):
        IN_TRANSIT = "in_transit", _("In transit")
        DELIVERED = "delivered", _("Delivered")

    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="consignments"
    )
    reference = models.CharField(_("reference"), max_length=60)
    dispatched_on = models.DateField(_("dispatched on"))
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.IN_TRANSIT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("consignment")
        verbose_name_plural = _("consignments")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.reference


class DeliveryLine(models.Model):
    """One line of a consignment: the item identified by (scheme, value) pairs, its
    category, quantity and serials, and after delivery three separate facts: where it is,
    who holds title, who controls it operationally."""

    consignment = models.ForeignKey(Consignment, on_delete=models.PROTECT, related_name="lines")
    identifiers = models.JSONField(
        _("item identifiers"),
        default=list,
        help_text=_("Pairs of scheme and value: NSN, national number, catalogue, serial."),
    )
    description = models.CharField(_("description"), max_length=300)
    category = models.CharField(_("UNROCA category"), max_length=4, choices=UnrocaCategory.choices)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    serials = models.JSONField(_("serial numbers"), default=list, blank=True)
    lot = models.CharField(_("lot"), max_length=100, blank=True)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    physical_location = models.CharField(_("physical location"), max_length=200, blank=True)
    title_holder = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("title holder")
    )
    operational_controller = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("operational controller")
    )
    withheld = models.BooleanField(
        _("withheld from the ATT report"),
        default=False,
        help_text=_(
            "National security or commercial sensitivity: the ATT report counts the line "
            "but does not show it."
        ),
    )
    register_items = models.JSONField(
        _("register entries"),
        default=dict,
        blank=True,
        help_text=_("Serial -> the item's id in the title holder's item register."),
    )

    class Meta:
        verbose_name = _("delivery line")
        verbose_name_plural = _("delivery lines")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.description} × {self.quantity}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.serials and len(self.serials) != self.quantity:
            raise ValidationError(
                {"serials": _("Give one serial per item, or none for unserialised items.")}
            )
        if self.serials and len(set(self.serials)) != len(self.serials):
            raise ValidationError({"serials": _("A serial number is repeated.")})
        if self.value is not None and not self.currency:
            raise ValidationError({"currency": _("Give the currency of the value.")})


class Inspection(models.Model):
    """An acceptance inspection of a delivered consignment, signed by both parties.
    Signed means final: never edited, only superseded by a new inspection."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Awaiting signatures")
        SIGNED = "signed", _("Signed by both")
        SUPERSEDED = "superseded", _("Superseded")

    consignment = models.ForeignKey(
        Consignment, on_delete=models.PROTECT, related_name="inspections"
    )
    inspected_on = models.DateField(_("inspected on"))
    received_serials = models.JSONField(_("serials received"), default=list, blank=True)
    damaged_serials = models.JSONField(_("serials damaged"), default=list, blank=True)
    received_unserialised = models.PositiveIntegerField(_("unserialised items received"), default=0)
    result = models.JSONField(_("reconciliation"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    supplier_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    supplier_signed_at = models.DateTimeField(_("signed by the supplier"), null=True, blank=True)
    recipient_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient_signed_at = models.DateTimeField(_("signed by the recipient"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("acceptance inspection")
        verbose_name_plural = _("acceptance inspections")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.consignment.reference} · {self.inspected_on}"


class Discrepancy(VersionedModel):
    """A discrepancy report, opened automatically by a signed inspection that does not
    reconcile; it runs its own lifecycle to a due date."""

    class Kind(models.TextChoices):
        SHORTAGE = "shortage", _("Shortage")
        OVERAGE = "overage", _("Overage")
        DAMAGE = "damage", _("Damage")
        WRONG_ITEM = "wrong_item", _("Wrong item")
        DOCUMENTATION = "documentation", _("Documentation")

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("discrepancy state", "Open")
        INVESTIGATING = "investigating", _("Under investigation")
        RESOLVED = "resolved", _("Resolved")

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="discrepancies"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    serials = models.JSONField(_("serials"), default=list, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), default=0)
    due_on = models.DateField(_("due"))
    description = models.TextField(
        _("what was found"),
        blank=True,
        help_text=_("For a report opened by hand: the wrong item or the documentation at fault."),
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)

    class Meta:
        verbose_name = _("discrepancy report")
        verbose_name_plural = _("discrepancy reports")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.due_on}"
