"""Instruments, the acts by which parties join or leave them, the rules they (or custom)
lay down, and the register of bilateral agreements."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accord.core.models import MarkedModel, Party, VersionedModel


class Activity(models.TextChoices):
    USE = "use", _("Use")
    DEVELOPMENT = "development", _("Development")
    PRODUCTION = "production", _("Production")
    ACQUISITION = "acquisition", _("Acquisition")
    STOCKPILING = "stockpiling", _("Stockpiling")
    TRANSFER = "transfer", _("Transfer")
    ASSISTANCE = "assistance", _("Assistance")


class ConflictType(models.TextChoices):
    INTERNATIONAL = "international", _("International armed conflict")
    NON_INTERNATIONAL = "non_international", _("Non-international armed conflict")


@deconstructible
class CodeListValidator:
    """A JSON list whose items are all among `allowed` (codes of a TextChoices)."""

    def __init__(self, allowed: list[str]) -> None:
        self.allowed = list(allowed)

    def __call__(self, value: object) -> None:
        if not isinstance(value, list) or any(v not in self.allowed for v in value):
            raise ValidationError(
                _("Use a list of: %(allowed)s.") % {"allowed": ", ".join(self.allowed)}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CodeListValidator) and other.allowed == self.allowed

    def __hash__(self) -> int:
        return hash(tuple(self.allowed))


class Bilingual:
    """`name` style properties that answer in the active language."""

    def _pick(self, field: str) -> str:
        ru = (get_language() or "en").startswith("ru")
        value = getattr(self, f"{field}_ru" if ru else f"{field}_en")
        return value or getattr(self, f"{field}_en")


class Instrument(Bilingual, models.Model):
    """A treaty, convention, protocol, amendment or declaration of weapons law."""

    class Kind(models.TextChoices):
        TREATY = "treaty", _("Treaty")
        CONVENTION = "convention", _("Convention")
        PROTOCOL = "protocol", _("Protocol")
        AMENDMENT = "amendment", _("Amendment")
        DECLARATION = "declaration", _("Declaration")

    code = models.CharField(_("code"), max_length=32, unique=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("framework instrument"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    short_name_en = models.CharField(_("short name (English)"), max_length=100)
    short_name_ru = models.CharField(_("short name (Russian)"), max_length=150, blank=True)
    title_en = models.TextField(_("title (English)"))
    title_ru = models.TextField(_("title (Russian)"), blank=True)
    adopted = models.DateField(_("adopted"), null=True, blank=True)
    entry_into_force = models.DateField(_("entry into force"), null=True, blank=True)
    entry_into_force_year_only = models.BooleanField(
        _("only the year of entry into force is known"), default=False
    )
    activities = models.JSONField(
        _("activities governed"),
        default=list,
        blank=True,
        validators=[CodeListValidator(Activity.values)],
    )
    conflicts = models.JSONField(
        _("conflicts covered"),
        default=list,
        blank=True,
        validators=[CodeListValidator(ConflictType.values)],
        help_text=_(
            "Where its own terms apply. An amendment listed here extends its "
            "framework instrument and that instrument's protocols, for the parties "
            "bound by the amendment."
        ),
    )
    reciprocity = models.BooleanField(
        _("reciprocity clause"),
        default=False,
        help_text=_("Binds only in a war between parties to it."),
    )
    forbids_assistance = models.BooleanField(
        _("forbids assisting others"),
        default=False,
        help_text=_(
            "Parties may not assist, encourage or induce anyone in a prohibited "
            "activity — relevant in units shared with non-parties."
        ),
    )
    scope_note_en = models.TextField(_("scope (English)"), blank=True)
    scope_note_ru = models.TextField(_("scope (Russian)"), blank=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["adopted", "code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.short_name}"

    @property
    def short_name(self) -> str:
        return self._pick("short_name")

    @property
    def title(self) -> str:
        return self._pick("title")

    @property
    def scope_note(self) -> str:
        return self._pick("scope_note")

    def clean(self) -> None:
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An instrument cannot be its own framework.")})


class ParticipationAct(models.Model):
    """One act of a party on an instrument: it signed, became bound, withdrew, made or
    withdrew a declaration — or, recorded from a source, was found not to be a party.

    The status on any date is derived from the acts (`accord.law.engine.status_on`),
    never stored. Each act keeps its source and whether it was confirmed there; an
    unconfirmed act shows "to verify" until an administrator verifies it.
    """

    class Kind(models.TextChoices):
        SIGNATURE = "signature", _("Signature")
        RATIFICATION = "ratification", _("Ratification")
        ACCESSION = "accession", _("Accession")
        ACCEPTANCE = "acceptance", _("Acceptance")
        APPROVAL = "approval", _("Approval")
        SUCCESSION = "succession", _("Succession")
        CONSENT = "consent", _("Became party (form of consent not recorded)")
        WITHDRAWAL = "withdrawal", _("Withdrawal")
        DENUNCIATION = "denunciation", _("Denunciation")
        DECLARATION = "declaration", pgettext_lazy("optional declaration", "Declaration made")
        DECLARATION_WITHDRAWAL = "declaration_withdrawal", _("Declaration withdrawn")
        NOT_PARTY = "not_party", _("Recorded as not a party")

    BINDING = frozenset(
        {"ratification", "accession", "acceptance", "approval", "succession", "consent"}
    )
    LEAVING = frozenset({"withdrawal", "denunciation"})

    class DatePrecision(models.TextChoices):
        DAY = "day", _("Day")
        YEAR = "year", _("Year only")
        UNKNOWN = "unknown", _("Unknown")

    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="acts", verbose_name=_("instrument")
    )
    kind = models.CharField(_("act"), max_length=24, choices=Kind.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    effective_date = models.DateField(
        _("effective date"),
        null=True,
        blank=True,
        help_text=_(
            "When the act takes effect for the party (e.g. six months after a "
            "ratification). Empty: the date of the act."
        ),
    )
    date_precision = models.CharField(
        _("date precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    reservations = models.TextField(_("reservations"), blank=True)
    declarations = models.TextField(_("declarations"), blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    source_note = models.TextField(_("source note"), blank=True)
    status_confirmed = models.BooleanField(_("act confirmed in the source"), default=False)
    date_confirmed = models.BooleanField(_("date confirmed in the source"), default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)

    class Meta:
        verbose_name = _("participation act")
        verbose_name_plural = _("participation acts")
        ordering = ["instrument__code", "party__code", "date", "id"]
        indexes = [models.Index(fields=["party", "instrument"], name="law_act_party_instr")]

    def __str__(self) -> str:
        return f"{self.party_id}/{self.instrument_id} {self.kind} {self.date or ''}"

    @property
    def in_effect_from(self) -> dt.date | None:
        return self.effective_date or self.date

    @property
    def to_verify(self) -> bool:
        """Whether the fact still needs an administrator's check against the depositary."""
        if self.verified_at is not None:
            return False
        if not self.status_confirmed:
            return True
        if self.kind == self.Kind.NOT_PARTY:
            return False
        return self.date is None or not self.date_confirmed

    def clean(self) -> None:
        if self.effective_date and self.date and self.effective_date < self.date:
            raise ValidationError(
                {"effective_date": _("The effective date cannot precede the act.")}
            )
        if self.date is None and self.date_precision != self.DatePrecision.UNKNOWN:
            raise ValidationError({"date": _("Give the date, or mark it as unknown.")})


