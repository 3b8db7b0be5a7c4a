"""Knowledge items and the remedial actions of a lesson.

An item is a marked, versioned record of its owner party. On top of the access rule,
the lessons lifecycle narrows who sees an observation while it is only *submitted*: its
author and their party's lessons managers, nobody else (404 to everyone else, the rest
of their party included) — `KnowledgeItemQuerySet.visible_to` and `item_seen` apply it.
A remedial action's action body takes part in its lesson: the lesson is visible to that
party by `participant_q` (classification still applies).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accord.core.access import MarkedQuerySet, can_see, party_of
from accord.core.models import MarkedModel, Party, VersionedModel
from accord.core.permissions import has_any_role
from accord.core.roles import Role
from accord.knowledge.domain.lifecycle import Stage

# The party's lessons manager: the knowledge editor role of the kernel (no new role).
LESSONS_MANAGER = Role.KNOWLEDGE_EDITOR


class Kind(models.TextChoices):
    OBSERVATION = "observation", _("Observation")
    LESSON_IDENTIFIED = "lesson_identified", _("Lesson identified")
    LESSON_LEARNED = "lesson_learned", _("Lesson learned")
    BEST_PRACTICE = "best_practice", _("Best practice")
    LEGAL_EXPERIENCE = "legal_experience", _("Legal experience")
    TRAINING_MATERIAL = "training_material", _("Training material")
    ANSWER = "answer", _("Answer to a request")


# The kinds an item takes on through the lifecycle (never chosen when creating one).
LIFECYCLE_KINDS = (Kind.OBSERVATION, Kind.LESSON_IDENTIFIED, Kind.LESSON_LEARNED)


class Area(models.TextChoices):
    DEVELOP = "develop", _("Developing")
    PRODUCE = "produce", _("Producing")
    USE = "use", _("Using")
    DISPOSE = "dispose", _("Disposing of")
    PROTECT = "protect", _("Protecting against")


class SolutionType(models.TextChoices):
    DOCTRINE = "doctrine", _("Doctrine or procedure")
    ORGANISATION = "organisation", _("Organisation")
    TRAINING = "training", _("Training")
    EQUIPMENT = "equipment", _("Equipment")
    LEADERSHIP = "leadership", _("Leadership")
    PERSONNEL = "personnel", _("Personnel")
    FACILITIES = "facilities", _("Facilities")
    POLICY = "policy", _("Policy or legal")


class StageChoice(models.TextChoices):
    SUBMITTED = Stage.SUBMITTED.value, pgettext_lazy("lesson stage", "Submitted")
    VERIFIED = Stage.VERIFIED.value, pgettext_lazy("lesson stage", "Verified")
    REJECTED = Stage.REJECTED.value, pgettext_lazy("lesson stage", "Rejected (archived)")
    IDENTIFIED = Stage.IDENTIFIED.value, pgettext_lazy("lesson stage", "Lesson identified")
    LEARNED = Stage.LEARNED.value, pgettext_lazy("lesson stage", "Lesson learned")
    PUBLISHED = Stage.PUBLISHED.value, pgettext_lazy("lesson stage", "Published")


def is_lessons_manager(user: Any) -> bool:
    return has_any_role(user, LESSONS_MANAGER)


def stage_q(user: Any) -> Q:
    """The lifecycle's narrowing: anything but a submitted observation, or a submitted
    one the user wrote, or one of the user's party when the user is its lessons manager."""
    party = party_of(user)
    if party is None:
        return Q(pk__in=[])
    allowed = ~Q(stage=Stage.SUBMITTED) | Q(author_id=user.pk)
    if is_lessons_manager(user):
        allowed |= Q(owner_id=party.pk)
    return allowed


class KnowledgeItemQuerySet(MarkedQuerySet):
    def visible_to(self, user: Any) -> KnowledgeItemQuerySet:
        """The access rule, then the lifecycle's narrowing (`stage_q`)."""
        return super().visible_to(user).filter(stage_q(user))  # type: ignore[return-value]


def item_seen(user: Any, item: KnowledgeItem) -> bool:
    """`can_see` with the lifecycle's narrowing: the one check for an item in hand."""
    if not can_see(user, item):
        return False
    if item.stage != Stage.SUBMITTED:
        return True
    party = party_of(user)
    return item.author_id == user.pk or (
        party is not None and item.owner_id == party.pk and is_lessons_manager(user)
    )


AREA_SEPARATOR = ","


