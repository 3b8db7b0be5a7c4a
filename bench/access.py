"""Benchmark: what `visible_to(user)` costs on a list page, against hand-written SQL.

DESIGN.md puts the access rule in one place, `Model.objects.visible_to(user)`, and every
list users reach starts from it. That is only acceptable if the ORM expression is not
materially slower than what a careful developer would write by hand; the target is
"visible_to within 1.5x of the raw query". This script measures exactly that, on data
big enough for plans to matter:

1. builds a fresh database (SQLite file in a temporary folder, or a new database on the
   PostgreSQL server named by DATABASE_URL with --postgres), migrated with
   `call_command("migrate")`, so the schema and indexes are exactly the shipped ones;
2. fills it with N test `Dossier` records (a `MarkedModel`) across the eight shipped
   parties, with a realistic mix of owners, classifications and releases, LISTED records
   carrying `released_to` rows; rows go in through raw executemany / COPY because the ORM
   would need far longer for a million rows and the insert path is not what we measure;
3. for several users (different parties and clearances, the Secretariat, the observer)
   times a 50-row page, first page and a deep OFFSET page, through:
     - `visible_to`: `list(Dossier.objects.visible_to(user).order_by("-id")[a:b])`, the
       real cost a view pays (building the Q, compiling SQL, fetching, making objects);
     - `raw IN`, `raw EXISTS`, `raw scalar`: the same rows from SQL written by hand, the
       LISTED condition as an IN subquery, a correlated EXISTS, a correlated scalar
       subquery (see `raw_sql`), rows read as tuples; "best raw" is the fastest of the
       three on each page (the scalar form is what `visible_to` now generates);
     - `ORM SQL`: the SQL Django generated for `visible_to`, run on the cursor, which
       splits a ratio into "the SQL is worse" and "the Python around it costs";
     - `objects`: the raw scalar SQL through `Dossier.objects.raw()`, i.e. the floor of
       any ORM query that returns model instances;
     - `previous`: the rule as `visible_to` wrote it until commit 242df84 (LISTED as
       `pk IN (ids listed to the party)`, clearance last), kept in this file
       (`previous_visibility_q`) so that before and after come from the same run;
   and checks that every variant returns the same ids, and the same visible count.

With --experiment-indexes it then adds candidate indexes to the bench database (never to
the models) and measures again, clearly labelled as an experiment.

Run from the project root:  .venv/bin/python bench/access.py --sizes 100000
"""

from __future__ import annotations

import argparse
import bisect
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGE = 50
BATCH = 20_000
SEED = 20261129

# Owners: the big states own most records, the Secretariat a fair share, the observer
# few (it owns records only of its own submissions).
OWNER_WEIGHTS = {
    "RUS": 28,
    "KAZ": 15,
    "BLR": 14,
    "ARM": 10,
    "KGZ": 8,
    "TJK": 7,
    "SEC": 15,
    "IRN": 3,
}
CLASS_WEIGHTS = (30, 40, 20, 10)  # UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET
# The higher the classification, the narrower the release: SECRET is mostly owner-only.
RELEASES = ("owner", "listed", "members", "members_observers", "public")
RELEASE_WEIGHTS_BY_CLASS = (
    (20, 10, 30, 20, 20),
    (35, 15, 35, 15, 0),
    (55, 25, 20, 0, 0),
    (75, 25, 0, 0, 0),
)
KINDS = (
    "Legal review",
    "Seizure report",
    "Facility assessment",
    "Delivery record",
    "Programme note",
    "Standard draft",
    "Knowledge item",
    "Model act comment",
)

# (label, party code, clearance): the readers whose list pages are timed.
USERS = (
    ("RUS, SECRET", "RUS", 3),
    ("KAZ, CONFIDENTIAL", "KAZ", 2),
    ("ARM, RESTRICTED", "ARM", 1),
    ("KGZ, UNCLASSIFIED", "KGZ", 0),
    ("SEC, SECRET (member org.)", "SEC", 3),
    ("IRN, CONFIDENTIAL (observer)", "IRN", 2),
)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="100000,1000000",
        help="comma-separated record counts (default: %(default)s)",
    )
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="use the PostgreSQL server of DATABASE_URL (a new database is "
        "created on it per size and dropped afterwards)",
    )
    parser.add_argument(
        "--reps",
        type=int,
        default=200,
        help="timed repetitions per variant and page (default: %(default)s)",
    )
    parser.add_argument(
        "--offset", type=int, default=5000, help="offset of the deep page (default: %(default)s)"
    )
    parser.add_argument(
        "--experiment-indexes",
        action="store_true",
        help="afterwards, add candidate indexes in the bench database and "
        "measure again (an experiment: the models are not changed)",
    )
    parser.add_argument(
        "--pg-jit",
        choices=("on", "off"),
        help="PostgreSQL only: SET jit for the timed session (default: Accord's setting, off)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the bench database(s) and print where they are"
    )
    args = parser.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.postgres and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("--postgres needs DATABASE_URL=postgres://... (see bench/README.md)")
    return args


