"""Facilities, assessments, improvement plans, aggregates: selectors.

Every read starts from `Facility.objects.visible_to(actor)`; assessments, answers,
evidence and actions are reached through the facilities the actor sees.

Aggregates across parties (the Secretariat's dashboard) are the one read that counts
facilities the reader does not see. They show counts, shares and averages only, never a
facility, a party or a single assessment; and a figure computed from fewer than
`min_facilities()` facilities (the setting `ACCORD_STANDARDS_AGGREGATE_MIN_FACILITIES`,
default 3) is suppressed, because with one or two facilities behind it a
share or an average would be that facility's own answer (and a party knowing its own
facility could subtract it from a figure of two).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Avg, Count, Max, Q, QuerySet

from accord.core.access import party_of
from accord.core.audit import record_view
from accord.core.errors import NotFound
from accord.core.permissions import has_any_role
from accord.core.roles import Role
from accord.standards.domain import scoring
from accord.standards.domain.compare import tree_order
from accord.standards.models import (
    Action,
    AnswerEvidence,
    Assessment,
    AssessmentAnswer,
    Clause,
    Facility,
    StandardVersion,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def clauses_in_order(version: StandardVersion | int) -> list[Clause]:
    """Every clause of a version in document order (depth-first, siblings by `order`),
    with their parameters."""
    pk = version if isinstance(version, int) else version.pk
    return tree_order(Clause.objects.filter(version_id=pk).prefetch_related("parameters"))


def document_positions(version: StandardVersion | int) -> dict[int, int]:
    """Each clause's position in the document (clause id → index), for sorting."""
    pk = version if isinstance(version, int) else version.pk
    clauses = Clause.objects.filter(version_id=pk).only("pk", "parent_id", "order")
    return {c.pk: index for index, c in enumerate(tree_order(clauses))}


MIN_FACILITIES = 3  # the default of ACCORD_STANDARDS_AGGREGATE_MIN_FACILITIES


def min_facilities() -> int:
    """The fewest facilities a cross-party figure may be drawn from (at least 1)."""
    value = getattr(settings, "ACCORD_STANDARDS_AGGREGATE_MIN_FACILITIES", MIN_FACILITIES)
    return max(1, int(value))


# --- Facilities and assessments --------------------------------------------------------------


def facility_list(*, actor: User) -> QuerySet[Facility]:
    return Facility.objects.visible_to(actor).select_related("owner").order_by("name", "id")


def facility_get(*, actor: User, pk: int, audit: bool = True) -> Facility:
    """One visible facility (NotFound otherwise); reading a CONFIDENTIAL one is audited."""
    facility = facility_list(actor=actor).filter(pk=pk).first()
    if facility is None:
        raise NotFound()
    if audit:
        record_view(actor=actor, obj=facility)
    return facility


def assessment_list(*, actor: User, facility: Facility | None = None) -> QuerySet[Assessment]:
    rows = Assessment.objects.filter(
        facility__in=Facility.objects.visible_to(actor).values("pk")
    ).select_related("facility", "facility__owner", "standard_version__standard", "assessor")
    if facility is not None:
        rows = rows.filter(facility=facility)
    return rows.order_by("-started_at", "-id")


def assessment_get(*, actor: User, pk: int, audit: bool = True) -> Assessment:
    assessment = assessment_list(actor=actor).filter(pk=pk).first()
    if assessment is None:
        raise NotFound()
    if audit:
        record_view(actor=actor, obj=assessment.facility)
    return assessment


def adopted_versions(*, actor: User) -> QuerySet[StandardVersion]:
    """Adopted versions the actor sees: what facilities may be assessed against."""
    return (
        StandardVersion.objects.visible_to(actor)
        .filter(stage=StandardVersion.Stage.ADOPTED)
        .select_related("standard")
        .order_by("standard__code", "-number")
    )


def score_history(facility: Facility) -> list[Assessment]:
    """The facility's complete assessments, oldest first (the score-over-time chart)."""
    return list(
        Assessment.objects.filter(facility=facility, state=Assessment.State.COMPLETE)
        .select_related("standard_version__standard")
        .order_by("completed_at", "id")
    )


@dataclass
class FormRow:
    """One line of the assessment form: a section heading or a requirement with its answer."""

    clause: Clause
    answer: AssessmentAnswer | None = None
    change: str = ""  # "changed" / "added" on a reassessment against a new version
    parameters: list[Any] = field(default_factory=list)

    @property
    def is_section(self) -> bool:
        return self.clause.kind == Clause.Kind.SECTION


