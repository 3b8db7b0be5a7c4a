"""Benchmark: the contributions statement over many programmes, through the module vs
the raw SQL aggregate returning the same figures (the issue's goal: within 2x).

The script builds a fresh SQLite database (a temporary file; or, with --postgres, the
database of DATABASE_URL, emptied first), migrated, and loads P programmes (owners and
markings spread over the parties), each with a decided six-party key, one budget line,
one call for contributions apportioned by the module's rule (`domain.money.apportion`)
and T/P contributions (cash and in kind, value dates before and after the due date), by
bulk inserts. It then times, as a Secretariat user who sees every programme:

  - module: `selectors.programme_list(actor=...)` and `selectors.statements(...)` over
    them (the statement the page and the exports show, `statement` being its one-programme
    case: assessed, paid, in kind, balance, arrears and their ageing, computed by
    `domain.money.balance`);
  - raw: one SQL statement grouping the parts and the contributions by programme and
    party, with balance, arrears and the ageing bucket as CASE expressions;

asserts that both give the same figures for every programme and party, and prints the
best and median of R runs of each and their ratio.

Run from the project root:
    .venv/bin/python bench/programmes_statement.py --programmes 1000 --transactions 1000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261207
MEMBERS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
SHARES = {
    "ARM": Decimal("8.5"),
    "BLR": Decimal("14"),
    "KAZ": Decimal("17.5"),
    "KGZ": Decimal("6"),
    "RUS": Decimal("50"),
    "TJK": Decimal("4"),
}
AS_OF = dt.date(2026, 12, 1)


def setup_django(sqlite_path: Path | None) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    if sqlite_path is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    import django

    django.setup()


def load(programmes: int, transactions: int) -> Any:
    from django.core.management import call_command
    from django.db import transaction

    from accord.accounts.services import user_create
    from accord.core.models import Party
    from accord.programmes.domain import money
    from accord.programmes.models import (
        Assessment,
        AssessmentPart,
        Budget,
        BudgetLine,
        Contribution,
        CostShare,
        CostShareKey,
        Programme,
    )

    call_command("migrate", verbosity=0)
    parties = {p.code: p for p in Party.objects.all()}
    user = user_create(
        actor=None, username="bench.sec", party=parties["SEC"], clearance=3, roles=[]
    )
    rng = random.Random(SEED)
    owners = [parties[c] for c in (*MEMBERS, "SEC")]
    per = transactions // programmes
    with transaction.atomic():
        Programme.objects.bulk_create(
            Programme(
                identifier=f"BENCH-{n:05d}",
                title_en=f"Programme {n}",
                owner=owners[n % len(owners)],
                classification=rng.choice([0, 1, 2]),
                release="members",
                currency="RUB",
            )
            for n in range(programmes)
        )
        rows = list(Programme.objects.order_by("id"))
        CostShareKey.objects.bulk_create(
            CostShareKey(
                programme=p,
                number=1,
                basis="fixed",
                status="decided",
                effective_from=dt.date(2026, 1, 1),
                decision_reference="Bench",
            )
            for p in rows
        )
        keys = {k.programme_id: k for k in CostShareKey.objects.all()}
        CostShare.objects.bulk_create(
            CostShare(key=keys[p.pk], party=parties[c], percent=v)
            for p in rows
            for c, v in SHARES.items()
        )
        Budget.objects.bulk_create(
            Budget(programme=p, revision=1, kind="original", status="committed") for p in rows
        )
        budgets = {b.programme_id: b for b in Budget.objects.all()}
        totals = {p.pk: Decimal(rng.randrange(10**6, 10**9)) / 100 for p in rows}
        BudgetLine.objects.bulk_create(
            BudgetLine(
                budget=budgets[p.pk],
                category="services",
                period_start=dt.date(2026, 1, 1),
                period_end=dt.date(2026, 12, 31),
                amount=totals[p.pk],
            )
            for p in rows
        )
        Assessment.objects.bulk_create(
            Assessment(
                programme=p,
                number=1,
                key=keys[p.pk],
                budget=budgets[p.pk],
                total=totals[p.pk],
                due_date=dt.date(2026, rng.randrange(1, 12), 1),
            )
            for p in rows
        )
        calls = {a.programme_id: a for a in Assessment.objects.all()}
        share_of = {parties[c]: v for c, v in SHARES.items()}
        AssessmentPart.objects.bulk_create(
            AssessmentPart(assessment=calls[p.pk], party=party, amount=amount)
            for p in rows
            for party, amount in money.apportion(totals[p.pk], share_of, Decimal("0.01")).items()
        )
        batch: list[Contribution] = []
        for p in rows:
            for _ in range(per):
                code = rng.choice(MEMBERS)
                amount = Decimal(rng.randrange(100, 10**7)) / 100
                kind = "in_kind" if rng.random() < 0.2 else "cash"
                batch.append(
                    Contribution(
                        programme=p,
                        party=parties[code],
                        kind=kind,
                        amount=amount,
                        currency="RUB",
                        value_date=dt.date(2026, rng.randrange(1, 13), rng.randrange(1, 29)),
                        rate=Decimal(1),
                        converted=amount,
                    )
                )
                if len(batch) >= 20_000:
                    Contribution.objects.bulk_create(batch)
                    batch = []
        Contribution.objects.bulk_create(batch)
    return user


RAW = """
WITH parts AS (
    SELECT a.programme_id, ap.party_id, SUM(ap.amount) AS assessed, MIN(a.due_date) AS due
    FROM programmes_assessmentpart ap JOIN programmes_assessment a ON a.id = ap.assessment_id
    GROUP BY a.programme_id, ap.party_id
), paid AS (
    SELECT programme_id, party_id,
           SUM(CASE WHEN kind = 'cash' THEN converted ELSE 0 END) AS cash,
           SUM(CASE WHEN kind = 'in_kind' THEN converted ELSE 0 END) AS in_kind
    FROM programmes_contribution WHERE value_date <= %s
    GROUP BY programme_id, party_id
)
SELECT parts.programme_id, pt.code, parts.assessed,
       COALESCE(paid.cash, 0), COALESCE(paid.in_kind, 0),
       parts.assessed - COALESCE(paid.cash, 0) - COALESCE(paid.in_kind, 0),
       CASE WHEN parts.due < %s
                 AND parts.assessed > COALESCE(paid.cash, 0) + COALESCE(paid.in_kind, 0)
            THEN parts.assessed - COALESCE(paid.cash, 0) - COALESCE(paid.in_kind, 0)
            ELSE 0 END
