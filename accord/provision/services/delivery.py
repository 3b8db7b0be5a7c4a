"""Consignments, their lines, delivery, entering delivered serials into the title
holder's item register, and the acceptance inspection with its discrepancy reports.

A consignment is impossible without a granted authorisation and an end-user certificate
valid on its dispatch date, while the commitment is on hold (clearance re-reviewed or
withdrawn: the gate is asked again, now), or, line by line, while an unfavourable end-use
check holds that category for that end user. A signed inspection is final: changing it
answers 409, and the only way to correct it is a superseding inspection.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, ValidationFailed
from accord.core.guards import require
from accord.core.models import Party
from accord.core.notifications import notify_party
from accord.core.validation import full_clean, reject_unknown
from accord.provision import permissions as may
from accord.provision.domain.reconcile import Reconciliation, fold, reconcile
from accord.provision.models import (
    Commitment,
    Consignment,
    DeliveryHold,
    DeliveryLine,
    Discrepancy,
    Inspection,
)
from accord.provision.services.chain import (
    PROVISION_ROLES,
    current_gate,
    gate_reason_text,
    message_of,
    valid_papers,
)
from accord.provision.services.common import event, lock_commitment, refuse_unless

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

LINE_FIELDS = (
    "identifiers",
    "description",
    "category",
    "quantity",
    "serials",
    "lot",
    "value",
    "currency",
    "physical_location",
    "title_holder",
    "operational_controller",
    "withheld",
)
DISCREPANCY_DAYS = 30


def _check_can_deliver(commitment: Commitment, on: dt.date) -> Any:
    refuse_unless(
        commitment.state == Commitment.State.AUTHORISED,
        _("The commitment has no authorisation and end-user certificate yet."),
    )
    authorisation, certificate = valid_papers(commitment, on)
    refuse_unless(authorisation is not None, _("No granted authorisation is valid on that date."))
    refuse_unless(certificate is not None, _("No end-user certificate is valid on that date."))
    decision = current_gate(commitment)
    if not decision.passed or commitment.hold_reasons:
        reasons = decision.reasons or commitment.hold_reasons
        raise Conflict(
            _("Deliveries are on hold: %(why)s")
            % {"why": " ".join(gate_reason_text(r) for r in reasons)}
        )
    return certificate


@transaction.atomic
def consignment_record(
    *, actor: User, commitment: Commitment, reference: str, dispatched_on: dt.date
) -> Consignment:
    """Dispatch a consignment under an authorised commitment (the supplier's officers)."""
    commitment = lock_commitment(actor, commitment)
    require(may.is_supplier_officer(actor, commitment))
    _check_can_deliver(commitment, dispatched_on)
    consignment = Consignment(
        commitment=commitment, reference=reference, dispatched_on=dispatched_on, created_by=actor
    )
    full_clean(consignment)
    consignment.save()
    event(actor, "consignment.record", commitment, consignment)
    return consignment


def _active_hold(end_user_id: int, category: str) -> DeliveryHold | None:
    return DeliveryHold.objects.filter(
        end_user_id=end_user_id, category=category, lifted_at__isnull=True
    ).first()


@transaction.atomic
def line_add(*, actor: User, consignment: Consignment, **fields: Any) -> DeliveryLine:
    """Add a line to a consignment still in transit."""
    commitment = lock_commitment(actor, consignment.commitment)
    require(may.is_supplier_officer(actor, commitment))
    reject_unknown(fields, LINE_FIELDS)
    consignment = Consignment.objects.select_for_update().get(pk=consignment.pk)
    refuse_unless(
        consignment.state == Consignment.State.IN_TRANSIT,
        _("The consignment is delivered: its lines are final."),
    )
    certificate = _check_can_deliver(commitment, consignment.dispatched_on)
    fields["serials"] = [str(s).strip() for s in fields.get("serials") or [] if str(s).strip()]
    line = DeliveryLine(consignment=consignment, **fields)
    full_clean(line)
    identifiers = line.identifiers
    if not isinstance(identifiers, list) or not all(
        isinstance(pair, dict) and pair.get("scheme") and pair.get("value") for pair in identifiers
    ):
        raise ValidationFailed.single(
            "identifiers", _("Give each identifier as a scheme and a value.")
        )
    hold = _active_hold(certificate.end_user_id, line.category)
    if hold is not None:
        raise Conflict(
            _(
                "Deliveries of this category to this end user are held after an unfavourable "
                "end-use check."
            )
        )
    line.save()
    event(actor, "line.add", commitment, line)
    return line


@transaction.atomic
def consignment_deliver(
    *, actor: User, consignment: Consignment, delivered_on: dt.date
) -> Consignment:
    """Record the consignment's arrival (either side's officers)."""
    commitment = lock_commitment(actor, consignment.commitment)
    require(may.is_party_officer(actor, commitment))
    consignment = Consignment.objects.select_for_update().get(pk=consignment.pk)
    refuse_unless(
        consignment.state == Consignment.State.IN_TRANSIT,
        _("The consignment is already delivered."),
    )
    refuse_unless(consignment.lines.exists(), _("The consignment has no line."))
    if delivered_on < consignment.dispatched_on:
        raise ValidationFailed.single("delivered_on", _("Delivery is before dispatch."))
    consignment.state = Consignment.State.DELIVERED
    consignment.delivered_on = delivered_on
    consignment.save(update_fields=["state", "delivered_on"])
    event(actor, "consignment.deliver", commitment, consignment)
    return consignment


@transaction.atomic
def line_items_register(*, actor: User, line: DeliveryLine) -> list[int]:
    """Enter a delivered line's serials into the title holder's item register (the
    trafficking module's service: one identity across modules, so a later seizure
    matches them). Only the title holder's customs officers may; serials already entered
    are left alone, so running it twice enters nothing new."""
    from accord.trafficking.models.items import Item
    from accord.trafficking.services.items import item_register

    commitment = lock_commitment(actor, line.consignment.commitment)
    party = party_of(actor)
    require(party is not None and party.pk == line.title_holder_id)
    refuse_unless(
        line.consignment.state == Consignment.State.DELIVERED,
        _("Items enter the register once delivered."),
    )
    line = DeliveryLine.objects.select_for_update().get(pk=line.pk)
    entered = dict(line.register_items)
    system = commitment.system_version.system
    for serial in line.serials:
        if serial in entered:
            continue
        existing = Item.objects.filter(owner=party, serial_number=serial, system=system).first()
        item = existing or item_register(
            actor=actor,
            kind=system.category,
            manufacturer=commitment.owner.code,
            model=system.designation[:200],
            serial_number=serial,
            system=system,
            classification=commitment.classification,
        )
        entered[serial] = item.pk
    line.register_items = entered
    line.save(update_fields=["register_items"])
    event(actor, "line.register", commitment, line, after={"entered": entered})
    return list(entered.values())


# --- Acceptance inspection -------------------------------------------------------------------


def declared_serials(consignment: Consignment) -> list[str]:
    return [s for line in consignment.lines.all() for s in line.serials]


def _reconciliation(inspection: Inspection) -> Reconciliation:
    return reconcile(
        declared_serials(inspection.consignment),
        inspection.received_serials,
        inspection.damaged_serials,
    )


def _serial_list(values: Any, field: str) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = values.replace(",", "\n").splitlines()
    if not isinstance(values, list):
        raise ValidationFailed.single(field, _("Give a list of serial numbers."))
    return [str(v).strip() for v in values if str(v).strip()]


@transaction.atomic
def inspection_record(
    *,
    actor: User,
    consignment: Consignment,
    inspected_on: dt.date,
    received_serials: Any = None,
    damaged_serials: Any = None,
    received_unserialised: int = 0,
    notes: str = "",
    supersedes: Inspection | None = None,
) -> Inspection:
    """Record what a delivered consignment's acceptance inspection found (either side's
    officers); it awaits both signatures. `supersedes` replaces a signed inspection."""
    commitment = lock_commitment(actor, consignment.commitment)
    require(may.is_party_officer(actor, commitment))
    consignment = Consignment.objects.select_for_update().get(pk=consignment.pk)
    refuse_unless(
        consignment.state == Consignment.State.DELIVERED,
        _("Only a delivered consignment is inspected."),
    )
    current = consignment.inspections.exclude(state=Inspection.State.SUPERSEDED)
    if supersedes is None:
        refuse_unless(
            not current.exists(),
            _("This consignment already has an inspection: supersede it instead."),
        )
    else:
        supersedes = Inspection.objects.select_for_update().get(pk=supersedes.pk)
        refuse_unless(
            supersedes.consignment_id == consignment.pk
            and supersedes.state == Inspection.State.SIGNED,
            _("Only the signed inspection of this consignment can be superseded."),
        )
    inspection = Inspection(
        consignment=consignment,
        inspected_on=inspected_on,
        received_serials=_serial_list(received_serials, "received_serials"),
        damaged_serials=_serial_list(damaged_serials, "damaged_serials"),
        received_unserialised=received_unserialised,
        notes=notes,
        supersedes=supersedes,
        created_by=actor,
    )
    unknown_damaged = {fold(s) for s in inspection.damaged_serials} - {
        fold(s) for s in inspection.received_serials
    }
    if unknown_damaged:
        raise ValidationFailed.single(
            "damaged_serials", _("A damaged serial must be among those received.")
        )
    inspection.result = _reconciliation(inspection).as_dict()
    full_clean(inspection)
    if supersedes is not None:
        supersedes.state = Inspection.State.SUPERSEDED
        supersedes.save(update_fields=["state"])
    inspection.save()
    event(actor, "inspection.record", commitment, inspection)
    return inspection


def _open_discrepancies(inspection: Inspection, result: dict[str, list[str]]) -> list[Discrepancy]:
    due = timezone.localdate() + dt.timedelta(days=DISCREPANCY_DAYS)
    kinds = (
        (Discrepancy.Kind.SHORTAGE, result.get("missing", [])),
        (Discrepancy.Kind.OVERAGE, result.get("extra", [])),
        (Discrepancy.Kind.DAMAGE, result.get("damaged", [])),
    )
    opened = [
        Discrepancy.objects.create(
            inspection=inspection, kind=kind, serials=serials, quantity=len(serials), due_on=due
        )
        for kind, serials in kinds
        if serials
    ]
    unserialised = sum(
        line.quantity for line in inspection.consignment.lines.all() if not line.serials
    )
    if unserialised != inspection.received_unserialised:
        short = unserialised > inspection.received_unserialised
        opened.append(
            Discrepancy.objects.create(
                inspection=inspection,
                kind=Discrepancy.Kind.SHORTAGE if short else Discrepancy.Kind.OVERAGE,
                quantity=abs(unserialised - inspection.received_unserialised),
                due_on=due,
            )
        )
    return opened


@transaction.atomic
def inspection_sign(*, actor: User, inspection: Inspection) -> Inspection:
    """Sign an inspection for the actor's side (supplier or recipient). Once both have
    signed it is final, and a mismatch opens its discrepancy reports."""
    commitment = lock_commitment(actor, inspection.consignment.commitment)
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    supplier = may.is_supplier_officer(actor, commitment)
    recipient = may.is_recipient_officer(actor, commitment)
    require(supplier or recipient)
    refuse_unless(
        inspection.state == Inspection.State.DRAFT,
        _("A signed inspection is final: record a superseding one."),
    )
    now = timezone.now()
    if supplier and inspection.supplier_signed_at is None:
        inspection.supplier_signed_by, inspection.supplier_signed_at = actor, now
    elif recipient and inspection.recipient_signed_at is None:
        inspection.recipient_signed_by, inspection.recipient_signed_at = actor, now
    else:
        raise Conflict(_("Your side has already signed this inspection."))
    opened: list[Discrepancy] = []
    if inspection.supplier_signed_at and inspection.recipient_signed_at:
        inspection.state = Inspection.State.SIGNED
        opened = _open_discrepancies(inspection, inspection.result)
    inspection.save()
    event(actor, "inspection.sign", commitment, inspection)
    if opened:
        reference = inspection.consignment.reference
        for party in Party.objects.filter(
            pk__in={commitment.owner_id, *may.recipient_ids(commitment)}
        ):
            notify_party(
                party=party,
                roles=PROVISION_ROLES,
                kind="provision.discrepancy",
                message=message_of(
                    _(
                        "The acceptance inspection of consignment %(ref)s opened a "
                        "discrepancy report."
                    ),
                    ref=reference,
                ),
                link=f"/provision/commitments/{commitment.pk}/",
                obj=commitment,
            )
    return inspection


@transaction.atomic
def inspection_update(
    *,
    actor: User,
    inspection: Inspection,
    received_serials: Any = None,
    damaged_serials: Any = None,
    notes: str | None = None,
) -> Inspection:
    """Correct an inspection nobody has signed yet. Once signed by either side it is
    final (409): only a superseding inspection may correct it."""
    commitment = lock_commitment(actor, inspection.consignment.commitment)
    require(may.is_party_officer(actor, commitment))
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    refuse_unless(
        inspection.state == Inspection.State.DRAFT
        and inspection.supplier_signed_at is None
        and inspection.recipient_signed_at is None,
        _("A signed inspection is final: record a superseding one."),
    )
    if received_serials is not None:
        inspection.received_serials = _serial_list(received_serials, "received_serials")
    if damaged_serials is not None:
        inspection.damaged_serials = _serial_list(damaged_serials, "damaged_serials")
    if notes is not None:
        inspection.notes = notes
    inspection.result = _reconciliation(inspection).as_dict()
    inspection.save()
    event(actor, "inspection.update", commitment, inspection)
    return inspection


DISCREPANCY_STEPS = {
    Discrepancy.State.OPEN: {Discrepancy.State.INVESTIGATING, Discrepancy.State.RESOLVED},
    Discrepancy.State.INVESTIGATING: {Discrepancy.State.RESOLVED},
    Discrepancy.State.RESOLVED: set(),
}


@transaction.atomic
def discrepancy_advance(
    *, actor: User, discrepancy: Discrepancy, version: int, state: str, resolution: str = ""
) -> Discrepancy:
    """Move a discrepancy report on (either side's officers); resolving needs a text."""
    commitment = lock_commitment(actor, discrepancy.inspection.consignment.commitment)
    require(may.is_party_officer(actor, commitment))
    refuse_unless(
        state in DISCREPANCY_STEPS.get(discrepancy.state, set()),  # type: ignore[call-overload]
        _("This discrepancy report cannot move to that state."),
    )
    if state == Discrepancy.State.RESOLVED and not resolution.strip():
        raise ValidationFailed.single("resolution", _("Say how it was resolved."))
    discrepancy.state = state
    discrepancy.resolution = resolution
    save_versioned(discrepancy, expected_version=version, fields=["state", "resolution"])
    event(actor, "discrepancy.advance", commitment, discrepancy)
    return discrepancy


MANUAL_KINDS = (Discrepancy.Kind.WRONG_ITEM, Discrepancy.Kind.DOCUMENTATION)


@transaction.atomic
def discrepancy_report(
    *,
    actor: User,
    inspection: Inspection,
    kind: str,
    description: str,
    serials: Any = None,
    quantity: int = 0,
) -> Discrepancy:
    """Open a discrepancy report by hand (either side's officers): a wrong item or faulty
    documentation, which serial reconciliation cannot see. It names what was found and
    runs the same lifecycle to the same due date as one opened by a signed inspection."""
    commitment = lock_commitment(actor, inspection.consignment.commitment)
    require(may.is_party_officer(actor, commitment))
    if kind not in MANUAL_KINDS:
        raise ValidationFailed.single(
            "kind", _("By hand, report a wrong item or a documentation fault.")
        )
    if not str(description or "").strip():
        raise ValidationFailed.single("description", _("Say what was found."))
    named = _serial_list(serials, "serials")
    declared = {fold(s) for s in declared_serials(inspection.consignment)}
    received = {fold(s) for s in inspection.received_serials}
    if any(fold(s) not in declared | received for s in named):
        raise ValidationFailed.single(
            "serials", _("Name serials declared in the consignment or received.")
        )
    discrepancy = Discrepancy(
        inspection=inspection,
        kind=kind,
        description=str(description).strip(),
        serials=named,
        quantity=quantity or len(named),
        due_on=timezone.localdate() + dt.timedelta(days=DISCREPANCY_DAYS),
    )
    full_clean(discrepancy)
    discrepancy.save()
    event(actor, "discrepancy.report", commitment, discrepancy)
    return discrepancy