def setup_django(sqlite_path: Path | None) -> None:
    """Configure Django before anything imports models: the test settings (they add the
    marked `Dossier`), and a SQLite file of our own unless PostgreSQL was asked for."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    if sqlite_path is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    import django

    django.setup()


# --- the database -------------------------------------------------------------------------


class BenchDatabase:
    """A fresh database per size: a new SQLite file, or a new PostgreSQL database on the
    server of DATABASE_URL (created through a maintenance connection, dropped at the end).
    Django's default connection is pointed at it by changing its NAME and reconnecting."""

    def __init__(self, postgres: bool, tmpdir: Path, keep: bool) -> None:
        from django.db import connection

        self.maintenance_db = connection.settings_dict["NAME"]  # DATABASE_URL's own
        self.postgres = postgres
        self.tmpdir = tmpdir
        self.keep = keep
        self.name = ""

    def _admin(self) -> Any:
        import psycopg
        from django.db import connection

        s = connection.settings_dict
        return psycopg.connect(
            host=s["HOST"] or None,
            port=s["PORT"] or None,
            user=s["USER"] or None,
            password=s["PASSWORD"] or None,
            dbname=self.maintenance_db,
            autocommit=True,
        )

    def open(self, label: str) -> None:
        from django.db import connection

        connection.close()
        if self.postgres:
            self.name = f"accord_bench_{label}_{os.getpid()}"
            with self._admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
                admin.execute(f'CREATE DATABASE "{self.name}"')
        else:
            self.name = str(self.tmpdir / f"bench_{label}.sqlite3")
        connection.settings_dict["NAME"] = self.name

    def close(self) -> None:
        from django.db import connection

        connection.close()
        if self.keep:
            print(f"  kept database: {self.name}")
            return
        if self.postgres:
            with self._admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(self.name + suffix).unlink(missing_ok=True)


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# --- the data -----------------------------------------------------------------------------


def _picker(rng: random.Random, items: Sequence[Any], weights: Sequence[int]) -> Callable[[], Any]:
    """A fast weighted choice (bisect over cumulative weights), for a million rows."""
    cum: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    rnd = rng.random

    def pick() -> Any:
        return items[bisect.bisect_right(cum, rnd() * total)]

    return pick


def generate(n: int, party_ids: dict[str, int]) -> Iterator[tuple[list[tuple], list[tuple]]]:
    """Batches of (dossier rows, released_to rows), deterministic for a given n.

    Dossier rows: (id, owner_id, classification, release, version, title, body).
    """
    rng = random.Random(SEED)
    codes = list(OWNER_WEIGHTS)
    pick_owner = _picker(rng, codes, list(OWNER_WEIGHTS.values()))
    pick_class = _picker(rng, range(4), CLASS_WEIGHTS)
    pick_release = [_picker(rng, RELEASES, w) for w in RELEASE_WEIGHTS_BY_CLASS]
    pick_listed = _picker(rng, (1, 2, 3, 4), (45, 30, 15, 10))
    words = (
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
        "party",
        "delivery",
        "standard",
        "finding",
    )
    bodies = [
        " ".join(rng.choice(words) for _ in range(rng.randint(10, 60))).capitalize() + "."
        for _ in range(64)
    ]
    rows: list[tuple] = []
    listed: list[tuple] = []
    for i in range(1, n + 1):
        owner = pick_owner()
        classification = pick_class()
        release = pick_release[classification]()
        rows.append(
            (
                i,
                party_ids[owner],
                classification,
                release,
                1,
                f"{KINDS[i % len(KINDS)]} {owner}-{i}",
                bodies[i % len(bodies)],
            )
        )
        if release == "listed":
            others = [c for c in codes if c != owner]
            for code in rng.sample(others, pick_listed()):
                listed.append((i, party_ids[code]))
        if len(rows) >= BATCH:
            yield rows, listed
            rows, listed = [], []
    if rows:
        yield rows, listed