class KnowledgeItem(MarkedModel, VersionedModel):
    """A piece of knowledge shared under the agreement: an observation moving through the
    lessons lifecycle, or a published best practice, legal experience, training material
    or answer to a request. Titles and summaries in English and/or Russian; one or more of
    the five lifecycle areas (stored as ",develop,use," so that a facet count is one
    `LIKE` per area, on both databases)."""

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    stage = models.CharField(
        _("stage"), max_length=16, choices=StageChoice.choices, default=Stage.SUBMITTED
    )
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_ru = models.TextField(_("summary (Russian)"), blank=True)
    body = models.TextField(
        _("body"), blank=True, help_text=_("Markdown; shown as text, never as raw HTML.")
    )
    areas = models.CharField(_("lifecycle areas"), max_length=60)
    topic = models.CharField(
        _("topic"),
        max_length=120,
        blank=True,
        help_text=_("A path in the topic tree, e.g. “protection/counter-uas”."),
    )
    solution_type = models.CharField(
        _("solution type"), max_length=16, choices=SolutionType.choices, blank=True
    )
    ip_note = models.TextField(_("intellectual property and confidentiality note"), blank=True)
    review_due = models.DateField(_("review due"), null=True, blank=True)
    root_cause = models.TextField(_("root cause"), blank=True)
    recommendation = models.TextField(_("recommendation"), blank=True)
    validation_result = models.TextField(_("validation result"), blank=True)
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    guideline_clause = models.ForeignKey(
        "knowledge.GuidelineClause",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lessons",
        verbose_name=_("guideline clause it changes"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = KnowledgeItemQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["owner", "stage"], name="knowledge_item_owner_stage"),
            models.Index(fields=["kind"], name="knowledge_item_kind"),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def participant_q(cls, party: Party) -> Q | None:
        """The action body of one of a lesson's remedial actions takes part in it."""
        if party is None:
            return None
        return Q(pk__in=RemedialAction.objects.filter(action_body=party).values("lesson_id"))

    @property
    def title(self) -> str:
        ru = (get_language() or "en").startswith("ru")
        first, second = (self.title_ru, self.title_en) if ru else (self.title_en, self.title_ru)
        return first or second

    @property
    def summary(self) -> str:
        ru = (get_language() or "en").startswith("ru")
        first, second = (
            (self.summary_ru, self.summary_en) if ru else (self.summary_en, self.summary_ru)
        )
        return first or second

    @property
    def area_list(self) -> list[str]:
        return [code for code in self.areas.split(AREA_SEPARATOR) if code]

    @property
    def area_labels(self) -> list[str]:
        labels = dict(Area.choices)
        return [str(labels.get(code, code)) for code in self.area_list]

    @staticmethod
    def join_areas(codes: list[str]) -> str:
        ordered = [code for code in Area.values if code in set(codes)]
        return f"{AREA_SEPARATOR}{AREA_SEPARATOR.join(ordered)}{AREA_SEPARATOR}" if ordered else ""

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not (self.title_en or self.title_ru):
            errors["title_en"] = _("Give a title in English or in Russian.")
        codes = self.area_list
        if not codes:
            errors["areas"] = _("Choose at least one of the five lifecycle areas.")
        elif any(code not in Area.values for code in codes):
            errors["areas"] = _("Unknown lifecycle area.")
        if self.topic and not all(part.strip() for part in self.topic.split("/")):
            errors["topic"] = _("A topic is a path of names separated by “/”.")
        if errors:
            raise ValidationError(errors)


class RemedialAction(VersionedModel):
    """A remedial action of a lesson identified, tasked to an action body (a party, the
    Secretariat or a joint group — a party of the reference data either way) with a due
    date. It is seen by whoever sees its lesson; its action body sees the lesson too."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("remedial action", "Open")
        DONE = "done", pgettext_lazy("remedial action", "Done")
        CANCELLED = "cancelled", pgettext_lazy("remedial action", "Cancelled")

    lesson = models.ForeignKey(
        KnowledgeItem, on_delete=models.PROTECT, related_name="actions", verbose_name=_("lesson")
    )
    action_body = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("action body")
    )
    description = models.TextField(_("action"))
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    outcome = models.TextField(_("outcome"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("remedial action")
        verbose_name_plural = _("remedial actions")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["action_body", "status"], name="knowledge_action_body"),
        ]

    def __str__(self) -> str:
        return self.description[:80]
