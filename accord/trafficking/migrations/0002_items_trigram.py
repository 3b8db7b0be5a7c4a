"""PostgreSQL only: trigram indexes (pg_trgm, GIN) on the normalised serial and markings of
register items, which the fuzzy stage of `accord.trafficking.matching` searches with `%`
and LIKE '%...%'. SQLite has no trigram index; matching uses prefix probes there."""

from django.db import migrations

INDEXES = (
    ("trafficking_item_serial_trgm", "serial_norm"),
    ("trafficking_item_markings_trgm", "markings_norm"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON trafficking_item "
            f"USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("trafficking", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
