"""Watchlist entities and screening: services (every write to the watchlist).

Editors are the customs and law-enforcement officers (and Secretariat officers) of the
listing party; an entity is changed only by its own party. Every name written here is
indexed at once (its key and its tokens), in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.guards import within_clearance
from accord.core.models import Classification, Party, Release
from accord.core.validation import full_clean, reject_unknown
from accord.reports import tabular
from accord.trafficking.domain.names import (
    detect_script,
    name_key,
    name_tokens,
    normalise_identifier,
    sound_key,
)
from accord.trafficking.models import Entity, EntityIdentifier, EntityName, EntityNameToken
from accord.trafficking.permissions import can_edit_watchlist

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


ENTITY_FIELDS = ("kind", "name", "nationality", "reason", "listed_on", "classification", "release")


def _require_editor(actor: User, entity: Entity) -> None:
    if not can_see(actor, entity):
        raise NotFound()
    if not can_edit_watchlist(actor, entity.owner_id):
        raise PermissionDenied()


def _clean_country(value: str, field: str) -> str:
    value = (value or "").strip().upper()
    if value and (len(value) != 3 or not value.isalpha() or not value.isascii()):
        raise ValidationFailed.single(
            field, _("Give the ISO 3166 alpha-3 code of the country, e.g. RUS.")
        )
    return value


# --- The name index ------------------------------------------------------------------------


def _name_rows(entity: Entity, name: str, *, is_alias: bool, is_primary: bool) -> EntityName:
    text = " ".join((name or "").split())
    if not text:
        raise ValidationFailed.single("name", _("A name cannot be empty."))
    if not name_key(text):
        raise ValidationFailed.single("name", _("A name needs at least one letter or digit."))
    return EntityName(
        entity=entity,
        name=text,
        script=detect_script(text),
        is_alias=is_alias,
        is_primary=is_primary,
        key=name_key(text)[:300],
    )


def _token_rows(entity_name: EntityName) -> list[EntityNameToken]:
    return [
        EntityNameToken(
            entity_id=entity_name.entity_id,
            entity_name=entity_name,
            token=token[:100],
            sound=sound_key(token)[:100],
        )
        for token in name_tokens(entity_name.name)
    ]


def _save_names(names: Sequence[EntityName]) -> None:
    """Store names and their tokens (bulk, so an import of many entities stays fast)."""
    for row in names:
        full_clean(row, exclude=["entity"])
    created = EntityName.objects.bulk_create(names)
    EntityNameToken.objects.bulk_create(
        [token for row in created for token in _token_rows(row)], batch_size=2000
    )


def _identifier_row(entity: Entity, kind: str, value: str, country: str = "") -> EntityIdentifier:
    value = " ".join((value or "").split())
    row = EntityIdentifier(
        entity=entity,
        kind=kind,
        value=value,
        value_norm=normalise_identifier(value)[:100],
        country=_clean_country(country, "country"),
    )
    if not row.value_norm:
        raise ValidationFailed.single("value", _("An identifier needs letters or digits."))
    full_clean(row, exclude=["entity"])
    return row


# --- Entities ------------------------------------------------------------------------------


@transaction.atomic
def entity_create(
    *,
    actor: User,
    kind: str,
    name: str,
    reason: str,
    nationality: str = "",
    listed_on: dt.date | None = None,
    classification: int = Classification.RESTRICTED,
    release: str = Release.OWNER,
    released_to: Iterable[Party] = (),
    aliases: Iterable[str] = (),
    identifiers: Iterable[tuple[str, str]] = (),
) -> Entity:
    """List an entity on the actor's party's watchlist, with its aliases and identifiers
    (identifiers as (kind, value) pairs)."""
    party = party_of(actor)
    if party is None or not can_edit_watchlist(actor):
        raise PermissionDenied()
    entity = Entity(
        owner=party,
        kind=kind,
        name=" ".join((name or "").split()),
        nationality=_clean_country(nationality, "nationality"),
        reason=(reason or "").strip(),
        listed_on=listed_on or timezone.localdate(),
        classification=classification,
        release=release,
    )
    within_clearance(actor, entity.classification)
    full_clean(entity)
    entity.save()
    entity.released_to.set(list(released_to))
    names = [_name_rows(entity, entity.name, is_alias=False, is_primary=True)]
    seen = {names[0].name.casefold()}
    for alias in aliases:
        alias = " ".join((alias or "").split())
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            names.append(_name_rows(entity, alias, is_alias=True, is_primary=False))
    _save_names(names)
    EntityIdentifier.objects.bulk_create(
        [_identifier_row(entity, kind_, value) for kind_, value in identifiers]
    )
    record_event(
        actor=actor,
        action="trafficking.entity.create",
        obj=entity,
        after={
            **snapshot(entity),
            "aliases": [row.name for row in names[1:]],
            "identifiers": [list(pair) for pair in identifiers],
        },
    )
    return entity


@transaction.atomic
def entity_update(
    *,
    actor: User,
    entity: Entity,
    version: int,
    released_to: Iterable[Party] | None = None,
    **fields: Any,
) -> Entity:
    """Change an entity's details; a stale `version` is refused (Conflict). A new primary
    name keeps the old one as an alias, so screening still finds it."""
    _require_editor(actor, entity)
    reject_unknown(fields, ENTITY_FIELDS)
    if entity.status != Entity.Status.LISTED:
        raise Conflict(_("A delisted entity cannot be changed."))
    before = snapshot(entity)
    old_name = entity.name
    if "name" in fields:
        fields["name"] = " ".join((fields["name"] or "").split())
    if "nationality" in fields:
        fields["nationality"] = _clean_country(fields["nationality"], "nationality")
    for field, value in fields.items():
        setattr(entity, field, value)
    within_clearance(actor, entity.classification)
    full_clean(entity)
    save_versioned(entity, expected_version=version, fields=[*fields, "updated_at"])
    if released_to is not None:
        entity.released_to.set(list(released_to))
    if entity.name != old_name:
        entity.names.filter(is_primary=True).update(is_primary=False, is_alias=True)
        existing = entity.names.filter(name=entity.name).first()
        if existing is not None:
            entity.names.filter(pk=existing.pk).update(is_primary=True, is_alias=False)
        else:
            _save_names([_name_rows(entity, entity.name, is_alias=False, is_primary=True)])
    record_event(
        actor=actor,
        action="trafficking.entity.update",
        obj=entity,
        before=before,
        after=snapshot(entity),
    )
    return entity


@transaction.atomic
def entity_delist(
    *, actor: User, entity: Entity, version: int, reason: str, delisted_on: dt.date | None = None
) -> Entity:
    """Take an entity off the watchlist. It is kept (and still readable) for the record,
    but screening no longer answers with it."""
    _require_editor(actor, entity)
    if entity.status != Entity.Status.LISTED:
        raise Conflict(_("This entity is already delisted."))
    if not (reason or "").strip():
        raise ValidationFailed.single("reason", _("Give the reason for delisting."))
    before = snapshot(entity)
    entity.status = Entity.Status.DELISTED
    entity.delisted_on = delisted_on or timezone.localdate()
    entity.delisting_reason = reason.strip()
    full_clean(entity)
    save_versioned(
        entity,
        expected_version=version,
        fields=["status", "delisted_on", "delisting_reason", "updated_at"],
    )
    record_event(
        actor=actor,
        action="trafficking.entity.delist",
        obj=entity,
        before=before,
        after=snapshot(entity),
    )
    return entity


@transaction.atomic
def entity_name_add(*, actor: User, entity: Entity, name: str) -> EntityName:
    """Add an alias (any script) to an entity."""
    _require_editor(actor, entity)
    row = _name_rows(entity, name, is_alias=True, is_primary=False)
    # Compared in Python: SQLite folds the case of ASCII letters only.
    if any(
        n.casefold() == row.name.casefold() for n in entity.names.values_list("name", flat=True)
    ):
        raise ValidationFailed.single("name", _("The entity already has this name."))
    _save_names([row])
    row = entity.names.get(name=row.name, is_alias=True)
    record_event(
        actor=actor,
        action="trafficking.entity.name_add",
        obj=entity,
        after={"name": row.name, "script": row.script},
    )
    return row


@transaction.atomic
def entity_name_remove(*, actor: User, entity_name: EntityName) -> None:
    """Remove an alias (the primary name is changed by `entity_update`)."""
    entity = entity_name.entity
    _require_editor(actor, entity)
    if entity_name.is_primary:
        raise ValidationFailed.single(
            "name", _("The primary name cannot be removed; change it instead.")
        )
    record_event(
        actor=actor,
        action="trafficking.entity.name_remove",
        obj=entity,
        before={"name": entity_name.name, "script": entity_name.script},
    )
    entity_name.delete()


@transaction.atomic
def entity_identifier_add(
    *, actor: User, entity: Entity, kind: str, value: str, country: str = ""
) -> EntityIdentifier:
    """Add an identifier (passport, registration, IMO, tail number, tax id) to an entity."""
    _require_editor(actor, entity)
    row = _identifier_row(entity, kind, value, country)
    if entity.identifiers.filter(kind=row.kind, value_norm=row.value_norm).exists():
        raise ValidationFailed.single("value", _("The entity already has this identifier."))
    row.save()
    record_event(
        actor=actor,
        action="trafficking.entity.identifier_add",
        obj=entity,
        after={"kind": row.kind, "value": row.value, "country": row.country},
    )
    return row


@transaction.atomic
def entity_identifier_remove(*, actor: User, identifier: EntityIdentifier) -> None:
    """Remove an identifier recorded in error."""
    entity = identifier.entity
    _require_editor(actor, entity)
    record_event(
        actor=actor,
        action="trafficking.entity.identifier_remove",
        obj=entity,
        before={"kind": identifier.kind, "value": identifier.value},
    )
    identifier.delete()


# --- Import --------------------------------------------------------------------------------

IMPORT_COLUMNS = ("kind", "name", "nationality", "reason", "listed_on")
IMPORT_OPTIONAL = ("aliases", "identifiers", "classification", "release")
MAX_IMPORT_BYTES = 20 * 1024 * 1024


def read_table(data: bytes, filename: str) -> list[dict[str, str]]:
    """The rows of an uploaded CSV or XLSX file as dicts of lower-case column → text.
    Raises ValidationFailed on a file that is neither."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationFailed.single("file", _("The file is larger than 20 MB."))
    file_format = tabular.detect_format(filename, data[:4]) or tabular.CSV
    try:
        raw = tabular.read_rows(data, file_format=file_format)
        rows = [[tabular.text(cell) for cell in cells] for _number, cells in raw]
    except tabular.TableError as exc:
        raise ValidationFailed.single("file", exc.message) from exc
    if not rows:
        raise ValidationFailed.single("file", _("The file has no rows."))
    header = [cell.lower() for cell in rows[0]]
    return [{header[i]: cell for i, cell in enumerate(row) if i < len(header)} for row in rows[1:]]


