"""Reading provision: always from `visible_to(actor)`. A commitment's parts (papers,
consignments, lines, inspections, discrepancies, checks) are read through the commitments
the actor sees; a hidden one answers 404 like a missing one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils import timezone

from accord.core.access import can_see, party_of
from accord.core.selectors import TimelineEntry, get_visible, record_timeline
from accord.provision.models import (
    Commitment,
    Consignment,
    DeliveryHold,
    DeliveryLine,
    Discrepancy,
    EndUseCheck,
    Inspection,
    Requirement,
    RetransferRequest,
    Return,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def requirement_list(*, actor: User) -> QuerySet[Requirement]:
    return (
        Requirement.objects.visible_to(actor)
        .select_related("owner")
        .prefetch_related("receiving_parties", "released_to")
        .order_by("-id")
    )


def requirement_get(*, actor: User, pk: Any) -> Requirement:
    return get_visible(requirement_list(actor=actor), actor, pk=pk)


def commitment_list(*, actor: User) -> QuerySet[Commitment]:
    return (
        Commitment.objects.visible_to(actor)
        .select_related("owner", "requirement", "system_version__system", "title_to")
        .prefetch_related("released_to")
        .order_by("-id")
    )


def commitment_get(*, actor: User, pk: Any) -> Commitment:
    return get_visible(
        commitment_list(actor=actor).prefetch_related(
            "requirement__receiving_parties",
            "authorisations",
            "certificates__end_user",
            Prefetch(
                "consignments",
                queryset=Consignment.objects.prefetch_related(
                    "lines__title_holder",
                    "lines__operational_controller",
                    Prefetch(
                        "inspections",
                        queryset=Inspection.objects.prefetch_related("discrepancies").order_by(
                            "-id"
                        ),
                    ),
                ).order_by("id"),
            ),
            Prefetch("checks", queryset=EndUseCheck.objects.select_related("hold")),
            "disposals__witnesses",
        ),
        actor,
        pk=pk,
    )


def requirement_seen(actor: User, commitment: Commitment) -> bool:
    """Whether the actor may see the commitment's requirement (its text is shown only then)."""
    return can_see(actor, commitment.requirement)


def _part(model: Any, actor: User, pk: Any, path: str) -> Any:
    """A part of a commitment the actor sees, or NotFound."""
    from accord.core.errors import NotFound

    visible = Commitment.objects.visible_to(actor).values("pk")
    try:
        return model.objects.filter(**{f"{path}__in": visible}).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound() from exc


def consignment_get(*, actor: User, pk: Any) -> Consignment:
    return _part(Consignment, actor, pk, "commitment")


def line_get(*, actor: User, pk: Any) -> DeliveryLine:
    return _part(DeliveryLine, actor, pk, "consignment__commitment")


def inspection_get(*, actor: User, pk: Any) -> Inspection:
    return _part(Inspection, actor, pk, "consignment__commitment")


def discrepancy_get(*, actor: User, pk: Any) -> Discrepancy:
    return _part(Discrepancy, actor, pk, "inspection__consignment__commitment")


def check_get(*, actor: User, pk: Any) -> EndUseCheck:
    return _part(EndUseCheck, actor, pk, "commitment")


def hold_get(*, actor: User, pk: Any) -> DeliveryHold:
    return _part(DeliveryHold, actor, pk, "check_record__commitment")


def retransfer_list(*, actor: User) -> QuerySet[RetransferRequest]:
    return (
        RetransferRequest.objects.visible_to(actor)
        .select_related("owner", "recipient", "commitment__owner")
        .order_by("-id")
    )


def retransfer_get(*, actor: User, pk: Any) -> RetransferRequest:
    return get_visible(retransfer_list(actor=actor), actor, pk=pk)


def return_list(*, actor: User) -> QuerySet[Return]:
    return Return.objects.visible_to(actor).select_related("owner").order_by("-year", "-id")


def return_get(*, actor: User, pk: Any) -> Return:
    return get_visible(return_list(actor=actor), actor, pk=pk)


def timeline(*, actor: User, commitment: Commitment) -> list[TimelineEntry]:
    """The commitment's history (its parts' events are recorded on it), as the kernel's
    labelled sentences with need-to-know applied (`core.selectors.record_timeline`)."""
    return record_timeline(actor, commitment)


def _mine(actor: User) -> QuerySet[Commitment]:
    party = party_of(actor)
    visible = Commitment.objects.visible_to(actor)
    if party is None:
        return visible.none()
    from django.db.models import Q

    return visible.filter(
        Q(owner=party) | Q(title_to=party) | Q(requirement__receiving_parties=party)
    ).distinct()


def desk_queries(*, actor: User) -> dict[str, QuerySet[Any]]:
    """What awaits the actor's party, as querysets: gates to pass, inspections to sign,
    checks due, discrepancies open, retransfers awaiting consent."""
    party = party_of(actor)
    mine = _mine(actor).values("pk")
    gates = (
        commitment_list(actor=actor).filter(owner=party, state__in=[Commitment.State.PROPOSED])
        if party
        else Commitment.objects.none()
    )
    inspections = (
        Inspection.objects.filter(consignment__commitment__in=mine, state=Inspection.State.DRAFT)
        .select_related("consignment__commitment")
        .order_by("id")
    )
    checks = (
        EndUseCheck.objects.filter(commitment__in=mine, rating="", closed_reason="")
        .select_related("commitment")
        .order_by("due_on")
    )
    discrepancies = (
        Discrepancy.objects.filter(
            inspection__consignment__commitment__in=mine,
            state__in=[Discrepancy.State.OPEN, Discrepancy.State.INVESTIGATING],
        )
        .select_related("inspection__consignment")
        .order_by("due_on")
    )
    consents = retransfer_list(actor=actor).filter(
        state=RetransferRequest.State.REQUESTED, commitment__owner=party
    )
    return {
        "gates": gates,
        "inspections": inspections,
        "checks": checks,
        "discrepancies": discrepancies,
        "consents": consents,
    }


def desk(*, actor: User) -> dict[str, Any]:
    """What awaits the actor's party (at most 50 of each), for the module's desk page."""
    found: dict[str, Any] = {
        name: list(rows[:50]) for name, rows in desk_queries(actor=actor).items()
    }
    found["today"] = timezone.localdate()
    return found


def overview(*, actor: User) -> list[dict[str, Any]]:
    """Commitments against deliveries for each requirement the actor sees, as aggregate
    numbers over every commitment (also those it may not see in detail): no commitment's
    owner, system or terms."""
    requirements = {r.pk: r for r in requirement_list(actor=actor)[:200]}
    committed = {
        row["requirement"]: row
        for row in Commitment.objects.filter(requirement__in=list(requirements))
        .values("requirement")
        .annotate(commitments=Count("id"), committed=Sum("quantity"))
    }
    delivered = {
        row["consignment__commitment__requirement"]: row["delivered"]
        for row in DeliveryLine.objects.filter(
            consignment__state=Consignment.State.DELIVERED,
            consignment__commitment__requirement__in=list(requirements),
        )
        .values("consignment__commitment__requirement")
        .annotate(delivered=Sum("quantity"))
    }
    return [
        {
            "requirement": requirement,
            "commitments": committed.get(pk, {}).get("commitments", 0),
            "committed": committed.get(pk, {}).get("committed") or 0,
            "delivered": delivered.get(pk, 0) or 0,
        }
        for pk, requirement in requirements.items()
    ]
