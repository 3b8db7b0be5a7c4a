"""Participation facts checked against a depositary record (issue 12, point 5).

Each correction below was confirmed from the depositary's own status list; the list of
facts checked, with their sources and the facts still unconfirmed, is in
`accord/law/reference/VERIFIED.md`. The shipped CSV carries the corrected rows, so a fresh
database already has them through 0002 and this migration then changes nothing. On an
existing database only the rows still as shipped are corrected (same party, instrument, act,
date and source as the old CSV, not yet confirmed): a fact an editor has since changed or
verified through the services is left as it is."""

from django.db import migrations

UN_ATT = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XXVI/XXVI-8.en.xml"
WIKI_ATT = "https://ipfs.io/ipfs/QmXoypizjW3WknFiJnKLwHCnL72vedxjQkDDP1mXWo6uco/wiki/Arms_Trade_Treaty.html"

# (party, instrument, act kind, shipped date, shipped source) -> fields to set.
CORRECTIONS = [
    (("ARM", "ATT", "not_party", None, WIKI_ATT), {"status_confirmed": True, "source_url": UN_ATT}),
    (("BLR", "ATT", "not_party", None, WIKI_ATT), {"status_confirmed": True, "source_url": UN_ATT}),
]


def forward(apps, schema_editor):
    Act = apps.get_model("law", "ParticipationAct")
    for (party, instrument, kind, date, source), changes in CORRECTIONS:
        Act.objects.filter(
            party__code=party,
            instrument__code=instrument,
            kind=kind,
            date=date,
            source_url=source,
            status_confirmed=False,
            verified_at__isnull=True,
        ).update(**changes)


class Migration(migrations.Migration):
    dependencies = [("law", "0005_exceptions_and_circumstances")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
