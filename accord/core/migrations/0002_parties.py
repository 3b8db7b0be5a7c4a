"""Reference data: the organisation's member states, its Secretariat and the observer."""

from django.db import migrations


def load_parties(apps, schema_editor):
    from accord.core.reference import PARTIES

    Party = apps.get_model("core", "Party")
    for code, name_en, name_ru, kind, standing in PARTIES:
        Party.objects.update_or_create(
            code=code,
            defaults={"name_en": name_en, "name_ru": name_ru, "kind": kind,
                      "standing": standing, "active": True},
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load_parties, migrations.RunPython.noop)]