def load(n: int) -> float:
    """Insert n dossiers with their released_to rows; returns seconds taken."""
    from django.db import connection, transaction

    from accord.core.models import Party
    from tests.markedapp.models import Dossier

    party_ids = dict(Party.objects.values_list("code", "pk"))
    table = Dossier._meta.db_table
    through = Dossier._meta.get_field("released_to").remote_field.through
    rt_table = through._meta.db_table
    d_cols = "id, owner_id, classification, release, version, title, body"
    rt_cols = "dossier_id, party_id"
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for rows, listed in generate(n, party_ids):
            if connection.vendor == "postgresql":
                raw = cursor.cursor  # psycopg 3: COPY is several times faster than INSERT
                with raw.copy(f"COPY {table} ({d_cols}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                with raw.copy(f"COPY {rt_table} ({rt_cols}) FROM STDIN") as copy:
                    for row in listed:
                        copy.write_row(row)
            else:
                cursor.executemany(
                    f"INSERT INTO {table} ({d_cols}) VALUES (%s, %s, %s, %s, %s, %s, %s)", rows
                )
                cursor.executemany(f"INSERT INTO {rt_table} ({rt_cols}) VALUES (%s, %s)", listed)
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
            )
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{rt_table}', 'id'), max(id)) "
                f"FROM {rt_table}"
            )
    elapsed = time.perf_counter() - started
    analyze()
    return elapsed


