"""The application's PostgreSQL role (issue 17, point 11): with the grants of
`accord postgres_grants`, the credentials the web and worker processes hold can append to
the audit trail but cannot update, delete, truncate or un-trigger it."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from accord.core.audit import record_event
from accord.core.models import AuditEvent, Party
from accord.core.tests.test_audit import on_postgres

ROLE = f"accord_app_test_{os.getpid()}"


@pytest.fixture
def app_role(db):
    """A role like the README's `accord_app`, made inside the test's transaction (so it is
    gone afterwards), with the command's grants."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN")
    call_command("postgres_grants", "--app-role", ROLE, stdout=open(os.devnull, "w"))  # noqa: SIM115
    record_event(actor=None, action="test.before", object_id=1)
    return ROLE


def _as_app(statement: str, params: list | None = None) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        # Rolling back to the savepoint on the error undoes the SET LOCAL too.
        cursor.execute(f"SET LOCAL ROLE {ROLE}")
        cursor.execute(statement, params)
        cursor.execute("RESET ROLE")


@on_postgres
@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("UPDATE core_auditevent SET action = 'forged'", "permission denied"),
        ("DELETE FROM core_auditevent", "permission denied"),
        ("TRUNCATE core_auditevent", "permission denied"),
        ("ALTER TABLE core_auditevent DISABLE TRIGGER accord_audit_append_only", "owner"),
        ("UPDATE core_auditcheckpoint SET event_count = 0", "permission denied"),
        ("DELETE FROM core_auditcheckpointsignature", "permission denied"),
    ],
)
def test_the_application_role_cannot_rewrite_the_audit_trail(app_role, statement, message):
    before = list(AuditEvent.objects.values_list("id", "hash"))
    with pytest.raises(DatabaseError, match=message):
        _as_app(statement)
    assert list(AuditEvent.objects.values_list("id", "hash")) == before


@on_postgres
def test_the_application_role_appends_events_and_writes_module_tables(app_role):
    count = AuditEvent.objects.count()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {ROLE}")
        record_event(actor=None, action="test.as_app", object_id=2)
        cursor.execute("UPDATE core_party SET name_en = name_en WHERE code = 'RUS'")
        cursor.execute("RESET ROLE")
    assert AuditEvent.objects.count() == count + 1
    assert Party.objects.filter(code="RUS").exists()


@on_postgres
def test_grants_refuse_the_owner_and_an_unknown_role(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
    with pytest.raises(CommandError, match=r"superuser|owner"):
        call_command("postgres_grants", "--app-role", owner)
    with pytest.raises(CommandError, match="There is no role"):
        call_command("postgres_grants", "--app-role", "no_such_role_at_all")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_grants_are_for_postgresql_only(db):
    with pytest.raises(CommandError, match="for PostgreSQL"):
        call_command("postgres_grants", "--app-role", "accord_app")
