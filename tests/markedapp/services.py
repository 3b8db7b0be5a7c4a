"""Writes of the test record, in the house pattern every module follows."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from accord.core.access import can_see, party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import NotFound, PermissionDenied, ValidationFailed
from tests.markedapp.models import Dossier

EDITABLE = ("title", "body", "classification", "release")


@transaction.atomic
def dossier_create(
    *,
    actor: Any,
    title: str,
    body: str = "",
    classification: int = 1,
    release: str = "owner",
    released_to: list[Any] | None = None,
) -> Dossier:
    party = party_of(actor)
    if party is None:
        raise PermissionDenied()
    dossier = Dossier(
        owner=party, title=title, body=body, classification=classification, release=release
    )
    if classification > actor.clearance:
        raise ValidationFailed.single("classification", "above your clearance")
    try:
        dossier.full_clean()
    except DjangoValidationError as exc:
        raise ValidationFailed.from_django(exc) from exc
    dossier.save()
    if released_to:
        dossier.released_to.set(released_to)
    record_event(actor=actor, action="dossier.create", obj=dossier, after=snapshot(dossier))
    return dossier


@transaction.atomic
def dossier_update(*, actor: Any, dossier: Dossier, version: int, **fields: Any) -> Dossier:
    if not can_see(actor, dossier):
        raise NotFound()
    party = party_of(actor)
    if party is None or dossier.owner_id != party.pk:
        raise PermissionDenied()
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationFailed.single("__all__", f"unknown fields {sorted(unknown)}")
    before = snapshot(dossier)
    for name, value in fields.items():
        setattr(dossier, name, value)
    try:
        dossier.full_clean()
    except DjangoValidationError as exc:
        raise ValidationFailed.from_django(exc) from exc
    save_versioned(dossier, expected_version=version, fields=list(fields))
    record_event(
        actor=actor, action="dossier.update", obj=dossier, before=before, after=snapshot(dossier)
    )
    return dossier
