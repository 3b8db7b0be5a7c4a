"""The durability check refuses a database that could lose committed data."""

import pytest
from django.core import checks
from django.db import connection

from accord.core.checks import check_durability, durability_problems


def test_the_test_database_is_durable(db):
    assert durability_problems() == []
    assert check_durability() == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite leg")
@pytest.mark.parametrize(
    ("pragma", "bad", "good", "problem"),
    [
        ("synchronous", "OFF", "FULL", "synchronous is below FULL"),
        ("foreign_keys", "OFF", "ON", "foreign_keys is off"),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_sqlite_settings_off_are_refused(pragma, bad, good, problem):
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {pragma}={bad}")
        try:
            assert any(problem in p for p in durability_problems())
            errors = check_durability()
            assert errors and all(isinstance(e, checks.Error) for e in errors)
            assert errors[0].id == "accord.E001"
        finally:
            cursor.execute(f"PRAGMA {pragma}={good}")
    assert durability_problems() == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL leg")
def test_postgres_synchronous_commit_off_is_refused(db):
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        try:
            assert durability_problems() == ["PostgreSQL synchronous_commit is 'off'"]
        finally:
            cursor.execute("SET synchronous_commit = on")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite leg")
def test_sqlite_runs_in_wal_mode(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
