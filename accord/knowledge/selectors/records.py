"""Reading records: always through `visible_to(actor)`; a hidden record is a 404."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from accord.core.selectors import get_visible
from accord.knowledge.models import Record

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def record_list(*, actor: User) -> QuerySet[Record]:
    return (
        Record.objects.visible_to(actor)
        .select_related("owner")
        .prefetch_related("released_to")
        .order_by("-id")
    )


def record_get(*, actor: User, pk: Any) -> Record:
    return get_visible(record_list(actor=actor), actor, pk=pk)
