"""CSV and XLSX exports of everything in the module a user may see.

One table per kind of record (items, incidents, incident items, incident entities,
tracing requests, watchlist entities, operations). Every table starts from
`visible_to(actor)`; the rows of an incident (its items and entities) are exported only
for the incidents the actor may see. A reference to another record (an incident's
operation, a tracing request's incident) is written only when the actor may see that
record too, so an export never says more than the pages do.

Exports speak codes, not labels (kinds, statuses, releases, party codes), so they mean
the same in both languages and can be read back by a program. The encoding (CSV with BOM
and CRLF, XLSX with real dates and numbers, the formula guard) is `accord.reports.tabular`'s.
The query count of an export does not grow with its rows (each table is one query plus
one per prefetched list).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accord.reports import tabular
from accord.trafficking.models import (
    Entity,
    Incident,
    IncidentEntity,
    IncidentItem,
    Item,
    Operation,
    TracingRequest,
)
from accord.trafficking.permissions import may_read_registers

CHUNK = 2000


def _codes(parties: Iterable[Any]) -> str:
    return ";".join(sorted(p.code for p in parties))


@dataclass(frozen=True)
class Table:
    """One exported table: its code (file and sheet name), title, columns and rows."""

    code: str
    title: Promise
    columns: tuple[str, ...]
    rows: Callable[[Any], Iterator[list[Any]]]
    count: Callable[[Any], int]
    # Who may export the table: whoever may read its list (the item register is refused to
    # roles outside it, so its export, counts and figures are too).
    may: Callable[[Any], bool] = lambda _actor: True


# --- Rows of each table ----------------------------------------------------------------------


def _items(actor: Any) -> QuerySet[Item]:
    return Item.objects.visible_to(actor)


def _item_rows(actor: Any) -> Iterator[list[Any]]:
    rows = (
        _items(actor)
        .select_related("owner")
        .prefetch_related("released_to")
        .order_by("owner__code", "pk")
    )
    for item in rows.iterator(chunk_size=CHUNK):
        yield [
            item.pk,
            item.owner.code,
            item.kind,
            item.manufacturer,
            item.model,
            item.serial_number,
            item.other_markings,
            item.country_of_manufacture,
            item.year_of_manufacture,
            item.status,
            item.system_id,
            item.classification,
            item.release,
            _codes(item.released_to.all()),
        ]


def _incidents(actor: Any) -> QuerySet[Incident]:
    return Incident.objects.visible_to(actor)


def _incident_rows(actor: Any) -> Iterator[list[Any]]:
    operations = dict(Operation.objects.visible_to(actor).values_list("pk", "code"))
    rows = (
        _incidents(actor)
        .select_related("owner")
        .prefetch_related("released_to")
        .order_by("occurred_on", "pk")
    )
    for incident in rows.iterator(chunk_size=CHUNK):
        yield [
            incident.reference,
            incident.owner.code,
            incident.kind,
            incident.occurred_on,
            incident.country,
            incident.locality,
            incident.latitude,
            incident.longitude,
            ";".join(incident.route or []),
            incident.status,
            operations.get(incident.operation_id, "") if incident.operation_id else "",
            incident.narrative,
            incident.classification,
            incident.release,
            _codes(incident.released_to.all()),
        ]


def _incident_items(actor: Any) -> QuerySet[IncidentItem]:
    return IncidentItem.objects.filter(incident_id__in=_incidents(actor).values("pk"))


def _incident_item_rows(actor: Any) -> Iterator[list[Any]]:
    rows = _incident_items(actor).select_related("incident").order_by("incident_id", "pk")
    for row in rows.iterator(chunk_size=CHUNK):
        yield [
            row.incident.reference,
            row.kind,
            row.manufacturer,
            row.model,
            row.serial_number,
            row.other_markings,
            row.quantity,
        ]


def _incident_entities(actor: Any) -> QuerySet[IncidentEntity]:
    return IncidentEntity.objects.filter(incident_id__in=_incidents(actor).values("pk"))


def _incident_entity_rows(actor: Any) -> Iterator[list[Any]]:
    rows = _incident_entities(actor).select_related("incident").order_by("incident_id", "pk")
    for row in rows.iterator(chunk_size=CHUNK):
        yield [row.incident.reference, row.kind, row.name, row.role]


def _tracing(actor: Any) -> QuerySet[TracingRequest]:
    return TracingRequest.objects.visible_to(actor)


def _tracing_rows(actor: Any) -> Iterator[list[Any]]:
    incidents = dict(_incidents(actor).values_list("pk", "reference"))
    rows = _tracing(actor).select_related("owner", "requested_party").order_by("sent_at", "pk")
    for request in rows.iterator(chunk_size=CHUNK):
        yield [
            request.reference,
            request.owner.code,
            request.requested_party.code,
            incidents.get(request.incident_id, "") if request.incident_id else "",
            request.state,
            request.outcome,
            request.due_date,
            request.sent_at,
            request.acknowledged_at,
            request.answered_at,
            request.closed_at,
            request.circumstances,
            request.grounds,
            request.requested_information,
            request.answer,
            request.last_legal_holder,
            request.classification,
            request.release,
        ]


def _entities(actor: Any) -> QuerySet[Entity]:
    return Entity.objects.visible_to(actor)


def _entity_rows(actor: Any) -> Iterator[list[Any]]:
    rows = (
        _entities(actor)
        .select_related("owner")
        .prefetch_related("names", "identifiers", "released_to")
        .order_by("owner__code", "pk")
    )
    for entity in rows.iterator(chunk_size=CHUNK):
        yield [
            entity.pk,
            entity.owner.code,
            entity.kind,
            entity.name,
            ";".join(n.name for n in entity.names.all() if n.name != entity.name),
            ";".join(f"{i.kind}:{i.value}" for i in entity.identifiers.all()),
            entity.nationality,
            entity.reason,
            entity.status,
            entity.listed_on,
            entity.delisted_on,
            entity.classification,
            entity.release,
            _codes(entity.released_to.all()),
        ]


def _operations(actor: Any) -> QuerySet[Operation]:
    return Operation.objects.visible_to(actor)


def _operation_rows(actor: Any) -> Iterator[list[Any]]:
    rows = (
        _operations(actor)
        .select_related("owner")
        .prefetch_related("participants__party", "released_to")
        .order_by("starts_on", "pk")
    )
    for operation in rows.iterator(chunk_size=CHUNK):
        yield [
            operation.code,
            operation.name,
            operation.owner.code,
            _codes(p.party for p in operation.participants.all()),
            operation.starts_on,
            operation.ends_on,
            operation.area,
            operation.objectives,
            operation.status,
            operation.after_action_summary,
            operation.classification,
            operation.release,
            _codes(operation.released_to.all()),
        ]


MARKING = ("classification", "release", "released_to")

TABLES: tuple[Table, ...] = (
    Table(
        "items",
        _("Registered items"),
        (
            "id",
            "owner",
            "kind",
            "manufacturer",
            "model",
            "serial_number",
            "other_markings",
            "country_of_manufacture",
            "year_of_manufacture",
            "status",
            "weapon_system_id",
            *MARKING,
        ),
        _item_rows,
        lambda actor: _items(actor).count(),
        may_read_registers,
    ),
    Table(
        "incidents",
        _("Incidents"),
        (
            "reference",
            "owner",
            "kind",
            "occurred_on",
            "country",
            "locality",
            "latitude",
            "longitude",
            "route",
            "status",
            "operation",
            "narrative",
            *MARKING,
        ),
        _incident_rows,
        lambda actor: _incidents(actor).count(),
    ),
    Table(
        "incident-items",
        _("Incident items"),
        (
            "incident",
            "kind",
            "manufacturer",
            "model",
            "serial_number",
            "other_markings",
            "quantity",
        ),
        _incident_item_rows,
        lambda actor: _incident_items(actor).count(),
    ),
    Table(
        "incident-entities",
        _("Incident entities"),
        ("incident", "kind", "name", "role"),
        _incident_entity_rows,
        lambda actor: _incident_entities(actor).count(),
    ),
    Table(
        "tracing-requests",
        _("Tracing requests"),
        (
            "reference",
            "requesting_party",
            "requested_party",
            "incident",
            "state",
            "outcome",
            "due_date",
            "sent_at",
            "acknowledged_at",
            "answered_at",
            "closed_at",
            "circumstances",
            "grounds",
            "requested_information",
            "answer",
            "last_legal_holder",
            "classification",
            "release",
        ),
        _tracing_rows,
        lambda actor: _tracing(actor).count(),
    ),
    Table(
        "watchlist",
        _("Watchlist entities"),
        (
            "id",
            "listing_party",
            "kind",
            "name",
            "other_names",
            "identifiers",
            "nationality",
            "reason",
            "status",
            "listed_on",
            "delisted_on",
            *MARKING,
        ),
        _entity_rows,
        lambda actor: _entities(actor).count(),
    ),
    Table(
        "operations",
        _("Joint operations"),
        (
            "code",
            "name",
            "lead_party",
            "participants",
            "starts_on",
            "ends_on",
            "area",
            "objectives",
            "status",
            "after_action_summary",
            *MARKING,
        ),
        _operation_rows,
        lambda actor: _operations(actor).count(),
    ),
)

TABLE_CODES = tuple(t.code for t in TABLES)


def table(code: str) -> Table | None:
    return next((t for t in TABLES if t.code == code), None)


def readable(*, actor: Any) -> list[Table]:
    """The tables the actor may export: those whose list the actor may read."""
    return [t for t in TABLES if t.may(actor)]


def table_counts(*, actor: Any) -> list[tuple[Table, int]]:
    """Each table the actor may export, with the number of rows the actor would export."""
    return [(t, t.count(actor)) for t in readable(actor=actor)]


# --- Writers ---------------------------------------------------------------------------------


def csv_lines(t: Table, *, actor: Any) -> Iterator[str]:
    """The table as CSV text, line by line (for a streaming response)."""
    return tabular.csv_stream(t.columns, t.rows(actor))


def csv_text(t: Table, *, actor: Any) -> str:
    return "".join(csv_lines(t, actor=actor))


def xlsx_bytes(tables: Iterable[Table], *, actor: Any) -> bytes:
    """A workbook with one sheet per table (write-only mode: memory stays flat)."""
    return tabular.xlsx_bytes(
        tabular.Sheet(title=t.code, columns=t.columns, rows=t.rows(actor)) for t in tables
    )
