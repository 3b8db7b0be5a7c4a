"""The weapons register: systems, versions and their questionnaire, evidence, contingents."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, NotFound, ValidationFailed
from accord.core.files import check_evidence_upload
from accord.core.guards import within_clearance
from accord.core.models import Party
from accord.core.validation import full_clean, reject_unknown
from accord.expertise.models import (
    ContingentAssignment,
    Evidence,
    Review,
    SystemVersion,
    WeaponSystem,
)
from accord.expertise.permissions import (
    is_adviser_of,
    is_coordinator,
    require,
)
from accord.expertise.services.common import S
from accord.expertise.services.rereview import rereview_mark
from accord.law.domain.vocabulary import validate_description

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


# --- Register ------------------------------------------------------------------------------

SYSTEM_FIELDS = ("designation", "category", "description", "stage", "classification", "release")


@transaction.atomic
def system_register(
    *, actor: User, released_to: list[Party] | None = None, **fields: Any
) -> WeaponSystem:
    """Register a new system in the actor's party's register (with its first version)."""
    party = party_of(actor)
    require(party is not None and is_adviser_of(actor, party.pk))
    reject_unknown(fields, SYSTEM_FIELDS)
    system = WeaponSystem(owner=party, **fields)
    within_clearance(actor, system.classification)
    full_clean(system)
    system.save()
    system.released_to.set(released_to or [])
    record_event(
        actor=actor, action="expertise.system.register", obj=system, after=snapshot(system)
    )
    SystemVersion.objects.create(system=system, number=1)
    return system


@transaction.atomic
def system_update(
    *,
    actor: User,
    system: WeaponSystem,
    version: int,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> WeaponSystem:
    if not can_see(actor, system):
        raise NotFound()
    require(is_adviser_of(actor, system.owner_id))
    reject_unknown(fields, SYSTEM_FIELDS)
    before = snapshot(system)
    for name, value in fields.items():
        setattr(system, name, value)
    within_clearance(actor, system.classification)
    full_clean(system)
    save_versioned(system, expected_version=version, fields=list(fields))
    if released_to is not None:
        system.released_to.set(released_to)
    # A review shows its system's designation and description to its participants: it is
    # never marked below the system (it took the system's classification when it opened).
    raised = list(
        Review.objects.filter(
            subject__system=system, classification__lt=system.classification
        ).values_list("pk", flat=True)
    )
    Review.objects.filter(pk__in=raised).update(classification=system.classification)
    record_event(
        actor=actor,
        action="expertise.system.update",
        obj=system,
        before=before,
        after={**snapshot(system), **({"reviews_reclassified": raised} if raised else {})},
    )
    return system


VERSION_FIELDS = ("label", "characteristics", "citations", *SystemVersion.NARRATIVE_FIELDS)


@transaction.atomic
def version_create(*, actor: User, system: WeaponSystem, label: str = "") -> SystemVersion:
    """A modification of the system: a new version, starting from the latest answers.
    Conclusions on earlier versions are marked for re-review."""
    if not can_see(actor, system):
        raise NotFound()
    require(is_adviser_of(actor, system.owner_id))
    latest = system.versions.order_by("-number").first()
    version = SystemVersion(system=system, number=(latest.number + 1) if latest else 1, label=label)
    if latest is not None:
        for name in ("characteristics", "citations", *SystemVersion.NARRATIVE_FIELDS):
            setattr(version, name, getattr(latest, name))
    full_clean(version)
    version.save()
    record_event(
        actor=actor, action="expertise.version.create", obj=version, after=snapshot(version)
    )
    for review in Review.objects.filter(
        subject__system=system, state=S.CONCLUDED, rereview_marked_at__isnull=True
    ):
        rereview_mark(
            actor=None,
            review=review,
            reason=gettext("A new version of the system was registered: %(version)s.")
            % {"version": version},
        )
    return version


def _validate_citations(version: SystemVersion, citations: dict[str, Any]) -> None:
    ids = {e for items in citations.values() for e in (items or [])}
    known = set(Evidence.objects.filter(version=version).values_list("pk", flat=True))
    if not isinstance(citations, dict) or not ids <= known:
        raise ValidationFailed.single("citations", _("Cite evidence of this version only."))


@transaction.atomic
def version_update(
    *, actor: User, version: SystemVersion, expected_version: int, **fields: Any
) -> SystemVersion:
    """Fill in the questionnaire. A version under review is frozen: change means a new
    version."""
    if not can_see(actor, version.system):
        raise NotFound()
    require(is_adviser_of(actor, version.system.owner_id))
    reject_unknown(fields, VERSION_FIELDS)
    if version.frozen_at is not None:
        raise Conflict(
            _(
                "This version is under review and frozen; register a new version "
                "to change its description."
            )
        )
    if "characteristics" in fields:
        errors = validate_description(fields["characteristics"] or {})
        if errors:
            raise ValidationFailed({f"characteristics.{k}": v for k, v in errors.items()})
        fields["characteristics"] = {
            k: v for k, v in fields["characteristics"].items() if v is not None
        }
    if "citations" in fields:
        _validate_citations(version, fields["citations"] or {})
    before = snapshot(version)
    for name, value in fields.items():
        setattr(version, name, value)
    full_clean(version)
    save_versioned(version, expected_version=expected_version, fields=list(fields))
    record_event(
        actor=actor,
        action="expertise.version.update",
        obj=version,
        before=before,
        after=snapshot(version),
    )
    return version


@transaction.atomic
def evidence_add_file(*, actor: User, version: SystemVersion, title: str, upload: Any) -> Evidence:
    """Attach a file: whitelisted type (by name and by content), size limit, SHA-256."""
    if not can_see(actor, version.system):
        raise NotFound()
    require(is_adviser_of(actor, version.system.owner_id))
    checked = check_evidence_upload(upload)
    evidence = Evidence(
        version=version,
        kind=Evidence.Kind.FILE,
        title=title.strip() or checked.name,
        file_name=checked.name[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        added_by=actor,
    )
    full_clean(evidence, exclude=["file"])
    evidence.file.save(checked.stored_name, upload, save=False)
    evidence.save()
    record_event(
        actor=actor, action="expertise.evidence.add", obj=evidence, after=snapshot(evidence)
    )
    return evidence


@transaction.atomic
def evidence_add_reference(
    *, actor: User, version: SystemVersion, title: str, reference: str
) -> Evidence:
    if not can_see(actor, version.system):
        raise NotFound()
    require(is_adviser_of(actor, version.system.owner_id))
    if not reference.strip():
        raise ValidationFailed.single("reference", _("Give the reference."))
    evidence = Evidence(
        version=version,
        kind=Evidence.Kind.REFERENCE,
        title=title.strip(),
        reference=reference.strip(),
        added_by=actor,
    )
    full_clean(evidence, exclude=["file"])
    evidence.save()
    record_event(
        actor=actor, action="expertise.evidence.add", obj=evidence, after=snapshot(evidence)
    )
    return evidence


@transaction.atomic
def contingent_assign(
    *,
    actor: User,
    version: SystemVersion,
    party: Party,
    from_date: dt.date,
    until_date: dt.date | None = None,
    note: str = "",
) -> ContingentAssignment:
    """Record that `party`'s national contingent uses `version` (the owner or the
    Secretariat records it)."""
    if not can_see(actor, version.system):
        raise NotFound()
    require(is_adviser_of(actor, version.system.owner_id) or is_coordinator(actor))
    if party.kind != Party.Kind.STATE:
        raise ValidationFailed.single("party", _("Only states have national contingents."))
    if until_date and until_date < from_date:
        raise ValidationFailed.single("until_date", _("The end cannot precede the start."))
    assignment = ContingentAssignment.objects.create(
        version=version, party=party, from_date=from_date, until_date=until_date, note=note
    )
    record_event(
        actor=actor,
        action="expertise.contingent.assign",
        obj=assignment,
        after=snapshot(assignment),
    )
    return assignment
