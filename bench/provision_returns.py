"""Benchmark: provision's annual returns and serial reconciliation (issue 13).

1. A party with 100,000 delivery lines over ten years: the time to build one year's UNROCA
   rows through the module (`services.aftercare.delivery_facts` + `domain.returns.
   unroca_rows`, what `return_prepare` runs) against one hand-written SQL aggregate that
   returns the same rows (goal: within 2x). The rows are compared.
2. Serial reconciliation of a 50,000-serial consignment through the service
   (`inspection_record`: locks, reads the lines, reconciles, writes the inspection and its
   audit event), and the pure `reconcile()` alone (goal: under 2 s on PostgreSQL).

The data goes in with bulk_create (the insert path is not what is measured); the schema is
the shipped one (`migrate`). Run from the project root:

    .venv/bin/python bench/provision_returns.py               # SQLite, temporary file
    DATABASE_URL=postgres://... .venv/bin/python bench/provision_returns.py --postgres
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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
YEARS = list(range(2016, 2026))


def setup(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    if not args.postgres:
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    if args.postgres:
        import psycopg
        from django.db import connection

        s = connection.settings_dict
        params = {"host": s["HOST"] or None, "port": s["PORT"] or None, "user": s["USER"] or None}
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", [s["NAME"]]).fetchone():
                conn.execute(f'DROP DATABASE "{s["NAME"]}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{s["NAME"]}"')
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(lines: int) -> dict[str, Any]:
    from accord.accounts.services import user_create
    from accord.core.models import Party
    from accord.expertise.models import SystemVersion, WeaponSystem
    from accord.provision.models import Commitment, Consignment, DeliveryLine, Requirement

    parties = {p.code: p for p in Party.objects.all()}
    rus = user_create(
        actor=None,
        username="bench.rus",
        party=parties["RUS"],
        clearance=3,
        roles=["programme_officer"],
    )
    system = WeaponSystem.objects.create(
        owner=parties["RUS"], designation="Bench", category="other"
    )
    version = SystemVersion.objects.create(system=system, number=1)
    requirement = Requirement.objects.create(
        owner=parties["SEC"],
        reference="BENCH-1",
        capability="Bench",
        quantity=1,
        needed_by=dt.date(2030, 1, 1),
    )
    rng = random.Random(13)
    holders = [parties["KAZ"], parties["BLR"], parties["RUS"], parties["ARM"]]  # RUS: owned
    per_year = lines // len(YEARS)
    per_consignment = 100
    for year in YEARS:
        commitment = Commitment.objects.create(
            owner=parties["RUS"],
            requirement=requirement,
            system_version=version,
            quantity=1,
            terms="preferential",
            state="authorised",
        )
        consignments = Consignment.objects.bulk_create(
            Consignment(
                commitment=commitment,
                reference=f"B{year}-{n}",
                dispatched_on=dt.date(year, 1, 1),
                delivered_on=dt.date(year, 1 + n % 12, 1 + n % 28),
                state="delivered",
            )
            for n in range(per_year // per_consignment)
        )
        DeliveryLine.objects.bulk_create(
            (
                DeliveryLine(
                    consignment=consignment,
                    identifiers=[{"scheme": "NSN", "value": str(n)}],
                    description=f"Item type {n % 7}",
                    category=rng.choice(["II", "III", "IV", "VII", "SA", "LW"]),
                    quantity=rng.randint(1, 20),
                    value=1000,
                    currency="USD",
                    title_holder=holders[n % 4],
                    operational_controller=holders[n % 4],
                )
                for consignment in consignments
                for n in range(per_consignment)
            ),
            batch_size=5000,
        )
    return {"rus": rus, "party": parties["RUS"], "version": version, "requirement": requirement}


RAW = """
SELECT CASE WHEN s.code = %(code)s THEN 'export' ELSE 'import' END AS direction,
       CASE WHEN s.code = %(code)s THEN h.code ELSE s.code END AS counterpart,
       l.category, SUM(l.quantity)
  FROM provision_deliveryline l
  JOIN provision_consignment c ON c.id = l.consignment_id
  JOIN provision_commitment m ON m.id = c.commitment_id
  JOIN core_party s ON s.id = m.owner_id
  JOIN core_party h ON h.id = l.title_holder_id
 WHERE c.state = 'delivered' AND c.delivered_on BETWEEN %(start)s AND %(end)s
   AND (s.id = %(party)s OR h.id = %(party)s) AND s.id <> h.id
   AND s.kind = 'state' AND h.kind = 'state'
 GROUP BY 1, 2, 3
