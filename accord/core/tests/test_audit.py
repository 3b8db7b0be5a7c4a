"""The audit chain: every service write adds an event in the same transaction; verify
passes on an untouched chain and names the first broken event after tampering."""

import contextlib
import datetime as dt
import hashlib
import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from accord.accounts.services import role_policy_set, token_create, token_revoke, user_update
from accord.core.audit import (
    GENESIS_HASH,
    HASHED_FIELDS,
    _content_bytes,
    _format_time,
    compute_hash,
    record_event,
    verify_chain,
)
from accord.core.models import AuditEvent, Classification, Release
from accord.core.services import party_update
from tests.markedapp.services import dossier_create, dossier_update

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: runs in the PostgreSQL leg"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")

# Two events in HASHED_FIELDS order and their chained hashes in the length-prefixed
# canonical form (issue 20: the earlier form joined bare texts by \x1f, so free text holding
# \x1f could make two events read the same). The canonical form must never change again:
# existing chains would stop verifying.
KNOWN_EVENTS = (
    (
        dt.datetime(2026, 3, 14, 18, 9, 26, 535897, tzinfo=dt.timezone(dt.timedelta(hours=3))),
        7,
        "анна.иванова",
        3,
        "RUS",
        "dossier.update",
        "markedapp.dossier",
        "42",
        "Протокол №5",
        2,
        '{"title":"Протокол","version":1}',
        '{"title":"Протокол №5","version":2}',
    ),
    (
        dt.datetime(2026, 3, 14, 15, 10, tzinfo=dt.UTC),
        None,
        "",
        None,
        "",
        "system.start",
        "",
        "",
        "",
        0,
        "",
        "",
    ),
)
KNOWN_HASHES = (
    "55db1e1effe3b7835ac24934c0e461db00c2412712d01ff66a606fd405b2b599",
    "9dccb92fd81103d52687ea95122882a4d80fa98f6671be3e0d6ec1874883b8c8",
)