def _parse_import_row(row: dict[str, str]) -> dict[str, Any]:
    kinds = {choice.value for choice in Entity.Kind}
    kind = row.get("kind", "").lower()
    if kind not in kinds:
        raise ValidationFailed.single(
            "kind",
            _("Unknown kind %(kind)s; use one of: %(kinds)s.")
            % {"kind": kind or "—", "kinds": ", ".join(sorted(kinds))},
        )
    listed_on = None
    if row.get("listed_on"):
        try:
            listed_on = dt.date.fromisoformat(row["listed_on"])
        except ValueError as exc:
            raise ValidationFailed.single("listed_on", _("Write the date as YYYY-MM-DD.")) from exc
    identifiers = []
    id_kinds = {choice.value for choice in EntityIdentifier.Kind}
    for part in (row.get("identifiers") or "").split(";"):
        part = part.strip()
        if not part:
            continue
        id_kind, _sep, value = part.partition(":")
        if not _sep or id_kind.strip().lower() not in id_kinds:
            raise ValidationFailed.single(
                "identifiers",
                _("Write identifiers as kind:value separated by ';' (kinds: %(kinds)s).")
                % {"kinds": ", ".join(sorted(id_kinds))},
            )
        identifiers.append((id_kind.strip().lower(), value.strip()))
    fields: dict[str, Any] = {
        "kind": kind,
        "name": row.get("name", ""),
        "nationality": row.get("nationality", ""),
        "reason": row.get("reason", ""),
        "listed_on": listed_on,
        "aliases": [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()],
        "identifiers": identifiers,
    }
    if row.get("classification"):
        levels = {choice.name.lower(): choice.value for choice in Classification}
        level = row["classification"].strip().lower()
        if level.isdigit() and int(level) in levels.values():
            fields["classification"] = int(level)
        elif level in levels:
            fields["classification"] = levels[level]
        else:
            raise ValidationFailed.single("classification", _("Unknown classification."))
    if row.get("release"):
        releases = {choice.value for choice in Release} - {Release.LISTED}
        if row["release"].strip().lower() not in releases:
            raise ValidationFailed.single("release", _("Unknown release."))
        fields["release"] = row["release"].strip().lower()
    return fields


