"""Benchmark: screening names against a watchlist of 100,000 entities.

The issue's target: report the screening rate (names/s) against a watchlist of 100,000
entities. The script

1. builds a fresh database (SQLite file in a temporary folder, or with --postgres the
   database of DATABASE_URL, created if missing and emptied first), migrated;
2. lists N entities (default 100,000) in five parties' watchlists — persons, companies,
   vessels, aircraft, generated from fictional syllables, half with an alias in the other
   script, marked OWNER / MEMBERS / LISTED — writing the rows the services write (names
   with their keys, tokens with their phonetic keys, identifiers) with `bulk_create`;
3. screens Q names (default 1,000) as a Kazakh customs officer: half are listed names
   written differently (other script, reordered, another romanisation, a legal form in
   the other language, a typo in a third of them), half are names not on the list; and
   times
   - `screen_name()` as users call it (SQL narrowing, rapidfuzz scoring, the audit event),
   - the same without the audit event (`_screen`),
   - the raw indexed SQL lookup of the same key (`trafficking_entityname.key = %s` joined
     to the entity and the access rule, written by hand): the floor an exact-key screen
     could reach, but one that finds only names whose key is identical;
4. prints names/s and p50/p95 latency of each, and the share of the varied listed names
   each finds (screening at score >= 80, raw lookup by equal key).

Run from the project root:
    .venv/bin/python bench/trafficking_screening.py --entities 100000
    DATABASE_URL=postgres://accord@127.0.0.1:42421/bench_watchlist \\
        .venv/bin/python bench/trafficking_screening.py --postgres --entities 100000
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261129
BATCH = 5000

SYLLABLES = (
    "ба",
    "ва",
    "га",
    "да",
    "ка",
    "ла",
    "ма",
    "на",
    "ра",
    "са",
    "та",
    "ло",
    "ро",
    "ко",
    "мо",
    "ни",
    "ри",
    "ли",
    "ки",
    "ти",
    "зе",
    "ве",
    "ре",
    "ле",
    "не",
    "тан",
    "бек",
    "гор",
    "вин",
    "дар",
    "лан",
    "мир",
    "нур",
    "сул",
    "тим",
    "хан",
    "шар",
    "юр",
    "яр",
    "ев",
    "ов",
    "ин",
)
GIVEN = (
    "Сергей",
    "Алексей",
    "Дмитрий",
    "Евгений",
    "Фёдор",
    "Юлия",
    "Мария",
    "Наталья",
    "Ольга",
    "Нурлан",
    "Айгуль",
    "Арам",
    "Тигран",
    "Ануш",
    "Виктор",
    "Ержан",
    "Дамир",
    "Алесь",
    "Павел",
    "Ирина",
    "Григорий",
    "Анна",
    "Елена",
    "Карен",
)
FORMS = ("ООО", "АО", "ЗАО", "ПАО", "ОАО", "ТОО")
LATIN_FORMS = {"ООО": "LLC", "АО": "JSC", "ЗАО": "CJSC", "ПАО": "PJSC", "ОАО": "OJSC", "ТОО": "LLP"}
PARTIES = ("RUS", "KAZ", "BLR", "ARM", "SEC")
# Other romanisations of what anyascii writes, to vary the screened names.
VARIANTS = (("ey", "ei"), ("y", "i"), ("kh", "h"), ("v", "w"), ("ya", "ia"), ("yu", "iu"))


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--postgres", action="store_true", help="use DATABASE_URL's server")
    parser.add_argument("--keep", action="store_true", help="keep the rows afterwards")
    parser.add_argument(
        "--sqlite-file",
        type=Path,
        help="SQLite file to build in and keep (default: a temporary file, removed after)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="screen against the watchlist already built in the database (no rebuild)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of screen_name() too"
    )
    args = parser.parse_args(argv)
    if args.postgres and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("--postgres needs DATABASE_URL=postgres://...")
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
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [s["NAME"]]
        ).fetchone()
        if exists:
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


def surname(rng: random.Random) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    return word.capitalize() + rng.choice(("ов", "ев", "ин", "ян", "енко", "ский", "бек"))


def company(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def make_name(rng: random.Random, kind: str) -> str:
    if kind == "person":
        return f"{rng.choice(GIVEN)} {surname(rng)}"
    if kind == "organisation":
        return f"{rng.choice(FORMS)} «{company(rng)}-{company(rng)}»"
    if kind == "vessel":
        return f"{company(rng)} {rng.randint(1, 99)}"
    return f"{company(rng)} Авиа"


def latin(name: str) -> str:
    from accord.trafficking.domain.names import transliterate

    for cyrillic, form in LATIN_FORMS.items():
        if name.startswith(cyrillic + " "):
            name = name[len(cyrillic) + 1 :].strip("«»") + " " + form
            break
    return transliterate(name).replace("<<", "").replace(">>", "")


def vary(name: str, rng: random.Random) -> str:
    """A listed name as an officer might type it: other script, order, romanisation, and
    in a third of them a typo (a letter of the longest word dropped or doubled)."""
    text = latin(name) if rng.random() < 0.7 else name
    words = text.split()
    if rng.random() < 0.3:
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        if len(word) > 5:
            at = rng.randrange(2, len(word) - 1)
            words[longest] = (
                word[:at] + word[at + 1 :]
                if rng.random() < 0.5
                else (word[:at] + word[at] + word[at:])
            )
    if len(words) > 1 and rng.random() < 0.5:
        words.reverse()
    text = " ".join(words)
    for old, new in VARIANTS:
        if old in text and rng.random() < 0.4:
            text = text.replace(old, new, 1)
    return text.upper() if rng.random() < 0.2 else text


def build(n: int, rng: random.Random) -> tuple[list[str], float]:
    """List n entities; returns their primary names and the rows written per second."""
    from django.db import transaction

    from accord.core.models import Classification, Party, Release
    from accord.trafficking.domain.names import (
        detect_script,
        name_key,
        name_tokens,
        normalise_identifier,
        sound_key,
    )
    from accord.trafficking.models import Entity, EntityIdentifier, EntityName, EntityNameToken

    parties = {p.code: p for p in Party.objects.filter(code__in=PARTIES)}
    kaz = parties["KAZ"]
    kinds = ["person"] * 5 + ["organisation"] * 3 + ["vessel", "aircraft"]
    releases = [Release.MEMBERS] * 5 + [Release.OWNER] * 4 + [Release.LISTED]
    names: list[str] = []
    rows = 0
    started = time.perf_counter()
    for start in range(0, n, BATCH):
        count = min(BATCH, n - start)
        with transaction.atomic():
            entities = []
            for _ in range(count):
                kind = rng.choice(kinds)
                name = make_name(rng, kind)
                names.append(name)
                entities.append(
                    Entity(
                        owner=parties[rng.choice(PARTIES)],
                        kind=kind,
                        name=name,
                        nationality=rng.choice(PARTIES[:4]),
                        reason="Fictional bench record.",
                        listed_on="2025-01-01",
                        classification=rng.choice(
                            (Classification.RESTRICTED, Classification.CONFIDENTIAL)
                        ),
                        release=rng.choice(releases),
                    )
                )
            Entity.objects.bulk_create(entities, batch_size=1000)
            through = Entity.released_to.through
            through.objects.bulk_create(
                [
                    through(entity_id=e.pk, party_id=kaz.pk)
                    for e in entities
                    if e.release == Release.LISTED
                ],
                batch_size=1000,
            )
            name_rows = []
            for entity in entities:
                name_rows.append((entity, entity.name, False))
                if rng.random() < 0.5:
                    name_rows.append((entity, latin(entity.name), True))
            created = EntityName.objects.bulk_create(
                [
                    EntityName(
                        entity=entity,
                        name=text,
                        script=detect_script(text),
                        is_alias=alias,
                        is_primary=not alias,
                        key=name_key(text)[:300],
                    )
                    for entity, text, alias in name_rows
                ],
                batch_size=1000,
            )
            tokens = [
                EntityNameToken(
                    entity_id=row.entity_id, entity_name=row, token=t, sound=sound_key(t)
                )
                for row in created
                for t in name_tokens(row.name)
            ]
            EntityNameToken.objects.bulk_create(tokens, batch_size=2000)
            identifiers = [
                EntityIdentifier(
                    entity=entity,
                    kind="passport" if entity.kind == "person" else "registration",
                    value=f"ID-{entity.pk:08d}",
                    value_norm=normalise_identifier(f"ID-{entity.pk:08d}"),
                )
                for entity in entities
                if rng.random() < 0.3
            ]
            EntityIdentifier.objects.bulk_create(identifiers, batch_size=1000)
            rows += len(entities) + len(created) + len(tokens) + len(identifiers)
    elapsed = time.perf_counter() - started
    return names, rows / elapsed


def analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def raw_lookup(actor: Any) -> Callable[[str], list[int]]:
    """The exact-key lookup written by hand, with the access rule (LISTED by a probe)."""
    from django.db import connection

    from accord.core.access import releases_covering
    from accord.trafficking.domain.names import name_key

    party = actor.party
    covering = list(releases_covering(party))
    marks = ", ".join(["%s"] * len(covering))
    sql = (
        "SELECT DISTINCT n.entity_id FROM trafficking_entityname n "
        "JOIN trafficking_entity e ON e.id = n.entity_id "
        "WHERE n.key = %s AND e.status = 'listed' AND e.classification <= %s AND ("
        f"e.owner_id = %s OR e.release IN ({marks}) OR (e.release = 'listed' AND EXISTS ("
        "SELECT 1 FROM trafficking_entity_released_to r "
        "WHERE r.entity_id = e.id AND r.party_id = %s)))"
    )

    def lookup(name: str) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(sql, [name_key(name), actor.clearance, party.pk, *covering, party.pk])
            return [row[0] for row in cursor.fetchall()]

    return lookup


def timed(function: Callable[[str], Any], queries: list[str]) -> tuple[list[float], list[Any]]:
    latencies = []
    answers = []
    for query in queries:
        started = time.perf_counter()
        answers.append(function(query))
        latencies.append(time.perf_counter() - started)
    return latencies, answers


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_file = args.sqlite_file or Path(tmp) / "screening.sqlite3"
        if not args.reuse and not args.postgres and sqlite_file.exists():
            sqlite_file.unlink()
        setup_django(None if args.postgres else sqlite_file.resolve())
        from django.core.management import call_command

        if args.postgres and not args.reuse:
            prepare_postgres()
        call_command("migrate", verbosity=0)
        from accord.accounts.services import user_create
        from accord.core.models import Party
        from accord.trafficking import screening
        from accord.trafficking.domain.names import parse_name
        from accord.trafficking.models import Entity

        rng = random.Random(SEED)
        print(f"# {database_version()}, load average {os.getloadavg()[0]:.2f}")
        if args.reuse and Entity.objects.exists():
            count = Entity.objects.count()
            # Draw the same names as a build would, so the queries stay the same.
            for _ in range(count):
                rng.random()
            print(f"reusing {count:,} entities already built")
            analyse()
        else:
            _names, build_rate = build(args.entities, rng)
            analyse()
            print(
                f"built {args.entities:,} entities ({build_rate:,.0f} rows/s incl. names, tokens)"
            )
        from accord.accounts.models import User

        actor = User.objects.filter(username="bench.kaz").first() or user_create(
            actor=None,
            username="bench.kaz",
            party=Party.objects.get(code="KAZ"),
            clearance=3,
            roles=["customs_officer"],
            password=None,
        )
        rng = random.Random(SEED + 1)
        # Varied names of entities the officer may see (the others must not be found).
        visible = list(
            Entity.objects.visible_to(actor)
            .filter(status="listed")
            .order_by("pk")
            .values_list("pk", "name")
        )
        picks = [rng.choice(visible) for _ in range(args.queries // 2)]
        wanted = {}
        for pk, name in picks:
            wanted[vary(name, rng)] = pk
        listed = list(wanted)
        unknown = [make_name(rng, rng.choice(["person", "organisation"])) for _ in listed]
        queries = [q for pair in zip(listed, unknown, strict=True) for q in pair]

        def screen_audited(name: str) -> Any:
            return screening.screen_name(actor=actor, name=name, limit=10)

        def screen_plain(name: str) -> Any:
            return screening._screen(actor=actor, name=name, limit=10)

        def narrow_only(name: str) -> Any:
            session = screening._Session(actor)
            return screening.candidates_by_tokens(
                parse_name(name), session.visible(""), session.postings("")
            ).ids

        raw = raw_lookup(actor)
        for warm in queries[:20]:  # warm the caches alike
            screen_plain(warm)
            raw(warm)
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            timed(screen_audited, queries[:200])
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        results = {}
        for label, function in (
            ("screen_name() (as users call it, audited)", screen_audited),
            ("screening without the audit event", screen_plain),
            ("of which the SQL narrowing alone (token index, access rule)", narrow_only),
            ("raw indexed SQL: exact key, access rule", raw),
        ):
            latencies, answers = timed(function, queries)
            results[label] = (latencies, answers)

        print()
        print("| measurement | names/s | p50 ms | p95 ms | varied listed names found |")
        print("|---|---:|---:|---:|---:|")
        for label, (latencies, answers) in results.items():
            total = sum(latencies)
            p50 = statistics.median(latencies) * 1000
            p95 = statistics.quantiles(latencies, n=20)[18] * 1000
            found = 0
            for query, answer in zip(queries, answers, strict=True):
                if query not in wanted:
                    continue
                if label.startswith("of which"):
                    found += wanted[query] in answer
                elif answer and hasattr(answer[0], "score"):
                    found += any(
                        c.entity.pk == wanted[query] and c.score >= screening.MATCH_THRESHOLD
                        for c in answer
                    )
                else:
                    found += wanted[query] in answer
            print(
                f"| {label} | {len(queries) / total:,.0f} | {p50:.1f} | {p95:.1f} | "
                f"{found / len(listed):.0%} |"
            )
        # Bulk: the same names as CSV files of at most MAX_BULK_ROWS rows, through
        # screen_names() (one audit event per file, work shared across its names).
        import csv
        import io

        chunk = screening.MAX_BULK_ROWS
        bulk_found = 0
        started = time.perf_counter()
        for start in range(0, len(queries), chunk):
            part = queries[start : start + chunk]
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(["name"])
            writer.writerows([name] for name in part)
            rows = screening.screen_names(
                actor=actor, data=buffer.getvalue().encode(), filename="bench.csv", limit=10
            )
            for query, row in zip(part, rows, strict=True):
                if query in wanted:
                    bulk_found += any(c.entity.pk == wanted[query] for c in row.candidates)
        bulk_time = time.perf_counter() - started
        files = -(-len(queries) // chunk)
        print(
            f"| screen_names() bulk, {files} CSV file(s) of up to {chunk:,} names, "
            f"one audit event per file | {len(queries) / bulk_time:,.0f} | – | – | "
            f"{bulk_found / len(listed):.0%} |"
        )
        print(
            f"\n{args.entities:,} entities, {len(queries):,} names screened (half varied "
            "listed names the officer may see, half unknown)."
        )
        if not args.keep and args.postgres:
            from django.db import connection

            connection.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
