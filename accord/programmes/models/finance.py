"""Money of a programme: cost-share keys (versioned), budgets (revised by new revisions),
assessments (calls for contributions = key x budget), contributions, IATI transactions
and the rates table. Every amount is a Decimal in its own currency; a figure converted
into the programme's currency is stored with the rate used, so a later rate never alters
it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.models import Party
from accord.programmes.models.programme import Programme

MONEY: dict[str, Any] = {"max_digits": 18, "decimal_places": 2}
PERCENT: dict[str, Any] = {"max_digits": 7, "decimal_places": 4}
RATE: dict[str, Any] = {"max_digits": 18, "decimal_places": 8}


class CostShareKey(models.Model):
    """One version of a programme's cost-share key: proposed, then decided (with the
    decision it rests on) and in force from `effective_from`; a later key ends an earlier
    one's period, and the earlier stays in force for its own period."""

    class Basis(models.TextChoices):
        FIXED = "fixed", _("Fixed")
        NEGOTIATED = "negotiated", _("Negotiated, with caps")
        PARTICIPANTS = "participants", _("Participants only")
        INDICATOR = "indicator", _("Derived from a published indicator")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DECIDED = "decided", _("Decided")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="keys")
    number = models.PositiveIntegerField(_("number"))
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices)
    indicator = models.CharField(_("indicator"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cost-share key")
        verbose_name_plural = _("cost-share keys")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="programmes_key_number")
        ]

    def __str__(self) -> str:
        return f"#{self.number}"


class CostShare(models.Model):
    """One party's share of a key, in percent (the shares of a key sum to exactly 100)."""

    key = models.ForeignKey(CostShareKey, on_delete=models.CASCADE, related_name="shares")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    percent = models.DecimalField(_("share (%)"), **PERCENT)
    cap = models.DecimalField(_("cap"), null=True, blank=True, **MONEY)

    class Meta:
        verbose_name = _("cost share")
        verbose_name_plural = _("cost shares")
        ordering = ["party__code"]
        constraints = [
            models.UniqueConstraint(fields=["key", "party"], name="programmes_share_once")
        ]

    def __str__(self) -> str:
        return f"{self.party_id} {self.percent}"


class Budget(models.Model):
    """A revision of a programme's budget: the original (revision 1) or a revised one;
    indicative or committed; its lines by cost category and period."""

    class Kind(models.TextChoices):
        ORIGINAL = "original", _("Original")
        REVISED = "revised", _("Revised")

    class Status(models.TextChoices):
        INDICATIVE = "indicative", _("Indicative")
        COMMITTED = "committed", _("Committed")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="budgets")
    revision = models.PositiveIntegerField(_("revision"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    reason = models.TextField(_("reason for the revision"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "revision"], name="programmes_budget_revision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} r{self.revision}"


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        PERSONNEL = "personnel", _("Personnel")
        EQUIPMENT = "equipment", _("Equipment")
        SERVICES = "services", _("Services")
        TRAVEL = "travel", _("Travel and meetings")
        OTHER = "other", _("Other")

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(_("cost category"), max_length=12, choices=Category.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["period_start", "category"]

    def __str__(self) -> str:
        return f"{self.category} {self.amount}"


class Assessment(models.Model):
    """A call for contributions: a total apportioned over the parties by a key (largest
    remainder to the smallest currency unit), due by a date. Its parts sum to its total."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="assessments")
    number = models.PositiveIntegerField(_("number"))
    key = models.ForeignKey(CostShareKey, on_delete=models.PROTECT, related_name="+")
    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField(_("total"), **MONEY)
    due_date = models.DateField(_("due date"))
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="programmes_assessment_number"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.number}"


class AssessmentPart(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="parts")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        verbose_name = _("assessed share")
        verbose_name_plural = _("assessed shares")
        ordering = ["party__code"]

    def __str__(self) -> str:
        return f"{self.party_id} {self.amount}"


class Contribution(models.Model):
    """A party's contribution, cash or in kind (with its valuation method, valuer and
    evidence), in its own currency, converted into the programme's currency at the rate of
    its value date; the converted figure and the rate are stored. Never deleted: a
    correction is a new contribution that names the one it corrects."""

    class Kind(models.TextChoices):
        CASH = "cash", _("Cash")
        IN_KIND = "in_kind", _("In kind")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="contributions")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    value_date = models.DateField(_("value date"))
    rate = models.DecimalField(_("rate used"), **RATE)
    converted = models.DecimalField(_("amount in the programme's currency"), **MONEY)
    valuation_method = models.CharField(_("valuation method"), max_length=200, blank=True)
    valuer = models.CharField(_("valuer"), max_length=200, blank=True)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
        verbose_name=_("corrects"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["value_date", "id"]

    def __str__(self) -> str:
        return f"{self.party_id} {self.amount} {self.currency}"


class TransactionType(models.IntegerChoices):
    """IATI's TransactionType codes used here."""

    INCOMING_FUNDS = 1, _("Incoming funds")
    COMMITMENT = 2, _("Outgoing commitment")
    DISBURSEMENT = 3, _("Disbursement")
    EXPENDITURE = 4, _("Expenditure")


class FinancialTransaction(models.Model):
    """A transaction of IATI's kinds, in its currency, converted at its value date."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="transactions")
    type = models.PositiveSmallIntegerField(_("type"), choices=TransactionType.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    value_date = models.DateField(_("value date"))
    rate = models.DecimalField(_("rate used"), **RATE)
    converted = models.DecimalField(_("amount in the programme's currency"), **MONEY)
    provider = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    receiver = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    category = models.CharField(
        _("cost category"),
        max_length=12,
        choices=BudgetLine.Category.choices,
        blank=True,
        help_text=_("The budget's cost category it is spent under (budget vs actual)."),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        ordering = ["value_date", "id"]
        indexes = [models.Index(fields=["programme", "type"])]

    def __str__(self) -> str:
        return f"{self.type} {self.amount} {self.currency}"


class PlannedDisbursement(models.Model):
    """An IATI planned disbursement: money expected to be paid out in a period, in its
    currency, converted at its value date like a transaction (the figure is stored)."""

    class Kind(models.TextChoices):
        ORIGINAL = "1", _("Original")
        REVISED = "2", _("Revised")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="planned_disbursements"
    )
    kind = models.CharField(_("kind"), max_length=1, choices=Kind.choices, default=Kind.ORIGINAL)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    value_date = models.DateField(_("value date"))
    rate = models.DecimalField(_("rate used"), **RATE)
    converted = models.DecimalField(_("amount in the programme's currency"), **MONEY)
    provider = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    receiver = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("planned disbursement")
        verbose_name_plural = _("planned disbursements")
        ordering = ["period_start", "id"]

    def __str__(self) -> str:
        return f"{self.period_start} {self.amount} {self.currency}"


class ExchangeRate(models.Model):
    """The finance officer's rates table: one unit of `currency` is worth `rate` units of
    `quote` from `rate_date` on (until the next row). Reference data, not marked."""

    currency = models.CharField(_("currency"), max_length=3)
    quote = models.CharField(_("in currency"), max_length=3)
    rate_date = models.DateField(_("from"))
    rate = models.DecimalField(_("rate"), **RATE)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "quote", "-rate_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "quote", "rate_date"], name="programmes_rate_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.currency}/{self.quote} {self.rate_date} {self.rate}"
