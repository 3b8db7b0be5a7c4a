"""Reading the module: every read starts from `visible_to(actor)`; a hidden record is a
404 like a missing one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet

from accord.core.errors import NotFound
from accord.core.models import Party
from accord.core.selectors import TimelineEntry, get_visible, record_timeline
from accord.legislation.domain import conformity as domain
from accord.legislation.models import (
    ActVersion,
    ConformityCell,
    DraftComment,
    HarmonisationProgramme,
    ImplementingMeasure,
    ModelAct,
    NationalAct,
    NationalProvision,
    ProgrammeItem,
    Provision,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def act_list(*, actor: User) -> QuerySet[ModelAct]:
    return (
        ModelAct.objects.visible_to(actor)
        .select_related("owner")
        .prefetch_related("released_to")
        .order_by("-id")
    )


def act_get(*, actor: User, pk: Any) -> ModelAct:
    return get_visible(act_list(actor=actor), actor, pk=pk)


def versions_of(act: ModelAct) -> list[ActVersion]:
    """The act's versions with their provisions (the act already read through
    `act_get`)."""
    return list(
        act.versions.prefetch_related(
            Prefetch("provisions", queryset=Provision.objects.order_by("position", "id"))
        ).order_by("number")
    )


def version_of(act: ModelAct, number: Any) -> ActVersion:
    try:
        found = act.versions.filter(number=int(number)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise NotFound()
    return found


def provisions_of(act: ModelAct) -> list[Provision]:
    version = act.versions.order_by("-number").first()
    return list(version.provisions.order_by("position", "id")) if version else []


def comments_of(act: ModelAct, *, open_only: bool = False) -> QuerySet[DraftComment]:
    """The comments on `act` (already read through `act_get`: whoever sees the act sees
    its comments), oldest first."""
    comments = DraftComment.objects.filter(act=act).select_related(
        "version", "author", "party", "decided_by"
    )
    if open_only:
        comments = comments.filter(disposition="open")
    return comments.order_by("id")


def programme_list() -> QuerySet[HarmonisationProgramme]:
    """The harmonisation programmes: public documents of the assembly."""
    return HarmonisationProgramme.objects.order_by("-first_year", "-id")


def programme_get(pk: Any) -> HarmonisationProgramme:
    try:
        found = programme_list().filter(pk=int(pk)).first()
    except (TypeError, ValueError, OverflowError):
        found = None
    if found is None:
        raise NotFound()
    return found


def items_of(
    programme: HarmonisationProgramme, *, actor: User
) -> list[tuple[ProgrammeItem, ModelAct | None]]:
    """The programme's items, each with its model act when the actor may see that act
    (an act hidden from the actor is not named)."""
    items = list(programme.items.order_by("number"))
    acts = {
        act.pk: act
        for act in act_list(actor=actor).filter(
            pk__in=[i.model_act_id for i in items if i.model_act_id]
        )
    }
    return [(item, acts.get(item.model_act_id or 0)) for item in items]


def programme_items_of(act: ModelAct) -> QuerySet[ProgrammeItem]:
    """The programme items an act (already read through `act_get`) was drafted from."""
    return ProgrammeItem.objects.filter(model_act=act).select_related("programme")


def national_list(*, actor: User) -> QuerySet[NationalAct]:
    return (
        NationalAct.objects.visible_to(actor)
        .select_related("owner")
        .prefetch_related("released_to")
        .order_by("-enacted_on", "-id")
    )


def national_get(*, actor: User, pk: Any) -> NationalAct:
    return get_visible(national_list(actor=actor), actor, pk=pk)


def national_provisions_as_at(
    act: NationalAct, day: dt.date | None = None
) -> list[NationalProvision]:
    """The act's provisions (the act already read through `national_get`), each in the
    version in effect on `day` (today's wording when no day is given: the latest
    version); a provision not yet in effect on `day` is left out. In the order the
    provisions were first recorded."""
    versions = list(NationalProvision.objects.filter(act=act).order_by("id"))
    order: dict[str, int] = {}
    for version in versions:
        order.setdefault(version.eid, version.pk)
    chosen: dict[str, NationalProvision] = {}
    for version in sorted(versions, key=lambda v: v.valid_from):
        if day is None or (
            version.valid_from <= day and (version.valid_to is None or version.valid_to > day)
        ):
            chosen[version.eid] = version
    return sorted(chosen.values(), key=lambda v: order[v.eid])


def national_provision_history(act: NationalAct) -> list[NationalProvision]:
    """Every version of every provision of the act, by provision then date."""
    return list(NationalProvision.objects.filter(act=act).order_by("eid", "valid_from"))


def measures_of(act: NationalAct) -> list[ImplementingMeasure]:
    return list(act.measures.select_related("instrument", "rule"))


def measures_for_instrument(*, actor: User, instrument_code: str) -> QuerySet[ImplementingMeasure]:
    """Beside a treaty: the national acts (visible to the actor) that implement it."""
    return (
        ImplementingMeasure.objects.filter(
            instrument__code=instrument_code,
            act__in=NationalAct.objects.visible_to(actor).values("pk"),
        )
        .select_related("act", "act__owner", "instrument", "rule")
        .order_by("act__owner__code", "area")
    )


def cell_list(*, actor: User) -> QuerySet[ConformityCell]:
    return (
        ConformityCell.objects.visible_to(actor)
        .select_related("owner", "act", "national_act")
        .prefetch_related("released_to")
    )


def cell_get(*, actor: User, pk: Any) -> ConformityCell:
    return get_visible(cell_list(actor=actor), actor, pk=pk)


def cell_history(actor: User, cell: ConformityCell) -> list[TimelineEntry]:
    """The history of a cell (already read through `cell_get`): its writes, labelled, as
    the kernel's `record_timeline` gives them to `actor` (need-to-know applied)."""
    return record_timeline(actor, cell)


