"""The audit trail: writing events into the hash chain, and verifying the chain.

Each event's hash is SHA-256 over the previous event's hash and the event's own canonical
content. Changing a stored field breaks that event's hash; deleting, inserting or
reordering events breaks the link from the next event to its predecessor. Chain order is
id order; writers take a lock first (PostgreSQL advisory lock; SQLite's IMMEDIATE
transactions already serialise writers) so two transactions cannot fork the chain.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.models import AuditEvent, Classification

GENESIS_HASH = "0" * 64
# Arbitrary, fixed key of the PostgreSQL advisory lock that serialises audit writers.
_PG_LOCK_KEY = 0x41636364  # "Accd"
_SEP = "\x1f"  # ASCII unit separator: cannot occur in canonical JSON or in our codes
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

# The fields the hash covers, in order. `id`, `prev_hash` and `hash` are not content.
HASHED_FIELDS = (
    "created_at",
    "actor_id",
    "actor_username",
    "actor_party_id",
    "actor_party_code",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "object_classification",
    "before",
    "after",
)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | Promise):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "name") and hasattr(value, "url"):  # a stored file
        return value.name
    raise TypeError(f"cannot serialise {type(value).__name__} into the audit trail")


def canonical_json(data: Any) -> str:
    """Stable JSON text: sorted keys, no spaces, UTF-8 kept as is."""
    if data is None:
        return ""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default
    )


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The values of `obj`'s concrete fields (foreign keys as ids), for before/after."""
    names = set(fields) if fields is not None else None
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if names is not None and field.name not in names:
            continue
        data[field.attname if field.is_relation else field.name] = field.value_from_object(obj)
    return data


def _format_time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime(_TIME_FORMAT)


def _content_bytes(values: tuple[Any, ...]) -> bytes:
    """Canonical bytes of one event's hashed fields, in HASHED_FIELDS order."""
    parts = [_format_time(values[0])]
    parts.extend("" if v is None else str(v) for v in values[1:])
    return _SEP.join(parts).encode()


def compute_hash(prev_hash: str, values: tuple[Any, ...]) -> str:
    return hashlib.sha256(prev_hash.encode() + _content_bytes(values)).hexdigest()


def record_event(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: Any = "",
    object_repr: str = "",
    before: Any = None,
    after: Any = None,
) -> AuditEvent:
    """Append one event to the chain. Call inside the service's transaction, so that the
    change and its event are committed together or not at all."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)
    classification = getattr(obj, "classification", Classification.UNCLASSIFIED)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    party = party_of(actor) if is_user else None
    if is_user and party is None:
        party = getattr(actor, "party", None)
    event = AuditEvent(
        created_at=timezone.now(),
        actor_id=actor.pk if is_user else None,
        actor_username=actor.get_username() if is_user else "",
        actor_party_id=party.pk if party else None,
        actor_party_code=party.code if party else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
        object_repr=str(object_repr)[:300],
        object_classification=int(classification),
        before=canonical_json(before),
        after=canonical_json(after),
    )
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
        prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        event.prev_hash = prev or GENESIS_HASH
        event.hash = compute_hash(
            event.prev_hash, tuple(getattr(event, name) for name in HASHED_FIELDS)
        )
        event.save(force_insert=True)
    return event


def record_view(*, actor: Any, obj: models.Model) -> AuditEvent | None:
    """Record that `actor` read `obj`, when `obj` is CONFIDENTIAL or above."""
    if getattr(obj, "classification", Classification.UNCLASSIFIED) < Classification.CONFIDENTIAL:
        return None
    return record_event(actor=actor, action="view", obj=obj)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_event_id: int | None = None
    reason: Any = ""


def iter_chain(batch_size: int = 5000) -> Iterator[tuple[Any, ...]]:
    """(id, prev_hash, hash, *HASHED_FIELDS) of every event in chain order, in batches
    (keyset pagination: constant memory, no long-lived cursor)."""
    last_id = 0
    columns = ("id", "prev_hash", "hash", *HASHED_FIELDS)
    while True:
        rows = list(
            AuditEvent.objects.filter(id__gt=last_id)
            .order_by("id")
            .values_list(*columns)[:batch_size]
        )
        if not rows:
            return
        yield from rows
        last_id = rows[-1][0]


def verify_chain(batch_size: int = 5000) -> VerifyResult:
    """Walk the whole chain; stop at the first event that does not hold."""
    expected_prev = GENESIS_HASH
    sha256 = hashlib.sha256
    checked = 0
    for row in iter_chain(batch_size):
        event_id, prev_hash, stored_hash = row[0], row[1], row[2]
        if prev_hash != expected_prev:
            return VerifyResult(
                False,
                checked,
                event_id,
                _(
                    "its link to the previous event is broken "
                    "(an event before it was deleted, inserted or moved)"
                ),
            )
        if sha256(prev_hash.encode() + _content_bytes(row[3:])).hexdigest() != stored_hash:
            return VerifyResult(
                False, checked, event_id, _("its content does not match its hash (altered)")
            )
        expected_prev = stored_hash
        checked += 1
    return VerifyResult(True, checked)