"""


def p50(call: Any, runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def returns(world: dict[str, Any], runs: int) -> None:
    from django.db import connection

    from accord.core.models import Party
    from accord.provision.domain.returns import unroca_rows
    from accord.provision.services.aftercare import delivery_facts

    party = world["party"]
    states = set(Party.objects.filter(kind="state").values_list("code", flat=True))
    year = 2021

    def module() -> list[tuple[str, str, str, int]]:
        rows = unroca_rows(delivery_facts(party, year), party=party.code, year=year, states=states)
        return sorted(
            (r["direction"], r["counterpart"], r["category"], r["quantity"]) for r in rows
        )  # type: ignore[misc]

    def raw() -> list[tuple[str, str, str, int]]:
        with connection.cursor() as cursor:
            cursor.execute(
                RAW,
                {
                    "code": party.code,
                    "party": party.pk,
                    "start": dt.date(year, 1, 1),
                    "end": dt.date(year, 12, 31),
                },
            )
            return sorted((d, c, k, int(q)) for d, c, k, q in cursor.fetchall())

    module(), raw()  # warm
    t_module, got = p50(module, runs)
    t_raw, expected = p50(raw, runs)
    assert got == expected, "the module and the raw SQL disagree"
    print(
        f"| UNROCA rows for one year ({len(got)} rows) | {t_module * 1000:.1f} ms | "
        f"{t_raw * 1000:.1f} ms | {t_module / t_raw:.2f}x |"
    )


def reconciliation(world: dict[str, Any], serials: int) -> None:
    from accord.core.models import Party
    from accord.provision.domain.reconcile import reconcile
    from accord.provision.models import Commitment, Consignment, DeliveryLine
    from accord.provision.services import inspection_record

    kaz = Party.objects.get(code="KAZ")
    commitment = Commitment.objects.create(
        owner=world["party"],
        requirement=world["requirement"],
        system_version=world["version"],
        quantity=serials,
        terms="loan",
        state="authorised",
    )
    consignment = Consignment.objects.create(
        commitment=commitment,
        reference="BIG",
        dispatched_on=dt.date(2025, 1, 1),
        delivered_on=dt.date(2025, 1, 5),
        state="delivered",
    )
    declared = [f"SN-{n:07d}" for n in range(serials)]
    DeliveryLine.objects.bulk_create(
        DeliveryLine(
            consignment=consignment,
            identifiers=[{"scheme": "NSN", "value": "1"}],
            description="Rifle",
            category="SA",
            quantity=1000,
            serials=declared[i : i + 1000],
            title_holder=kaz,
            operational_controller=kaz,
        )
        for i in range(0, serials, 1000)
    )
    rng = random.Random(7)
    received = [s for s in declared if rng.random() > 0.001] + ["EXTRA-1", "EXTRA-2"]
    damaged = received[:25]
    start = time.perf_counter()
    result = reconcile(declared, received, damaged)
    pure = time.perf_counter() - start
    start = time.perf_counter()
    inspection = inspection_record(
        actor=world["rus"],
        consignment=consignment,
        inspected_on=dt.date(2025, 1, 6),
        received_serials=received,
        damaged_serials=damaged,
    )
    service = time.perf_counter() - start
    assert inspection.result["missing"] == result.missing
    print(
        f"| reconcile() alone, {serials:,} serials ({len(result.missing)} missing, 2 extra, "
        f"25 damaged) | {pure * 1000:.0f} ms |"
    )
    print(f"| inspection_record() through the service | {service * 1000:.0f} ms |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--serials", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    setup(args)
    from django.db import connection

    started = time.perf_counter()
    world = build(args.lines)
    print(
        f"{connection.vendor}: {args.lines:,} lines over {len(YEARS)} years built in "
        f"{time.perf_counter() - started:.0f} s"
    )
    print("| measure | module | raw SQL | ratio |\n|---|---:|---:|---:|")
    returns(world, args.runs)
    print("\n| measure | time |\n|---|---:|")
    reconciliation(world, args.serials)


if __name__ == "__main__":
    main()
