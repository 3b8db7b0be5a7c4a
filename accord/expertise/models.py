"""The weapons register and the joint review.

A review is a joint procedure: the parties taking part see the file and its shared parts
(`Review.participant_q`); each party's internal notes stay at release OWNER. Records of a
system (versions, evidence, assignments) are seen by whoever sees the system, and those
taking part in one of its reviews.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import MarkedModel, Party, VersionedModel


class WeaponSystem(MarkedModel, VersionedModel):
    """A new weapon, means or method of warfare, or technology, in a party's register."""

    class Category(models.TextChoices):
        UNCREWED = "uncrewed", _("Uncrewed and loitering systems")
        AUTONOMOUS = "autonomous", _("Autonomous functions")
        AI_DECISION_SUPPORT = "ai_decision_support", _("AI decision support")
        DIRECTED_ENERGY = "directed_energy", _("Directed energy")
        LASER = "laser", _("Lasers")
        ELECTRONIC_WARFARE = "electronic_warfare", _("Electronic warfare")
        CYBER = "cyber", _("Cyber capabilities")
        HYPERSONIC = "hypersonic", _("Hypersonic systems")
        NOVEL_MUNITION = "novel_munition", _("Novel munitions")
        NON_LETHAL = "non_lethal", _("Non-lethal technologies")
        SPACE = "space", _("Space systems")
        OTHER = "other", _("Other")

    class Stage(models.TextChoices):
        STUDY = "study", _("Study")
        DEVELOPMENT = "development", _("Development")
        ACQUISITION = "acquisition", _("Acquisition")
        ADOPTION = "adoption", _("Adoption")
        IN_SERVICE = "in_service", _("In service")
        WITHDRAWN = "withdrawn", _("Withdrawn from service")

    designation = models.CharField(_("designation"), max_length=200)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    description = models.TextField(_("description"), blank=True)
    stage = models.CharField(
        _("lifecycle stage"), max_length=16, choices=Stage.choices, default=Stage.STUDY
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("weapon system")
        verbose_name_plural = _("weapon systems")
        ordering = ["designation"]

    def __str__(self) -> str:
        return self.designation

    @classmethod
    def participant_q(cls, party: Party) -> models.Q | None:
        # Parties taking part in a review of the system see the system it is about.
        return models.Q(
            pk__in=ReviewParticipant.objects.filter(party=party).values(
                "review__subject__system_id"
            )
        )


class SystemVersion(VersionedModel):
    """One modification of a system: the subject of a review. Its description answers the
    legal adviser's questionnaire (`accord.law.domain.vocabulary` codes, plus narrative answers)
    and is frozen once a review of it has been submitted."""

    system = models.ForeignKey(
        WeaponSystem, on_delete=models.PROTECT, related_name="versions", verbose_name=_("system")
    )
    number = models.PositiveIntegerField(_("version number"))
    label = models.CharField(_("label"), max_length=100, blank=True)
    characteristics = models.JSONField(
        _("characteristics"),
        default=dict,
        blank=True,
        help_text=_("Answers in the weapon description vocabulary."),
    )
    normal_use = models.TextField(_("normal or expected use"), blank=True)
    area_of_effect = models.TextField(_("area of effect"), blank=True)
    reliability = models.TextField(_("reliability, failure modes and test evidence"), blank=True)
    human_control = models.TextField(_("human control measures"), blank=True)
    cyber_effects = models.TextField(_("intended and possible cyber effects"), blank=True)
    environmental_effects_note = models.TextField(
        _("effects on the natural environment"), blank=True
    )
    citations = models.JSONField(
        _("evidence cited"),
        default=dict,
        blank=True,
        help_text=_("For each answer, the evidence it rests on: {answer: [evidence ids]}."),
    )
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    NARRATIVE_FIELDS = (
        "normal_use",
        "area_of_effect",
        "reliability",
        "human_control",
        "cyber_effects",
        "environmental_effects_note",
    )

    class Meta:
        verbose_name = _("system version")
        verbose_name_plural = _("system versions")
        ordering = ["system", "number"]
        constraints = [
            models.UniqueConstraint(fields=["system", "number"], name="expertise_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.system.designation} v{self.number}{f' ({self.label})' if self.label else ''}"


class Evidence(models.Model):
    """A file (checked type, size, checksum) or a reference that answers may cite."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        REFERENCE = "reference", _("Reference")

    version = models.ForeignKey(
        SystemVersion, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("version")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    reference = models.TextField(_("reference"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["version", "id"]

    def __str__(self) -> str:
        return self.title


class ContingentAssignment(models.Model):
    """Which party's national contingent in the collective forces uses which version."""

    version = models.ForeignKey(
        SystemVersion,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("version"),
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    from_date = models.DateField(_("from"))
    until_date = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("contingent assignment")
        verbose_name_plural = _("contingent assignments")
        ordering = ["version", "party__code", "from_date"]

    def __str__(self) -> str:
        return f"{self.party.code}: {self.version}"


class Review(MarkedModel, VersionedModel):
    """A joint legal review of one system version.

    The marking follows the system's (owner, classification); participants see it through
    `participant_q`. The state moves only through the services in `services.py`.
    """

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("review state", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("review state", "Submitted")
        IN_REVIEW = "in_review", pgettext_lazy("review state", "In review")
        DELIBERATION = "deliberation", pgettext_lazy("review state", "Deliberation")
        CONCLUDED = "concluded", pgettext_lazy("review state", "Concluded")
        WITHDRAWN = "withdrawn", pgettext_lazy("review state", "Withdrawn")

    subject = models.ForeignKey(
        SystemVersion,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("version reviewed"),
    )
    initiating_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("initiating party")
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    law_date = models.DateField(_("law applied as on"))
    conflict_type = models.CharField(
        _("type of conflict"),
        max_length=20,
        blank=True,
        choices=[
            ("international", _("International armed conflict")),
            ("non_international", _("Non-international armed conflict")),
        ],
    )
    screening = models.JSONField(_("screening"), default=dict, blank=True)
    expires_on = models.DateField(_("re-review due"), null=True, blank=True)
    rereview_reason = models.TextField(_("reason for re-review"), blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    rereview_marked_at = models.DateTimeField(_("marked for re-review"), null=True, blank=True)
    conclusion_event_hash = models.CharField(
        _("audit hash of the conclusion"), max_length=64, blank=True
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    concluded_at = models.DateTimeField(_("concluded"), null=True, blank=True)

    class Meta:
        verbose_name = _("joint review")
        verbose_name_plural = _("joint reviews")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(_("Review of %(version)s") % {"version": self.subject})

    @classmethod
    def participant_q(cls, party: Party) -> models.Q | None:
        return models.Q(pk__in=ReviewParticipant.objects.filter(party=party).values("review_id"))

    @property
    def is_open(self) -> bool:
        return self.state not in (self.State.CONCLUDED, self.State.WITHDRAWN)


class ReviewParticipant(models.Model):
    """A party taking part in a review, with its lead reviewer and reviewers."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner of the system")
        CONTINGENT = "contingent", _("Contingent uses the system")
        INITIATOR = "initiator", _("Initiating party")
        INVITED = "invited", _("Invited party")
        COORDINATOR = "coordinator", _("Coordinator (Secretariat)")

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="participants", verbose_name=_("review")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    lead_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead reviewer"),
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("reviewers")
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["review", "party__code"]
        constraints = [
            models.UniqueConstraint(fields=["review", "party"], name="expertise_participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.party.code} ({self.get_role_display()})"

    @property
    def concludes(self) -> bool:
        """The Secretariat coordinates; the states conclude."""
        return self.role != self.Role.COORDINATOR


class InformationRequest(models.Model):
    """A reviewer's question to the owner party; open requests block deliberation."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        WITHDRAWN = "withdrawn", pgettext_lazy("request state", "Withdrawn")

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="requests", verbose_name=_("review")
    )
    asking_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("asking party")
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked by"),
    )
    question = models.TextField(_("question"))
    due_date = models.DateField(_("due"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")
        ordering = ["review", "id"]

    def __str__(self) -> str:
        return self.question[:60]


class Finding(VersionedModel):
    """A party's finding on one rule the screening engaged (or one it adds)."""

    class Outcome(models.TextChoices):
        NO_ISSUE = "no_issue", _("No issue")
        RESTRICTION = "restriction", _("Restriction needed")
        PROHIBITED = "prohibited", _("Prohibited")
        INSUFFICIENT = "insufficient", _("Insufficient information")

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="findings", verbose_name=_("review")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    rule = models.ForeignKey(
        "law.Rule", on_delete=models.PROTECT, related_name="+", verbose_name=_("rule")
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    restriction = models.TextField(_("restriction"), blank=True)
    reasoning = models.TextField(_("reasoning"))
    evidence = models.ManyToManyField(
        Evidence, blank=True, related_name="+", verbose_name=_("evidence")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["review", "party__code", "rule__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "party", "rule"], name="expertise_finding_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party.code} {self.rule.code}: {self.outcome}"


class Conclusion(models.Model):
    """A party's signed conclusion. Signed means final: never edited, never deleted."""

    class Outcome(models.TextChoices):
        LAWFUL = "lawful", _("Lawful")
        LAWFUL_WITH_CONDITIONS = "lawful_with_conditions", _("Lawful with conditions of use")
        UNLAWFUL = "unlawful", _("Unlawful")

    class Opinion(models.TextChoices):
        NONE = "", _("None")
        DISSENTING = "dissenting", _("Dissenting opinion")
        SEPARATE = "separate", _("Separate opinion")

    review = models.ForeignKey(
        Review, on_delete=models.PROTECT, related_name="conclusions", verbose_name=_("review")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    outcome = models.CharField(_("conclusion"), max_length=24, choices=Outcome.choices)
    conditions = models.JSONField(_("conditions of use"), default=list, blank=True)
    reasoning = models.TextField(_("reasoning"))
    opinion = models.CharField(
        _("opinion"), max_length=12, choices=Opinion.choices, blank=True, default=""
    )
    opinion_text = models.TextField(_("opinion text"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signed_at = models.DateTimeField(_("signed"))
    confirmed_by = models.CharField(
        _("signature confirmed by"),
        max_length=16,
        blank=True,
        help_text=_("How the signer confirmed who signs (step-up): one-time code or password."),
    )

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        ordering = ["review", "party__code"]
        constraints = [
            models.UniqueConstraint(fields=["review", "party"], name="expertise_conclusion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.party.code}: {self.get_outcome_display()}"


class InternalNote(MarkedModel):
    """A party's own note in a joint file: always release OWNER, never shown to others."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="notes", verbose_name=_("review")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["review", "-created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class ReviewReport(models.Model):
    """The PDF report of a concluded review, rendered once by a task and stored
    (accord/expertise/stored_reports.py). A concluded review does not change; what still
    may (its marking, a re-review mark) is in `fingerprint`, so a changed marking gets a
    new report rather than an old one. Not a marked record: it is reached only through
    its review, whose access rule applies."""

    class State(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="reports", verbose_name=_("review")
    )
    language = models.CharField(_("language"), max_length=8)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PREPARING
    )
    file = models.FileField(_("file"), upload_to="reports/expertise/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    requested_at = models.DateTimeField(_("requested"))
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "language", "fingerprint"], name="expertise_report_unique"
            )
        ]

    def __str__(self) -> str:
        return f"review {self.review_id} ({self.language}): {self.state}"
