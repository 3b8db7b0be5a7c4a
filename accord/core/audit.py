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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.models import AuditEvent, Classification
from accord.core.request_id import current_request_id

GENESIS_HASH = "0" * 64
# Arbitrary, fixed key of the PostgreSQL advisory lock that serialises audit writers.
_PG_LOCK_KEY = 0x41636364  # "Accd"
# Each field is written as its length in characters, ":", then its text, and the fields are
# joined by the ASCII unit separator (for a reader's eye only: the lengths alone make the
# form unambiguous). Free text (a user name, an object's name) may itself hold the
# separator; without the lengths, `object_id="a\x1fb", object_repr="c"` and
# `object_id="a", object_repr="b\x1fc"` would read the same and share a hash.
_SEP = "\x1f"
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
# Fields added to events later (issue 17). The hash covers them only when one of them is
# set: their texts, as `<length>:<text>`, are appended after HASHED_FIELDS, each after one
# more separator. Every event written before them has them NULL, so its canonical bytes,
# its hash and `accord audit verify` on an existing chain are unchanged; every event
# written since has an outcome, so its extension is always covered.
EXTENSION_FIELDS = ("outcome", "request_id", "object_owner_id")


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | Promise):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):  # a stored file, or an empty file field
        return value.name or ""
    raise TypeError(f"cannot serialise {type(value).__name__} into the audit trail")