def act_timeline(actor: User, act: ModelAct) -> list[TimelineEntry]:
    """The history of a model act (already read through `act_get`), likewise."""
    return record_timeline(actor, act)


def matrix_states() -> QuerySet[Party]:
    """The columns: the member states."""
    return Party.objects.filter(
        active=True, kind=Party.Kind.STATE, standing=Party.Standing.MEMBER
    ).order_by("code")


@dataclass(frozen=True)
class Matrix:
    act: ModelAct
    provisions: list[Provision]
    states: list[Party]
    cells: dict[tuple[str, str], ConformityCell]  # (eid, state code) -> cell
    rollups: dict[str, domain.Rollup]  # state code -> roll-up
    act_rollup: domain.ActRollup
    at: dt.date | None
    as_at: dict[tuple[str, str], str]  # (eid, state code) -> status on `at`
    timeline: list[tuple[dt.date, domain.ActRollup]]


def matrix_get(
    *,
    actor: User,
    act: ModelAct,
    at: dt.date | None = None,
    page_eids: Collection[str] | None = None,
) -> Matrix:
    """The matrix of `act` as the actor may see it: hidden cells count as unknown. With
    `at`, each cell as at that date and roll-ups of what is in force then.

    With `page_eids` (a page of the matrix's rows), the cell records are read for those
    provisions only; the roll-ups and the timeline still count every cell, read as bare
    values (status and dates), which is what makes a page of a large matrix cheap."""
    provisions = provisions_of(act)
    eids = [p.eid for p in provisions]
    states = list(matrix_states())
    visible = ConformityCell.objects.visible_to(actor).filter(act=act)
    columns: dict[str, dict[str, domain.Entry]] = {s.code: {} for s in states}
    # Not `cell_list`: the matrix shows no release lists, and prefetching them for
    # every cell was a third of its time (bench/legislation_matrix.py).
    cell_query = visible.select_related("owner", "national_act")
    if page_eids is None:
        cells = {(cell.provision_eid, cell.owner.code): cell for cell in cell_query}
        for (eid, code), cell in cells.items():
            if code in columns:
                columns[code][eid] = domain.Entry(cell.status, cell.enacted_on, cell.in_force_on)
    else:
        cells = {
            (cell.provision_eid, cell.owner.code): cell
            for cell in cell_query.filter(provision_eid__in=list(page_eids))
        }
        for eid, code, status, enacted_on, in_force_on in visible.values_list(
            "provision_eid", "owner__code", "status", "enacted_on", "in_force_on"
        ):
            if code in columns:
                columns[code][eid] = domain.Entry(status, enacted_on, in_force_on)
    wanted = None if page_eids is None else set(page_eids)
    shown = eids if wanted is None else [eid for eid in eids if eid in wanted]
    if at is None:
        rollups = {code: domain.rollup(column, eids) for code, column in columns.items()}
        as_at: dict[tuple[str, str], str] = {}
    else:
        rollups = {code: domain.rollup_as_at(column, eids, at) for code, column in columns.items()}
        as_at = {
            (eid, code): domain.as_at(column.get(eid, domain.Entry()), at)
            for code, column in columns.items()
            for eid in shown
        }
    return Matrix(
        act=act,
        provisions=provisions,
        states=states,
        cells=cells,
        rollups=rollups,
        act_rollup=domain.act_rollup(rollups.values()),
        at=at,
        as_at=as_at,
        timeline=domain.uptake_timeline(columns, eids),
    )


def desk(*, actor: User) -> dict[str, Any]:
    """What awaits the user: acts awaiting their confirmation of adoption (four eyes),
    adopted acts whose matrix lacks cells of the user's state, drafts in commission."""
    from accord.core.access import party_of

    party = party_of(actor)
    acts = act_list(actor=actor)
    to_confirm = acts.filter(stage="commission", adoption_proposed_by__isnull=False).exclude(
        adoption_proposed_by=actor
    )
    in_commission = acts.filter(stage="commission", adoption_proposed_by__isnull=True)
    to_fill: list[tuple[ModelAct, int]] = []
    if party is not None and party.kind == Party.Kind.STATE:
        for act in acts.filter(stage__in=["adopted", "sent"])[:20]:
            total = len(provisions_of(act))
            mine = ConformityCell.objects.filter(act=act, owner=party).count()
            if mine < total:
                to_fill.append((act, total - mine))
    return {
        "to_confirm": list(to_confirm[:20]),
        "in_commission": list(in_commission[:20]),
        "to_fill": to_fill,
    }


def implementation_table(
    *, actor: User, instrument_code: str | None = None
) -> list[tuple[Any, list[tuple[Party, list[ImplementingMeasure]]]]]:
    """Beside each IHL instrument, per member state, the national measures implementing
    it (only those of national acts the actor may see)."""
    from accord.law.models import Instrument

    measures = ImplementingMeasure.objects.filter(
        act__in=NationalAct.objects.visible_to(actor).values("pk")
    ).select_related("act", "act__owner", "instrument", "rule")
    if instrument_code:
        measures = measures.filter(instrument__code=instrument_code)
    by_instrument: dict[int, dict[str, list[ImplementingMeasure]]] = {}
    for measure in measures.order_by("instrument__code", "act__owner__code", "area"):
        by_instrument.setdefault(measure.instrument_id, {}).setdefault(
            measure.act.owner.code, []
        ).append(measure)
    states = list(matrix_states())
    instruments = Instrument.objects.filter(pk__in=list(by_instrument)).order_by("code")
    return [
        (
            instrument,
            [(state, by_instrument[instrument.pk].get(state.code, [])) for state in states],
        )
        for instrument in instruments
    ]
