"""Benchmark: how fast `accord.core.audit.verify_chain()` walks the audit trail.

Auditors run `accord audit verify` over the whole chain, which grows with every service
write and every CONFIDENTIAL read, so its speed decides whether verification is routine or
an overnight job. The spec's target: verify at least a third of the raw SHA-256 rate, i.e.
reading rows and rebuilding their canonical bytes may cost at most twice the hashing.

The script
1. builds a fresh database (SQLite file in a temporary folder, or a new database on the
   PostgreSQL server of DATABASE_URL with --postgres), migrated with `call_command`;
2. writes N events (default 200,000) shaped like the real ones: the fields
   `record_event()` fills, the same canonical JSON for before/after, the same
   `compute_hash()` chain, inserted with `bulk_create` (calling `record_event()` N times
   would take a lock and a query per event, which is not what we measure), then checks
   that `verify_chain()` accepts them;
3. times `verify_chain()` (events/s) and, in the same run, the raw rate of
   `hashlib.sha256(b).hexdigest()` over exactly the bytes verify hashes
   (prev_hash.encode() + _content_bytes(values)), precomputed in memory;
4. times, beside it: `previous_verify_chain()`, verify as it was before it read raw rows
   (ORM `values_list`, kept in this file for before/after); two lower bounds written
   against the database directly (B: the database builds the canonical text, Python
   hashes; C, PostgreSQL: the whole check in one SQL query); and the floor, merely
   fetching the rows; checks that all of them reject the same tampering the same way;
5. splits verify's time into fetching, hashing, and the Python work in between.

With --profile it also prints cProfile's view of one `verify_chain()` run.

Run from the project root:  .venv/bin/python bench/audit.py --events 200000
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import os
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261129
INSERT_BATCH = 5000
TARGET = 1 / 3
RAW = "raw SHA-256 over the same bytes, in memory"
CURRENT = "verify_chain()"
PREVIOUS = "previous verify_chain() (ORM values_list, until this change)"

ACTIONS = (  # (action, weight, has before, has after)
    ("view", 40, False, False),
    ("dossier.update", 25, True, True),
    ("dossier.create", 15, False, True),
    ("review.submit", 8, True, True),
    ("user.sign_in", 7, False, False),
    ("dossier.withdraw", 5, True, True),
)
WORDS = (
    "review",
    "article",
    "protocol",
    "annex",
    "assessment",
    "seizure",
    "trace",
    "facility",
    "measure",
    "obligation",
    "delivery",
    "standard",
    "finding",
    "обзор",
    "протокол",
    "оценка",
)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--events",
        type=int,
        default=200_000,
        help="number of audit events to write (default: %(default)s)",
    )
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="use the PostgreSQL server of DATABASE_URL (a new database is "
        "created on it and dropped afterwards)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="timed rounds of each measurement; the median is kept (default: %(default)s)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print cProfile's top functions for one verify_chain() run",
    )
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    args = parser.parse_args(argv)
    if args.postgres and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("--postgres needs DATABASE_URL=postgres://... (see bench/README.md)")
    return args


def setup_django(sqlite_path: Path | None) -> None:
    """Configure Django before anything imports models (same settings as the tests)."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    if sqlite_path is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    import django

    django.setup()


def open_database(postgres: bool, tmpdir: Path) -> Callable[[bool], None]:
    """Point Django at a fresh database; returns the function that disposes of it."""
    from django.db import connection

    if not postgres:

        def close(keep: bool) -> None:
            connection.close()
            if keep:
                print(f"  kept database {connection.settings_dict['NAME']}")

        return close
    import psycopg

    s = dict(connection.settings_dict)
    name = f"accord_bench_audit_{os.getpid()}"

    def admin() -> Any:
        return psycopg.connect(
            host=s["HOST"] or None,
            port=s["PORT"] or None,
            user=s["USER"] or None,
            password=s["PASSWORD"] or None,
            dbname=s["NAME"],
            autocommit=True,
        )

    connection.close()
    with admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    connection.settings_dict["NAME"] = name

    def dispose(keep: bool) -> None:
        connection.close()
        if keep:
            print(f"  kept database {name}")
            return
        with admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return dispose


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


# --- writing the chain --------------------------------------------------------------------


