"""Service guards: the three checks every service opens with, written once.

- `require(condition)`: the actor may do this (else `PermissionDenied`, 403).
- `require_visible(model, pk, actor)` / `require_seen(actor, obj)`: the actor may see the
  record (else `NotFound`, 404; a hidden record and a missing one are one answer).
- `within_clearance(actor, classification)`: nobody marks a record above their own
  clearance, or they would lose sight of what they just wrote.

Services call these instead of keeping private `_require` / `_seen` copies, so the
answer (status, code, message) is the same in every module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see
from accord.core.errors import NotFound, PermissionDenied, ValidationFailed

M = TypeVar("M", bound=models.Model)

CLEARANCE_MESSAGE = _("You cannot mark a record above your own clearance.")


def require(condition: Any, message: Any = None, *, roles: Sequence[str] = ()) -> None:
    """Raise `PermissionDenied` (with `message`, or the default one) unless `condition`;
    `roles` (any one of which would allow it) are named on the refusal page."""
    if not condition:
        raise PermissionDenied(message, roles=roles)


def require_seen(actor: Any, obj: Any) -> None:
    """Raise `NotFound` unless `actor` may see `obj` (a marked record already in hand)."""
    if obj is None or not can_see(actor, obj):
        raise NotFound()


def require_visible(
    model: type[M], pk: Any, actor: Any, *, queryset: models.QuerySet[M] | None = None
) -> M:
    """The record `pk` of `model` read through `visible_to(actor)`, or `NotFound`.

    Ids arriving from a request are resolved here, never trusted: a record the actor may
    not see, a missing one and a malformed id all answer the same 404. `queryset` narrows
    or prefetches (it must come from `model`'s manager; `visible_to` is applied to it).
    """
    base: Any = queryset if queryset is not None else model._default_manager.all()
    if pk is None or pk == "":
        raise NotFound()
    try:
        return base.visible_to(actor).get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError, DjangoValidationError) as exc:
        raise NotFound() from exc


def within_clearance(actor: Any, classification: int, *, field: str = "classification") -> None:
    """Reject marking a record above the actor's clearance (a `ValidationFailed` on
    `field`). A system actor (None, e.g. a demo loader) is not limited."""
    if actor is not None and classification > actor.clearance:
        raise ValidationFailed.single(field, CLEARANCE_MESSAGE)
