"""Writing the conformity matrix: a state fills its own column, one cell at a time.

Who may do what: a member state's parliamentary staff or legal advisers write the cells
of their own state's column (the cell is owned by the state); nobody writes another
state's column, the Secretariat included (it reads every column). A cell exists for a
provision of the act's current version, once the act is adopted. The first save creates
the cell (`version` None), later saves carry the version read (stale: 409). Each save is
one audit event, so a cell's history is its events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, ValidationFailed
from accord.core.guards import require, require_seen, within_clearance
from accord.core.validation import full_clean, reject_unknown
from accord.legislation.models import ConformityCell, ModelAct, NationalAct, Stage
from accord.legislation.models.matrix import DEFAULT_CELL_RELEASE
from accord.legislation.permissions import can_fill_column
from accord.legislation.services.acts import current_version

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

CELL_FIELDS = (
    "status",
    "national_act",
    "national_provisions",
    "enacted_on",
    "in_force_on",
    "evidence",
    "deviation_note",
    "classification",
    "release",
)
MATRIX_STAGES = (Stage.ADOPTED, Stage.SENT)


def _national_act(actor: User, value: Any) -> NationalAct | None:
    """A cited national act must be the actor's own state's, read through `visible_to`."""
    if value in (None, ""):
        return None
    party = party_of(actor)
    found = (
        NationalAct.objects.visible_to(actor)
        .filter(pk=getattr(value, "pk", value), owner=party)
        .first()
    )
    if found is None:
        raise ValidationFailed.single("national_act", _("Choose an act of your own state."))
    return found


@transaction.atomic
def cell_save(
    *,
    actor: User,
    act: ModelAct,
    provision_eid: str,
    version: int | None = None,
    **fields: Any,
) -> ConformityCell:
    """Create or change the actor's state's cell for one provision of `act`."""
    require_seen(actor, act)
    require(can_fill_column(actor))
    reject_unknown(fields, CELL_FIELDS)
    if act.stage not in MATRIX_STAGES:
        raise Conflict(_("The matrix opens once the act is adopted."))
    if not current_version(act).provisions.filter(eid=provision_eid).exists():
        raise ValidationFailed.single("provision_eid", _("The act has no such provision."))
    if "national_act" in fields:
        fields["national_act"] = _national_act(actor, fields["national_act"])
    national = fields.get("national_act")
    if national is not None:
        # The dates follow the act cited unless given.
        fields.setdefault("enacted_on", national.enacted_on)
        fields.setdefault("in_force_on", national.in_force_on)
    party = party_of(actor)
    cell = (
        ConformityCell.objects.select_for_update()
        .filter(act=act, provision_eid=provision_eid, owner=party)
        .first()
    )
    if cell is None:
        if version not in (None, 0):
            raise Conflict()
        cell = ConformityCell(
            act=act, provision_eid=provision_eid, owner=party, release=DEFAULT_CELL_RELEASE
        )
        cell.classification = act.classification
        for name, value in fields.items():
            setattr(cell, name, value)
        within_clearance(actor, cell.classification)
        full_clean(cell)
        cell.save()
        record_event(actor=actor, action="legislation.cell.create", obj=cell, after=snapshot(cell))
        return cell
    if version is None:
        raise Conflict()
    before = snapshot(cell)
    for name, value in fields.items():
        setattr(cell, name, value)
    within_clearance(actor, cell.classification)
    full_clean(cell)
    save_versioned(cell, expected_version=version, fields=list(fields))
    record_event(
        actor=actor, action="legislation.cell.update", obj=cell, before=before, after=snapshot(cell)
    )
    return cell


@dataclass(frozen=True)
class ImportResult:
    saved: int
    unchanged: int
    other_states: int


@transaction.atomic
def matrix_import(
    *, actor: User, act: ModelAct, content: bytes, file_format: str = "xlsx"
) -> ImportResult:
    """Import a matrix workbook (as `exchange.matrix_xlsx` writes it) into the actor's
    state's column, in one transaction: a bad row rejects the whole file, naming the row.
    Rows of other states' columns are left alone (counted); a row without a status is
    skipped; a row equal to the stored cell writes nothing; a changed row carries the
    version it was exported with (stale: the file is refused)."""
    from accord.legislation import exchange

    require_seen(actor, act)
    require(can_fill_column(actor))
    party = party_of(actor)
    assert party is not None
    try:
        rows = exchange.read_cells(content, file_format=file_format)
    except exchange.RowError as exc:
        raise ValidationFailed.single("file", _row_message(exc.row, exc.message)) from exc
    saved = unchanged = others = 0
    own_acts = {
        a.frbr_work: a
        for a in NationalAct.objects.visible_to(actor).filter(owner=party).exclude(frbr_work="")
    }
    for row in rows:
        if row.act != act.number:
            raise ValidationFailed.single(
                "file", _row_message(row.number, _("The row belongs to another model act."))
            )
        if row.state != party.code:
            others += 1
            continue
        if not row.status:
            continue
        fields: dict[str, Any] = {"status": row.status, **row.fields}
        if row.national_act:
            if row.national_act not in own_acts:
                raise ValidationFailed.single(
                    "file", _row_message(row.number, _("Choose an act of your own state."))
                )
            fields["national_act"] = own_acts[row.national_act]
        else:
            fields["national_act"] = None
        current = ConformityCell.objects.filter(
            act=act, provision_eid=row.provision_eid, owner=party
        ).first()
        if current is not None and all(getattr(current, k) == v for k, v in fields.items()):
            unchanged += 1
            continue
        try:
            cell_save(
                actor=actor,
                act=act,
                provision_eid=row.provision_eid,
                version=row.version,
                **fields,
            )
        except (ValidationFailed, Conflict) as exc:
            detail = "; ".join(
                str(m) for msgs in getattr(exc, "errors", {}).values() for m in msgs
            ) or str(exc.message)
            raise ValidationFailed.single("file", _row_message(row.number, detail)) from exc
        saved += 1
    return ImportResult(saved=saved, unchanged=unchanged, other_states=others)


def _row_message(row: int, message: Any) -> str:
    return str(_("Row %(row)s: %(message)s") % {"row": row, "message": message})
