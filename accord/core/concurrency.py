"""Optimistic concurrency for `VersionedModel` records."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from accord.core.errors import Conflict


def save_versioned(obj: Any, *, expected_version: int, fields: list[str]) -> None:
    """Write `fields` of `obj` only if the stored version is still `expected_version`.

    The check and the write are one UPDATE ... WHERE version = expected, so two editors
    racing cannot both win; the loser gets `Conflict` and nothing of theirs is written.
    """
    updated = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=expected_version)
        .update(version=F("version") + 1, **{name: getattr(obj, name) for name in fields})
    )
    if updated != 1:
        raise Conflict()
    obj.version = expected_version + 1