def form_rows(assessment: Assessment, *, only: str = "") -> list[FormRow]:
    """The clause tree of the assessed version with the answers, in document order; a
    fixed number of queries whatever the size. `only`: "unanswered" or "changed" (the
    requirements changed or added since the previous assessment, or still unanswered)."""
    clauses = clauses_in_order(assessment.standard_version_id)
    answers = {
        a.clause_id: a
        for a in AssessmentAnswer.objects.filter(assessment=assessment).prefetch_related("evidence")
    }
    changed = set((assessment.carry_over or {}).get("changed", []))
    added = set((assessment.carry_over or {}).get("added", []))
    rows = []
    for clause in clauses:
        change = "changed" if clause.uid in changed else "added" if clause.uid in added else ""
        answer = answers.get(clause.pk)
        if clause.kind == Clause.Kind.REQUIREMENT:
            if only == "unanswered" and answer is not None:
                continue
            if only == "changed" and not change and answer is not None:
                continue
        parameters = [
            p for p in clause.parameters.all() if p.protection_class == assessment.protection_class
        ]
        rows.append(FormRow(clause=clause, answer=answer, change=change, parameters=parameters))
    # Drop section headings left without requirements under a filter.
    if only:
        kept = []
        for index, row in enumerate(rows):
            if row.is_section:
                following = rows[index + 1] if index + 1 < len(rows) else None
                if following is None or following.is_section:
                    continue
            kept.append(row)
        rows = kept
    return rows


def assessment_progress(assessment: Assessment) -> tuple[int, int]:
    """(answered, total) requirements."""
    total = Clause.objects.filter(
        version_id=assessment.standard_version_id, kind=Clause.Kind.REQUIREMENT
    ).count()
    answered = AssessmentAnswer.objects.filter(assessment=assessment).count()
    return answered, total


@dataclass
class SectionResult:
    clause: Clause
    summary: scoring.Summary


def section_results(assessment: Assessment) -> list[SectionResult]:
    """The score per top-level section (requirements anywhere below it)."""
    clauses = tree_order(Clause.objects.filter(version_id=assessment.standard_version_id))
    by_pk = {c.pk: c for c in clauses}

    def top(clause: Clause) -> Clause:
        while clause.parent_id is not None and clause.parent_id in by_pk:
            clause = by_pk[clause.parent_id]
        return clause

    answers = {a.clause_id: a for a in AssessmentAnswer.objects.filter(assessment=assessment)}
    grouped: dict[int, list[scoring.Scored]] = {}
    for clause in clauses:
        answer = answers.get(clause.pk)
        if clause.kind != Clause.Kind.REQUIREMENT or answer is None:
            continue
        grouped.setdefault(top(clause).pk, []).append(
            scoring.Scored(clause.normative_level, answer.status, answer.maturity)
        )
    return [
        SectionResult(clause=by_pk[pk], summary=scoring.summarise(items))
        for pk, items in grouped.items()
    ]


def gaps(assessment: Assessment) -> list[AssessmentAnswer]:
    """The answers partly or not implemented, in document order."""
    position = document_positions(assessment.standard_version_id)
    return sorted(
        AssessmentAnswer.objects.filter(
            assessment=assessment, status__in=scoring.GAP_STATUSES
        ).select_related("clause"),
        key=lambda answer: position.get(answer.clause_id, 0),
    )


def evidence_get(*, actor: User, pk: int) -> AnswerEvidence:
    evidence = (
        AnswerEvidence.objects.filter(
            pk=pk,
            answer__assessment__facility__in=Facility.objects.visible_to(actor).values("pk"),
        )
        .select_related("answer__assessment__facility")
        .first()
    )
    if evidence is None:
        raise NotFound()
    return evidence


def answer_get(*, actor: User, pk: int) -> AssessmentAnswer:
    answer = (
        AssessmentAnswer.objects.filter(
            pk=pk, assessment__facility__in=Facility.objects.visible_to(actor).values("pk")
        )
        .select_related("assessment__facility", "clause")
        .first()
    )
    if answer is None:
        raise NotFound()
    return answer


# --- Improvement plan ------------------------------------------------------------------------


def action_list(
    *, actor: User, facility: Facility | None = None, assessment: Assessment | None = None
) -> QuerySet[Action]:
    rows = Action.objects.filter(
        assessment__facility__in=Facility.objects.visible_to(actor).values("pk")
    ).select_related("assessment__facility", "answer__clause", "owner_user")
    if facility is not None:
        rows = rows.filter(assessment__facility=facility)
    if assessment is not None:
        rows = rows.filter(assessment=assessment)
    return rows.order_by("due_date", "id")


def action_get(*, actor: User, pk: int) -> Action:
    action = action_list(actor=actor).filter(pk=pk).first()
    if action is None:
        raise NotFound()
    return action


def overdue_actions(*, actor: User) -> QuerySet[Action]:
    return action_list(actor=actor).filter(
        status__in=Action.OPEN_STATUSES, due_date__lt=dt.date.today()
    )


# --- Aggregates ------------------------------------------------------------------------------


def sees_all_parties(actor: User) -> bool:
    """Secretariat officers see aggregates over every party's facilities."""
    party = party_of(actor)
    return (
        party is not None
        and party.is_secretariat
        and has_any_role(actor, Role.SECRETARIAT_OFFICER, Role.ADMINISTRATOR)
    )


def _pool(actor: User) -> QuerySet[Facility]:
    if sees_all_parties(actor):
        return Facility.objects.all()
    return Facility.objects.visible_to(actor)


