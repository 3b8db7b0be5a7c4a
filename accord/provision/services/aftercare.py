"""After delivery: end-use checks (and the holds an unfavourable rating puts on new
deliveries), retransfer requests with the supplier's consent, and the annual returns.

- An end-use check is scheduled and rated by the supplier's officers; an unfavourable
  rating notifies the supplier and holds new deliveries of that category to that end
  user until the supplier's legal adviser lifts the hold with a reason.
- A retransfer is requested by the holder (a receiving party's officer); for items
  supplied on preferential terms it completes only within the supplier's written consent,
  scoped to the serials and the recipient named (`domain.consent`).
- A return is prepared by the reporting party's officers from the deliveries, kept as a
  draft and then submitted (final). The ATT report is offered only to parties bound by the
  ATT on the reporting period (the law base decides).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, ValidationFailed
from accord.core.guards import require, require_seen
from accord.core.models import Party, Release
from accord.core.notifications import notify_party
from accord.core.validation import full_clean
from accord.provision import permissions as may
from accord.provision.domain.consent import serials_outside_consent
from accord.provision.domain.returns import DeliveryFact, att_rows, unroca_rows
from accord.provision.models import (
    Commitment,
    Consignment,
    DeliveryHold,
    DeliveryLine,
    Disposal,
    EndUseCheck,
    RetransferRequest,
    Return,
)
from accord.provision.services.chain import PROVISION_ROLES, message_of
from accord.provision.services.common import event, lock_commitment, refuse_unless

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


# --- End-use checks --------------------------------------------------------------------------


@transaction.atomic
def check_schedule(
    *, actor: User, commitment: Commitment, kind: str, risk: str, due_on: dt.date
) -> EndUseCheck:
    """Schedule an end-use check (the supplier's officers)."""
    commitment = lock_commitment(actor, commitment)
    require(may.is_supplier_officer(actor, commitment))
    check = EndUseCheck(commitment=commitment, kind=kind, risk=risk, due_on=due_on)
    full_clean(check)
    check.save()
    event(actor, "check.schedule", commitment, check)
    return check


@transaction.atomic
def check_rate(
    *, actor: User, check: EndUseCheck, rating: str, justification: str, done_on: dt.date
) -> EndUseCheck:
    """Rate a check, with a written justification. Unfavourable: the supplier is told and
    new deliveries of the delivered categories to the end user are held."""
    commitment = lock_commitment(actor, check.commitment)
    require(may.is_supplier_officer(actor, commitment))
    check = EndUseCheck.objects.select_for_update().get(pk=check.pk)
    refuse_unless(not check.rating, _("This check is already rated."))
    if not justification.strip():
        raise ValidationFailed.single("justification", _("Justify the rating in writing."))
    check.rating, check.justification, check.done_on = rating, justification, done_on
    full_clean(check)
    check.save()
    event(actor, "check.rate", commitment, check)
    if rating == EndUseCheck.Rating.UNFAVOURABLE:
        certificate = commitment.certificates.order_by("-id").first()
        categories = sorted(
            set(
                DeliveryLine.objects.filter(consignment__commitment=commitment).values_list(
                    "category", flat=True
                )
            )
        )
        if certificate is not None and categories:
            hold = DeliveryHold.objects.create(
                check_record=check, end_user=certificate.end_user, category=categories[0]
            )
            for category in categories[1:]:
                # One hold per category; the first is the check's own.
                DeliveryHold.objects.create(
                    check_record=EndUseCheck.objects.create(
                        commitment=commitment,
                        kind=check.kind,
                        risk=check.risk,
                        due_on=check.due_on,
                        done_on=done_on,
                        rating=rating,
                        justification=justification,
                    ),
                    end_user=certificate.end_user,
                    category=category,
                )
            event(actor, "hold.place", commitment, hold)
        notify_party(
            party=commitment.owner,
            roles=PROVISION_ROLES,
            kind="provision.unfavourable",
            message=lambda: _("An end-use check was rated unfavourable; new deliveries are held."),
            link=f"/provision/commitments/{commitment.pk}/",
            obj=commitment,
        )
    return check


@transaction.atomic
def hold_lift(*, actor: User, hold: DeliveryHold, reason: str) -> DeliveryHold:
    """Lift a delivery hold by a decision (the supplier's legal adviser), with a reason."""
    commitment = lock_commitment(actor, hold.check_record.commitment)
    require(may.is_supplier_legal(actor, commitment))
    refuse_unless(hold.lifted_at is None, _("This hold is already lifted."))
    if not reason.strip():
        raise ValidationFailed.single("reason", _("Give the decision's reason."))
    hold.lifted_at, hold.lifted_reason = timezone.now(), reason
    hold.save(update_fields=["lifted_at", "lifted_reason"])
    event(actor, "hold.lift", commitment, hold)
    return hold


def checks_overdue(today: dt.date | None = None) -> Any:
    today = today or timezone.localdate()
    return EndUseCheck.objects.filter(rating="", closed_reason="", due_on__lt=today).select_related(
        "commitment__owner", "commitment__requirement"
    )


@transaction.atomic
def checks_remind(*, today: dt.date | None = None) -> int:
    """Remind the supplier of each overdue check, once a week at most (a daily job, safe to
    run twice a day). Returns the number of reminders sent."""
    today = today or timezone.localdate()
    checks_plan(today=today)
    sent = 0
    for check in checks_overdue(today).select_for_update(of=("self",)):
        if check.reminded_on and (today - check.reminded_on).days < 7:
            continue
        due = check.due_on
        notify_party(
            party=check.commitment.owner,
            roles=PROVISION_ROLES,
            kind="provision.check_overdue",
            message=message_of(
                _("An end-use check due on %(due)s is overdue."), due=due.isoformat()
            ),
            link=f"/provision/commitments/{check.commitment_id}/",
            obj=check.commitment,
        )
        check.reminded_on = today
        check.save(update_fields=["reminded_on"])
        sent += 1
    return sent


# The schedule of end-use checks per risk class: the kind of the next check and how many
# days after the last one it falls due. The daily job (`checks_remind`) plans the next
# check of every commitment whose checks are all done, from its latest check's risk class.
CHECK_SCHEDULE: dict[str, tuple[str, int]] = {
    EndUseCheck.Risk.LOW: (EndUseCheck.Kind.ROUTINE, 365),
    EndUseCheck.Risk.MEDIUM: (EndUseCheck.Kind.ROUTINE, 180),
    EndUseCheck.Risk.HIGH: (EndUseCheck.Kind.ENHANCED, 90),
}


def _pending_checks() -> Any:
    return EndUseCheck.objects.filter(rating="", closed_reason="")


@transaction.atomic
def checks_plan(*, today: dt.date | None = None) -> int:
    """Create the next end-use check due for every commitment with deliveries whose
    checks are all rated, by its latest check's risk class (`CHECK_SCHEDULE`); a
    commitment whose delivered items are all disposed of or returned gets none. Safe to
    run twice: a commitment with a pending check is left alone. Returns how many were
    created. The system schedules them, so their audit events have no actor."""
    today = today or timezone.localdate()
    pending = _pending_checks().values("commitment")
    # The joins would repeat a commitment; PostgreSQL locks no DISTINCT rows, so the
    # commitments are chosen in a subquery and locked by id.
    chosen = (
        Commitment.objects.filter(
            checks__isnull=False, consignments__state=Consignment.State.DELIVERED
        )
        .exclude(pk__in=pending)
        .values("pk")
    )
    candidates = (
        Commitment.objects.filter(pk__in=chosen).order_by("pk").select_for_update(of=("self",))
    )
    created = 0
    for commitment in candidates:
        if obligations_closed(commitment):
            continue
        latest = commitment.checks.order_by("-due_on", "-id").first()
        if latest is None or latest.risk not in CHECK_SCHEDULE:
            continue
        kind, days = CHECK_SCHEDULE[latest.risk]
        after = latest.done_on or latest.due_on
        check = EndUseCheck.objects.create(
            commitment=commitment,
            kind=kind,
            risk=latest.risk,
            due_on=max(after + dt.timedelta(days=days), today),
        )
        event(None, "check.plan", commitment, check)
        created += 1
    return created


# --- Disposal or return ----------------------------------------------------------------------


def disposed_serials(commitment: Commitment) -> set[str]:
    return {
        str(s)
        for serials in commitment.disposals.values_list("serials", flat=True)
        for s in serials
    }


def obligations_closed(commitment: Commitment) -> bool:
    """Whether every item delivered under the commitment is disposed of or returned."""
    lines = DeliveryLine.objects.filter(
        consignment__commitment=commitment, consignment__state=Consignment.State.DELIVERED
    )
    serials = {s for line in lines for s in line.serials}
    unserialised = sum(line.quantity for line in lines if not line.serials)
    if not serials and not unserialised:
        return False
    done = commitment.disposals.all()
    return serials <= disposed_serials(commitment) and unserialised <= sum(d.quantity for d in done)


@transaction.atomic
def disposal_record(
    *,
    actor: User,
    commitment: Commitment,
    kind: str,
    method: str,
    done_on: dt.date,
    witnesses: list[Party],
    serials: Any = None,
    quantity: int = 0,
    certificate: Any = None,
    notes: str = "",
) -> Disposal:
    """Record the disposal of delivered items, or their return to the supplier (the
    holder's officers, i.e. the receiving side's, or the supplier's for a return): the
    method, date, witnessing parties and the certificate (its SHA-256 kept). It closes the
    items' obligations: retransfers naming them are refused, and once every delivered item
    is disposed of or returned, the commitment's pending end-use checks close."""
    import hashlib

    commitment = lock_commitment(actor, commitment)
    require(may.is_party_officer(actor, commitment))
    if kind not in Disposal.Kind.values:
        raise ValidationFailed.single("kind", _("Choose disposal or return."))
    if isinstance(serials, str):
        serials = serials.replace(",", "\n").splitlines()
    named = [str(x).strip() for x in serials or [] if str(x).strip()]
    if len(set(named)) != len(named):
        raise ValidationFailed.single("serials", _("A serial number is repeated."))
    lines = DeliveryLine.objects.filter(
        consignment__commitment=commitment, consignment__state=Consignment.State.DELIVERED
    )
    delivered = {x for line in lines for x in line.serials}
    if not set(named) <= delivered:
        raise ValidationFailed.single("serials", _("Name serials delivered under this commitment."))
    gone = sorted(set(named) & disposed_serials(commitment))
    if gone:
        raise Conflict(
            _("Already disposed of or returned: %(serials)s.") % {"serials": ", ".join(gone[:20])}
        )
    if not named and not quantity:
        raise ValidationFailed.single("serials", _("Name the serials, or the number of items."))
    if not witnesses:
        raise ValidationFailed.single("witnesses", _("Name at least one witnessing party."))
    if done_on > timezone.localdate():
        raise ValidationFailed.single("done_on", _("The date is in the future."))
    disposal = Disposal(
        commitment=commitment,
        kind=kind,
        method=method,
        done_on=done_on,
        serials=named,
        quantity=quantity or 0,
        notes=notes,
        recorded_by=actor,
    )
    if certificate is not None:
        digest = hashlib.sha256()
        for chunk in certificate.chunks():
            digest.update(chunk)
        disposal.certificate_name = str(getattr(certificate, "name", ""))[:255]
        disposal.certificate_sha256 = digest.hexdigest()
    full_clean(disposal, exclude=["witnesses"])
    disposal.save()
    disposal.witnesses.set(witnesses)
    event(
        actor,
        "disposal.record",
        commitment,
        disposal,
        after={
            "part": "disposal",
            "part_id": disposal.pk,
            "kind": kind,
            "serials": named,
            "quantity": disposal.quantity,
            "witnesses": sorted(p.code for p in witnesses),
            "certificate_sha256": disposal.certificate_sha256,
        },
    )
    if obligations_closed(commitment):
        closed = _pending_checks().filter(commitment=commitment)
        for check in closed:
            check.closed_reason = str(_("Every item was disposed of or returned."))[:300]
            check.save(update_fields=["closed_reason"])
            event(actor, "check.close", commitment, check)
    return disposal


# --- Retransfer ------------------------------------------------------------------------------


@transaction.atomic
def retransfer_request(
    *,
    actor: User,
    commitment: Commitment,
    serials: list[str],
    recipient: Party,
    purpose: str,
) -> RetransferRequest:
    """The holder asks to retransfer delivered items (or change their end use). The
    request is released to the supplier."""
    commitment = lock_commitment(actor, commitment)
    require(may.is_recipient_officer(actor, commitment))
    delivered = {
        s
        for line in DeliveryLine.objects.filter(
            consignment__commitment=commitment, consignment__state=Consignment.State.DELIVERED
        )
        for s in line.serials
    }
    serials = [str(s).strip() for s in serials if str(s).strip()]
    if not serials or not set(serials) <= delivered:
        raise ValidationFailed.single("serials", _("Name serials delivered under this commitment."))
    gone = sorted(set(serials) & disposed_serials(commitment))
    if gone:
        raise Conflict(
            _("Disposed of or returned, no longer under obligations: %(serials)s.")
            % {"serials": ", ".join(gone[:20])}
        )
    request = RetransferRequest(
        owner=party_of(actor),
        classification=commitment.classification,
        release=Release.LISTED,
        commitment=commitment,
        serials=serials,
        recipient=recipient,
        purpose=purpose,
    )
    full_clean(request)
    request.save()
    request.released_to.set([commitment.owner])
    record_event(
        actor=actor, action="provision.retransfer.request", obj=request, after=snapshot(request)
    )
    return request


@transaction.atomic
def retransfer_consent(
    *,
    actor: User,
    request: RetransferRequest,
    version: int,
    consent: bool,
    text: str,
    serials: list[str] | None = None,
) -> RetransferRequest:
    """The supplier's written answer (its legal adviser): consent, scoped to the serials
    named (all those requested by default) and the request's recipient; or refusal."""
    require_seen(actor, request)
    require(may.is_supplier_legal(actor, request.commitment))
    refuse_unless(
        request.state == RetransferRequest.State.REQUESTED, _("This request is already answered.")
    )
    if not text.strip():
        raise ValidationFailed.single("text", _("Consent or refusal is given in writing."))
    scope = [str(s).strip() for s in (serials if serials is not None else request.serials)]
    if consent and not set(scope) <= set(request.serials):
        raise ValidationFailed.single("serials", _("Consent only serials that were requested."))
    request.state = (
        RetransferRequest.State.CONSENTED if consent else RetransferRequest.State.REFUSED
    )
    request.consent_text = text
    request.consented_serials = scope if consent else []
    request.consented_by, request.consented_at = actor, timezone.now()
    save_versioned(
        request,
        expected_version=version,
        fields=["state", "consent_text", "consented_serials", "consented_by", "consented_at"],
    )
    record_event(
        actor=actor, action="provision.retransfer.answer", obj=request, after=snapshot(request)
    )
    return request


@transaction.atomic
def retransfer_complete(
    *, actor: User, request: RetransferRequest, version: int, serials: list[str], recipient: Party
) -> RetransferRequest:
    """Move the items (the holder). Preferential-terms items move only within the consent:
    serials or a recipient outside it answer 409 and nothing moves."""
    require_seen(actor, request)
    require(request.owner_id == getattr(party_of(actor), "pk", None) and may.is_officer(actor))
    refuse_unless(
        request.state in (RetransferRequest.State.REQUESTED, RetransferRequest.State.CONSENTED),
        _("This request is closed."),
    )
    preferential = request.commitment.terms == Commitment.Terms.PREFERENTIAL
    outside = serials_outside_consent(
        preferential=preferential,
        moving=serials,
        recipient=recipient.code,
        consented=request.consented_serials,
        consented_recipient=request.recipient.code
        if request.state == RetransferRequest.State.CONSENTED
        else None,
    )
    if outside:
        raise Conflict(
            _("No written consent of the supplier covers: %(serials)s.")
            % {"serials": ", ".join(outside[:20])}
        )
    gone = sorted({str(s) for s in serials} & disposed_serials(request.commitment))
    if gone:
        raise Conflict(
            _("Disposed of or returned, no longer under obligations: %(serials)s.")
            % {"serials": ", ".join(gone[:20])}
        )
    request.state = RetransferRequest.State.COMPLETED
    request.moved_serials = sorted(serials)
    save_versioned(request, expected_version=version, fields=["state", "moved_serials"])
    record_event(
        actor=actor, action="provision.retransfer.complete", obj=request, after=snapshot(request)
    )
    return request


# --- Returns ---------------------------------------------------------------------------------


def att_bound(party: Party, year: int) -> bool:
    """Whether `party` is bound by the Arms Trade Treaty on the reporting period (the last
    day of the year), as the law base says."""
    from accord.core.errors import NotFound
    from accord.law import selectors as law

    try:
        instrument = law.instrument_get(code="ATT")
    except NotFound:
        return False
    for other, answer in law.instrument_participation(
        instrument=instrument, on_date=dt.date(year, 12, 31)
    ):
        if other.pk == party.pk:
            return bool(answer.bound)
    return False


def delivery_facts(party: Party, year: int) -> list[DeliveryFact]:
    """The delivered lines of `year` where `party` supplied or holds title, summed in SQL
    by (supplier, title holder, category, description, currency): what a return needs,
    without a Python object per line."""
    from django.db.models import Sum

    groups = (
        DeliveryLine.objects.filter(
            consignment__state=Consignment.State.DELIVERED,
            consignment__delivered_on__gte=dt.date(year, 1, 1),
            consignment__delivered_on__lte=dt.date(year, 12, 31),
        )
        .filter(models_q_supplier_or_holder(party))
        .values(
            "consignment__commitment__owner__code",
            "title_holder__code",
            "category",
            "description",
            "currency",
            "withheld",
        )
        .annotate(items=Sum("quantity"), total=Sum("value"))
        .order_by()
    )
    return [
        DeliveryFact(
            supplier=row["consignment__commitment__owner__code"],
            title_from=row["consignment__commitment__owner__code"],
            title_to=row["title_holder__code"],
            category=row["category"],
            quantity=int(row["items"]),
            description=row["description"],
            year=year,
            value=str(row["total"] or ""),
            currency=row["currency"],
            withheld=row["withheld"],
        )
        for row in groups
    ]


def models_q_supplier_or_holder(party: Party) -> Any:
    from django.db.models import Q

    return Q(consignment__commitment__owner=party) | Q(title_holder=party)


def _states() -> set[str]:
    return set(Party.objects.filter(kind=Party.Kind.STATE).values_list("code", flat=True))


@transaction.atomic
def return_prepare(
    *,
    actor: User,
    kind: str,
    year: int,
    basis: str = Return.Basis.ACTUAL,
    public: bool = False,
    remarks: str = "",
) -> Return:
    """Prepare (or refresh, while a draft) the actor's party's return for `year`."""
    require(may.is_officer(actor))
    party = party_of(actor)
    assert party is not None
    if kind not in Return.Kind.values:
        raise ValidationFailed.single("kind", _("Choose UNROCA or ATT."))
    if kind == Return.Kind.ATT and not att_bound(party, year):
        raise ValidationFailed.single(
            "kind", _("Your party is not bound by the Arms Trade Treaty on that period.")
        )
    facts = delivery_facts(party, year)
    if kind == Return.Kind.UNROCA:
        rows, withheld = unroca_rows(facts, party=party.code, year=year, states=_states()), 0
    else:
        rows, withheld = att_rows(facts, party=party.code, year=year)
    existing = Return.objects.select_for_update().filter(owner=party, kind=kind, year=year).first()
    if existing is not None:
        refuse_unless(existing.state == Return.State.DRAFT, _("A submitted return is final."))
        before = snapshot(existing)
        existing.rows, existing.withheld = rows, [withheld] if withheld else []
        existing.basis, existing.public, existing.remarks = basis, public, remarks
        save_versioned(
            existing,
            expected_version=existing.version,
            fields=["rows", "withheld", "basis", "public", "remarks"],
        )
        record_event(
            actor=actor,
            action="provision.return.refresh",
            obj=existing,
            before=before,
            after=snapshot(existing),
        )
        return existing
    ret = Return(
        owner=party,
        kind=kind,
        year=year,
        rows=rows,
        withheld=[withheld] if withheld else [],
        basis=basis,
        public=public,
        remarks=remarks,
        release=Release.OWNER,
    )
    full_clean(ret)
    ret.save()
    record_event(actor=actor, action="provision.return.prepare", obj=ret, after=snapshot(ret))
    return ret


@transaction.atomic
def return_submit(*, actor: User, ret: Return, version: int) -> Return:
    """Submit a draft return (its party's officers): final from then on."""
    require_seen(actor, ret)
    require(may.is_officer(actor) and ret.owner_id == getattr(party_of(actor), "pk", None))
    refuse_unless(ret.state == Return.State.DRAFT, _("A submitted return is final."))
    ret.state, ret.submitted_at = Return.State.SUBMITTED, timezone.now()
    save_versioned(ret, expected_version=version, fields=["state", "submitted_at"])
    record_event(actor=actor, action="provision.return.submit", obj=ret, after=snapshot(ret))
    return ret


def _section(rows: Any, field: str) -> list[dict[str, Any]]:
    from accord.provision.models import UnrocaCategory

    if rows is None:
        return []
    if not isinstance(rows, list):
        raise ValidationFailed.single(field, _("Give a list of rows."))
    clean = []
    for row in rows:
        if not isinstance(row, dict) or row.get("category") not in UnrocaCategory.values:
            raise ValidationFailed.single(field, _("Give each row a UNROCA category."))
        quantity = row.get("quantity")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
            raise ValidationFailed.single(field, _("Give each row a number of items."))
        description = str(row.get("description") or "").strip()[:300]
        clean.append(
            {"category": row["category"], "quantity": quantity, "description": description}
        )
    return clean


@transaction.atomic
def return_sections(
    *, actor: User, ret: Return, version: int, holdings: Any = None, production: Any = None
) -> Return:
    """Fill the optional UNROCA sections of a draft return (its party's officers): military
    holdings and procurement through national production, each a list of (category,
    number of items, description). An empty list leaves the section out."""
    require_seen(actor, ret)
    require(may.is_officer(actor) and ret.owner_id == getattr(party_of(actor), "pk", None))
    refuse_unless(ret.state == Return.State.DRAFT, _("A submitted return is final."))
    refuse_unless(
        ret.kind == Return.Kind.UNROCA, _("Only a UNROCA return has these optional sections.")
    )
    before = snapshot(ret)
    ret.holdings = _section(holdings, "holdings")
    ret.production = _section(production, "production")
    save_versioned(ret, expected_version=version, fields=["holdings", "production"])
    record_event(
        actor=actor,
        action="provision.return.sections",
        obj=ret,
        before=before,
        after=snapshot(ret),
    )
    return ret


def withheld_count(ret: Return) -> int:
    return sum(int(n) for n in ret.withheld) if ret.withheld else 0
