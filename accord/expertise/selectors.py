"""Reads of the register and the reviews, always from `visible_to(user)`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from accord.core.access import party_of
from accord.core.models import Party
from accord.core.selectors import get_visible
from accord.expertise.models import (
    Conclusion,
    ContingentAssignment,
    Evidence,
    InformationRequest,
    InternalNote,
    Review,
    ReviewParticipant,
    SystemVersion,
    WeaponSystem,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def system_list(*, actor: User) -> QuerySet[WeaponSystem]:
    return WeaponSystem.objects.visible_to(actor).select_related("owner").order_by("designation")


def system_get(*, actor: User, pk: int) -> WeaponSystem:
    return get_visible(system_list(actor=actor), actor, pk=pk)


def version_list(*, actor: User, system: WeaponSystem | None = None) -> QuerySet[SystemVersion]:
    """Versions of the systems the actor sees."""
    versions = SystemVersion.objects.filter(
        system__in=WeaponSystem.objects.visible_to(actor).values("pk")
    ).select_related("system", "system__owner")
    if system is not None:
        versions = versions.filter(system=system)
    return versions.order_by("system__designation", "number")


def version_get(*, actor: User, pk: int) -> SystemVersion:
    from accord.core.errors import NotFound

    version = version_list(actor=actor).filter(pk=pk).first()
    if version is None:
        raise NotFound()
    return version


def evidence_list(*, actor: User, version: SystemVersion) -> QuerySet[Evidence]:
    return version_evidence(version_get(actor=actor, pk=version.pk))


def version_evidence(version: SystemVersion) -> QuerySet[Evidence]:
    return Evidence.objects.filter(version=version).select_related("added_by").order_by("id")


def evidence_get(*, actor: User, pk: int) -> Evidence:
    from accord.core.errors import NotFound

    evidence = Evidence.objects.filter(
        pk=pk, version__in=version_list(actor=actor).values("pk")
    ).first()
    if evidence is None:
        raise NotFound()
    return evidence


def assignments(
    *, version: SystemVersion, on_date: dt.date | None = None
) -> QuerySet[ContingentAssignment]:
    rows = ContingentAssignment.objects.filter(version=version).select_related("party")
    if on_date is not None:
        rows = rows.filter(from_date__lte=on_date).filter(
            Q(until_date__isnull=True) | Q(until_date__gte=on_date)
        )
    return rows.order_by("party__code", "from_date")


def review_staff(*, party_id: int, review: Review) -> QuerySet[Any]:
    """Whom a party may name on a review: its active legal advisers and lead reviewers
    cleared to the review's classification (not its customs, finance or editorial staff)."""
    from accord.accounts.selectors import party_users
    from accord.expertise.permissions import ADVISERS

    return (
        party_users(party_id=party_id)
        .filter(groups__name__in=[str(role) for role in ADVISERS])
        .filter(clearance__gte=review.classification)
        .distinct()
    )


def review_list(*, actor: User) -> QuerySet[Review]:
    return (
        Review.objects.visible_to(actor)
        .select_related("subject", "subject__system", "initiating_party", "owner")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=ReviewParticipant.objects.select_related("party", "lead_reviewer"),
            )
        )
        .order_by("-created_at", "-id")
    )


def review_get(*, actor: User, pk: int) -> Review:
    return get_visible(
        review_list(actor=actor).prefetch_related(
            "participants__reviewers", "conclusions__party", "conclusions__signed_by"
        ),
        actor,
        pk=pk,
    )


def request_get(*, actor: User, pk: int) -> InformationRequest:
    """A request for information in a review the actor sees, or NotFound."""
    from accord.core.errors import NotFound

    request = (
        InformationRequest.objects.filter(pk=pk, review__in=review_list(actor=actor).values("pk"))
        .select_related("review")
        .first()
    )
    if request is None:
        raise NotFound()
    return request


def requests_of(review: Review) -> QuerySet[InformationRequest]:
    return review.requests.select_related("asking_party", "asked_by", "answered_by")


def findings_of(review: Review) -> Any:
    return review.findings.select_related("party", "rule", "author").prefetch_related("evidence")


def conclusions_of(review: Review) -> QuerySet[Conclusion]:
    return review.conclusions.select_related("party", "signed_by")


def notes_for(*, actor: User, review: Review) -> QuerySet[InternalNote]:
    """The actor's own party's notes in this file — never another party's."""
    return (
        InternalNote.objects.visible_to(actor)
        .filter(review=review)
        .select_related("author")
        .order_by("-created_at")
    )