FROM parts
JOIN core_party pt ON pt.id = parts.party_id
LEFT JOIN paid ON paid.programme_id = parts.programme_id AND paid.party_id = parts.party_id
"""


def through_module(user: Any) -> dict[tuple[int, str], tuple[Decimal, ...]]:
    from accord.programmes import selectors

    out = {}
    programmes = selectors.programme_list(actor=user)
    for pk, rows in selectors.statements(programmes, AS_OF).items():
        for row in rows:
            out[(pk, row.party.code)] = (
                row.assessed,
                row.paid_cash,
                row.in_kind,
                row.balance,
                row.arrears,
            )
    return out


def raw(_user: Any) -> dict[tuple[int, str], tuple[Decimal, ...]]:
    from django.db import connection

    cent = Decimal("0.01")
    with connection.cursor() as cursor:
        cursor.execute(RAW, [AS_OF, AS_OF])
        return {
            (pk, code): tuple(Decimal(str(v)).quantize(cent) for v in values)
            for pk, code, *values in cursor.fetchall()
        }


def timed(fn: Any, user: Any, reps: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(reps):
        start = time.perf_counter()
        result = fn(user)
        times.append(time.perf_counter() - start)
    return times, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--programmes", type=int, default=1000)
    parser.add_argument("--transactions", type=int, default=1_000_000)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="accord-bench-programmes-")
    setup_django(Path(folder) / "bench.sqlite3")
    start = time.perf_counter()
    user = load(args.programmes, args.transactions)
    print(
        f"loaded {args.programmes} programmes, {args.transactions} contributions "
        f"in {time.perf_counter() - start:.1f} s"
    )
    module_times, module = timed(through_module, user, args.reps)
    raw_times, expected = timed(raw, user, args.reps)
    # The module lists parties that paid without being assessed too; compare the assessed.
    assert len(expected) == args.programmes * len(MEMBERS)
    for key, figures in expected.items():
        assert module[key] == figures, (key, module[key], figures)
    print("same figures for every programme and party")
    print("| path | best (s) | median (s) |\n|---|---:|---:|")
    for name, times in (("module", module_times), ("raw SQL", raw_times)):
        print(f"| {name} | {min(times):.2f} | {statistics.median(times):.2f} |")
    print(f"ratio (best): {min(module_times) / min(raw_times):.2f}x")


if __name__ == "__main__":
    main()
