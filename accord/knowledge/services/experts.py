"""The expert roster: a party's lessons manager nominates an expert of the party (listed
to the Secretariat by default) and edits the availability; a lessons manager of the
Secretariat validates a nominated expert it sees."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, NotFound, ValidationFailed
from accord.core.guards import require, within_clearance
from accord.core.models import Classification, Party, Release
from accord.core.validation import full_clean
from accord.knowledge.models import Expert, is_lessons_manager

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def _snapshot(expert: Expert) -> dict[str, Any]:
    data = snapshot(expert)
    data["released_to"] = sorted(expert.released_to.values_list("code", flat=True))
    return data


def _domains(value: Any) -> str:
    """Stored as ";a/b;c;" so that a subtree filter is one LIKE per form."""
    paths = [
        "/".join(part.strip() for part in path.split("/"))
        for path in str(value or "").split(";")
        if path.strip()
    ]
    return f";{';'.join(paths)};" if paths else ""


def _secretariats() -> list[Party]:
    return [p for p in Party.objects.filter(active=True) if p.is_secretariat]


@transaction.atomic
def expert_nominate(
    *,
    actor: User,
    name: str,
    domains: str,
    languages: str,
    position: str = "",
    clearance: int = Classification.UNCLASSIFIED,
    availability: str = Expert.Availability.AVAILABLE,
    classification: int = Classification.RESTRICTED,
    release: str = Release.LISTED,
    released_to: list[Party] | None = None,
) -> Expert:
    """Nominate an expert of the actor's party. Listed to the Secretariat unless the
    lessons manager releases it otherwise."""
    party = party_of(actor)
    require(party is not None and is_lessons_manager(actor))
    if availability not in Expert.Availability.values:
        raise ValidationFailed.single("availability", _("Choose an availability."))
    expert = Expert(
        owner=party,
        name=str(name or "").strip(),
        position=str(position or "").strip(),
        domains=_domains(domains),
        languages=str(languages or "").strip().lower(),
        clearance=clearance,
        availability=availability,
        classification=classification,
        release=release,
        nominated_by=actor,
    )
    within_clearance(actor, expert.classification)
    full_clean(expert)
    expert.save()
    listed = {p.pk: p for p in (released_to or [])}
    if release == Release.LISTED:
        for secretariat in _secretariats():
            listed[secretariat.pk] = secretariat
    expert.released_to.set(list(listed.values()))
    record_event(
        actor=actor, action="knowledge.expert.nominate", obj=expert, after=_snapshot(expert)
    )
    return expert


@transaction.atomic
def expert_validate(*, actor: User, expert: Expert, version: int) -> Expert:
    """The Secretariat's lessons manager validates a nominated expert."""
    if not can_see(actor, expert):
        raise NotFound()
    party = party_of(actor)
    require(party is not None and party.is_secretariat and is_lessons_manager(actor))
    if expert.status != Expert.Status.NOMINATED:
        raise Conflict(_("This expert is already validated."))
    before = _snapshot(expert)
    expert.status = Expert.Status.VALIDATED
    expert.validated_at = timezone.now()
    save_versioned(expert, expected_version=version, fields=["status", "validated_at"])
    record_event(
        actor=actor,
        action="knowledge.expert.validate",
        obj=expert,
        before=before,
        after=_snapshot(expert),
    )
    return expert


@transaction.atomic
def expert_set_availability(
    *, actor: User, expert: Expert, version: int, availability: str
) -> Expert:
    """The nominating party's lessons manager says whether the expert is available."""
    if not can_see(actor, expert):
        raise NotFound()
    party = party_of(actor)
    require(party is not None and party.pk == expert.owner_id and is_lessons_manager(actor))
    if availability not in Expert.Availability.values:
        raise ValidationFailed.single("availability", _("Choose an availability."))
    before = _snapshot(expert)
    expert.availability = availability
    save_versioned(expert, expected_version=version, fields=["availability"])
    record_event(
        actor=actor,
        action="knowledge.expert.availability",
        obj=expert,
        before=before,
        after=_snapshot(expert),
    )
    return expert
