"""Reads of the shared kernel that users reach."""

from __future__ import annotations

from typing import Any

from django.db import models

from accord.core.access import party_of
from accord.core.errors import NotFound
from accord.core.models import AuditEvent, Party
from accord.core.permissions import is_whole_chain_auditor


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
    """Audit events `user` may read.

    Everyone reads the events of their own party's users; the Secretariat's auditors read
    the whole chain. Events about records above the user's clearance stay hidden, because
    their before/after may quote those records.
    """
    party = party_of(user)
    if party is None:
        return AuditEvent.objects.none()
    events = AuditEvent.objects.filter(object_classification__lte=user.clearance)
    if not is_whole_chain_auditor(user):
        events = events.filter(actor_party_id=party.pk)
    return events.order_by("-id")