@contextlib.contextmanager
def tampering():
    """Let a test alter the audit table directly, as an attacker with SQL access would
    (on PostgreSQL that means first disabling the append-only trigger)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER accord_audit_append_only")
        try:
            yield cursor
        finally:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "ALTER TABLE core_auditevent ENABLE TRIGGER accord_audit_append_only"
                )


@pytest.fixture
def chain(db, make_user):
    """A chain of real events from real services."""
    admin = make_user("SEC", roles=["administrator"])
    author = make_user("RUS")
    dossier = dossier_create(actor=author, title="first", release=Release.MEMBERS)
    dossier_update(actor=author, dossier=dossier, version=1, title="second")
    token, _key = token_create(actor=author, name="script", verified=False)
    token_revoke(actor=author, token_id=token.pk)
    return list(AuditEvent.objects.order_by("id")), admin


def test_every_service_write_is_recorded(chain, party):
    events, admin = chain
    actions = [e.action for e in events]
    assert actions == [
        "user.create",
        "user.create",
        "dossier.create",
        "dossier.update",
        "api_token.create",
        "api_token.revoke",
    ]
    update = events[3]
    assert update.before_data["title"] == "first"
    assert update.after_data["title"] == "second"
    assert update.actor_party_code == "RUS"
    party_update(actor=admin, party=party("IRN"), name_en="Iran")
    role_policy_set(actor=admin, role="auditor", require_second_factor=True)
    user_update(actor=admin, user=admin, clearance=Classification.CONFIDENTIAL)
    assert list(AuditEvent.objects.order_by("-id").values_list("action", flat=True)[:3]) == [
        "user.update",
        "role_policy.update",
        "party.update",
    ]


def test_events_form_a_chain_and_verify_passes(chain):
    events, _admin = chain
    assert events[0].prev_hash == GENESIS_HASH
    for previous, event in itertools.pairwise(events):
        assert event.prev_hash == previous.hash
    result = verify_chain()
    assert result.ok and result.checked == len(events)


def test_known_events_keep_their_canonical_bytes_and_hashes():
    texts = [
        "2026-03-14T15:09:26.535897Z",
        "7",
        "анна.иванова",
        "3",
        "RUS",
        "dossier.update",
        "markedapp.dossier",
        "42",
        "Протокол №5",
        "2",
        '{"title":"Протокол","version":1}',
        '{"title":"Протокол №5","version":2}',
    ]
    written = "\x1f".join(f"{len(text)}:{text}" for text in texts).encode()
    assert _content_bytes(KNOWN_EVENTS[0]) == written
    assert written.decode().split("\x1f")[2] == "12:анна.иванова"  # characters, not bytes
    assert hashlib.sha256(GENESIS_HASH.encode() + written).hexdigest() == KNOWN_HASHES[0]
    assert _content_bytes(KNOWN_EVENTS[1]) == (
        b"27:2026-03-14T15:10:00.000000Z\x1f0:\x1f0:\x1f0:\x1f0:\x1f12:system.start"
        b"\x1f0:\x1f0:\x1f0:\x1f1:0\x1f0:\x1f0:"
    )
    prev = GENESIS_HASH
    for values, expected in zip(KNOWN_EVENTS, KNOWN_HASHES, strict=True):
        assert compute_hash(prev, values) == expected
        prev = expected


def test_free_text_holding_the_separator_cannot_make_two_events_alike():
    """The case the bare \x1f join got wrong: the same texts split differently between
    object_id and object_repr read the same; with lengths they do not."""
    base = list(KNOWN_EVENTS[1])
    first, second = list(base), list(base)
    first[7], first[8] = "a\x1fb", "c"  # object_id, object_repr
    second[7], second[8] = "a", "b\x1fc"
    bare = ["\x1f".join(str(v) for v in values[1:]) for values in (first, second)]
    assert bare[0] == bare[1]  # the collision, as it was
    assert _content_bytes(tuple(first)) != _content_bytes(tuple(second))
    assert compute_hash(GENESIS_HASH, tuple(first)) != compute_hash(GENESIS_HASH, tuple(second))


@pytest.mark.django_db
def test_verify_reads_the_same_form_as_it_writes_for_text_holding_the_separator(make_user):
    """An event whose free text holds the separator verifies, and an attacker who moves
    text across the separator (which the bare join could not tell) is caught."""
    author = make_user("RUS")
    dossier_create(actor=author, title="a\x1fb", release=Release.MEMBERS)
    assert verify_chain().ok
    event = AuditEvent.objects.order_by("-id").first()
    assert event.object_repr == "a\x1fb"
    with tampering() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET object_id = %s, object_repr = %s WHERE id = %s",
            [f"{event.object_id}\x1fa", "b", event.pk],
        )
    result = verify_chain()
    assert not result.ok and result.broken_event_id == event.pk


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(1000, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 14, 15, 10, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 15, 1, 2, 3, 4, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
        dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
    ],
)
def test_format_time_is_the_strftime_text(moment):
    """_format_time uses isoformat (cheaper); the text is the strftime format's."""
    assert _format_time(moment) == moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _store_chain(events):
    """Store events (HASHED_FIELDS values) as a chain, hashed with compute_hash."""
    prev, stored = GENESIS_HASH, []
    for values in events:
        event = AuditEvent(prev_hash=prev, hash=compute_hash(prev, values))
        for name, value in zip(HASHED_FIELDS, values, strict=True):
            setattr(event, name, value)
        stored.append(event)
        prev = event.hash
    return AuditEvent.objects.bulk_create(stored)


def test_verify_accepts_known_events_as_stored(db):
    """verify_chain reads the rows raw (the time as the database's text); stored events
    hashed by the old code must still verify."""
    stored = _store_chain(KNOWN_EVENTS)
    assert [event.hash for event in stored] == list(KNOWN_HASHES)
    assert verify_chain() == verify_chain(batch_size=1)
    result = verify_chain()
    assert result.ok and result.checked == 2


def test_verify_accepts_every_form_of_stored_time(db):
    """Times the fast path reads (with and without a fraction) and those it leaves to the
    ORM (before the year 1000) all verify."""
    template = KNOWN_EVENTS[1][1:]
    times = [
        dt.datetime(999, 12, 31, 23, 59, 59, 123456, tzinfo=dt.UTC),
        dt.datetime(1000, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 14, 15, 10, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 14, 15, 10, 0, 1, tzinfo=dt.UTC),
        dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
    ]
    _store_chain([(moment, *template) for moment in times])
    result = verify_chain()
    assert result.ok and result.checked == len(times)


def test_verify_walks_the_chain_in_batches(chain):
    events, _admin = chain
    for batch_size in (1, 2, 4, len(events)):
        result = verify_chain(batch_size=batch_size)
        assert result.ok and result.checked == len(events)
    with tampering() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[2].pk])
    result = verify_chain(batch_size=2)
    assert (result.ok, result.checked, result.broken_event_id) == (False, 2, events[3].pk)