def make_actors() -> list[Any]:
    """A few users of every party, saved, as the actors of the events."""
    from accord.accounts.models import User
    from accord.core.models import Party

    actors = []
    for party in Party.objects.all():
        for i in range(3):
            user = User(
                username=f"bench.{party.code.lower()}.{i}",
                party=party,
                clearance=random.Random(i).randint(0, 3),
            )
            user.set_unusable_password()
            user.save()
            actors.append(User.objects.select_related("party").get(pk=user.pk))
    return actors


def generate(n: int, actors: list[Any]) -> Iterator[Any]:
    """AuditEvent objects, chained, exactly as `record_event()` builds and hashes them."""
    from accord.core.audit import GENESIS_HASH, HASHED_FIELDS, canonical_json, compute_hash
    from accord.core.models import AuditEvent

    rng = random.Random(SEED)
    kinds = [a for a in ACTIONS for _ in range(a[1])]
    moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    prev = GENESIS_HASH
    for _ in range(n):
        moment += dt.timedelta(microseconds=rng.randint(1, 3_000_000))
        actor = actors[rng.randrange(len(actors))]
        action, _, has_before, has_after = kinds[rng.randrange(len(kinds))]
        object_id = rng.randint(1, max(1, n // 3))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8))).capitalize()
        classification = rng.choice((0, 1, 1, 2, 2, 3))
        state = {
            "id": object_id,
            "owner_id": actor.party_id,
            "classification": classification,
            "release": rng.choice(("owner", "listed", "members", "public")),
            "title": title,
            "version": rng.randint(1, 9),
            "updated_at": moment,
        }
        before = (
            dict(state, version=state["version"] - 1, title=title[::-1]) if has_before else None
        )
        after = state if has_after else None
        event = AuditEvent(
            created_at=moment,
            actor_id=actor.pk,
            actor_username=actor.get_username(),
            actor_party_id=actor.party_id,
            actor_party_code=actor.party.code,
            action=action,
            object_type="markedapp.dossier" if action != "user.sign_in" else "accounts.user",
            object_id=str(object_id)[:64],
            object_repr=str(title)[:300],
            object_classification=int(classification),
            before=canonical_json(before),
            after=canonical_json(after),
        )
        event.prev_hash = prev
        event.hash = compute_hash(prev, tuple(getattr(event, name) for name in HASHED_FIELDS))
        prev = event.hash
        yield event


def write_chain(n: int) -> float:
    from django.db import connection, transaction

    from accord.core.models import AuditEvent

    actors = make_actors()
    started = time.perf_counter()
    batch: list[Any] = []
    with transaction.atomic():
        for event in generate(n, actors):
            batch.append(event)
            if len(batch) >= INSERT_BATCH:
                AuditEvent.objects.bulk_create(batch)
                batch = []
        if batch:
            AuditEvent.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return time.perf_counter() - started


# --- the previous verify, and the SQL-side lower bounds -----------------------------------


def _previous_rows(batch_size: int = 5000) -> Iterator[tuple[Any, ...]]:
    """`audit.iter_chain` as it was: (id, prev_hash, hash, *HASHED_FIELDS) through the ORM
    (`values_list`, converters and all), keyset batches of 5,000."""
    from accord.core.audit import HASHED_FIELDS
    from accord.core.models import AuditEvent

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


def _previous_content_bytes(values: tuple[Any, ...]) -> bytes:
    """`audit._content_bytes` as it was (strftime for the time)."""
    parts = [values[0].astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")]
    parts.extend("" if v is None else str(v) for v in values[1:])
    return "\x1f".join(f"{len(part)}:{part}" for part in parts).encode()


def previous_verify_chain(batch_size: int = 5000) -> Any:
    """`verify_chain` as it was before it read raw rows: the "before" of before/after."""
    from accord.core.audit import _ALTERED, _BROKEN_LINK, GENESIS_HASH, VerifyResult

    expected_prev = GENESIS_HASH
    sha256 = hashlib.sha256
    checked = 0
    for row in _previous_rows(batch_size):
        event_id, prev_hash, stored_hash = row[0], row[1], row[2]
        if prev_hash != expected_prev:
            return VerifyResult(False, checked, event_id, _BROKEN_LINK)
        if sha256(prev_hash.encode() + _previous_content_bytes(row[3:])).hexdigest() != stored_hash:
            return VerifyResult(False, checked, event_id, _ALTERED)
        expected_prev = stored_hash
        checked += 1
    return VerifyResult(True, checked)


def _canonical_sql(vendor: str) -> str | None:
    """SQL for prev_hash + the canonical content, as bytes, built by the database itself,
    or None where the database cannot say it. It must give exactly the bytes of
    `prev_hash.encode() + audit._content_bytes(values)`; where the time is not in the
    expected form the expression is NULL and that row is rebuilt in Python instead."""
    from django.db import connection

    from accord.core.audit import HASHED_FIELDS
    from accord.core.models import AuditEvent

    def col(name: str) -> str:
        return connection.ops.quote_name(AuditEvent._meta.get_field(name).column)

    created = col("created_at")
    if vendor == "postgresql":
        time_sql = (
            f"CASE WHEN {created} >= '1000-01-01T00:00:00Z' THEN to_char({created} "
            "AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') END"
        )
        rest = [f"coalesce({col(n)}::text, '')" for n in HASHED_FIELDS[1:]]
        fields = [f"'27:' || {time_sql}", *(f"length({r}) || ':' || {r}" for r in rest)]
        return "convert_to(prev_hash || " + " || chr(31) || ".join(fields) + ", 'UTF8')"
    if vendor == "sqlite":
        time_sql = (
            f"CASE WHEN length({created}) = 26 AND substr({created}, 11, 1) = ' ' "
            f"THEN substr({created}, 1, 10) || 'T' || substr({created}, 12) || 'Z' "
            f"WHEN length({created}) = 19 AND substr({created}, 11, 1) = ' ' "
            f"THEN substr({created}, 1, 10) || 'T' || substr({created}, 12) || '.000000Z' END"
        )
        rest = [f"coalesce({col(n)}, '')" for n in HASHED_FIELDS[1:]]
        fields = [f"'27:' || {time_sql}", *(f"length({r}) || ':' || {r}" for r in rest)]
        return "CAST(prev_hash || " + " || char(31) || ".join(fields) + " AS BLOB)"
    return None


def verify_chain_db_canonical(batch_size: int = 20000) -> Any:
    """B (not adopted): like `verify_chain`, but the database concatenates each event's
    canonical bytes (4 columns per row reach Python instead of 15), Python still hashes
    them. Faster, at the price of stating the canonical form a second time, in
    per-database SQL (`_canonical_sql`), which must stay byte-identical to Python's."""
    from django.db import connection

    from accord.core.audit import (
        _ALTERED,
        _BROKEN_LINK,
        GENESIS_HASH,
        HASHED_FIELDS,
        VerifyResult,
        _content_bytes,
        verify_chain,
    )
    from accord.core.models import AuditEvent

    content = _canonical_sql(connection.vendor)
    if content is None:
        return verify_chain(batch_size)
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    sql = (
        f"SELECT id, prev_hash, hash, {content} FROM {table} WHERE id > %s "
        f"ORDER BY id LIMIT {int(batch_size)}"
    )
    sha256 = hashlib.sha256
    expected_prev = GENESIS_HASH
    checked = 0
    last_id = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last_id])
            rows = cursor.fetchall()
        if not rows:
            return VerifyResult(True, checked)
        for event_id, prev_hash, stored_hash, blob in rows:
            if prev_hash != expected_prev:
                return VerifyResult(False, checked, event_id, _BROKEN_LINK)
            if blob is None:  # a time the SQL does not recognise: the Python way
                values = AuditEvent.objects.values_list(*HASHED_FIELDS).get(id=event_id)
                blob = prev_hash.encode() + _content_bytes(values)
            if sha256(blob).hexdigest() != stored_hash:
                return VerifyResult(False, checked, event_id, _ALTERED)
            expected_prev = stored_hash
            checked += 1
        last_id = rows[-1][0]


def verify_chain_in_postgresql() -> Any:
    """C, for information only (PostgreSQL): the whole check done by the database, sha256()
    and lag() in one query. Fastest by far, but the database then vouches for itself: a
    verification that should catch a tampered database would trust that database's
    functions, which is why it is not a replacement."""
    from django.db import connection

    from accord.core.audit import _ALTERED, _BROKEN_LINK, GENESIS_HASH, VerifyResult
    from accord.core.models import AuditEvent

    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    content = _canonical_sql("postgresql")
    sql = (
        "SELECT id, linked, intact, n FROM ("
        "  SELECT id, prev_hash = lag(hash, 1, %s) OVER (ORDER BY id) AS linked,"
        f"        encode(sha256({content}), 'hex') = hash AS intact,"
        "         row_number() OVER (ORDER BY id) - 1 AS n"
        f"  FROM {table}) AS chain "
        "WHERE linked IS NOT TRUE OR intact IS NOT TRUE ORDER BY id LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [GENESIS_HASH])
        broken = cursor.fetchone()
        if broken is None:
            cursor.execute(f"SELECT count(*) FROM {table}")
            return VerifyResult(True, cursor.fetchone()[0])
    event_id, linked, _intact, checked = broken
    return VerifyResult(False, checked, event_id, _ALTERED if linked else _BROKEN_LINK)


# --- measuring ----------------------------------------------------------------------------


def median_seconds(fn: Callable[[], Any], rounds: int) -> tuple[float, Any]:
    """Median seconds of `rounds` calls of fn, and its last result."""
    times = []
    result = None
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def stage_breakdown(n: int, rounds: int, verify_seconds: float) -> dict[str, float]:
    """Seconds per stage of `verify_chain()`: fetching the rows (the floor), hashing their
    bytes (in memory), and the rest by difference (comparing hashes, the time's text, the
    canonical text, encoding it), which has no separate hook to time."""
    fetch = median_seconds(fetch_only, rounds)[0]
    blobs = _blobs()
    sha256 = hashlib.sha256
    hashing = median_seconds(lambda: [sha256(b).hexdigest() for b in blobs], rounds)[0]
    return {
        "fetch rows on the cursor (time as text)": fetch,
        "sha256 + hexdigest": hashing,
        "the rest, by difference (canonical text etc.)": verify_seconds - fetch - hashing,
    }


def _blobs() -> list[bytes]:
    """The bytes verify hashes for every event, built the old way (ORM values,
    _content_bytes): the same bytes, independently of verify_chain's own code."""
    from accord.core.audit import _content_bytes

    return [row[1].encode() + _content_bytes(row[3:]) for row in _previous_rows()]


def raw_hash_loop() -> Callable[[], None]:
    """Bare SHA-256 over exactly the bytes verify hashes, precomputed in memory: the
    ceiling any verify could reach if reading and rebuilding the rows cost nothing."""
    blobs = _blobs()
    sha256 = hashlib.sha256

    def run() -> None:
        for b in blobs:
            sha256(b).hexdigest()

    return run


def fetch_only(batch_size: int = 20000) -> None:
    """Only read the rows verify reads, as it reads them (DB-API cursor, keyset batches,
    the time as text): what a verify written in Python pays before building a single
    byte or hashing anything."""
    from django.db import connection

    from accord.core.audit import HASHED_FIELDS, _time_column
    from accord.core.models import AuditEvent

    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    column_of = {f.attname: f.column for f in AuditEvent._meta.concrete_fields}
    columns = [
        connection.ops.quote_name(column_of[name])
        for name in ("id", "prev_hash", "hash", *HASHED_FIELDS)
    ]
    columns[3] = _time_column(columns[3])[0]
    sql = (
        f"SELECT {', '.join(columns)} FROM {table} WHERE id > %s "
        f"ORDER BY id LIMIT {int(batch_size)}"
    )
    last_id = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last_id])
            rows = cursor.fetchall()
        if not rows:
            return
        last_id = rows[-1][0]


