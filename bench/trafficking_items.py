"""Benchmark: registers of marked items — import rate, exact lookup and fuzzy match.

The issue's targets: an import of one million rows must finish; exact lookup at 10 million
items within 2x the raw indexed query and under 20 ms p95 on PostgreSQL; fuzzy match under
250 ms p95. The script

1. builds a fresh database (SQLite file in a temporary folder, or with --postgres the
   database of DATABASE_URL, created if missing and emptied first), migrated — so the
   indexes are the shipped ones (on PostgreSQL with the pg_trgm GIN index of 0002);
2. writes N fictional items to a CSV file (half "ZA-KS7-0041739"-style serials of forty
   makes, half random alphanumeric groups "X7K4-Q92M-1A"), and imports it through the
   importer (`accord.trafficking.imports.item_import`: one transaction, row checks, the
   fold, batches of bulk_create, one audit event), timing rows/s;
3. empties the table and loads the same rows through the database's own bulk path (COPY
   on PostgreSQL, executemany in one transaction on SQLite), with the folded values
   computed beforehand (the fold is not part of the baseline's time), spread over four
   owner parties and a mix of classification and release so that lookups meet hidden
   records; with --extra M it then COPYs M more rows (e.g. 9,000,000 for a 10M register,
   PostgreSQL only — the importer is not run at that size);
4. times, as a Russian customs officer of RESTRICTED clearance, Q lookups of serials that
   exist (typed differently: lower case, spaces for dashes, Cyrillic look-alikes):
     - `match_item(fuzzy=False)`: the exact stage as the service answers it (visible
       matches in full, hidden parties);
     - the raw SQL for the same answer: the serial index probe with the access rule as a
       column, joined to the owner party, rows as tuples;
     - `match_item()` with fuzzy on, for serials typed with a transposition, a misread
       character (0/O, 1/I, 5/S, 8/B) or only their last part; and the recall (whether the
       intended item came back, visible or as a hidden party hit);
   and prints p50/p95 of each.

Run from the project root:
    .venv/bin/python bench/trafficking_items.py --items 1000000
    .venv/bin/python bench/trafficking_items.py --items 1000000 --sqlite-file /tmp/items.sqlite3
    .venv/bin/python bench/trafficking_items.py --lookups-only --items 1000000 \\
        --sqlite-file /tmp/items.sqlite3
    DATABASE_URL=postgres://accord@127.0.0.1:42421/bench_items \\
        .venv/bin/python bench/trafficking_items.py --postgres --items 1000000 --extra 9000000
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import statistics
import string
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261129
PREFIXES = [
    f"{a}{b}-{c}{d}{n}"
    for a, b, c, d, n in zip(
        "ZSBAKTIVPL" * 4,
        "APRPTSMMAL" * 4,
        "KSGAVPIVSM" * 4,
        "STRUEPKLTR" * 4,
        range(40),
        strict=True,
    )
]
KINDS = ["uncrewed", "electronic_warfare", "laser", "component", "dual_use", "novel_munition"]
STATUSES = ["in_service"] * 16 + ["lost", "stolen", "transferred", "destroyed", "seized"]
CYRILLIC = str.maketrans("ABEKMHOPCTXY", "АВЕКМНОРСТХУ")
MISREAD = {"0": "O", "O": "0", "1": "I", "I": "1", "5": "S", "S": "5", "8": "B", "B": "8"}
COLUMNS = [
    "kind",
    "manufacturer",
    "model",
    "serial_number",
    "other_markings",
    "country_of_manufacture",
    "year_of_manufacture",
    "status",
    "classification",
    "release",
]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000, help="rows imported")
    parser.add_argument(
        "--extra", type=int, default=0, help="more rows loaded by COPY afterwards (PostgreSQL)"
    )
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL's server")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file")
    parser.add_argument(
        "--sqlite-file",
        type=Path,
        help="SQLite: build the database in this file (kept), or with --lookups-only reuse it",
    )
    parser.add_argument(
        "--lookups-only",
        action="store_true",
        help="time lookups again on the database an earlier run left (same --items and "
        "--extra), without building it: PostgreSQL, or SQLite with --sqlite-file",
    )
    args = parser.parse_args(argv)
    if args.postgres and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("--postgres needs DATABASE_URL=postgres://...")
    if args.lookups_only and not args.postgres and args.sqlite_file is None:
        parser.error("--lookups-only needs --postgres or --sqlite-file")
    if args.sqlite_file is not None:
        args.keep = True
    return args


def setup_django(sqlite_path: Path | None) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    if sqlite_path is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    import django

    django.setup()


def prepare_postgres() -> None:
    """Create DATABASE_URL's database if it does not exist; empty it if it does."""
    import psycopg
    from django.db import connection

    s = connection.settings_dict
    params = {
        "host": s["HOST"] or None,
        "port": s["PORT"] or None,
        "user": s["USER"] or None,
        "password": s["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [s["NAME"]]).fetchone():
            conn.execute(f'DROP DATABASE "{s["NAME"]}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{s["NAME"]}"')


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


# --- Data --------------------------------------------------------------------------------------


def serial_for(rng: random.Random, n: int) -> str:
    if n % 2 == 0:
        return f"{PREFIXES[n % 40]}-{rng.randrange(10_000_000):07d}"
    alphabet = string.ascii_uppercase + string.digits
    chars = "".join(rng.choice(alphabet) for _ in range(10))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def rows(count: int, seed: int) -> Iterator[list[Any]]:
    rng = random.Random(seed)
    for n in range(count):
        prefix = PREFIXES[n % 40]
        yield [
            KINDS[n % len(KINDS)],
            f"Maker {prefix[:2]}",
            f"Model {prefix[3:]}",
            serial_for(rng, n),
            f"LOT {n % 97}",
            "RUS",
            2015 + n % 10,
            STATUSES[n % len(STATUSES)],
            1,
            "owner",
        ]


def write_csv(path: Path, count: int, seed: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows(rows(count, seed))


# --- Loading -----------------------------------------------------------------------------------


def clear_items() -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE trafficking_item CASCADE")
        else:
            cursor.execute("DELETE FROM trafficking_item_released_to")
            cursor.execute("DELETE FROM trafficking_item")


def raw_rows(count: int, seed: int, parties: list[int]) -> Iterator[tuple[Any, ...]]:
    """The same rows with what the importer derives (the fold) computed here, spread over
    owners and markings: 60% OWNER, 30% MEMBERS, 10% LISTED (no list: owner only);
    classification 0-2."""
    from accord.trafficking.domain.normalise import fold_marking

    now = dt.datetime.now(dt.UTC)
    releases = ["owner"] * 6 + ["members"] * 3 + ["listed"]
    for n, row in enumerate(rows(count, seed)):
        kind, maker, model, serial, markings, country, year, status, _c, _r = row
        yield (
            parties[n % len(parties)],
            n % 3,
            releases[n % 10],
            1,
            kind,
            maker,
            model,
            serial,
            fold_marking(serial),
            markings,
            fold_marking(markings),
            country,
            year,
            status,
            now,
            now,
        )


RAW_COLUMNS = (
    "owner_id, classification, release, version, kind, manufacturer, model, serial_number, "
    "serial_norm, other_markings, markings_norm, country_of_manufacture, year_of_manufacture, "
    "status, created_at, updated_at"
)


def bulk_load(count: int, seed: int, parties: list[int]) -> float:
    """Load rows through the database's own bulk path; returns seconds."""
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            raw = connection.connection  # psycopg connection under Django's
            with (
                raw.cursor() as cursor,
                cursor.copy(f"COPY trafficking_item ({RAW_COLUMNS}) FROM STDIN") as copy,
            ):
                for row in raw_rows(count, seed, parties):
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * 16)
            batch: list[tuple[Any, ...]] = []
            with connection.cursor() as cursor:
                sql = f"INSERT INTO trafficking_item ({RAW_COLUMNS}) VALUES ({marks})"
                for row in raw_rows(count, seed, parties):
                    batch.append(row)
                    if len(batch) >= 20_000:
                        cursor.executemany(sql, batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
    return time.perf_counter() - started


# --- Timing ------------------------------------------------------------------------------------


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return p50 * 1000, p95 * 1000


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    started = time.perf_counter()
    result = None
    for _ in range(repeat):
        result = fn()
    return (time.perf_counter() - started) / repeat, result


def raw_exact(serial_norm: str, user: Any) -> list[tuple[Any, ...]]:
    """The exact answer by hand: the serial index probe, the access rule as a column."""
    from django.db import connection

    party = user.party_id
    sql = (
        "SELECT i.id, i.owner_id, p.code, i.kind, i.manufacturer, i.model, i.serial_number, "
        "i.status, i.classification, i.release, "
        "(i.classification <= %s AND (i.owner_id = %s "
        "OR i.release IN ('members', 'members_observers', 'public') "
        "OR (i.release = 'listed' AND EXISTS (SELECT 1 FROM trafficking_item_released_to r "
        "WHERE r.item_id = i.id AND r.party_id = %s)))) AS visible "
        "FROM trafficking_item i JOIN core_party p ON p.id = i.owner_id "
        "WHERE i.serial_norm = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.clearance, party, party, serial_norm])
        return cursor.fetchall()


def typed_exact(serial: str, rng: random.Random) -> str:
    text = serial.replace("-", " " if rng.random() < 0.5 else "")
    text = text.translate(CYRILLIC) if rng.random() < 0.5 else text
    return text.lower() if rng.random() < 0.5 else text


def typed_fuzzy(serial: str, rng: random.Random) -> tuple[str, str]:
    chars = list(serial.replace("-", ""))
    how = rng.choice(["transposed", "misread", "partial"])
    if how == "transposed":
        i = rng.randrange(len(chars) - 1)
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    elif how == "misread":
        spots = [i for i, c in enumerate(chars) if c in MISREAD]
        if spots:
            i = rng.choice(spots)
            chars[i] = MISREAD[chars[i]]
        else:
            i = rng.randrange(len(chars))
            chars[i] = "X" if chars[i] != "X" else "Y"
            how = "one character"
    else:
        chars = chars[len(chars) // 2 - 1 :]
    return "".join(chars), how


def run_lookups(count: int, seed: int, queries: int, user: Any) -> dict[str, Any]:
    from accord.trafficking.domain.normalise import fold_marking
    from accord.trafficking.matching import match_item

    rng = random.Random(seed + 1)
    wanted = sorted(rng.sample(range(count), queries))
    serials: list[str] = []
    want = iter(wanted)
    target = next(want)
    for n, row in enumerate(rows(count, seed)):
        if n == target:
            serials.append(row[3])
            target = next(want, -1)
            if target < 0:
                break
    # warm up the caches a little (first queries pay for plan caches and page faults)
    for serial in serials[:20]:
        match_item(actor=user, serial=serial, fuzzy=False)
        raw_exact(fold_marking(serial), user)

    service, raw, service_fuzzy = [], [], []
    agree = found = 0
    reasons: dict[str, list[int]] = {}
    for serial in serials:
        typed = typed_exact(serial, rng)
        seconds, report = timed(lambda t=typed: match_item(actor=user, serial=t, fuzzy=False))
        service.append(seconds)
        seconds, answer = timed(lambda s=serial: raw_exact(fold_marking(s), user))
        raw.append(seconds)
        visible = sorted(m.item.pk for m in report.visible)
        hidden = sorted(h.party.code for h in report.hidden)
        raw_visible = sorted(r[0] for r in answer if r[10])
        raw_hidden = sorted({r[2] for r in answer if not r[10]})
        agree += visible == raw_visible and hidden == raw_hidden
    for serial in serials:
        typed, how = typed_fuzzy(serial, rng)
        seconds, report = timed(lambda t=typed: match_item(actor=user, serial=t))
        service_fuzzy.append(seconds)
        norm = fold_marking(serial)
        hit = any(m.item.serial_norm == norm for m in report.visible)
        if not hit:
            owners = {r[2] for r in raw_exact(norm, user)}
            hit = bool(owners & {h.party.code for h in report.hidden})
        found += hit
        reasons.setdefault(how, [0, 0])
        reasons[how][0] += hit
        reasons[how][1] += 1
    return {
        "exact_service": percentiles(service),
        "exact_raw": percentiles(raw),
        "agree": agree,
        "fuzzy": percentiles(service_fuzzy),
        "fuzzy_found": found,
        "fuzzy_by_kind": reasons,
        "queries": len(serials),
    }


def print_lookups(size: int, result: dict[str, Any]) -> None:
    s50, s95 = result["exact_service"]
    r50, r95 = result["exact_raw"]
    f50, f95 = result["fuzzy"]
    q = result["queries"]
    print(f"\n  lookups at {size:,} items ({q} queries, RUS customs officer, RESTRICTED)")
    print(f"    exact  match_item(fuzzy=False)  p50 {s50:7.2f} ms   p95 {s95:7.2f} ms")
    print(f"    exact  raw indexed SQL          p50 {r50:7.2f} ms   p95 {r95:7.2f} ms")
    print(f"    ratio  service / raw            p50 {s50 / r50:7.1f}x    p95 {s95 / r95:7.1f}x")
    print(f"    same answer (visible ids, hidden parties): {result['agree']}/{q}")
    print(f"    fuzzy  match_item()             p50 {f50:7.2f} ms   p95 {f95:7.2f} ms")
    kinds = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(result["fuzzy_by_kind"].items()))
    print(f"    fuzzy recall: {result['fuzzy_found']}/{q} ({kinds})")


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    tmpdir = Path(tempfile.mkdtemp(prefix="bench-items-"))
    sqlite_file = args.sqlite_file or tmpdir / "bench.sqlite3"
    if args.sqlite_file is not None and not args.lookups_only and sqlite_file.exists():
        sqlite_file.unlink()  # a fresh database, as without the option
    setup_django(None if args.postgres else sqlite_file.resolve())
    from django.core.management import call_command
    from django.db import connection

    if args.lookups_only:
        from accord.accounts.models import User

        officer = User.objects.get(username="bench.officer")
        print(f"Item registers lookups on {database_version()} (database of an earlier run)")
        size = args.items + args.extra
        print_lookups(size, run_lookups(args.items, SEED, args.queries, officer))
        tmpdir.rmdir()
        return
    if args.postgres:
        prepare_postgres()
    call_command("migrate", verbosity=0)

    from accord.accounts.services import user_create
    from accord.core.models import Party
    from accord.trafficking.imports import item_import

    print(f"Item registers benchmark on {database_version()}; {args.items:,} rows imported")
    parties = {p.code: p for p in Party.objects.filter(code__in=["RUS", "KAZ", "BLR", "ARM"])}
    importer = user_create(
        actor=None,
        username="bench.importer",
        party=parties["RUS"],
        clearance=3,
        roles=["customs_officer"],
        password=os.environ.get("BENCH_PASSWORD", "bench-importer-1"),
    )
    officer = user_create(
        actor=None,
        username="bench.officer",
        party=parties["RUS"],
        clearance=1,
        roles=["customs_officer"],
        password=os.environ.get("BENCH_PASSWORD", "bench-officer-1"),
    )

    path = tmpdir / "items.csv"
    started = time.perf_counter()
    write_csv(path, args.items, SEED)
    seconds = time.perf_counter() - started
    print(f"  wrote {path.stat().st_size / 1e6:,.0f} MB of CSV in {seconds:.1f} s")

    started = time.perf_counter()
    last = [0.0]

    def progress(step: Any) -> None:
        if time.perf_counter() - last[0] > 5:
            last[0] = time.perf_counter()
            print(f"    ... {step.done:,} rows", flush=True)

    with path.open("rb") as source:
        batch = item_import(actor=importer, source=source, file_name=path.name, progress=progress)
    imported = time.perf_counter() - started
    print(
        f"  importer: {batch.row_count:,} rows in {imported:.1f} s = "
        f"{batch.row_count / imported:,.0f} rows/s (one transaction, one audit event)"
    )

    clear_items()
    owner_ids = [parties[c].pk for c in ("RUS", "KAZ", "BLR", "ARM")]
    seconds = bulk_load(args.items, SEED, owner_ids)
    how = "COPY" if connection.vendor == "postgresql" else "executemany"
    print(
        f"  {how}: {args.items:,} rows in {seconds:.1f} s = {args.items / seconds:,.0f} rows/s; "
        f"the importer runs at {seconds / imported:.2f} of this rate"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print_lookups(args.items, run_lookups(args.items, SEED, args.queries, officer))

    if args.extra:
        if connection.vendor != "postgresql":
            print("  --extra is for PostgreSQL; skipped")
        else:
            with connection.cursor() as cursor:
                cursor.execute("DROP INDEX IF EXISTS trafficking_item_serial_trgm")
                cursor.execute("DROP INDEX IF EXISTS trafficking_item_markings_trgm")
            seconds = bulk_load(args.extra, SEED + 7, owner_ids)
            print(f"\n  COPY of {args.extra:,} more rows in {seconds:.1f} s")
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '1GB'")
                cursor.execute(
                    "CREATE INDEX trafficking_item_serial_trgm ON trafficking_item "
                    "USING gin (serial_norm gin_trgm_ops)"
                )
                cursor.execute(
                    "CREATE INDEX trafficking_item_markings_trgm ON trafficking_item "
                    "USING gin (markings_norm gin_trgm_ops)"
                )
                cursor.execute("ANALYZE trafficking_item")
            print(f"  trigram indexes rebuilt in {time.perf_counter() - started:.1f} s")
            total = args.items + args.extra
            # the sampled serials are from the first rows, which are still there
            print_lookups(total, run_lookups(args.items, SEED, args.queries, officer))
    (tmpdir / "items.csv").unlink()
    if not args.keep and not args.postgres:
        for child in tmpdir.iterdir():
            child.unlink()
    if not any(tmpdir.iterdir()):
        tmpdir.rmdir()


if __name__ == "__main__":
    main()
