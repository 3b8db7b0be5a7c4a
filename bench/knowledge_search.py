"""Benchmark: knowledge search over N items (mixed English/Russian, random markings).

The issue's target: p95 of a search with facets through the module within 2x the raw
full-text SQL query returning the same rows for the same user, and under 150 ms on
PostgreSQL. The script

1. builds a fresh database (a SQLite file, or with --postgres a new database on the
   server of DATABASE_URL), migrated, so the index is the shipped one (FTS5 on SQLite, the
   tsvector table with its GIN index on PostgreSQL);
2. loads N items in bulk (owner, classification and release drawn as in bench/access.py,
   a third of LISTED items listed to the viewer's party), half with English text, half
   with Russian, and their index rows (the same text the services index);
3. times, as a Kazakh lessons manager of CONFIDENTIAL clearance, Q searches of one or two
   words drawn from the vocabulary:
     - module: `selectors.item_search` (first page, 25 rows) and `selectors.item_facets`;
     - module results only (first page);
     - raw: one SQL statement — the full-text match with the access rule written out,
       newest first, 25 rows of (id, title) — which returns the same rows (checked);
   and prints p50/p95 of each.

    .venv/bin/python bench/knowledge_search.py --items 200000
    DATABASE_URL=postgres://accord@127.0.0.1:PORT/postgres \\
        .venv/bin/python bench/knowledge_search.py --postgres --items 200000
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

SEED = 20261207
EN = [
    "drone",
    "swarm",
    "telemetry",
    "jamming",
    "disposal",
    "battery",
    "depot",
    "convoy",
    "training",
    "range",
    "legal",
    "review",
    "protection",
    "energy",
    "site",
    "sensor",
    "marking",
    "munition",
    "loitering",
    "procedure",
    "maintenance",
    "test",
    "safety",
    "warhead",
    "storage",
    "transport",
    "export",
    "licence",
    "navigation",
    "signal",
    "operator",
    "abort",
]
RU = [
    "дрон",
    "рой",
    "телеметрия",
    "подавление",
    "утилизация",
    "батарея",
    "склад",
    "колонна",
    "подготовка",
    "полигон",
    "правовой",
    "экспертиза",
    "защита",
    "энергетика",
    "объект",
    "датчик",
    "маркировка",
    "боеприпас",
    "барражирующий",
    "порядок",
    "обслуживание",
    "испытание",
    "безопасность",
    "хранение",
    "перевозка",
    "экспорт",
    "лицензия",
    "сигнал",
]
AREAS = ("develop", "produce", "use", "dispose", "protect")
KINDS = ("best_practice", "legal_experience", "training_material", "lesson_learned")
TOPICS = ("protection/sites", "disposal/depots", "training/ranges", "legal/export", "use/ops")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if args.postgres and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("--postgres needs DATABASE_URL=postgres://...")
    return args


def load(n: int, party_ids: dict[str, int], viewer_party: int) -> None:
    from access import CLASS_WEIGHTS, OWNER_WEIGHTS, RELEASE_WEIGHTS_BY_CLASS, RELEASES
    from django.db import connection, transaction

    rng = random.Random(SEED)
    owners = [party_ids[c] for c in OWNER_WEIGHTS if c in party_ids]
    owner_weights = [w for c, w in OWNER_WEIGHTS.items() if c in party_ids]
    postgres = connection.vendor == "postgresql"
    item_sql = (
        "INSERT INTO knowledge_knowledgeitem (id, owner_id, classification, release, version, "
        "kind, stage, title_en, title_ru, summary_en, summary_ru, body, areas, topic, "
        "solution_type, ip_note, root_cause, recommendation, validation_result, "
        "rejection_reason, created_at, updated_at) VALUES "
        "(%s, %s, %s, %s, 1, %s, 'published', %s, %s, %s, %s, %s, %s, %s, '', '', '', '', "
        "'', '', %s, %s)"
    )
    listed_sql = (
        "INSERT INTO knowledge_knowledgeitem_released_to (knowledgeitem_id, party_id) "
        "VALUES (%s, %s)"
    )
    if postgres:
        index_sql = (
            "INSERT INTO knowledge_item_search (item_id, document) VALUES "
            "(%s, to_tsvector('english', %s) || to_tsvector('russian', %s))"
        )
    else:
        index_sql = (
            "INSERT INTO knowledge_item_fts (rowid, title, summary, body) VALUES (%s, %s, %s, %s)"
        )
    now = "2026-12-07 12:00:00+00:00"
    batch = 5000
    for start in range(1, n + 1, batch):
        items, listed, index = [], [], []
        for pk in range(start, min(start + batch, n + 1)):
            level = rng.choices(range(4), CLASS_WEIGHTS)[0]
            release = rng.choices(RELEASES, RELEASE_WEIGHTS_BY_CLASS[level])[0]
            vocab = EN if pk % 2 else RU
            title = " ".join(rng.sample(vocab, 4))
            summary = " ".join(rng.sample(vocab, 8))
            body = " ".join(rng.choices(vocab, k=40))
            title_en, title_ru = (title, "") if vocab is EN else ("", title)
            sum_en, sum_ru = (summary, "") if vocab is EN else ("", summary)
            areas = "," + ",".join(sorted(rng.sample(AREAS, rng.randint(1, 2)))) + ","
            items.append(
                (
                    pk,
                    rng.choices(owners, owner_weights)[0],
                    level,
                    release,
                    rng.choice(KINDS),
                    title_en,
                    title_ru,
                    sum_en,
                    sum_ru,
                    body,
                    areas,
                    rng.choice(TOPICS),
                    now,
                    now,
                )
            )
            if release == "listed" and rng.random() < 0.33:
                listed.append((pk, viewer_party))
            text = f"{title_en}\n{title_ru}\n{sum_en}\n{sum_ru}\n{body}"
            index.append((pk, text, text) if postgres else (pk, title, summary, body))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(item_sql, items)
            cursor.executemany(listed_sql, listed)
            cursor.executemany(index_sql, index)
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('knowledge_knowledgeitem', 'id'), %s)", [n]
            )
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE")


def raw_search(user: Any, text: str) -> list[tuple[int, str]]:
    """The same rows as the module's first page, in one statement written by hand."""
    from django.db import connection

    from accord.core.access import releases_covering
    from accord.knowledge.domain.terms import fts5_query, tsquery_text

    party = user.party
    releases = releases_covering(party)
    marks = ", ".join(["%s"] * len(releases))
    if connection.vendor == "postgresql":
        match = (
            "i.id IN (SELECT item_id FROM knowledge_item_search WHERE document @@ "
            "(to_tsquery('english', %s) || to_tsquery('russian', %s)))"
        )
        query = tsquery_text(text)
        match_params = [query, query]
    else:
        match = "i.id IN (SELECT rowid FROM knowledge_item_fts WHERE knowledge_item_fts MATCH %s)"
        match_params = [fts5_query(text)]
    sql = (
        "SELECT i.id, i.title_en, i.title_ru FROM knowledge_knowledgeitem i "
        f"WHERE {match} AND i.classification <= %s AND (i.owner_id = %s OR i.release IN ({marks}) "
        "OR (i.release = 'listed' AND EXISTS (SELECT 1 FROM knowledge_knowledgeitem_released_to r "
        "WHERE r.knowledgeitem_id = i.id AND r.party_id = %s))) "
        "AND (i.stage <> 'submitted' OR i.author_id = %s OR i.owner_id = %s) "
        "ORDER BY i.id DESC LIMIT 25"
    )
    params = [*match_params, user.clearance, party.pk, *releases, party.pk, user.pk, party.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], row[1] or row[2]) for row in cursor.fetchall()]


