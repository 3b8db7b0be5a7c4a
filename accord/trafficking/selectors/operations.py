"""Joint operations: the list, one operation, its incidents and its after-action figures.

Every read starts from `visible_to(actor)`; the figures count only the incidents, items,
entities and tracing requests the actor may see, so two parties may see different figures
for the same operation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from accord.core.access import party_of
from accord.core.errors import NotFound
from accord.trafficking.models import (
    Incident,
    IncidentEntity,
    IncidentItem,
    Operation,
    OperationParticipant,
    TracingRequest,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def operation_list(
    *, actor: User, status: str = "", query: str = "", participant: str = ""
) -> QuerySet[Operation]:
    """The operations the actor may see, newest first, with their participants and the
    number of linked incidents the actor may see (not of all linked incidents)."""
    linked = (
        Incident.objects.visible_to(actor)
        .filter(operation_id=OuterRef("pk"))
        .order_by()
        .values("operation_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = (
        Operation.objects.visible_to(actor)
        .select_related("owner")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=OperationParticipant.objects.select_related("party").order_by(
                    "party__code"
                ),
            )
        )
        .annotate(incident_count=Coalesce(Subquery(linked), 0))
    )
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(code__icontains=query))
    if participant:
        qs = qs.filter(
            pk__in=OperationParticipant.objects.filter(party__code=participant).values(
                "operation_id"
            )
        )
    return qs.order_by("-starts_on", "code")


def operation_get(*, actor: User, pk: Any) -> Operation:
    """One operation the actor may see, or NotFound."""
    operation = (
        Operation.objects.visible_to(actor)
        .select_related("owner", "created_by")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=OperationParticipant.objects.select_related("party").order_by(
                    "party__code"
                ),
            ),
            "released_to",
        )
        .filter(pk=pk)
        .first()
    )
    if operation is None:
        raise NotFound()
    return operation


def operation_incidents(*, actor: User, operation: Operation) -> QuerySet[Incident]:
    """The incidents linked to the operation that the actor may see."""
    return (
        Incident.objects.visible_to(actor)
        .filter(operation=operation)
        .select_related("owner")
        .annotate(item_count=Count("items", distinct=True))
        .order_by("occurred_on", "id")
    )


def linkable_incidents(*, actor: User, operation: Operation) -> QuerySet[Incident]:
    """Incidents the actor could link: visible, not linked to any operation, reported by a
    participating party (the actor's own party only, unless it leads the operation)."""
    party = party_of(actor)
    if party is None:
        return Incident.objects.none()
    participants = OperationParticipant.objects.filter(operation=operation).values("party_id")
    qs = Incident.objects.visible_to(actor).filter(
        operation__isnull=True, owner_id__in=participants
    )
    if party.pk != operation.owner_id:
        qs = qs.filter(owner_id=party.pk)
    return qs.select_related("owner").order_by("-occurred_on", "-id")


def after_action_figures(*, actor: User, operation: Operation) -> dict[str, Any]:
    """The after-action figures, computed from the data the actor may see:
    linked incidents (all and seizures), items (records and quantity; seized quantity),
    distinct entities involved, and tracing requests sent about those incidents."""
    incidents = Incident.objects.visible_to(actor).filter(operation=operation)
    incident_ids = incidents.values("pk")
    by_kind = dict(
        incidents.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    items = IncidentItem.objects.filter(incident_id__in=incident_ids)
    item_totals = items.aggregate(records=Count("pk"), quantity=Sum("quantity"))
    seized = items.filter(
        incident_id__in=incidents.filter(kind=Incident.Kind.SEIZURE).values("pk")
    ).aggregate(quantity=Sum("quantity"))
    entities = (
        IncidentEntity.objects.filter(incident_id__in=incident_ids)
        .order_by()
        .values("kind", "name_norm")
        .distinct()
        .count()
    )
    tracing = TracingRequest.objects.visible_to(actor).filter(incident_id__in=incident_ids)
    tracing_by_state = dict(
        tracing.order_by().values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    return {
        "incidents": sum(by_kind.values()),
        "incidents_by_kind": [
            {"kind": kind, "label": label, "count": by_kind.get(kind, 0)}
            for kind, label in Incident.Kind.choices
        ],
        "seizures": by_kind.get(Incident.Kind.SEIZURE, 0),
        "item_records": item_totals["records"] or 0,
        "items": item_totals["quantity"] or 0,
        "items_seized": seized["quantity"] or 0,
        "entities": entities,
        "tracing_requests": sum(tracing_by_state.values()),
        "tracing_answered": sum(
            n
            for state, n in tracing_by_state.items()
            if state in (TracingRequest.State.ANSWERED, TracingRequest.State.CLOSED)
        ),
    }