def canonical_json(data: Any) -> str:
    """Stable JSON text: sorted keys, no spaces, UTF-8 kept as is."""
    if data is None:
        return ""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default
    )


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The values of `obj`'s concrete fields (foreign keys as ids), for before/after, and
    of its `released_to` list (party ids, sorted): a change of who may see a record is a
    change of the record."""
    names = set(fields) if fields is not None else None
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if names is not None and field.name not in names:
            continue
        data[field.attname if field.is_relation else field.name] = field.value_from_object(obj)
    released = next((f for f in obj._meta.many_to_many if f.name == "released_to"), None)
    if released is not None and obj.pk is not None and (names is None or "released_to" in names):
        data["released_to"] = sorted(
            getattr(obj, "released_to").values_list("pk", flat=True)  # noqa: B009
        )
    return data


def _format_time(value: dt.datetime) -> str:
    """The canonical text of an event's time: UTC, always six fraction digits, "Z".

    `isoformat` gives the same text as `strftime(_TIME_FORMAT)` at half the cost, except
    before the year 1000, which strftime does not zero-pad on every platform."""
    value = value.astimezone(dt.UTC)
    if value.year < 1000:
        return value.strftime(_TIME_FORMAT)
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _canonical_text(time_text: str, values: Sequence[Any]) -> str:
    """The canonical text of an event: its time's text, then the other HASHED_FIELDS
    (None as "", anything else as str()), each as `<length>:<text>`, joined by _SEP."""
    texts = [time_text, *("" if v is None else str(v) for v in values)]
    return _SEP.join([f"{len(text)}:{text}" for text in texts])


def _extension_text(extension: Sequence[Any]) -> str:
    """The text appended for EXTENSION_FIELDS: "" when none is set (an older event)."""
    if all(v is None or v == "" for v in extension):
        return ""
    texts = ["" if v is None else str(v) for v in extension]
    return "".join(f"{_SEP}{len(text)}:{text}" for text in texts)


def _content_bytes(values: tuple[Any, ...], extension: Sequence[Any] = ()) -> bytes:
    """Canonical bytes of one event's hashed fields, in HASHED_FIELDS order, then its
    EXTENSION_FIELDS when any is set."""
    text = _canonical_text(_format_time(values[0]), values[1:])
    return (text + _extension_text(extension)).encode()


def compute_hash(prev_hash: str, values: tuple[Any, ...], extension: Sequence[Any] = ()) -> str:
    return hashlib.sha256(prev_hash.encode() + _content_bytes(values, extension)).hexdigest()


def lock_chain() -> None:
    """Take the chain writers' lock for the rest of the current transaction (PostgreSQL's
    advisory lock; on SQLite the IMMEDIATE transaction already holds the write lock)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])


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
    outcome: str = "success",
    classification: int | None = None,
) -> AuditEvent:
    """Append one event to the chain. Call inside the service's transaction, so that the
    change and its event are committed together or not at all.

    `outcome` is "success" for a change or read that happened, "failure" for an attempt
    that did not (a wrong password or code); the event also carries the id of the request
    it came from (core.request_id) and the party owning its object."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)
    if classification is None:  # given: an event about several records, their highest
        classification = getattr(obj, "classification", Classification.UNCLASSIFIED)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    party = party_of(actor) if is_user else None
    if is_user and party is None:
        party = getattr(actor, "party", None)
    event = AuditEvent(
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
        outcome=outcome[:16],
        request_id=current_request_id()[:64] or None,
        object_owner_id=getattr(obj, "owner_id", None) if obj is not None else None,
    )
    with transaction.atomic():
        lock_chain()
        prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        # The time is taken holding the lock, so that times follow the chain's order.
        event.created_at = timezone.now()
        event.prev_hash = prev or GENESIS_HASH
        event.hash = compute_hash(
            event.prev_hash,
            tuple(getattr(event, name) for name in HASHED_FIELDS),
            tuple(getattr(event, name) for name in EXTENSION_FIELDS),
        )
        event.save(force_insert=True)
    return event


def record_view(*, actor: Any, obj: models.Model) -> AuditEvent | None:
    """Record that `actor` read `obj`, when `obj` is CONFIDENTIAL or above."""
    if getattr(obj, "classification", Classification.UNCLASSIFIED) < Classification.CONFIDENTIAL:
        return None
    from accord.core.middleware import note_viewed

    note_viewed(obj._meta.label_lower, obj.pk)  # not named again in the request's read event
    return record_event(actor=actor, action="view", obj=obj)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_event_id: int | None = None
    reason: Any = ""
    head_id: int | None = None  # the last event verified: record it to detect truncation
    head_hash: str = ""


_BROKEN_LINK = _(
    "its link to the previous event is broken (an event before it was deleted, inserted or moved)"
)
_ALTERED = _("its content does not match its hash (altered)")


def _time_column(column: str) -> tuple[str, Callable[[Any], str | None]]:
    """How verify reads `created_at`: an SQL expression, and the function turning what it
    returns into the canonical time text, or None for "not in the expected form" (that
    event's time is then read through the ORM and formatted by `_format_time`).

    SQLite stores the UTC time as text, "YYYY-MM-DD HH:MM:SS[.ffffff]" (`|| ''` keeps the
    sqlite3 module from parsing it): rearranged, it is the canonical text. PostgreSQL
    formats it itself, in UTC, from the year 1000 on (NULL before). Other databases: the
    ORM, event by event (correct, slow; Accord runs on SQLite and PostgreSQL).
    """
    if connection.vendor == "sqlite":
        return f"{column} || ''", _sqlite_time
    if connection.vendor == "postgresql":
        return (
            f"CASE WHEN {column} >= '1000-01-01T00:00:00Z' THEN to_char({column} "
            "AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') END"
        ), str
    return "NULL", str


def _sqlite_time(text: str) -> str | None:
    if text[10:11] != " " or text[:1] == "0":  # not Django's form, or before the year 1000
        return None
    if len(text) == 26:
        return f"{text[:10]}T{text[11:]}Z"
    if len(text) == 19:  # Django leaves out a zero fraction
        return f"{text[:10]}T{text[11:]}.000000Z"
    return None


def verify_chain(batch_size: int = 20000) -> VerifyResult:
    """Walk the whole chain in id order; stop at the first event that does not hold.

    Reads raw rows from the DB-API cursor rather than through the ORM, because verify's
    time goes into reading rows, not hashing: the ORM's per-row converters (and, on
    PostgreSQL, psycopg's pure-Python timestamptz parser) cost several times the SHA-256.
    `created_at` arrives as text already in canonical form (`_time_column`), and the
    canonical text is built inline; it is the same text as `_content_bytes`, which
    record_event() hashes (tests pin it). Keyset pagination: constant memory, no
    long-lived server cursor.
    """
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    column_of = {field.attname: field.column for field in AuditEvent._meta.concrete_fields}
    columns = [
        connection.ops.quote_name(column_of[name])
        for name in ("id", "prev_hash", "hash", *HASHED_FIELDS, *EXTENSION_FIELDS)
    ]
    columns[3], time_text_of = _time_column(columns[3])
    # Only the model's quoted names and an int are formatted in; the id is a parameter.
    sql = (
        f"SELECT {', '.join(columns)} FROM {table} WHERE {columns[0]} > %s "  # noqa: S608
        f"ORDER BY {columns[0]} LIMIT {int(batch_size)}"
    )
    sep = _SEP
    sha256 = hashlib.sha256
    expected_prev = GENESIS_HASH
    checked = 0
    last_id = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last_id])
            rows = cursor.fetchall()
        if not rows:
            head = None if expected_prev == GENESIS_HASH else last_id
            return VerifyResult(
                True, checked, head_id=head, head_hash="" if head is None else expected_prev
            )
        for row in rows:
            (
                event_id,
                prev_hash,
                stored_hash,
                created_at,
                actor_id,
                actor_username,
                actor_party_id,
                actor_party_code,
                action,
                object_type,
                object_id,
                object_repr,
                object_classification,
                before,
                after,
                *extension,
            ) = row
            if prev_hash != expected_prev:
                return VerifyResult(False, checked, event_id, _BROKEN_LINK)
            time_text = None if created_at is None else time_text_of(created_at)
            if time_text is None:
                time_text = _format_time(
                    AuditEvent.objects.values_list("created_at", flat=True).get(id=event_id)
                )
            try:  # _canonical_text, inline: the text columns are NOT NULL strings
                content = sep.join(
                    [
                        f"{len(text)}:{text}"
                        for text in (
                            time_text,
                            "" if actor_id is None else str(actor_id),
                            actor_username,
                            "" if actor_party_id is None else str(actor_party_id),
                            actor_party_code,
                            action,
                            object_type,
                            object_id,
                            object_repr,
                            str(object_classification),
                            before,
                            after,
                        )
                    ]
                )
            except TypeError:  # a NULL or a non-text value where text belongs
                content = _canonical_text(time_text, row[4 : 4 + len(HASHED_FIELDS) - 1])
            if extension[0] is not None or extension[1] is not None or extension[2] is not None:
                content += _extension_text(extension)
            if sha256((prev_hash + content).encode()).hexdigest() != stored_hash:
                return VerifyResult(False, checked, event_id, _ALTERED)
            expected_prev = stored_hash
            checked += 1
        last_id = rows[-1][0]


def anchor_holds(anchor_hash: str) -> bool:
    """Whether an event with this hash is still in the chain.

    Verification alone cannot see events removed from the *end* of the chain (what is left
    still links up). An auditor who records the head hash that verify prints, and later
    checks that the recorded head is still present, closes that gap.
    """
    return AuditEvent.objects.filter(hash=anchor_hash).exists()
