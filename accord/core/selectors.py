"""Reads of the shared kernel that users reach."""

from __future__ import annotations

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
