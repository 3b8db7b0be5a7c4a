"""Reference data: weapons-law instruments, the parties' participation, the rules."""

from django.db import migrations


def load(apps, schema_editor):
    from accord.law.reference import load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("law", "0001_initial"), ("core", "0002_parties")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