def test_a_failed_write_leaves_no_event(db, make_user):
    author = make_user("RUS", clearance=Classification.RESTRICTED)
    before = AuditEvent.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do; the count is the point
        dossier_create(actor=author, title="x" * 300)
    assert AuditEvent.objects.count() == before


def test_verify_catches_a_changed_field(chain):
    events, _admin = chain
    with tampering() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET object_repr = %s WHERE id = %s", ["innocent", events[2].pk]
        )
    result = verify_chain()
    assert not result.ok
    assert result.broken_event_id == events[2].pk
    assert "altered" in str(result.reason)


@on_sqlite
def test_verify_reports_a_value_of_another_type_as_altered(chain):
    """SQLite stores whatever it is given: a blob where text belongs is a change too."""
    events, _admin = chain
    with tampering() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET object_id = CAST(object_id AS BLOB) WHERE id = %s",
            [events[2].pk],
        )
    result = verify_chain()
    assert (result.ok, result.broken_event_id) == (False, events[2].pk)
    assert "altered" in str(result.reason)


def test_verify_catches_a_deleted_event(chain):
    events, _admin = chain
    with tampering() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[3].pk])
    result = verify_chain()
    assert not result.ok
    assert result.broken_event_id == events[4].pk
    assert "link" in str(result.reason)


def test_verify_catches_reordered_events(chain):
    """Swap two events' places in the chain (each keeps its own hashes)."""
    events, _admin = chain
    a, b = events[2], events[3]
    fields = [f.attname for f in AuditEvent._meta.concrete_fields if f.attname != "id"]
    with tampering() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id IN (%s, %s)", [a.pk, b.pk])
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(id=a.pk, **{name: getattr(b, name) for name in fields}),
                AuditEvent(id=b.pk, **{name: getattr(a, name) for name in fields}),
            ]
        )
    result = verify_chain()
    assert not result.ok
    assert result.broken_event_id == a.pk


def test_cli_verify_names_the_broken_event(chain, capsys):
    events, _admin = chain
    call_command("audit", "verify")
    assert f"{len(events)} events verified" in capsys.readouterr().out
    with tampering() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'x' WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError, match=f"broken at event {events[1].pk}"):
        call_command("audit", "verify")


@on_postgres
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE core_auditevent SET action = 'forged'",
        "DELETE FROM core_auditevent",
    ],
)
def test_postgres_refuses_update_and_delete(chain, statement):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert verify_chain().ok


@pytest.mark.parametrize(
    ("classification", "recorded"),
    [
        (Classification.RESTRICTED, False),
        (Classification.CONFIDENTIAL, True),
        (Classification.SECRET, True),
    ],
)
def test_reading_confidential_records_is_recorded(
    db, make_user, api_client, client, classification, recorded
):
    author = make_user("RUS", clearance=Classification.SECRET)
    dossier = dossier_create(actor=author, title="d", classification=classification)
    api_client(author).get(reverse("dossier-detail-api", args=[dossier.pk]))
    client.force_login(author)
    client.get(reverse("dossier-detail", args=[dossier.pk]))
    views = AuditEvent.objects.filter(action="view", object_id=str(dossier.pk))
    assert views.count() == (2 if recorded else 0)
    if recorded:
        assert set(views.values_list("actor_username", flat=True)) == {author.username}


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain(make_user):
    """Writers in parallel threads (each its own connection) serialise on the chain head,
    so the chain never forks."""
    import threading

    from django.db import close_old_connections

    actor = make_user("RUS")
    errors = []

    def write(worker):
        try:
            for index in range(15):
                with transaction.atomic():
                    record_event(actor=actor, action="test.write", object_id=f"{worker}-{index}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.filter(action="test.write").count() == 60
    result = verify_chain()
    assert result.ok, result


def test_a_recorded_head_detects_events_removed_from_the_end(chain, capsys):
    """Removing the last events leaves a chain that still links up; the head recorded
    from an earlier verify catches it."""
    events, _admin = chain
    call_command("audit", "verify")
    out = capsys.readouterr().out
    head = events[-1]
    assert f"Head: event {head.pk}, hash {head.hash}" in out
    call_command("audit", "verify", "--anchor", head.hash)  # still there: passes
    with tampering() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [head.pk])
    assert verify_chain().ok  # the shortened chain is intact in itself...
    with pytest.raises(CommandError, match="no longer in the chain"):
        call_command("audit", "verify", "--anchor", head.hash)  # ...but the anchor is gone
