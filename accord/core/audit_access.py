"""Need-to-know on the audit trail: which events a user sees, and whose detail.

An event's detail (its object's name, the before/after snapshots) is readable by
auditors, and by those who may read the object it is about: a marked record through
`visible_to`, with the role its module asks to read that kind of record. A user sees that
an event of a party colleague exists only where their role may read that kind of object
(a finance officer does not learn which register items or screened names a customs
colleague touched); their own events stay listed.

Modules declare the roles that read a kind of object in their AppConfig.ready():
`register_role_gate("trafficking.item", may_read_registers)`. Object types without a gate
are read by every role (the record rule, or for reference data nothing, still applies).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import BigIntegerField, Case, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Cast

_GATES: dict[str, Callable[[Any], bool]] = {}


def register_role_gate(object_type: str, may_read: Callable[[Any], bool]) -> None:
    """Only users for whom `may_read(user)` holds read events about `object_type`
    (a model label in lower case, e.g. "trafficking.item", or an event's own type)."""
    _GATES[object_type] = may_read


def refused_types(user: Any) -> list[str]:
    """The object types whose role gate refuses `user`."""
    return sorted(t for t, may_read in _GATES.items() if not may_read(user))


def _marked_models() -> list[type[models.Model]]:
    from accord.core.models import MarkedModel

    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("accord.") and issubclass(m, MarkedModel)
    ]


def _record_readable(model: type[models.Model], user: Any) -> Exists:
    """The event's object is a record of `model` the user may see."""
    visible = model.objects.visible_to(user)  # type: ignore[attr-defined]
    pk = model._meta.pk
    if isinstance(pk, models.AutoField | models.BigAutoField | models.IntegerField):
        return Exists(visible.filter(pk=Cast(OuterRef("object_id"), BigIntegerField())))
    return Exists(visible.filter(pk=OuterRef("object_id")))


def detail_readable(user: Any, *, auditor: bool) -> Any:
    """An SQL expression: whether `user` may read the detail of each event."""
    if auditor:
        return Value(True)
    refused = set(refused_types(user))
    cases = []
    for model in _marked_models():
        label = model._meta.label_lower
        if label in refused:
            continue  # handled below
        # object_id is text; only a number is cast (a text id of an integer key is no record).
        cases.append(
            When(
                Q(object_type=label, object_id__regex=r"^[0-9]{1,18}$"),
                then=_record_readable(model, user),
            )
        )
        cases.append(When(Q(object_type=label) & ~Q(object_id=""), then=Value(False)))
    if refused:
        cases.append(When(object_type__in=refused, then=Value(False)))
    return Case(*cases, default=Value(True), output_field=models.BooleanField())
