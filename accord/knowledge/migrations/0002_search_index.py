"""The full-text index of knowledge items (`accord.knowledge.search`): an FTS5 table on
SQLite, a tsvector table with a GIN index on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    from accord.knowledge.search import create_sql

    for statement in create_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    from accord.knowledge.search import drop_sql

    for statement in drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
