"""Reads of standards, versions and clauses, always from what the actor may see
(`visible_to`; a version or clause is seen by whoever sees its standard)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet

from accord.core.errors import NotFound
from accord.standards.models import Ballot, Clause, ClauseParameter, Standard, StandardVersion

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def standard_list(*, actor: User) -> QuerySet[Standard]:
    return (
        Standard.objects.visible_to(actor)
        .select_related("owner")
        .prefetch_related(Prefetch("versions", queryset=StandardVersion.objects.order_by("number")))
        .order_by("code")
    )


def standard_get(*, actor: User, pk: int) -> Standard:
    standard = standard_list(actor=actor).filter(pk=pk).first()
    if standard is None:
        raise NotFound()
    return standard


def version_list(*, actor: User, standard: Standard | None = None) -> QuerySet[StandardVersion]:
    versions = (
        StandardVersion.objects.visible_to(actor)
        .select_related("standard", "standard__owner", "previous")
        .annotate(
            requirement_count=Count("clauses", filter=Q(clauses__kind=Clause.Kind.REQUIREMENT))
        )
    )
    if standard is not None:
        versions = versions.filter(standard=standard)
    return versions.order_by("standard__code", "number")


def version_list_with_ballots(*, actor: User, standard: Standard) -> QuerySet[StandardVersion]:
    """The standard's versions, each with its ballots (newest first) prefetched: the
    standard's page shows every version's stage and the result of its latest ballot.
    Ballots are seen by whoever sees the standard."""
    return version_list(actor=actor, standard=standard).prefetch_related(
        Prefetch("ballots", queryset=Ballot.objects.order_by("-created_at", "-id"))
    )


def version_get(*, actor: User, pk: int) -> StandardVersion:
    version = version_list(actor=actor).filter(pk=pk).first()
    if version is None:
        raise NotFound()
    return version


def latest_adopted(*, actor: User, standard: Standard) -> StandardVersion | None:
    """The standard's most recent adopted version the actor sees (None when none)."""
    return (
        version_list(actor=actor, standard=standard)
        .filter(stage=StandardVersion.Stage.ADOPTED)
        .order_by("-number")
        .first()
    )


def clause_get(*, actor: User, pk: int) -> Clause:
    clause = (
        Clause.objects.visible_to(actor)
        .select_related("version", "version__standard", "parent")
        .prefetch_related("parameters")
        .filter(pk=pk)
        .first()
    )
    if clause is None:
        raise NotFound()
    return clause


def version_clauses(version: StandardVersion) -> QuerySet[Clause]:
    """The clauses of a version already resolved through `version_get`, with their
    parameters, in document order within each parent."""
    return (
        Clause.objects.filter(version=version)
        .prefetch_related(
            Prefetch(
                "parameters",
                queryset=ClauseParameter.objects.order_by("name", "protection_class"),
            )
        )
        .order_by("order", "id")
    )


@dataclass
class Node:
    """A clause in the tree, with its depth and children."""

    clause: Clause
    depth: int
    children: list[Node] = field(default_factory=list)

    @property
    def parameter_table(self) -> list[dict[str, Any]]:
        """Parameters as rows: one per name, a value per protection class."""
        rows: dict[str, dict[str, Any]] = {}
        for p in self.clause.parameters.all():
            row = rows.setdefault(p.name, {"name": p.name, "unit": p.unit, "values": {}})
            row["values"][p.protection_class] = p.value.normalize()
        return list(rows.values())


def version_tree(version: StandardVersion) -> list[Node]:
    """The version's clause tree (top-level nodes), from one query plus parameters."""
    clauses = list(version_clauses(version))
    nodes = {c.pk: Node(clause=c, depth=0) for c in clauses}
    roots: list[Node] = []
    for clause in clauses:
        node = nodes[clause.pk]
        parent = nodes.get(clause.parent_id) if clause.parent_id else None
        (parent.children if parent else roots).append(node)
    stack = [(node, 0) for node in roots]
    while stack:
        node, depth = stack.pop()
        node.depth = depth
        stack.extend((child, depth + 1) for child in node.children)
    return roots


def flatten(nodes: list[Node]) -> list[Node]:
    """The tree's nodes depth-first (document order)."""
    result: list[Node] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        result.append(node)
        stack.extend(reversed(node.children))
    return result
