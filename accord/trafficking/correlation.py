"""Correlation of incidents: two incidents are linked when they share a register item, a
normalised serial number or marking, an entity (the same watchlist entity, or the same
normalised name) or a route segment.

There is no table of pairs. Every question is answered from the indexed, normalised
columns of the rows an incident already has (`IncidentItem.item`, `.serial_norm`,
`.markings_norm`; `IncidentEntity.entity`, `.name_norm`; `RouteSegment.key`), so storage
grows with the number of items, not with its square. A value shared by more incidents
than `ACCORD_TRAFFICKING_COMMON_VALUE_LIMIT` (a default serial such as 0000, "UNKNOWN", a
busy border crossing) is flagged as common and makes no links, so one value cannot flood
the picture. Counts are taken over the incidents the analyst may see only, so neither the
links nor the flag say anything about incidents the analyst may not see.
"""

from __future__ import annotations

import html
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.trafficking.models.incidents import Incident, IncidentEntity, IncidentItem, RouteSegment

DEFAULT_COMMON_VALUE_LIMIT = 20
MIN_VALUE_LENGTH = 3  # shorter serials and markings ("1", "A2") make no links
MAX_SHARED_VALUES = 300  # the network page shows at most this many shared values
MATCH_EXISTS = _("a match exists")


def common_value_limit() -> int:
    """How many incidents may share a value before it counts as common (configurable)."""
    return int(
        getattr(settings, "ACCORD_TRAFFICKING_COMMON_VALUE_LIMIT", DEFAULT_COMMON_VALUE_LIMIT)
    )


@dataclass(frozen=True)
class Dimension:
    """One kind of shared value: the model holding it and its indexed column."""

    code: str
    label: Any
    model: Any
    column: str


DIMENSIONS = (
    Dimension("item", _("same register item"), IncidentItem, "item_id"),
    Dimension("serial", _("same serial number"), IncidentItem, "serial_norm"),
    Dimension("marking", _("same marking"), IncidentItem, "markings_norm"),
    Dimension("entity", _("same watchlist entity"), IncidentEntity, "entity_id"),
    Dimension("name", _("same name"), IncidentEntity, "name_norm"),
    Dimension("route", _("same route segment"), RouteSegment, "key"),
)
DIMENSIONS_BY_CODE = {d.code: d for d in DIMENSIONS}


@dataclass
class SharedValue:
    """A value found in more than one incident the analyst sees."""

    dimension: Dimension
    value: Any
    display: str
    count: int
    common: bool
    incident_ids: list[int] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return f"{self.dimension.label}: {self.display}"


@dataclass
class Link:
    """Another incident linked to the one in hand, with every reason."""

    incident: Incident
    reasons: list[SharedValue]


def _visible_incidents(actor: Any) -> QuerySet[Incident]:
    return Incident.objects.visible_to(actor)


def _rows(dimension: Dimension, actor: Any, incidents: QuerySet[Incident]) -> QuerySet[Any]:
    """The rows of `dimension` usable by `actor`: of incidents they see, with a value, long
    enough, and (for register items and watchlist entities) pointing at a record they see."""
    rows = dimension.model.objects.filter(incident_id__in=incidents.values("pk"))
    column = dimension.column
    if column.endswith("_id"):
        rows = rows.filter(**{f"{column}__isnull": False})
        if dimension.code == "item":
            from accord.trafficking.models import Item

            rows = rows.filter(item_id__in=Item.objects.visible_to(actor).values("pk"))
        else:
            from accord.trafficking.models import Entity

            rows = rows.filter(entity_id__in=Entity.objects.visible_to(actor).values("pk"))
    elif dimension.code in ("serial", "marking"):
        rows = rows.annotate(_len=Length(column)).filter(_len__gte=MIN_VALUE_LENGTH)
    else:
        rows = rows.exclude(**{column: ""})
    return rows


def _display(dimension: Dimension, rows: QuerySet[Any], values: list[Any]) -> dict[Any, str]:
    """How each value reads on a page: the text as first entered, not the folded form.

    The text is read from `rows` only, the rows of incidents the analyst sees (as built by
    `_rows`), never from the table at large: another party's hidden incident may hold the
    same folded value typed differently ("ab 7731" against "AB-7731"), and its spelling is
    its owner's data. A value with no visible spelling (none in practice, since a value is
    shown only when visible incidents share it) reads "a match exists"."""
    if dimension.code == "item":
        return {v: f"#{v}" for v in values}
    if dimension.code == "entity":
        source = "name"
    elif dimension.code == "serial":
        source = "serial_number"
    elif dimension.code == "marking":
        source = "other_markings"
    elif dimension.code == "name":
        source = "name"
    else:
        return {v: str(v).replace("-", "–") for v in values}
    shown: dict[Any, str] = {}
    for value, text in (
        rows.filter(**{f"{dimension.column}__in": values})
        .order_by("id")
        .values_list(dimension.column, source)
    ):
        shown.setdefault(value, text)
    return {v: shown.get(v, str(MATCH_EXISTS)) for v in values}