def timed(call: Callable[[], Any], runs: list[float]) -> Any:
    start = time.perf_counter()
    value = call()
    runs.append((time.perf_counter() - start) * 1000)
    return value


def p(runs: list[float], q: int) -> float:
    return statistics.quantiles(runs, n=100)[q - 1]


def main() -> None:
    args = parse_args()
    from access import BenchDatabase, migrate, setup_django

    tmp = Path(tempfile.mkdtemp(prefix="bench-knowledge-"))
    setup_django(None if args.postgres else tmp / "start.sqlite3")
    from django.db import connection

    db = BenchDatabase(args.postgres, tmp, args.keep)
    db.open("knowledge")
    try:
        migrate()
        from accord.accounts.services import user_create
        from accord.core.models import Classification, Party
        from accord.knowledge import selectors
        from accord.knowledge.selectors import Criteria

        party_ids = dict(Party.objects.values_list("code", "pk"))
        viewer = user_create(
            actor=None,
            username="bench.kaz",
            party=Party.objects.get(code="KAZ"),
            clearance=Classification.CONFIDENTIAL,
            roles=["knowledge_editor"],
        )
        started = time.perf_counter()
        load(args.items, party_ids, party_ids["KAZ"])
        print(
            f"{connection.vendor}: {args.items:,} items loaded and indexed in "
            f"{time.perf_counter() - started:.1f} s"
        )
        rng = random.Random(SEED + 1)
        queries = [
            " ".join(rng.sample(EN if i % 2 else RU, 1 + (i % 3 == 0))) for i in range(args.queries)
        ]
        with_facets: list[float] = []
        results_only: list[float] = []
        raw: list[float] = []
        for text in queries:
            criteria = Criteria(text=text)

            def module(criteria: Criteria = criteria) -> list[tuple[int, str]]:
                rows = [
                    (i.pk, i.title)
                    for i in selectors.item_search(actor=viewer, criteria=criteria)[:25]
                ]
                selectors.item_facets(actor=viewer, criteria=criteria)
                return rows

            got = timed(module, with_facets)
            timed(
                lambda criteria=criteria: list(
                    selectors.item_search(actor=viewer, criteria=criteria)[:25]
                ),
                results_only,
            )
            expected = timed(lambda text=text: raw_search(viewer, text), raw)
            assert [pk for pk, _t in got] == [pk for pk, _t in expected], text
        for label, runs in (
            ("module, results + facets", with_facets),
            ("module, results only", results_only),
            ("raw SQL, same rows", raw),
        ):
            print(f"  {label:<26} p50 {p(runs, 50):8.1f} ms   p95 {p(runs, 95):8.1f} ms")
        print(f"  ratio p95 (module with facets / raw): {p(with_facets, 95) / p(raw, 95):.1f}x")
    finally:
        db.close()


if __name__ == "__main__":
    main()