class Rule(Bilingual, models.Model):
    """A rule of weapons law: customary (binds every party) and/or laid down by one or more
    instrument provisions (binds the parties bound by them), with the trigger that tells
    which weapon descriptions engage it."""

    class Kind(models.TextChoices):
        GENERAL_PROHIBITION = "general_prohibition", _("General prohibition")
        SPECIFIC_PROHIBITION = "specific_prohibition", _("Specific prohibition")
        RESTRICTION = "restriction", _("Restriction")
        OBLIGATION = "obligation", _("Obligation")

    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_ru = models.TextField(_("summary (Russian)"), blank=True)
    restriction_en = models.TextField(
        _("restriction or obligation (English)"),
        blank=True,
        help_text=_("For restrictions and obligations: what the party must do or observe."),
    )
    restriction_ru = models.TextField(_("restriction or obligation (Russian)"), blank=True)
    activities = models.JSONField(
        _("activities"), default=list, blank=True, validators=[CodeListValidator(Activity.values)]
    )
    conflicts = models.JSONField(
        _("conflicts"),
        default=list,
        blank=True,
        validators=[CodeListValidator(ConflictType.values)],
    )
    customary = models.BooleanField(
        _("customary"),
        default=False,
        help_text=_("Customary international law: binds every party, treaty or not."),
    )
    customary_reference = models.CharField(
        _("customary law reference"),
        max_length=100,
        blank=True,
        help_text=_("E.g. the rule number of the ICRC study of customary IHL."),
    )
    trigger = models.TextField(
        _("trigger"),
        blank=True,
        help_text=_(
            "Condition over the weapon description that engages the rule, in the "
            "trigger language. Empty: the rule applies to every weapon (a general "
            "rule the review always considers)."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    instruments: models.ManyToManyField = models.ManyToManyField(
        Instrument,
        through="RuleBasis",
        related_name="rules",
        blank=True,
        verbose_name=_("instruments"),
    )

    class Meta:
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def title(self) -> str:
        return self._pick("title")

    @property
    def summary(self) -> str:
        return self._pick("summary")

    @property
    def restriction(self) -> str:
        return self._pick("restriction")

    def clean(self) -> None:
        from accord.law.domain.conditions import ConditionError, parse

        if self.trigger.strip():
            try:
                parse(self.trigger)
            except ConditionError as exc:
                raise ValidationError({"trigger": str(exc)}) from exc


class RuleBasis(models.Model):
    """The provision of an instrument that lays down a rule."""

    rule = models.ForeignKey(
        Rule, on_delete=models.CASCADE, related_name="bases", verbose_name=_("rule")
    )
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="+", verbose_name=_("instrument")
    )
    provision = models.CharField(_("provision"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "instrument", "provision"], name="law_rulebasis_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} {self.provision}".strip()


class RuleException(Bilingual, models.Model):
    """A carve-out the text of a rule's own instrument makes: a permitted purpose, a
    retention clause, a definition that leaves an item out, a technical condition that,
    once met, lifts the prohibition (issue 12, point 1).

    When its trigger holds for a description, the rule is not engaged for a party bound by
    it, and the answer cites `provision` as the reason the use is lawful."""

    rule = models.ForeignKey(
        Rule, on_delete=models.CASCADE, related_name="exceptions", verbose_name=_("rule")
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    provision = models.CharField(
        _("provision"),
        max_length=150,
        help_text=_("The provision that makes the exception, e.g. CWC Art. II(9)(d)."),
    )
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    text_en = models.TextField(
        _("text of the provision (English)"),
        blank=True,
        help_text=_("The words of the provision the trigger rests on, so a lawyer can check it."),
    )
    trigger = models.TextField(
        _("trigger"),
        help_text=_("Condition over the weapon description under which the exception applies."),
    )

    class Meta:
        verbose_name = _("exception")
        verbose_name_plural = _("exceptions")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.provision}"

    @property
    def title(self) -> str:
        return self._pick("title")

    def clean(self) -> None:
        from accord.law.domain.conditions import ConditionError, parse

        try:
            parse(self.trigger)
        except ConditionError as exc:
            raise ValidationError({"trigger": str(exc)}) from exc


class BilateralAgreement(MarkedModel, VersionedModel):
    """A bilateral agreement between parties on new weapons and technologies, registered
    and notified to the Secretariat. The register records; it does not approve."""

    class Status(models.TextChoices):
        NEGOTIATION = "negotiation", _("Under negotiation")
        SIGNED = "signed", _("Signed")
        IN_FORCE = "in_force", _("In force")
        SUSPENDED = "suspended", _("Suspended")
        TERMINATED = "terminated", _("Terminated")

    counterpart = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("other party"),
    )
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    subject = models.TextField(_("subject"), blank=True)
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    in_force_until = models.DateField(_("in force until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEGOTIATION
    )
    document_reference = models.CharField(
        _("document reference"),
        max_length=300,
        blank=True,
        help_text=_("Registration number, official publication or file reference."),
    )
    notified_at = models.DateTimeField(_("notified to the Secretariat"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("bilateral agreement")
        verbose_name_plural = _("bilateral agreements")
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        ru = (get_language() or "en").startswith("ru")
        return self.title_ru if ru and self.title_ru else self.title_en

    @classmethod
    def participant_q(cls, party: Party) -> models.Q | None:
        # The other party to a bilateral agreement sees it, whatever its release.
        return models.Q(counterpart_id=party.pk)

    def clean(self) -> None:
        if self.owner_id and self.owner_id == self.counterpart_id:
            raise ValidationError(
                {"counterpart": _("A bilateral agreement needs two different parties.")}
            )
        if self.in_force_from and self.signed_on and self.in_force_from < self.signed_on:
            raise ValidationError(
                {"in_force_from": _("Entry into force cannot precede signature.")}
            )
        if self.in_force_until and self.in_force_from and self.in_force_until < self.in_force_from:
            raise ValidationError({"in_force_until": _("The end cannot precede the start.")})
