"""Tracing requests between parties: every write.

Each step checks that the actor is a customs or law-enforcement officer of the right side
(the requesting party sends, closes and withdraws; the requested party acknowledges and
answers), writes under a row lock, records its audit event and notifies the other side.
Notifications carry only the reference, and go only to officers cleared to open the
request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event
from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.guards import within_clearance
from accord.core.models import Classification, Party, Release
from accord.core.notifications import notify_users
from accord.core.permissions import has_any_role
from accord.core.roles import Role
from accord.core.validation import full_clean
from accord.trafficking.models.tracing import (
    TracingItem,
    TracingRequest,
    TracingTransfer,
    default_due_date,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


S = TracingRequest.State
OFFICERS = (Role.CUSTOMS_OFFICER,)
ITEM_FIELDS = ("kind", "manufacturer", "model", "serial_number", "other_markings")
TRANSFER_FIELDS = ("date", "from_holder", "to_holder", "document_reference")
DEFAULT_REMIND_DAYS_BEFORE = 7


# --- Checks -----------------------------------------------------------------------------------


def _officer_party(actor: User) -> Party:
    """The party the actor acts for, when the actor is one of its officers."""
    party = party_of(actor)
    if party is None or not has_any_role(actor, *OFFICERS):
        raise PermissionDenied()
    return party


def _lock(actor: User, request: TracingRequest) -> TracingRequest:
    """Re-read the request under a row lock; a request the actor may not see is not found."""
    locked = TracingRequest.objects.select_for_update().filter(pk=request.pk).first()
    if locked is None or not can_see(actor, locked):
        raise NotFound()
    return locked


def _require_side(actor: User, request: TracingRequest, *, requesting: bool) -> Party:
    party = _officer_party(actor)
    side = request.owner_id if requesting else request.requested_party_id
    if party.pk != side:
        raise PermissionDenied(
            _("Only the requesting party may do this.")
            if requesting
            else _("Only the requested party may do this.")
        )
    return party


def _require_state(request: TracingRequest, *allowed: str) -> None:
    if request.state not in allowed:
        raise Conflict(
            _("Not possible while the tracing request is %(state)s.")
            % {"state": request.get_state_display()}
        )


def _require_version(request: TracingRequest, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != request.version:
        raise Conflict()


def _link(request: TracingRequest) -> str:
    return reverse("trafficking:tracing-request", kwargs={"pk": request.pk})


def _notify(party_id: int, request: TracingRequest, kind: str, message: Any) -> None:
    """Notify the officers of one side who are cleared to open the request: even its
    reference is not for those who could not see it."""
    from accord.accounts.models import User

    users = (
        User.objects.filter(
            party_id=party_id,
            is_active=True,
            groups__name__in=list(OFFICERS),
            clearance__gte=request.classification,
        )
        .distinct()
        .order_by("pk")
    )
    notify_users(
        users=users,
        kind=f"trafficking.tracing.{kind}",
        message=message,
        link=_link(request),
        obj=request,
    )


def _step(
    actor: User,
    request: TracingRequest,
    *,
    to: str,
    changes: Mapping[str, Any],
    audit_extra: Mapping[str, Any] | None = None,
) -> TracingRequest:
    """Move the (locked) request to state `to` with `changes`, and audit it."""
    before = {"state": request.state}
    request.state = to
    for name, value in changes.items():
        setattr(request, name, value)
    full_clean(request, exclude=["released_to"])
    request.version += 1
    request.save(update_fields=["state", "version", *changes])
    record_event(
        actor=actor,
        action=f"trafficking.tracing.{to}",
        obj=request,
        before=before,
        after={"state": to, **changes, **(audit_extra or {})},
    )
    return request


# --- Sending ----------------------------------------------------------------------------------


def _next_reference(owner: Party) -> str:
    year = timezone.localdate().year
    prefix = f"TR-{year}-{owner.code}-"
    taken = TracingRequest.objects.filter(reference__startswith=prefix).count()
    return f"{prefix}{taken + 1:04d}"


def _clean_items(actor: User, items: Iterable[Mapping[str, Any]]) -> list[TracingItem]:
    rows: list[TracingItem] = []
    for number, data in enumerate(items, start=1):
        unknown = set(data) - {*ITEM_FIELDS, "incident_item"}
        if unknown:
            raise ValidationFailed.single(
                "items",
                _("Item %(n)s: unknown field %(f)s.")
                % {"n": number, "f": ", ".join(sorted(unknown))},
            )
        values = {name: str(data.get(name) or "").strip() for name in ITEM_FIELDS}
        if not (values["serial_number"] or values["other_markings"]):
            raise ValidationFailed.single(
                "items",
                _("Item %(n)s: give its serial number or its other markings.") % {"n": number},
            )
        incident_item = data.get("incident_item")
        if incident_item is not None:
            incident_item = incident_item_visible(actor, incident_item)
        row = TracingItem(**values, incident_item=incident_item)
        try:
            full_clean(row, exclude=["request"])
        except ValidationFailed as exc:
            raise ValidationFailed(
                {
                    "items": [
                        _("Item %(n)s: %(field)s: %(error)s")
                        % {"n": number, "field": field, "error": message}
                        for field, messages in exc.errors.items()
                        for message in messages
                    ]
                }
            ) from exc
        rows.append(row)
    if not rows:
        raise ValidationFailed.single("items", _("Name at least one item to trace."))
    return rows


def incident_item_visible(actor: User, incident_item: Any) -> Any:
    """An incident item (or its id) resolved through the incidents the actor may see."""
    from accord.trafficking.models import Incident, IncidentItem

    pk = getattr(incident_item, "pk", incident_item)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    found = (
        IncidentItem.objects.filter(pk=pk, incident__in=Incident.objects.visible_to(actor))
        .select_related("incident")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


@transaction.atomic
def tracing_request_send(
    *,
    actor: User,
    requested_party: Party,
    items: Iterable[Mapping[str, Any]],
    circumstances: str,
    grounds: str,
    intended_use: str = "",
    legal_basis: str = "",
    requested_information: str = "",
    due_date: dt.date | None = None,
    confidentiality: str = "",
    incident: Any = None,
    classification: int = Classification.RESTRICTED,
) -> TracingRequest:
    """Send a tracing request to another party about one or more items; that party's
    officers are notified."""
    party = _officer_party(actor)
    if requested_party.pk == party.pk:
        raise ValidationFailed.single(
            "requested_party", _("A tracing request goes to another party.")
        )
    if not requested_party.active:
        raise ValidationFailed.single("requested_party", _("This party is not active."))
    within_clearance(actor, classification)
    if incident is not None:
        from accord.trafficking.models import Incident

        pk = getattr(incident, "pk", incident)
        incident = Incident.objects.visible_to(actor).filter(pk=pk).first()
        if incident is None:
            raise NotFound()
    today = timezone.localdate()
    due_date = due_date or default_due_date()
    if due_date <= today:
        raise ValidationFailed.single("due_date", _("The due date must be after today."))
    rows = _clean_items(actor, items)
    request = TracingRequest(
        owner=party,
        classification=classification,
        release=Release.OWNER,
        reference=_next_reference(party),
        requested_party=requested_party,
        incident=incident,
        circumstances=(circumstances or "").strip(),
        grounds=(grounds or "").strip(),
        intended_use=(intended_use or "").strip(),
        legal_basis=(legal_basis or "").strip(),
        requested_information=(requested_information or "").strip(),
        due_date=due_date,
        confidentiality=(confidentiality or "").strip(),
        state=S.SENT,
        sent_by=actor,
        sent_at=timezone.now(),
    )
    full_clean(request, exclude=["released_to", "reference"])
    for _attempt in range(5):
        try:
            with transaction.atomic():
                request.save()
            break
        except IntegrityError:  # a reference taken concurrently: take the next one
            request.pk = None
            request.reference = request.reference[:-4] + f"{int(request.reference[-4:]) + 1:04d}"
    else:
        raise Conflict()
    for row in rows:
        row.request = request
    TracingItem.objects.bulk_create(rows)
    record_event(
        actor=actor,
        action="trafficking.tracing.send",
        obj=request,
        after={
            "requested_party": requested_party.code,
            "incident": incident.pk if incident is not None else None,
            "due_date": due_date,
            "items": [{name: getattr(r, name) for name in ITEM_FIELDS} for r in rows],
        },
    )
    reference = request.reference
    sender = party.code
    _notify(
        requested_party.pk,
        request,
        "received",
        lambda: (
            _("Tracing request %(ref)s received from %(party)s.")
            % {"ref": reference, "party": sender}
        ),
    )
    return request


# --- The steps --------------------------------------------------------------------------------


@transaction.atomic
def tracing_request_acknowledge(
    *, actor: User, request: TracingRequest, expected_version: int | None = None
) -> TracingRequest:
    """The requested party confirms it has received the request and is tracing."""
    request = _lock(actor, request)
    _require_side(actor, request, requesting=False)
    _require_state(request, S.SENT)
    _require_version(request, expected_version)
    _step(actor, request, to=S.ACKNOWLEDGED, changes={"acknowledged_at": timezone.now()})
    reference = request.reference
    _notify(
        request.owner_id,
        request,
        "acknowledged",
        lambda: _("Tracing request %(ref)s was acknowledged.") % {"ref": reference},
    )
    return request


def _clean_transfers(transfers: Iterable[Mapping[str, Any]]) -> list[TracingTransfer]:
    rows: list[TracingTransfer] = []
    for number, data in enumerate(transfers, start=1):
        unknown = set(data) - set(TRANSFER_FIELDS)
        if unknown:
            raise ValidationFailed.single(
                "transfers",
                _("Transfer %(n)s: unknown field %(f)s.")
                % {"n": number, "f": ", ".join(sorted(unknown))},
            )
        values = {
            name: (str(data.get(name) or "").strip() if name != "date" else data.get(name))
            for name in TRANSFER_FIELDS
        }
        if isinstance(values["date"], str):
            try:
                values["date"] = dt.date.fromisoformat(values["date"]) if values["date"] else None
            except ValueError:
                raise ValidationFailed.single(
                    "transfers",
                    _("Transfer %(n)s: the date is not a valid date (YYYY-MM-DD).") % {"n": number},
                ) from None
        if not any(values[name] for name in TRANSFER_FIELDS):
            continue  # an empty row of the form
        if not (values["from_holder"] or values["to_holder"]):
            raise ValidationFailed.single(
                "transfers",
                _("Transfer %(n)s: name who transferred the item or who received it.")
                % {"n": number},
            )
        row = TracingTransfer(**values)
        try:
            full_clean(row, exclude=["request"])
        except ValidationFailed as exc:
            raise ValidationFailed(
                {
                    "transfers": [
                        _("Transfer %(n)s: %(field)s: %(error)s")
                        % {"n": number, "field": field, "error": message}
                        for field, messages in exc.errors.items()
                        for message in messages
                    ]
                }
            ) from exc
        rows.append(row)
    return rows


@transaction.atomic
def tracing_request_answer(
    *,
    actor: User,
    request: TracingRequest,
    outcome: str,
    answer: str,
    last_legal_holder: str = "",
    transfers: Iterable[Mapping[str, Any]] = (),
    expected_version: int | None = None,
) -> TracingRequest:
    """The requested party answers: fully, partially, or that the item cannot be traced,
    with the last known legal holder and the transfer history it can give."""
    request = _lock(actor, request)
    _require_side(actor, request, requesting=False)
    _require_state(request, S.SENT, S.ACKNOWLEDGED)
    _require_version(request, expected_version)
    if outcome not in TracingRequest.Outcome.values:
        raise ValidationFailed.single("outcome", _("Choose the outcome of the tracing."))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationFailed.single("answer", _("Write the answer."))
    last_legal_holder = (last_legal_holder or "").strip()
    if outcome == TracingRequest.Outcome.FULL and not last_legal_holder:
        raise ValidationFailed.single(
            "last_legal_holder", _("A full answer names the last known legal holder.")
        )
    rows = _clean_transfers(transfers)
    now = timezone.now()
    changes: dict[str, Any] = {
        "outcome": outcome,
        "answer": answer,
        "last_legal_holder": last_legal_holder,
        "answered_at": now,
        "answered_by": actor,
    }
    if request.acknowledged_at is None:  # answering at once acknowledges too
        changes["acknowledged_at"] = now
    for row in rows:
        row.request = request
    TracingTransfer.objects.bulk_create(rows)
    _step(
        actor,
        request,
        to=S.ANSWERED,
        changes=changes,
        audit_extra={
            "answered_by": actor.pk,
            "transfers": [{name: getattr(r, name) for name in TRANSFER_FIELDS} for r in rows],
        },
    )
    reference = request.reference
    label = request.get_outcome_display
    _notify(
        request.owner_id,
        request,
        "answered",
        lambda: (
            _("Tracing request %(ref)s was answered: %(outcome)s.")
            % {"ref": reference, "outcome": label()}
        ),
    )
    return request


@transaction.atomic
def tracing_request_close(
    *, actor: User, request: TracingRequest, expected_version: int | None = None
) -> TracingRequest:
    """The requesting party closes an answered request."""
    request = _lock(actor, request)
    _require_side(actor, request, requesting=True)
    _require_state(request, S.ANSWERED)
    _require_version(request, expected_version)
    _step(actor, request, to=S.CLOSED, changes={"closed_at": timezone.now()})
    reference = request.reference
    _notify(
        request.requested_party_id,
        request,
        "closed",
        lambda: _("Tracing request %(ref)s was closed.") % {"ref": reference},
    )
    return request


@transaction.atomic
def tracing_request_withdraw(
    *,
    actor: User,
    request: TracingRequest,
    reason: str,
    expected_version: int | None = None,
) -> TracingRequest:
    """The requesting party withdraws a request not yet answered."""
    request = _lock(actor, request)
    _require_side(actor, request, requesting=True)
    _require_state(request, S.SENT, S.ACKNOWLEDGED)
    _require_version(request, expected_version)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed.single("reason", _("Give the reason for the withdrawal."))
    _step(
        actor,
        request,
        to=S.WITHDRAWN,
        changes={"withdrawn_at": timezone.now(), "withdrawal_reason": reason},
    )
    reference = request.reference
    _notify(
        request.requested_party_id,
        request,
        "withdrawn",
        lambda: _("Tracing request %(ref)s was withdrawn.") % {"ref": reference},
    )
    return request


# --- Reminders --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderResult:
    before_due: int
    overdue: int


def tracing_reminders_send(
    *, actor: User | None = None, today: dt.date | None = None
) -> ReminderResult:
    """Remind the requested party of open requests due within
    `ACCORD_TRACING_REMIND_DAYS_BEFORE` days (7 unless configured), and both sides of
    overdue ones. Each reminder is sent once: the request records it, with a conditional
    update, so running this twice (or twice at once) reminds once."""
    today = today or timezone.localdate()
    days_before = int(
        getattr(settings, "ACCORD_TRACING_REMIND_DAYS_BEFORE", DEFAULT_REMIND_DAYS_BEFORE)
    )
    open_requests = TracingRequest.objects.filter(state__in=TracingRequest.OPEN_STATES)
    before_due = 0
    overdue = 0
    soon = open_requests.filter(
        due_date__gte=today,
        due_date__lte=today + dt.timedelta(days=days_before),
        reminded_before_at__isnull=True,
    )
    for pk in list(soon.values_list("pk", flat=True)):
        with transaction.atomic():
            now = timezone.now()
            if not TracingRequest.objects.filter(pk=pk, reminded_before_at__isnull=True).update(
                reminded_before_at=now
            ):
                continue
            request = TracingRequest.objects.get(pk=pk)
            record_event(
                actor=actor,
                action="trafficking.tracing.remind_before_due",
                obj=request,
                after={"due_date": request.due_date},
            )
            reference, due = request.reference, request.due_date
            _notify(
                request.requested_party_id,
                request,
                "reminder",
                lambda ref=reference, due=due: (
                    _("Reminder: tracing request %(ref)s is due on %(date)s.")
                    % {"ref": ref, "date": due.isoformat()}
                ),
            )
            before_due += 1
    late = open_requests.filter(due_date__lt=today, reminded_overdue_at__isnull=True)
    for pk in list(late.values_list("pk", flat=True)):
        with transaction.atomic():
            now = timezone.now()
            if not TracingRequest.objects.filter(pk=pk, reminded_overdue_at__isnull=True).update(
                reminded_overdue_at=now
            ):
                continue
            request = TracingRequest.objects.get(pk=pk)
            record_event(
                actor=actor,
                action="trafficking.tracing.remind_overdue",
                obj=request,
                after={"due_date": request.due_date},
            )
            reference, due = request.reference, request.due_date
            for party_id in (request.requested_party_id, request.owner_id):
                _notify(
                    party_id,
                    request,
                    "overdue",
                    lambda ref=reference, due=due: (
                        _("Tracing request %(ref)s is overdue: it was due on %(date)s.")
                        % {"ref": ref, "date": due.isoformat()}
                    ),
                )
            overdue += 1
    return ReminderResult(before_due=before_due, overdue=overdue)