def needs_rereview(review: Review, today: dt.date | None = None) -> bool:
    if review.state != Review.State.CONCLUDED:
        return False
    today = today or timezone.localdate()
    return review.rereview_marked_at is not None or (
        review.expires_on is not None and review.expires_on < today
    )


def dashboard(*, actor: User) -> dict[str, Any]:
    """A reviewer's desk: open reviews of my party, requests due, re-reviews."""
    party = party_of(actor)
    reviews = review_list(actor=actor)
    mine = reviews.filter(participants__party=party) if party else reviews.none()
    open_reviews = list(mine.exclude(state__in=[Review.State.CONCLUDED, Review.State.WITHDRAWN]))
    due = (
        InformationRequest.objects.filter(
            review__in=mine.values("pk"), state=InformationRequest.State.OPEN
        )
        .select_related("review", "review__subject__system", "asking_party")
        .order_by("due_date")
    )
    today = timezone.localdate()
    rereview = [r for r in mine.filter(state=Review.State.CONCLUDED) if needs_rereview(r, today)]
    return {
        "open_reviews": open_reviews,
        "requests_due": list(due),
        "rereview": rereview,
        "today": today,
    }


# --- The interoperability matrix ----------------------------------------------------------


@dataclass
class Standing:
    """A party's standing on a system version: what the reviews concluded."""

    status: str  # lawful | lawful_with_conditions | unlawful | needs_rereview | not_reviewed
    review: Review | None = None
    conclusion: Conclusion | None = None
    reason: str = ""

    @property
    def conditions(self) -> list[str]:
        return list(self.conclusion.conditions) if self.conclusion else []


NOT_REVIEWED = "not_reviewed"
NEEDS_REREVIEW = "needs_rereview"


def standing_label(status: str) -> str:
    """The words for a standing (a conclusion's outcome, or one of the two above)."""
    from django.utils.translation import gettext as _

    labels = {
        **dict(Conclusion.Outcome.choices),
        NEEDS_REREVIEW: _("Needs re-review"),
        NOT_REVIEWED: _("Not reviewed"),
    }
    return str(labels.get(status, status))


def _standing(version_reviews: list[Review], party_id: int, today: dt.date) -> Standing:
    for review in version_reviews:  # newest first
        conclusion = next((c for c in review.conclusions.all() if c.party_id == party_id), None)
        if conclusion is None:
            continue
        if needs_rereview(review, today):
            return Standing(
                NEEDS_REREVIEW, review, conclusion, review.rereview_reason or str(review.expires_on)
            )
        return Standing(conclusion.outcome, review, conclusion)
    return Standing(NOT_REVIEWED)


def _concluded_reviews(versions: Any) -> dict[int, list[Review]]:
    by_version: dict[int, list[Review]] = {}
    for review in (
        Review.objects.filter(subject__in=versions, state=Review.State.CONCLUDED)
        .prefetch_related("conclusions")
        .order_by("-concluded_at", "-id")
    ):
        by_version.setdefault(review.subject_id, []).append(review)
    return by_version


def clearance_for(system_version: SystemVersion, party: Party) -> Standing:
    """A party's standing on a version — the gate other modules (provision) ask. Reads
    conclusions only (no marked content), so it takes no user."""
    reviews = _concluded_reviews([system_version.pk]).get(system_version.pk, [])
    return _standing(reviews, party.pk, timezone.localdate())


def matrix(
    *, actor: User, system: WeaponSystem | None = None
) -> tuple[list[SystemVersion], list[Party], dict[tuple[int, int], Standing]]:
    """Each visible version × each state party: its standing."""
    versions = list(version_list(actor=actor, system=system))
    parties = list(Party.objects.filter(kind=Party.Kind.STATE, active=True).order_by("code"))
    reviews = _concluded_reviews([v.pk for v in versions])
    today = timezone.localdate()
    cells = {
        (v.pk, p.pk): _standing(reviews.get(v.pk, []), p.pk, today)
        for v in versions
        for p in parties
    }
    # The standing is shared with whoever sees the system; the conditions, the reason and
    # the review itself only with those who see the review.
    visible = set(
        Review.objects.visible_to(actor)
        .filter(subject__in=[v.pk for v in versions])
        .values_list("pk", flat=True)
    )
    for standing in cells.values():
        if standing.review is not None and standing.review.pk not in visible:
            standing.review, standing.conclusion, standing.reason = None, None, ""
    return versions, parties, cells
