"""`accord postgres_grants --app-role ROLE`: give the application's own PostgreSQL role
what it needs and no more. Run it as the tables' owner (the role `accord migrate` runs as)
after every migrate; it is safe to run again.

The application reads and writes the module tables, but may only INSERT and SELECT the
audit tables (events, checkpoints, co-signatures): no UPDATE, DELETE or TRUNCATE, and, not
being their owner, it cannot disable their append-only triggers either. So the web and
worker processes' credentials cannot rewrite history; only the owner's could, and they stay
off the application servers (README, "Deployment on PostgreSQL").
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from accord.core.models import AuditCheckpoint, AuditCheckpointSignature, AuditEvent

AUDIT_MODELS = (AuditEvent, AuditCheckpoint, AuditCheckpointSignature)


class Command(BaseCommand):
    help = "Grant the application's PostgreSQL role its rights: append-only on the audit tables."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--app-role", required=True, help="The role the application runs as.")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("postgres_grants is for PostgreSQL deployments.")
        role = options["app_role"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [role])
            found = cursor.fetchone()
            if found is None:
                raise CommandError(f"There is no role {role!r}: create it first (README).")
            if found[0]:
                raise CommandError(f"{role!r} is a superuser: it could rewrite the audit trail.")
            cursor.execute("SELECT current_user")
            if cursor.fetchone()[0] == role:
                raise CommandError(
                    f"{role!r} is the role running this command, i.e. the tables' owner: "
                    "the application must run as another role."
                )
        quoted = connection.ops.quote_name(role)
        audit_tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in AUDIT_MODELS)
        statements = [
            f"GRANT USAGE ON SCHEMA public TO {quoted}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
            f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {quoted}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON {audit_tables} FROM {quoted}",
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(
            f"{role}: read and write on the module tables; INSERT and SELECT only on "
            f"{audit_tables}."
        )
