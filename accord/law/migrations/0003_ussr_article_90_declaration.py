"""The USSR's declaration under AP I Art. 90 (29 September 1989, made on ratification) was
missing: only Russia's withdrawal of it was recorded, dated 1 January 2019 (year only), so
the engine said Russia had no declaration in force in 2018 (issue 12, point 4). The
depositary's record (WIPO's copy of the Swiss Federal Council's notifications) gives both
acts with their days: the declaration of 29 September 1989 and the notification of its
withdrawal on 23 October 2019. Only the shipped rows are corrected: a fact an editor has
since changed through the services is left as it is."""

import datetime as dt

from django.db import migrations

SOURCE = "https://wipo.int/wipolex/en/treaties/parties/remarks/RU/281"


def forward(apps, schema_editor):
    Party = apps.get_model("core", "Party")
    Instrument = apps.get_model("law", "Instrument")
    Act = apps.get_model("law", "ParticipationAct")
    party = Party.objects.filter(code="RUS").first()
    instrument = Instrument.objects.filter(code="AP-I-ART90-DECL").first()
    if party is None or instrument is None:
        return
    Act.objects.get_or_create(
        party=party,
        instrument=instrument,
        kind="declaration",
        date=dt.date(1989, 9, 29),
        defaults={
            "date_precision": "day",
            "status_confirmed": True,
            "date_confirmed": True,
            "source_url": SOURCE,
        },
    )
    Act.objects.filter(
        party=party,
        instrument=instrument,
        kind="declaration_withdrawal",
        date=dt.date(2019, 1, 1),
        date_precision="year",
    ).update(date=dt.date(2019, 10, 23), date_precision="day", source_url=SOURCE)


class Migration(migrations.Migration):
    dependencies = [("law", "0002_reference_data")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