def _latest_complete(actor: User) -> QuerySet[Assessment]:
    """One assessment per facility and version: the latest complete one."""
    latest_ids = (
        Assessment.objects.filter(
            state=Assessment.State.COMPLETE, facility__in=_pool(actor).values("pk")
        )
        .values("facility_id", "standard_version_id")
        .annotate(last=Max("id"))
        .values("last")
    )
    return Assessment.objects.filter(pk__in=latest_ids)


def _round(value: Any) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class VersionAggregate:
    version: StandardVersion
    facilities: int | None  # None when suppressed ("fewer than the threshold")
    suppressed: bool
    average_score: Decimal | None


@dataclass
class RequirementAggregate:
    clause: Clause
    facilities: int  # assessments answering it (one per facility), N/A included
    applicable: int
    suppressed: bool
    share_implemented: Decimal | None  # percent of applicable answers
    average_maturity: Decimal | None


@dataclass
class Aggregates:
    across_parties: bool
    min_facilities: int
    versions: list[VersionAggregate]
    selected: VersionAggregate | None = None
    requirements: list[RequirementAggregate] = field(default_factory=list)
    sections: list[tuple[Clause, Decimal | None, bool]] = field(default_factory=list)
    overdue_count: int | None = None


def aggregates(*, actor: User, version_pk: int | None = None) -> Aggregates:
    """Per standard version and requirement: facilities assessed, share implemented,
    average maturity. Across all parties for the Secretariat (with suppression), over the
    facilities the reader sees for everyone else (no suppression: they see each one)."""
    across = sees_all_parties(actor)
    threshold = min_facilities() if across else 1
    latest = _latest_complete(actor)
    visible_versions = StandardVersion.objects.visible_to(actor).values("pk")
    per_version = (
        latest.filter(standard_version__in=visible_versions)
        .values("standard_version_id")
        .annotate(n=Count("facility_id", distinct=True), avg=Avg("score"))
    )
    figures = {row["standard_version_id"]: row for row in per_version}
    versions = []
    for version in (
        StandardVersion.objects.filter(pk__in=list(figures))
        .select_related("standard")
        .order_by("standard__code", "number")
    ):
        row = figures[version.pk]
        suppressed = row["n"] < threshold
        versions.append(
            VersionAggregate(
                version=version,
                facilities=None if suppressed else row["n"],
                suppressed=suppressed,
                average_score=None if suppressed else _round(row["avg"]),
            )
        )
    result = Aggregates(across_parties=across, min_facilities=threshold, versions=versions)
    overdue = Action.objects.filter(
        assessment__facility__in=_pool(actor).values("pk"),
        status__in=Action.OPEN_STATUSES,
        due_date__lt=dt.date.today(),
    )
    pool_size = _pool(actor).count() if across else threshold
    result.overdue_count = overdue.count() if pool_size >= threshold else None
    if not versions:
        return result
    selected = next((v for v in versions if v.version.pk == version_pk), versions[0])
    result.selected = selected
    if selected.suppressed:
        return result
    not_applicable = Q(status=AssessmentAnswer.Status.NOT_APPLICABLE)
    rows = (
        AssessmentAnswer.objects.filter(
            assessment__in=latest.filter(standard_version=selected.version).values("pk")
        )
        .values("clause_id")
        .annotate(
            n=Count("id"),
            applicable=Count("id", filter=~not_applicable),
            implemented=Count("id", filter=Q(status=AssessmentAnswer.Status.IMPLEMENTED)),
            partly=Count("id", filter=Q(status=AssessmentAnswer.Status.PARTLY)),
            maturity=Avg("maturity", filter=~not_applicable),
        )
    )
    by_clause = {row["clause_id"]: row for row in rows}
    clauses = tree_order(Clause.objects.filter(version=selected.version))
    by_pk = {c.pk: c for c in clauses}
    section_totals: dict[int, list[int]] = {}
    for clause in clauses:
        if clause.kind != Clause.Kind.REQUIREMENT:
            continue
        row = by_clause.get(
            clause.pk, {"n": 0, "applicable": 0, "implemented": 0, "maturity": None}
        )
        suppressed = row["applicable"] < threshold
        share = (
            None
            if suppressed or not row["applicable"]
            else _round(Decimal(100) * row["implemented"] / row["applicable"])
        )
        result.requirements.append(
            RequirementAggregate(
                clause=clause,
                facilities=row["n"],
                applicable=row["applicable"],
                suppressed=suppressed,
                share_implemented=share,
                average_maturity=None if suppressed else _round(row["maturity"]),
            )
        )
        top = clause
        while top.parent_id is not None and top.parent_id in by_pk:
            top = by_pk[top.parent_id]
        totals = section_totals.setdefault(top.pk, [0, 0, 0])
        totals[0] += row["implemented"]
        totals[1] += row["applicable"]
        # Facilities behind the section's figure: at least the most behind one requirement.
        totals[2] = max(totals[2], row["applicable"])
    for pk, (implemented, applicable, most) in section_totals.items():
        hidden = most < threshold or applicable == 0
        share = None if hidden else _round(Decimal(100) * implemented / applicable)
        result.sections.append((by_pk[pk], share, hidden))
    return result