def mean_blob_length() -> float:
    return statistics.mean(len(b) for b in _blobs())


def measure(variants: dict[str, Callable[[], Any]], rounds: int, n: int) -> dict[str, float]:
    """Median seconds of each variant over `rounds` interleaved rounds (so a busy
    neighbour slows all of them alike), each verify checked to accept all n events."""
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, fn in variants.items():
            t0 = time.perf_counter()
            result = fn()
            samples[name].append(time.perf_counter() - t0)
            if result is not None:
                assert result.ok and result.checked == n, (name, result)
    return {name: statistics.median(times) for name, times in samples.items()}


def tamper_check() -> None:
    """verify_chain() must reject what the previous verify rejected, and so must the
    lower bounds: alter one event in a transaction that is rolled back (the PostgreSQL
    trigger refuses UPDATE, so it is disabled inside that transaction only), compare
    the verdicts."""
    from django.db import connection, transaction

    from accord.core.audit import verify_chain
    from accord.core.models import AuditEvent

    target = AuditEvent.objects.order_by("id").values_list("id", flat=True)[
        AuditEvent.objects.count() // 2
    ]
    for change in ("object_repr = object_repr || 'x'", "actor_id = NULL", "prev_hash = hash"):
        with transaction.atomic():
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute(
                        "ALTER TABLE core_auditevent DISABLE TRIGGER accord_audit_append_only"
                    )
                cursor.execute(f"UPDATE core_auditevent SET {change} WHERE id = %s", [target])
            current = previous_verify_chain()
            assert not current.ok and current.broken_event_id == target, current
            candidates = [verify_chain(), verify_chain_db_canonical()]
            if connection.vendor == "postgresql":
                candidates.append(verify_chain_in_postgresql())
            for candidate in candidates:
                assert (candidate.ok, candidate.broken_event_id, str(candidate.reason)) == (
                    current.ok,
                    current.broken_event_id,
                    str(current.reason),
                ), (candidate, current)
            transaction.set_rollback(True)
    print(
        f"  tampering check: verify_chain() and B/C reject the same event ({target}) with "
        f"the same reason as the previous verify, for each of 3 kinds of change"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    tmpdir = Path(tempfile.mkdtemp(prefix="accord-bench-audit-"))
    try:
        setup_django(None if args.postgres else tmpdir / "audit.sqlite3")
        dispose = open_database(args.postgres, tmpdir)
        from django.core.management import call_command
        from django.db import connection

        from accord.core.audit import verify_chain

        call_command("migrate", interactive=False, verbosity=0)
        print(
            f"## {args.events:,} audit events on {database_version()}; "
            f"load average {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        seconds = write_chain(args.events)
        print(f"  written in {seconds:.1f} s ({args.events / seconds:,.0f} events/s)", flush=True)

        first = verify_chain()
        assert first.ok and first.checked == args.events, first
        print(f"  verify_chain(): ok, {first.checked:,} events checked", flush=True)

        variants: dict[str, Callable[[], Any]] = {
            RAW: raw_hash_loop(),
            CURRENT: verify_chain,
            "verify_chain(batch_size=5000), as `accord audit verify` calls it": (
                lambda: verify_chain(batch_size=5000)
            ),
            PREVIOUS: previous_verify_chain,
            "B: the database builds the canonical text (not adopted)": verify_chain_db_canonical,
        }
        if connection.vendor == "postgresql":
            variants["C: the whole check in SQL (information only)"] = verify_chain_in_postgresql
        variants["floor: only fetch the rows, as verify_chain() does"] = fetch_only
        seconds_of = measure(variants, args.rounds, args.events)
        raw_rate = args.events / seconds_of[RAW]
        fetch_rate = args.events / seconds_of["floor: only fetch the rows, as verify_chain() does"]
        print(
            f"  hashed bytes per event: {mean_blob_length():.0f} on average; "
            f"median of {args.rounds} interleaved rounds"
        )
        print(
            "\n| measurement | seconds | events/s | share of raw SHA-256 rate "
            "| share of the fetch-only rate |"
        )
        print("|---|---:|---:|---:|---:|")
        for name, secs in seconds_of.items():
            rate = args.events / secs
            print(
                f"| {name} | {secs:.3f} | {rate:,.0f} | {rate / raw_rate:.2f} "
                f"| {rate / fetch_rate:.2f} |"
            )
        rate = args.events / seconds_of[CURRENT]
        print(
            f"\n  target, verify >= 1/3 of the raw hash rate: "
            f"{'met' if rate / raw_rate >= TARGET else 'NOT met'} ({rate / raw_rate:.2f}); "
            f"the fetch alone is {fetch_rate / raw_rate:.2f} of it"
        )
        print(
            f"  suggested, verify >= 1/2 of the fetch-only rate: "
            f"{'met' if rate / fetch_rate >= 0.5 else 'NOT met'} ({rate / fetch_rate:.2f}); "
            f">= 100,000 events/s: {'met' if rate >= 100_000 else 'NOT met'} ({rate:,.0f})"
        )
        print(
            f"  speed-up over the previous verify: "
            f"{seconds_of[PREVIOUS] / seconds_of[CURRENT]:.1f}x"
        )

        print("\n  where verify_chain()'s time goes:")
        stages = stage_breakdown(args.events, args.rounds, seconds_of[CURRENT])
        for stage, secs in stages.items():
            print(f"    {stage:<48} {secs:7.3f} s  ({secs / seconds_of[CURRENT]:.0%})")

        tamper_check()

        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(verify_chain)
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
            print("\n  cProfile of one verify_chain() run, by own time:")
            print("\n".join("    " + line for line in out.getvalue().splitlines() if line.strip()))
        print(f"\n  load average at the end {os.getloadavg()[0]:.2f}")
        dispose(args.keep)
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
