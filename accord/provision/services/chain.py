"""Requirements, commitments, the legal gate, authorisations and certificates.

Who may do what is in `accord.provision.permissions`. Transitions of a commitment:

    proposed --gate--> cleared | gate_refused      gate_refused --gate--> cleared | gate_refused
    cleared --granted authorisation + certificate--> authorised
    authorised/cleared --clearance re-reviewed or withdrawn--> on hold (hold_reasons)

The legal gate asks `accord.expertise.selectors.clearance_for` for every receiving
contingent's party; its refusal is recorded (state and reasons) rather than raised, so the
reasons stay on the record for everyone who sees it. The hold on re-review is a check at
gate and delivery time (`current_gate` below, asked by every consignment write) plus a
daily re-check (`clearances_recheck`) that notifies the parties involved; expertise
publishes no outbox topic for a re-review, so reading the clearance when it matters is the
simpler correct choice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import ValidationFailed
from accord.core.guards import require, require_seen, within_clearance
from accord.core.models import Party, Release
from accord.core.notifications import notify_party
from accord.core.validation import full_clean, reject_unknown
from accord.provision import permissions as may
from accord.provision.domain.gate import GateDecision, PartyStanding, decide
from accord.provision.models import Authorisation, Commitment, EndUserCertificate, Requirement
from accord.provision.services.common import event, lock_commitment, refuse_unless, secretariat

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

REQUIREMENT_FIELDS = (
    "reference",
    "capability",
    "quantity",
    "needed_by",
    "justification",
    "classification",
    "release",
)
COMMITMENT_FIELDS = (
    "quantity",
    "terms",
    "title_passes",
    "title_to",
    "planned_from",
    "planned_until",
    "price_basis",
    "classification",
    "release",
)
AUTHORISATION_FIELDS = (
    "number",
    "authority",
    "valid_from",
    "valid_until",
    "items",
    "conditions",
    "risk_assessment",
    "decision",
    "reasons",
)
CERTIFICATE_FIELDS = (
    "register_number",
    "issued_on",
    "expires_on",
    "issuing_authority",
    "signatory",
    "end_user",
    "end_user_unit",
    "end_use_statement",
    "reexport_clause",
    "consent_to_checks",
)
PROVISION_ROLES = ("programme_officer", "customs_officer", "legal_adviser", "secretariat_officer")


def _requirement_snapshot(requirement: Requirement) -> dict[str, Any]:
    data = snapshot(requirement)
    data["receiving_parties"] = sorted(requirement.receiving_parties.values_list("code", flat=True))
    data["released_to"] = sorted(requirement.released_to.values_list("code", flat=True))
    return data


def _next_reference(year: int) -> str:
    count = Requirement.objects.filter(reference__startswith=f"REQ-{year}-").count()
    return f"REQ-{year}-{count + 1:03d}"


@transaction.atomic
def requirement_create(
    *,
    actor: User,
    receiving_parties: list[Party],
    released_to: list[Party] | None = None,
    **fields: Any,
) -> Requirement:
    """Record a requirement of the collective forces (owned by the actor's party)."""
    require(may.can_record_requirement(actor))
    reject_unknown(fields, REQUIREMENT_FIELDS)
    if not fields.get("reference"):
        fields["reference"] = _next_reference(timezone.localdate().year)
    requirement = Requirement(owner=party_of(actor), **fields)
    within_clearance(actor, requirement.classification)
    if not receiving_parties:
        raise ValidationFailed.single(
            "receiving_parties", _("Name at least one receiving contingent.")
        )
    full_clean(requirement)
    requirement.save()
    requirement.receiving_parties.set(receiving_parties)
    requirement.released_to.set(released_to or [])
    record_event(
        actor=actor,
        action="provision.requirement.create",
        obj=requirement,
        after=_requirement_snapshot(requirement),
    )
    return requirement


@transaction.atomic
def requirement_update(
    *,
    actor: User,
    requirement: Requirement,
    version: int,
    receiving_parties: list[Party] | None = None,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> Requirement:
    """Change a requirement (its owner party's editors; a stale version is a 409)."""
    require_seen(actor, requirement)
    require(may.can_edit_requirement(actor, requirement))
    reject_unknown(fields, REQUIREMENT_FIELDS)
    before = _requirement_snapshot(requirement)
    for name, value in fields.items():
        setattr(requirement, name, value)
    within_clearance(actor, requirement.classification)
    full_clean(requirement)
    save_versioned(requirement, expected_version=version, fields=list(fields))
    if receiving_parties is not None:
        if not receiving_parties:
            raise ValidationFailed.single(
                "receiving_parties", _("Name at least one receiving contingent.")
            )
        requirement.receiving_parties.set(receiving_parties)
    if released_to is not None:
        requirement.released_to.set(released_to)
    record_event(
        actor=actor,
        action="provision.requirement.update",
        obj=requirement,
        before=before,
        after=_requirement_snapshot(requirement),
    )
    return requirement


def _commitment_snapshot(commitment: Commitment) -> dict[str, Any]:
    data = snapshot(commitment)
    data["released_to"] = sorted(commitment.released_to.values_list("code", flat=True))
    return data


@transaction.atomic
def commitment_create(
    *,
    actor: User,
    requirement: Requirement,
    system_version: Any,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> Commitment:
    """Commit the actor's party to supply against a requirement. By default the
    commitment is released to the receiving side and the Secretariat."""
    require_seen(actor, requirement)
    require(may.is_officer(actor))
    reject_unknown(fields, COMMITMENT_FIELDS)
    from accord.expertise.selectors import version_list

    if not version_list(actor=actor).filter(pk=system_version.pk).exists():
        raise ValidationFailed.single("system_version", _("No such system in the register."))
    refuse_unless(requirement.state == Requirement.State.OPEN, _("The requirement is closed."))
    fields.setdefault("release", Release.LISTED)
    commitment = Commitment(
        owner=party_of(actor),
        requirement=requirement,
        system_version=system_version,
        created_by=actor,
        **fields,
    )
    within_clearance(actor, commitment.classification)
    full_clean(commitment)
    commitment.save()
    if released_to is None:
        receiving = list(requirement.receiving_parties.all()) + secretariat()
        if commitment.title_to is not None:
            receiving.append(commitment.title_to)
        released_to = [p for p in receiving if p.pk != commitment.owner_id]
    commitment.released_to.set(released_to)
    record_event(
        actor=actor,
        action="provision.commitment.create",
        obj=commitment,
        after=_commitment_snapshot(commitment),
    )
    return commitment


@transaction.atomic
def commitment_update(
    *,
    actor: User,
    commitment: Commitment,
    version: int,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> Commitment:
    """Change a commitment before it passes the gate (its supplier's officers)."""
    require_seen(actor, commitment)
    require(may.is_supplier_officer(actor, commitment))
    reject_unknown(fields, COMMITMENT_FIELDS)
    refuse_unless(
        commitment.state in (Commitment.State.PROPOSED, Commitment.State.GATE_REFUSED),
        _("A commitment that passed the legal gate is no longer edited."),
    )
    before = _commitment_snapshot(commitment)
    for name, value in fields.items():
        setattr(commitment, name, value)
    within_clearance(actor, commitment.classification)
    full_clean(commitment)
    save_versioned(commitment, expected_version=version, fields=list(fields))
    if released_to is not None:
        commitment.released_to.set(released_to)
    record_event(
        actor=actor,
        action="provision.commitment.update",
        obj=commitment,
        before=before,
        after=_commitment_snapshot(commitment),
    )
    return commitment


def current_gate(commitment: Commitment) -> GateDecision:
    """The legal gate's decision today, from the joint review's conclusions."""
    from accord.expertise.selectors import clearance_for

    standings = []
    for party in commitment.requirement.receiving_parties.order_by("code"):
        standing = clearance_for(commitment.system_version, party)
        standings.append(
            PartyStanding(party.code, standing.status, tuple(standing.conditions), standing.reason)
        )
    return decide(standings)


def gate_reason_text(reason: dict[str, str]) -> str:
    """One refusal reason in words (the active language)."""
    texts = {
        "not_reviewed": _("%(party)s: no concluded joint review of this system."),
        "unlawful": _("%(party)s: the joint review concluded the use is unlawful."),
        "needs_rereview": _("%(party)s: the joint review is due for re-review (%(detail)s)."),
        "no_receiving_party": _("The requirement names no receiving contingent."),
    }
    template = texts.get(reason.get("status", ""), _("%(party)s: not cleared."))
    return str(template) % {"party": reason.get("party", ""), "detail": reason.get("detail", "")}


@transaction.atomic
def commitment_gate(*, actor: User, commitment: Commitment) -> Commitment:
    """Pass the commitment through the legal gate (the supplier's legal adviser). A
    refusal is recorded with its reasons; passing copies the review's conditions into the
    end-use assurances."""
    commitment = lock_commitment(actor, commitment)
    require(may.is_supplier_legal(actor, commitment))
    refuse_unless(
        commitment.state in (Commitment.State.PROPOSED, Commitment.State.GATE_REFUSED),
        _("This commitment has already passed the legal gate."),
    )
    decision = current_gate(commitment)
    commitment.state = (
        Commitment.State.CLEARED if decision.passed else Commitment.State.GATE_REFUSED
    )
    commitment.gate_reasons = decision.reasons
    commitment.assurances = decision.assurances
    commitment.gate_checked_at = timezone.now()
    commitment.hold_reasons = []
    save_versioned(
        commitment,
        expected_version=commitment.version,
        fields=["state", "gate_reasons", "assurances", "gate_checked_at", "hold_reasons"],
    )
    record_event(
        actor=actor,
        action="provision.commitment.gate_passed"
        if decision.passed
        else "provision.commitment.gate_refused",
        obj=commitment,
        after={"reasons": decision.reasons, "assurances": decision.assurances},
    )
    return commitment


def _maybe_authorised(commitment: Commitment) -> None:
    granted = commitment.authorisations.filter(decision=Authorisation.Decision.GRANTED).exists()
    if (
        commitment.state == Commitment.State.CLEARED
        and granted
        and commitment.certificates.exists()
    ):
        commitment.state = Commitment.State.AUTHORISED
        save_versioned(commitment, expected_version=commitment.version, fields=["state"])


@transaction.atomic
def authorisation_record(*, actor: User, commitment: Commitment, **fields: Any) -> Authorisation:
    """Record the supplying state's national authorisation (its legal adviser)."""
    commitment = lock_commitment(actor, commitment)
    require(may.is_supplier_legal(actor, commitment))
    reject_unknown(fields, AUTHORISATION_FIELDS)
    refuse_unless(
        commitment.state in (Commitment.State.CLEARED, Commitment.State.AUTHORISED),
        _("The commitment has not passed the legal gate."),
    )
    authorisation = Authorisation(commitment=commitment, recorded_by=actor, **fields)
    full_clean(authorisation)
    authorisation.save()
    _maybe_authorised(commitment)
    event(actor, "authorisation.record", commitment, authorisation)
    return authorisation


@transaction.atomic
def certificate_record(
    *, actor: User, commitment: Commitment, document: Any = None, **fields: Any
) -> EndUserCertificate:
    """Record the end-user certificate as a structured record; an uploaded scan is kept
    as its name and SHA-256."""
    commitment = lock_commitment(actor, commitment)
    require(may.is_supplier_legal(actor, commitment))
    reject_unknown(fields, CERTIFICATE_FIELDS)
    refuse_unless(
        commitment.state in (Commitment.State.CLEARED, Commitment.State.AUTHORISED),
        _("The commitment has not passed the legal gate."),
    )
    certificate = EndUserCertificate(commitment=commitment, recorded_by=actor, **fields)
    if document is not None:
        digest = hashlib.sha256()
        for chunk in document.chunks():
            digest.update(chunk)
        certificate.document_name = str(getattr(document, "name", ""))[:255]
        certificate.document_sha256 = digest.hexdigest()
    full_clean(certificate)
    if certificate.end_user_id not in may.recipient_ids(commitment):
        raise ValidationFailed.single(
            "end_user", _("The end user must be a receiving party of the commitment.")
        )
    certificate.save()
    _maybe_authorised(commitment)
    event(actor, "certificate.record", commitment, certificate)
    return certificate


def valid_papers(commitment: Commitment, on: dt.date) -> tuple[Any, Any]:
    """The granted authorisation and the certificate valid on `on` (or None)."""
    authorisation = (
        commitment.authorisations.filter(
            decision=Authorisation.Decision.GRANTED, valid_from__lte=on, valid_until__gte=on
        )
        .order_by("-id")
        .first()
    )
    certificate = (
        commitment.certificates.filter(issued_on__lte=on, expires_on__gte=on)
        .order_by("-id")
        .first()
    )
    return authorisation, certificate


def message_of(text: Any, **values: Any) -> Any:
    """A notification's message: `text` filled in, in whatever language is active."""
    return lambda: text % values


def _parties_involved(commitment: Commitment) -> list[Party]:
    ids = {commitment.owner_id, *may.recipient_ids(commitment)}
    return list(Party.objects.filter(pk__in=ids))


@transaction.atomic
def clearances_recheck(*, actor: User | None = None) -> int:
    """Put on hold every commitment past the gate whose system is no longer cleared for a
    receiving party (a re-review or a withdrawal), notifying the parties involved; lift the
    hold when the clearance is back. Safe to run twice (a daily job). Returns how many
    holds changed."""
    changed = 0
    open_states = (Commitment.State.CLEARED, Commitment.State.AUTHORISED)
    for commitment in (
        Commitment.objects.select_for_update(of=("self",))
        .filter(state__in=open_states)
        .select_related("requirement", "system_version__system", "owner")
    ):
        decision = current_gate(commitment)
        reasons = [] if decision.passed else decision.reasons
        if reasons == commitment.hold_reasons:
            continue
        commitment.hold_reasons = reasons
        save_versioned(commitment, expected_version=commitment.version, fields=["hold_reasons"])
        record_event(
            actor=actor,
            action="provision.commitment.hold" if reasons else "provision.commitment.hold_lifted",
            obj=commitment,
            after={"reasons": reasons},
        )
        if reasons:
            reference = commitment.requirement.reference
            for party in _parties_involved(commitment):
                notify_party(
                    party=party,
                    roles=PROVISION_ROLES,
                    kind="provision.hold",
                    message=message_of(
                        _(
                            "Deliveries under a commitment to %(ref)s are on hold: the system's "
                            "clearance is under re-review or withdrawn."
                        ),
                        ref=reference,
                    ),
                    link=f"/provision/commitments/{commitment.pk}/",
                    obj=commitment,
                )
        changed += 1
    return changed