def _shared(
    dimension: Dimension,
    actor: Any,
    incidents: QuerySet[Incident],
    values: list[Any] | None,
    limit: int,
    at_most: int | None = None,
) -> list[SharedValue]:
    """The values of `dimension` found in two incidents or more (of `values` if given),
    each with its count; the incident ids only for those not common."""
    rows = _rows(dimension, actor, incidents)
    column = dimension.column
    if values is not None:
        rows = rows.filter(**{f"{column}__in": values})
    counted = (
        rows.values(column)
        .annotate(n=Count("incident_id", distinct=True))
        .filter(n__gte=2)
        .order_by("-n", column)
    )
    if at_most is not None:
        counted = counted[:at_most]
    counts = {row[column]: row["n"] for row in counted}
    if not counts:
        return []
    display = _display(dimension, rows, list(counts))
    linking = [v for v, n in counts.items() if n <= limit]
    members: dict[Any, set[int]] = defaultdict(set)
    for value, incident_id in rows.filter(**{f"{column}__in": linking}).values_list(
        column, "incident_id"
    ):
        members[value].add(incident_id)
    return [
        SharedValue(
            dimension=dimension,
            value=value,
            display=display.get(value, str(value)),
            count=n,
            common=n > limit,
            incident_ids=sorted(members.get(value, ())),
        )
        for value, n in counts.items()
    ]


def _own_values(dimension: Dimension, actor: Any, incident: Incident) -> list[Any]:
    rows = _rows(dimension, actor, Incident.objects.filter(pk=incident.pk))
    return list(rows.values_list(dimension.column, flat=True).distinct())


def incident_links(*, actor: Any, incident: Incident) -> tuple[list[Link], list[SharedValue]]:
    """The incidents (that `actor` sees) linked to `incident`, each with its reasons, and
    the values of `incident` that are too common to link on. The caller has checked that
    `actor` sees `incident`."""
    limit = common_value_limit()
    visible = _visible_incidents(actor)
    reasons: dict[int, list[SharedValue]] = defaultdict(list)
    common: list[SharedValue] = []
    for dimension in DIMENSIONS:
        values = _own_values(dimension, actor, incident)
        if not values:
            continue
        for shared in _shared(dimension, actor, visible, values, limit):
            if shared.common:
                common.append(shared)
                continue
            for other in shared.incident_ids:
                if other != incident.pk:
                    reasons[other].append(shared)
    others = {i.pk: i for i in visible.filter(pk__in=list(reasons)).select_related("owner")}
    links = [Link(incident=others[pk], reasons=reasons[pk]) for pk in reasons if pk in others]
    links.sort(key=lambda link: (-len(link.reasons), -link.incident.occurred_on.toordinal()))
    return links, common


