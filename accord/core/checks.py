"""System checks: refuse a database that could lose committed data; validate the
configured classification names.

The durability check is registered as a system check (so `accord runserver`, `accord check`
and `accord migrate` stop on it) and called again by the WSGI entry point, because gunicorn
runs no checks.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.db import connections
from django.db.utils import OperationalError

PG_SAFE_SYNCHRONOUS_COMMIT = {"on", "remote_write", "remote_apply", "local"}


def durability_problems(alias: str = "default") -> list[str]:
    """What is wrong with the durability settings of database `alias` (empty when fine)."""
    connection = connections[alias]
    problems: list[str] = []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode")
            journal = cursor.fetchone()[0].lower()
            in_memory = connection.is_in_memory_db()  # type: ignore[attr-defined]
            if journal != "wal" and not (in_memory and journal == "memory"):
                problems.append(f"SQLite journal_mode is {journal!r}, expected 'wal'")
            cursor.execute("PRAGMA synchronous")
            if cursor.fetchone()[0] < 2:
                problems.append("SQLite synchronous is below FULL")
            cursor.execute("PRAGMA foreign_keys")
            if cursor.fetchone()[0] != 1:
                problems.append("SQLite foreign_keys is off")
        elif connection.vendor == "postgresql":
            for name in ("fsync", "full_page_writes"):
                cursor.execute(f"SHOW {name}")
                if cursor.fetchone()[0] != "on":
                    problems.append(f"PostgreSQL {name} is off")
            cursor.execute("SHOW synchronous_commit")
            value = cursor.fetchone()[0]
            if value not in PG_SAFE_SYNCHRONOUS_COMMIT:
                problems.append(f"PostgreSQL synchronous_commit is {value!r}")
    return problems


@checks.register()
def check_durability(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list:
    if not settings.ACCORD_REQUIRE_DURABLE_DATABASE:
        return []
    errors: list[checks.CheckMessage] = []
    for alias in databases or ["default"]:
        try:
            problems = durability_problems(alias)
        except OperationalError as exc:  # no server yet: other checks report that better
            return [checks.Warning(f"Could not read durability settings: {exc}", id="accord.W001")]
        errors.extend(
            checks.Error(
                problem,
                hint="Accord refuses to run where a committed change could be lost. "
                "Fix the database configuration (see the README, 'Durability').",
                id="accord.E001",
            )
            for problem in problems
        )
    return errors


@checks.register()
def check_classification_names(app_configs: Any = None, **kwargs: Any) -> list:
    """`ACCORD_CLASSIFICATION_NAMES` must name known levels and languages."""
    from accord.core.classification import SETTING, parse_names

    problems = parse_names(getattr(settings, SETTING, None))[1]
    return [
        checks.Error(
            problem,
            hint='Example: {"1": {"en": "Official", "ru": "Для служебного пользования"}}. '
            "Levels not given keep their default names (see the README, 'Configuration').",
            id="accord.E002",
        )
        for problem in problems
    ]
