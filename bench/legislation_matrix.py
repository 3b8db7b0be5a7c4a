"""Benchmark: the conformity matrix of one model act — reading it, its page, its XLSX, and
a state re-importing its column.

The script builds a fresh SQLite database (a temporary file), migrated; one adopted model
act of P provisions (articles of three paragraphs) and a cell for every provision and
member state (6 × P, statuses and dates drawn with a fixed seed, written in bulk: the
set-up is not what is measured). Then, as a Russian legal adviser (who sees every cell
released to members), it times R runs of:

- `selectors.matrix_get` (the cells through `visible_to`, roll-ups, timeline), and with an
  "as at" date;
- the matrix page (Django's test client: middleware, template, the whole request; its
  first page of `MATRIX_PAGE_SIZE` provisions, the roll-ups over all), with its query
  count;
- the XLSX export (`exchange.matrix_xlsx`);
- `services.matrix_import` of the state's own column with every row changed (P cell
  saves, each versioned and audited, in one transaction), once; rows/s.

Run from the project root:
    .venv/bin/python bench/legislation_matrix.py --provisions 150 600 --reps 15
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
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
SEED = 20261207
STATES = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


def setup_django(sqlite_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    import django

    django.setup()


def timed(fn: Callable[[], Any], reps: int) -> tuple[float, float]:
    fn()  # warm
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def build(provisions: int) -> Any:
    from accord.accounts.services import user_create
    from accord.core.models import Party
    from accord.legislation.models import ActVersion, ConformityCell, ModelAct, Provision

    rng = random.Random(SEED + provisions)
    secretariat = Party.objects.get(code="SEC")
    act = ModelAct.objects.create(
        owner=secretariat,
        number=f"{provisions % 1000}-1",
        title_en=f"Bench act of {provisions} provisions",
        stage="adopted",
        release="public",
        classification=0,
    )
    version = ActVersion.objects.create(act=act, number=1)
    eids = []
    for n in range(provisions):
        article, para = divmod(n, 3)
        eid = f"art_{article + 1}" if para == 0 else f"art_{article + 1}__para_{para}"
        eids.append(eid)
    Provision.objects.bulk_create(
        Provision(version=version, eid=eid, position=i, num=eid, text_en=f"Text {eid}")
        for i, eid in enumerate(eids)
    )
    statuses = ["transposed"] * 5 + ["with_changes", "partially", "not_transposed", "unknown"]
    cells = []
    parties = {p.code: p for p in Party.objects.filter(code__in=STATES)}
    for code in STATES:
        for eid in eids:
            status = rng.choice(statuses)
            enacted = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
            cells.append(
                ConformityCell(
                    act=act,
                    provision_eid=eid,
                    owner=parties[code],
                    status=status,
                    deviation_note="Bench deviation" if status == "with_changes" else "",
                    enacted_on=enacted,
                    in_force_on=enacted + dt.timedelta(days=rng.randrange(400)),
                    release="members",
                    classification=1,
                )
            )
    ConformityCell.objects.bulk_create(cells, batch_size=2000)
    reader = user_create(
        actor=None,
        username=f"bench.reader{provisions}",
        party=parties["RUS"],
        clearance=2,
        roles=["legal_adviser"],
        password=None,
    )
    return act, reader


def run(provisions: int, reps: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from accord.legislation import exchange, selectors, services

    act, reader = build(provisions)
    result: dict[str, Any] = {"provisions": provisions, "cells": provisions * len(STATES)}
    result["matrix_get"] = timed(lambda: selectors.matrix_get(actor=reader, act=act), reps)
    result["matrix_get_at"] = timed(
        lambda: selectors.matrix_get(actor=reader, act=act, at=dt.date(2025, 6, 1)), reps
    )
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(reader)
    url = reverse("legislation:act-matrix", args=[act.pk])
    page = client.get(url)
    assert page.status_code == 200, (page.status_code, page.content[:300])
    from accord.legislation.views.matrix import MATRIX_PAGE_SIZE

    shown = min(provisions, MATRIX_PAGE_SIZE) * len(STATES)
    assert page.content.decode().count('data-testid="cell-') == shown
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    result["page_queries"] = len(queries)
    result["page"] = timed(lambda: client.get(url), reps)
    content = exchange.matrix_xlsx(selectors.matrix_get(actor=reader, act=act))
    result["xlsx"] = timed(
        lambda: exchange.matrix_xlsx(selectors.matrix_get(actor=reader, act=act)), reps
    )
    result["xlsx_kb"] = len(content) / 1024
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["cells"]
    header = [c.value for c in sheet[1]]
    status, state = header.index("status") + 1, header.index("state") + 1
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, state).value == "RUS":
            sheet.cell(row, status, "partially")
    out = io.BytesIO()
    book.save(out)
    start = time.perf_counter()
    imported = services.matrix_import(actor=reader, act=act, content=out.getvalue())
    seconds = time.perf_counter() - start
    assert imported.saved + imported.unchanged == provisions, imported
    result["import_rows_s"] = provisions / seconds
    result["import_s"] = seconds
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provisions", type=int, nargs="+", default=[150, 600])
    parser.add_argument("--reps", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-legislation-"))
    setup_django(folder / "bench.sqlite3")
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(f"Conformity matrix on SQLite {connection.Database.sqlite_version}, {args.reps} runs")
    print(
        "| provisions | cells | matrix_get p50/p95 ms | as at p50/p95 ms | page p50/p95 ms "
        "| page queries | XLSX p50/p95 ms (KB) | import of one column |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.provisions:
        r = run(size, args.reps)
        print(
            f"| {r['provisions']} | {r['cells']} "
            f"| {r['matrix_get'][0]:.1f} / {r['matrix_get'][1]:.1f} "
            f"| {r['matrix_get_at'][0]:.1f} / {r['matrix_get_at'][1]:.1f} "
            f"| {r['page'][0]:.1f} / {r['page'][1]:.1f} | {r['page_queries']} "
            f"| {r['xlsx'][0]:.1f} / {r['xlsx'][1]:.1f} ({r['xlsx_kb']:.0f}) "
            f"| {r['import_s']:.2f} s ({r['import_rows_s']:.0f} rows/s) |"
        )


if __name__ == "__main__":
    main()