def analyze() -> None:
    """Planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) would
    have them on a live database; without them both planners guess."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


def make_users() -> list[tuple[str, Any]]:
    """The timed readers, saved, and loaded back with their party as a request has it."""
    from accord.accounts.models import User
    from accord.core.models import Party

    users = []
    for label, code, clearance in USERS:
        user = User(
            username=f"bench.{code.lower()}.{clearance}",
            party=Party.objects.get(code=code),
            clearance=clearance,
        )
        user.set_unusable_password()
        user.save()
        users.append((label, User.objects.select_related("party").get(pk=user.pk)))
    return users


# --- the queries --------------------------------------------------------------------------


RAW_FORMS = ("IN", "EXISTS", "scalar")


def raw_sql(user: Any, offset: int, form: str = "IN") -> tuple[str, list[Any]]:
    """The rule of DESIGN.md written directly in SQL, without going through accord.core:

    (party = owner or release covers party) and clearance >= classification

    `form` is how "LISTED to the reader's party" is written, the three ways a careful
    developer might: `id IN (ids listed to the party)`, a correlated `EXISTS`, or a
    correlated scalar subquery `(SELECT party_id ... WHERE record and party) IS NOT NULL`
    (at most one row: (record, party) is unique in the through table).
    """
    from tests.markedapp.models import Dossier

    table = Dossier._meta.db_table
    rt = Dossier._meta.get_field("released_to").remote_field.through._meta.db_table
    party = user.party
    covering = (
        ["members", "members_observers", "public"]
        if party.standing == "member"
        else ["members_observers", "public"]
    )
    listed = {
        "IN": f"d.id IN (SELECT r.dossier_id FROM {rt} r WHERE r.party_id = %s)",
        "EXISTS": f"EXISTS (SELECT 1 FROM {rt} r WHERE r.dossier_id = d.id AND r.party_id = %s)",
        "scalar": (
            f"(SELECT r.party_id FROM {rt} r WHERE r.dossier_id = d.id AND r.party_id = %s) "
            "IS NOT NULL"
        ),
    }[form]
    sql = (
        "SELECT d.id, d.owner_id, d.classification, d.release, d.version, d.title, d.body "
        f"FROM {table} d "
        "WHERE d.classification <= %s "
        f"AND (d.owner_id = %s OR d.release IN ({', '.join(['%s'] * len(covering))}) "
        f"OR (d.release = 'listed' AND {listed})) "
        "ORDER BY d.id DESC LIMIT %s OFFSET %s"
    )
    return sql, [user.clearance, party.pk, *covering, party.pk, PAGE, offset]


def raw_count_sql(user: Any) -> tuple[str, list[Any]]:
    sql, params = raw_sql(user, 0)
    tail = sql.partition(" FROM ")[2]
    body = tail.rsplit(" ORDER BY ", 1)[0]
    return f"SELECT count(*) FROM {body}", params[:-2]


def run_raw(sql: str, params: list[Any]) -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def run_objects(sql: str, params: list[Any]) -> list[int]:
    """The floor of any ORM query: the best hand-written SQL, rows made into objects."""
    from tests.markedapp.models import Dossier

    return [o.id for o in Dossier.objects.raw(sql, params)]


def run_orm(user: Any, offset: int) -> list[int]:
    from tests.markedapp.models import Dossier

    objs = list(Dossier.objects.visible_to(user).order_by("-id")[offset : offset + PAGE])
    return [o.id for o in objs]


def previous_visibility_q(model: Any, user: Any) -> Any:
    """`accord.core.access.visibility_q` as it was until commit 242df84, for the "before"
    column: LISTED as `pk IN (ids listed to the party)`, which both databases answer by
    first collecting every id listed to the party (SQLite "LIST SUBQUERY", PostgreSQL
    "hashed SubPlan"), on every page; and the clearance test last."""
    from django.db.models import Q

    from accord.core.access import party_of, releases_covering
    from accord.core.models import Release

    party = party_of(user)
    if party is None:
        return Q(pk__in=[])
    field = model._meta.get_field("released_to")
    listed_ids = field.remote_field.through.objects.filter(
        **{f"{field.m2m_reverse_field_name()}_id": party.pk}
    ).values(f"{field.m2m_field_name()}_id")
    covered = (
        Q(owner_id=party.pk)
        | Q(release__in=releases_covering(party))
        | Q(release=Release.LISTED, pk__in=listed_ids)
    )
    extra = model.participant_q(party)
    if extra is not None:
        covered |= extra
    return covered & Q(classification__lte=user.clearance)


def run_previous(user: Any, offset: int) -> list[int]:
    from tests.markedapp.models import Dossier

    qs = Dossier.objects.filter(previous_visibility_q(Dossier, user))
    objs = list(qs.order_by("-id")[offset : offset + PAGE])
    return [o.id for o in objs]


# --- timing -------------------------------------------------------------------------------


@dataclass
class Timing:
    samples: list[float] = field(default_factory=list)

    def pct(self, q: int) -> float:
        ordered = sorted(self.samples)
        index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
        return ordered[index] * 1000  # milliseconds

    @property
    def p50(self) -> float:
        return statistics.median(self.samples) * 1000

    @property
    def p95(self) -> float:
        return self.pct(95)


def measure(variants: dict[str, Callable[[], list[int]]], reps: int) -> dict[str, Timing]:
    """Time every variant `reps` times, interleaved (so drift, caches and a busy neighbour
    hit all of them alike), after a warm-up round."""
    timings = {name: Timing() for name in variants}
    names = list(variants)
    for fn in variants.values():
        for _ in range(3):
            fn()
    clock = time.perf_counter
    for rep in range(reps):
        order = names if rep % 2 == 0 else names[::-1]
        for name in order:
            fn = variants[name]
            t0 = clock()
            fn()
            timings[name].samples.append(clock() - t0)
    return timings


@dataclass
class Row:
    user: str
    page: str
    visible: int
    timings: dict[str, Timing]
    same_ids: bool

    def p50(self, name: str) -> float:
        """Median ms of a variant; "best raw" is the fastest hand-written form."""
        if name == "best raw":
            return min(self.timings[f"raw {form}"].p50 for form in RAW_FORMS)
        return self.timings[name].p50

    def best_form(self) -> str:
        return min(RAW_FORMS, key=lambda form: self.timings[f"raw {form}"].p50)

    def ratio(self, name: str = "visible_to", baseline: str = "best raw") -> float:
        return self.p50(name) / self.p50(baseline)

    def excess(self, name: str = "visible_to", baseline: str = "best raw") -> float:
        """Milliseconds over the baseline (p50)."""
        return self.p50(name) - self.p50(baseline)


def bench_users(users: list[tuple[str, Any]], reps: int, offset: int) -> list[Row]:
    from tests.markedapp.models import Dossier

    rows = []
    for label, user in users:
        visible = Dossier.objects.visible_to(user).count()
        count_sql, count_params = raw_count_sql(user)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(count_sql, count_params)
            raw_visible = cursor.fetchone()[0]
        assert visible == raw_visible, f"{label}: visible_to counts {visible}, raw {raw_visible}"
        for page, off in (("first", 0), (f"offset {offset}", offset)):
            orm_qs = Dossier.objects.visible_to(user).order_by("-id")[off : off + PAGE]
            orm_sql, orm_params = orm_qs.query.sql_with_params()
            variants: dict[str, Callable[[], list[int]]] = {
                "visible_to": lambda user=user, off=off: run_orm(user, off),
            }
            for form in RAW_FORMS:
                sql, params = raw_sql(user, off, form)
                variants[f"raw {form}"] = lambda s=sql, p=params: run_raw(s, p)
            scalar_sql, scalar_params = raw_sql(user, off, "scalar")
            variants.update(
                {
                    "ORM SQL": lambda s=orm_sql, p=list(orm_params): run_raw(s, p),
                    "objects": lambda s=scalar_sql, p=scalar_params: run_objects(s, p),
                    "previous": lambda user=user, off=off: run_previous(user, off),
                }
            )
            results = {name: fn() for name, fn in variants.items()}
            same = all(ids == results["raw IN"] for ids in results.values())
            expected = max(0, min(PAGE, visible - off))
            same = same and len(results["raw IN"]) == expected
            timings = measure(variants, reps)
            row = Row(label, page, visible, timings, same)
            rows.append(row)
            print_row(row)
    return rows


HEADER = (
    "| user | page | visible rows | visible_to p50 / p95 | raw IN / EXISTS / scalar p50 "
    "| **visible_to / best raw** | visible_to − best raw | visible_to / raw IN "
    "| ORM SQL on cursor p50 | objects from raw scalar p50 | previous (pk IN) p50 "
    "| previous / visible_to | same ids |\n"
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
)


def print_row(row: Row) -> None:
    t = row.timings
    raws = " / ".join(f"{t[f'raw {form}'].p50:.3f}" for form in RAW_FORMS)
    print(
        f"| {row.user} | {row.page} | {row.visible:,} "
        f"| {t['visible_to'].p50:.3f} / {t['visible_to'].p95:.3f} | {raws} "
        f"| **{row.ratio():.2f}x** | {row.excess():+.2f} ms "
        f"| {row.ratio(baseline='raw IN'):.2f}x | {t['ORM SQL'].p50:.3f} "
        f"| {t['objects'].p50:.3f} | {t['previous'].p50:.3f} "
        f"| {row.ratio('previous', 'visible_to'):.1f}x | {'yes' if row.same_ids else 'NO'} |",
        flush=True,
    )


# The target RESULTS.md suggests instead of the spec's ratio: visible_to <= 1.5 x the best
# hand-written SQL + 3 ms, i.e. the SQL it generates within 1.5x of the best (the part the
# query's shape decides) plus at most 3 ms of the ORM's own work (building, compiling,
# making objects), which no query shape removes.
ORM_ALLOWANCE_MS = 3.0


def summarise(rows: list[Row]) -> bool:
    ok = all(r.same_ids for r in rows)
    print(f"\n  times in ms; same ids in every variant: {'yes' if ok else 'NO'}")
    for name, baseline, what in (
        ("visible_to", "best raw", "the target: the fastest hand-written form"),
        ("visible_to", "raw IN", "against the IN form"),
        ("ORM SQL", "best raw", "the SQL visible_to generates, run on the cursor"),
        ("objects", "best raw", "floor: rows of the raw scalar SQL made into objects"),
    ):
        worst = max(rows, key=lambda r, n=name, b=baseline: r.ratio(n, b))
        ratio = worst.ratio(name, baseline)
        print(
            f"  worst p50 {name} / {baseline} ({what}): {ratio:.2f}x ({worst.user}, "
            f"{worst.page}); <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'}"
        )
    worst = max(rows, key=lambda r: r.excess("visible_to", "ORM SQL"))
    own = worst.excess("visible_to", "ORM SQL")
    print(
        f"  worst p50 visible_to - ORM SQL on cursor (the ORM's own cost): {own:.2f} ms "
        f"({worst.user}, {worst.page}); <= {ORM_ALLOWANCE_MS:g} ms: "
        f"{'met' if own <= ORM_ALLOWANCE_MS else 'NOT met'}"
    )
    worst = max(rows, key=lambda r: r.p50("visible_to") - 1.5 * r.p50("best raw"))
    margin = worst.p50("visible_to") - 1.5 * worst.p50("best raw")
    print(
        f"  suggested target, visible_to <= 1.5 x best raw + {ORM_ALLOWANCE_MS:g} ms: "
        f"{'met' if margin <= ORM_ALLOWANCE_MS else 'NOT met'} (tightest: {worst.user}, "
        f"{worst.page}, {margin:+.2f} ms over 1.5 x best raw)"
    )
    current = max(rows, key=lambda r: r.p50("visible_to"))
    previous = max(rows, key=lambda r: r.p50("previous"))
    print(
        f"  slowest page p50: visible_to {current.p50('visible_to'):.2f} ms "
        f"({current.user}, {current.page}); previous {previous.p50('previous'):.2f} ms "
        f"({previous.user}, {previous.page})"
    )
    return ok


# --- the index experiment -----------------------------------------------------------------

EXPERIMENT_INDEXES = (
    ("bench_dossier_cls_id", "(classification, id)"),
    ("bench_dossier_owner_cls_id", "(owner_id, classification, id)"),
    ("bench_dossier_release_cls_id", "(release, classification, id)"),
)


def add_experiment_indexes() -> None:
    """Candidate indexes, created in the bench database only (never in the models)."""
    from django.db import connection

    from tests.markedapp.models import Dossier

    with connection.cursor() as cursor:
        for name, columns in EXPERIMENT_INDEXES:
            cursor.execute(f"CREATE INDEX {name} ON {Dossier._meta.db_table} {columns}")
    analyze()


def explain(user: Any, offset: int, previous: bool = False) -> str:
    """The plan of the visible_to page (or of the previous form's), to show in the output
    what the database does."""
    from django.db import connection

    from tests.markedapp.models import Dossier

    if previous:
        qs = Dossier.objects.filter(previous_visibility_q(Dossier, user))
    else:
        qs = Dossier.objects.visible_to(user)
    qs = qs.order_by("-id")[offset : offset + PAGE]
    sql, params = qs.query.sql_with_params()
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        lines = cursor.fetchall()
    return "\n".join("    " + " ".join(str(c) for c in line) for line in lines)


def show_plans(users: list[tuple[str, Any]], offset: int) -> None:
    """Plans of the deep page for the widest and the narrowest reader, current and
    previous."""
    for label, user in (users[0], users[3]):
        for previous in (False, True):
            which = "previous (pk IN)" if previous else "visible_to"
            print(f"  plan, {which}, offset {offset}, {label}:")
            print(explain(user, offset, previous))


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


# --- main ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    tmpdir = Path(tempfile.mkdtemp(prefix="accord-bench-"))
    try:
        setup_django(None if args.postgres else tmpdir / "bootstrap.sqlite3")
        all_ok = True
        db = BenchDatabase(args.postgres, tmpdir, args.keep)
        for n in args.sizes:
            db.open(str(n))
            migrate()
            print(
                f"\n## {n:,} dossiers on {database_version()}; "
                f"load average {os.getloadavg()[0]:.2f}",
                flush=True,
            )
            seconds = load(n)
            from tests.markedapp.models import Dossier

            through = Dossier._meta.get_field("released_to").remote_field.through
            print(
                f"  loaded {Dossier.objects.count():,} dossiers and "
                f"{through.objects.count():,} released_to rows in {seconds:.1f} s "
                f"({n / seconds:,.0f} rows/s)",
                flush=True,
            )
            users = make_users()
            if args.postgres:
                from django.db import connection

                with connection.cursor() as cursor:
                    if args.pg_jit:
                        cursor.execute(f"SET jit = {'on' if args.pg_jit == 'on' else 'off'}")
                    cursor.execute("SHOW jit")
                    print(f"  jit = {cursor.fetchone()[0]} for this session")
            show_plans(users, args.offset)
            print()
            print(HEADER)
            rows = bench_users(users, args.reps, args.offset)
            all_ok = summarise(rows) and all_ok
            print(f"  load average {os.getloadavg()[0]:.2f}", flush=True)
            if args.experiment_indexes:
                print(
                    "\n### EXPERIMENT (not in the models): candidate indexes added to the "
                    "bench database:"
                )
                for name, columns in EXPERIMENT_INDEXES:
                    print(f"  - {name} ON {Dossier._meta.db_table} {columns}")
                add_experiment_indexes()
                show_plans(users, args.offset)
                print()
                print(HEADER)
                all_ok = summarise(bench_users(users, args.reps, args.offset)) and all_ok
            db.close()
        return 0 if all_ok else 1
    finally:
        if not args.keep:
            shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