@dataclass
class Network:
    """Incidents, entities, items and route segments linked by shared values."""

    shared: list[SharedValue]
    common: list[SharedValue]
    incidents: dict[int, Incident]
    truncated: bool
    limit: int

    @property
    def pairs(self) -> int:
        return sum(len(s.incident_ids) * (len(s.incident_ids) - 1) // 2 for s in self.shared)


def network(
    *, actor: Any, incidents: QuerySet[Incident] | None = None, dimensions: list[str] | None = None
) -> Network:
    """The shared values among the incidents `actor` sees (narrowed by `incidents`, a
    queryset from the selectors' filters), most shared first."""
    limit = common_value_limit()
    visible = _visible_incidents(actor)
    if incidents is not None:
        visible = visible.filter(pk__in=incidents.values("pk"))
    shared: list[SharedValue] = []
    common: list[SharedValue] = []
    truncated = False
    for dimension in DIMENSIONS:
        if dimensions and dimension.code not in dimensions:
            continue
        found = _shared(dimension, actor, visible, None, limit, at_most=MAX_SHARED_VALUES + 1)
        if len(found) > MAX_SHARED_VALUES:
            truncated = True
            found = found[:MAX_SHARED_VALUES]
        shared += [s for s in found if not s.common]
        common += [s for s in found if s.common]
    ids = {pk for s in shared for pk in s.incident_ids}
    by_pk = {i.pk: i for i in visible.filter(pk__in=ids).select_related("owner")}
    return Network(shared=shared, common=common, incidents=by_pk, truncated=truncated, limit=limit)


# --- The picture ---------------------------------------------------------------------------

_COLOURS = {
    "incident": "#1f6feb",
    "item": "#b35900",
    "serial": "#b35900",
    "marking": "#b35900",
    "entity": "#8250df",
    "name": "#8250df",
    "route": "#1a7f37",
}


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def network_svg(net: Network, *, max_nodes: int = 80) -> str:
    """The network as an inline SVG, laid out on the server: incidents in a circle in the
    middle, each shared value (entity, item, route segment) placed at the mean angle of its
    incidents, outside the circle, with a line to each of them. Incident nodes link to
    their pages. Deterministic: the same data draws the same picture."""
    incidents = sorted(net.incidents.values(), key=lambda i: (i.occurred_on, i.pk))[:max_nodes]
    if not incidents:
        return ""
    index = {incident.pk: n for n, incident in enumerate(incidents)}
    count = len(incidents)
    radius = max(120.0, count * 14.0)
    outer = radius + 110.0
    size = 2 * (outer + 120.0)
    centre = size / 2

    def position(angle: float, r: float) -> tuple[float, float]:
        return centre + r * math.cos(angle), centre + r * math.sin(angle)

    angles = {pk: 2 * math.pi * n / count - math.pi / 2 for pk, n in index.items()}
    lines: list[str] = []
    values: list[str] = []
    placed: dict[int, int] = defaultdict(int)
    for shared in net.shared[:max_nodes]:
        members = [pk for pk in shared.incident_ids if pk in index]
        if len(members) < 2:
            continue
        x = sum(math.cos(angles[pk]) for pk in members)
        y = sum(math.sin(angles[pk]) for pk in members)
        angle = math.atan2(y, x) if (abs(x) + abs(y)) > 1e-6 else angles[members[0]]
        slot = round(angle * 20)
        ring = outer + 34.0 * placed[slot]
        placed[slot] += 1
        vx, vy = position(angle, ring)
        colour = _COLOURS[shared.dimension.code]
        for pk in members:
            ix, iy = position(angles[pk], radius)
            lines.append(
                f'<line x1="{ix:.1f}" y1="{iy:.1f}" x2="{vx:.1f}" y2="{vy:.1f}" '
                f'stroke="{colour}" stroke-opacity="0.55" stroke-width="1.5"/>'
            )
        label = shared.display if len(shared.display) <= 24 else shared.display[:23] + "…"
        values.append(
            f'<g class="value {shared.dimension.code}"><title>{_esc(shared.reason)}</title>'
            f'<rect x="{vx - 5:.1f}" y="{vy - 5:.1f}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{vx:.1f}" y="{vy + 18:.1f}" font-size="11" text-anchor="middle">'
            f"{_esc(label)}</text></g>"
        )
    nodes = []
    for incident in incidents:
        ix, iy = position(angles[incident.pk], radius)
        href = reverse("trafficking:incident", kwargs={"pk": incident.pk})
        nodes.append(
            f'<a href="{_esc(href)}"><g class="incident"><title>{_esc(incident.reference)} — '
            f"{_esc(incident.get_kind_display())}, {_esc(incident.occurred_on)}</title>"
            f'<circle cx="{ix:.1f}" cy="{iy:.1f}" r="9" fill="{_COLOURS["incident"]}"/>'
            f'<text x="{ix:.1f}" y="{iy - 13:.1f}" font-size="11" text-anchor="middle">'
            f"{_esc(incident.reference)}</text></g></a>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="group" aria-label="{_esc(_("Network"))}" '
        f'viewBox="0 0 {size:.0f} {size:.0f}" '
        f'width="{size:.0f}" height="{size:.0f}" class="network">'
        + "".join(lines)
        + "".join(values)
        + "".join(nodes)
        + "</svg>"
    )


def value_filter(dimension_code: str, value: str) -> Q:
    """Incidents holding `value` in `dimension_code` (for "show the incidents sharing it")."""
    dimension = DIMENSIONS_BY_CODE[dimension_code]
    related = {IncidentItem: "items", IncidentEntity: "entities", RouteSegment: "route_segments"}
    column = dimension.column
    return Q(**{f"{related[dimension.model]}__{column}": value})
