"""Reads of the shared kernel that users reach."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

from accord.core.access import party_of
from accord.core.errors import NotFound
from accord.core.models import AuditEvent, Party
from accord.core.permissions import is_whole_chain_auditor
from accord.core.roles import Role


def get_visible(queryset: Any, user: Any, **lookup: Any) -> Any:
    """One record of a marked model that `user` may see, or NotFound (which is also the
    answer for a record that exists but is hidden, so existence does not leak)."""
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset._default_manager.all()
    obj = queryset.visible_to(user).filter(**lookup).first()
    if obj is None:
        raise NotFound()
    return obj


def party_list(*, active_only: bool = True) -> models.QuerySet[Party]:
    """Parties are reference data every signed-in user may read."""
    parties = Party.objects.all()
    return parties.filter(active=True) if active_only else parties


def audit_events_visible_to(user: Any) -> models.QuerySet[AuditEvent]:
    """Audit events `user` may read, each annotated `detail_readable`.

    Everyone reads their own events, and their own party's users' events about the kinds
    of object their role may read (`core.audit_access`); auditors read every event of
    their party, the Secretariat's auditors the whole chain. Events about records above
    the user's clearance stay hidden, because their before/after may quote those records.
    An event's detail (object name, before/after) is readable by auditors and by those who
    may read the object it is about: `detail_readable` says which; every page and endpoint
    showing events leaves the detail out where it is False.
    """
    from accord.core.audit_access import detail_readable, refused_types

    party = party_of(user)
    if party is None:
        return AuditEvent.objects.none()
    events = AuditEvent.objects.filter(object_classification__lte=user.clearance)
    if not is_whole_chain_auditor(user):
        events = events.filter(actor_party_id=party.pk)
    auditor = user.has_role(Role.AUDITOR)
    refused = [] if auditor else refused_types(user)
    if refused:
        events = events.exclude(Q(object_type__in=refused) & ~Q(actor_id=user.pk))
    events = events.annotate(detail_readable=detail_readable(user, auditor=auditor))
    return events.order_by("-id")


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a record's history as a reader sees it: when, which party, who, and
    what was done as a sentence in the reader's language (no before/after detail)."""

    at: Any
    party_code: str
    actor_name: str
    action: str
    label: str


# Reads are not part of a record's history (who read a record is the auditors' business).
TIMELINE_EXCLUDED_ACTIONS = ("view",)


def record_timeline(user: Any, obj: models.Model, *, limit: int = 200) -> list[TimelineEntry]:
    """The history of `obj` (a record `user` already read through its module's selector):
    the writes recorded on it by any party, oldest first, each labelled in the reader's
    language (`core.action_labels`). Only events at or below the reader's clearance are
    shown, and never their before/after detail: a reader learns that a colleague of
    another party approved the record, not what the record said before. Reads ("view"
    and exports) are left out."""
    from accord.core.action_labels import action_label

    events = (
        AuditEvent.objects.filter(
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_classification__lte=user.clearance,
        )
        .exclude(action__in=TIMELINE_EXCLUDED_ACTIONS)
        .exclude(action__endswith=".export")
        .order_by("id")
        .values_list("created_at", "actor_party_code", "actor_username", "action")[:limit]
    )
    return [
        TimelineEntry(
            at=at,
            party_code=party_code,
            actor_name=username,
            action=action,
            label=action_label(action),
        )
        for at, party_code, username, action in events
    ]


def administrators_to_ask(user: Any, *, limit: int = 3) -> list[str]:
    """Whom a refused user asks for a role: the active administrators of their own party,
    or else the Secretariat's (names only; at most `limit`)."""
    from django.contrib.auth import get_user_model

    from accord.core.roles import Role

    party = party_of(user)
    admins = (
        get_user_model()
        ._default_manager.filter(is_active=True, groups__name=Role.ADMINISTRATOR)
        .order_by("last_name", "first_name", "username")
    )
    secretariat = {"party__kind": Party.Kind.ORGANISATION, "party__standing": Party.Standing.MEMBER}
    for scope in ({"party": party} if party is not None else {}, secretariat):
        if not scope:
            continue
        names = [u.get_full_name() or u.username for u in admins.filter(**scope)[:limit]]
        if names:
            return names
    return []