def _row_message(number: int, exc: ValidationFailed) -> str:
    parts = [
        f"{field}: {' '.join(str(m) for m in messages)}" for field, messages in exc.errors.items()
    ]
    return str(_("Row %(row)s: %(errors)s") % {"row": number, "errors": "; ".join(parts)})


@transaction.atomic
def watchlist_import(*, actor: User, data: bytes, filename: str) -> list[Entity]:
    """Import entities from a CSV or XLSX file into the actor's party's watchlist, in one
    transaction: a bad row rejects the whole file with its row number (the header is row
    1). Columns: kind, name, nationality, reason, listed_on, and optionally aliases
    (separated by ';'), identifiers (kind:value;...), classification, release."""
    if not can_edit_watchlist(actor):
        raise PermissionDenied()
    rows = read_table(data, filename)
    missing = [column for column in ("kind", "name", "reason") if rows and column not in rows[0]]
    if missing or not rows:
        raise ValidationFailed.single(
            "file",
            _("The file needs the columns: %(columns)s.") % {"columns": ", ".join(IMPORT_COLUMNS)},
        )
    created = []
    for number, row in enumerate(rows, start=2):
        try:
            with transaction.atomic():
                created.append(entity_create(actor=actor, **_parse_import_row(row)))
        except ValidationFailed as exc:
            raise ValidationFailed.single("file", _row_message(number, exc)) from exc
    record_event(
        actor=actor,
        action="trafficking.entity.import",
        object_type="trafficking.entity",
        object_repr=filename[:300],
        after={"file": filename, "entities": len(created)},
    )
    return created
