"""The shipped participation facts and their sources (issue 12, point 5): every fact marked
confirmed rests on a depositary record, except the facts confirmed before the depositary
check from other sources, which are named below; the number of facts still to verify is
the number `reference/VERIFIED.md` leaves unconfirmed; migration 0006 corrects the rows an
existing database still has as shipped and changes nothing on a fresh one."""

import csv
import importlib
from urllib.parse import urlparse

from django.apps import apps as django_apps

from accord.law.models import ParticipationAct
from accord.law.reference import REFERENCE_DIR

# Hosts of the depositary records the check used (the UN Secretary-General's status lists).
DEPOSITARY_HOSTS = {"treaties.un.org"}

# Facts confirmed before the depositary check, from other sources (news, monitors,
# national law portals, encyclopaedias): (party, instrument, source host). They stay
# confirmed as they were shipped; none of them is a depositary record checked here.
CONFIRMED_BEFORE_FROM_OTHER_SOURCES = {
    ("ARM", "AP-I", "en.wikipedia.org"),
    ("BLR", "AP-I", "en-wikipedia--on--ipfs-org.ipns.dweb.link"),
    ("RUS", "AP-I", "wipo.int"),
    ("TJK", "AP-I", "docslib.org"),
    ("IRN", "AP-I", "www.icrc.org"),
    ("ARM", "AP-I-ART90-DECL", "en.wikipedia.org"),
    ("BLR", "AP-I-ART90-DECL", "ihffc.org"),
    ("RUS", "AP-I-ART90-DECL", "wipo.int"),
    ("IRN", "AP-I-ART90-DECL", "www.icrc.org"),
    ("RUS", "STP-1868", "www.cambridge.org"),
    ("IRN", "STP-1868", "www.cambridge.org"),
    ("KGZ", "GENEVA-GAS-1925", "exportcontrol.kg"),
    ("RUS", "GENEVA-GAS-1925", "www.ris.bka.gv.at"),
    ("IRN", "GENEVA-GAS-1925", "www.sipriyearbook.org"),
    ("ARM", "BWC", "docslib.org"),
    ("BLR", "BWC", "docslib.org"),
    ("KAZ", "BWC", "zakonpravo.kz"),
    ("RUS", "BWC", "irp.fas.org"),
    ("RUS", "ENMOD", "www.tripatlas.com"),
    ("TJK", "ENMOD", "www.tripatlas.com"),
    ("IRN", "ENMOD", "www.tripatlas.com"),
    ("ARM", "CCW", "archives2.the-monitor.org"),
    ("BLR", "CCW", "wikimili.com"),
    ("KAZ", "CCW", "www.the-monitor.org"),
    ("KGZ", "CCW", "archives2.the-monitor.org"),
    ("RUS", "CCW", "www.the-monitor.org"),
    ("TJK", "CCW", "www.the-monitor.org"),
    ("IRN", "CCW", "www.the-monitor.org"),
    ("ARM", "CCW-PI", "archives2.the-monitor.org"),
    ("BLR", "CCW-PI", "wikimili.com"),
    ("KAZ", "CCW-PI", "zakonpravo.kz"),
    ("KGZ", "CCW-PI", "archives2.the-monitor.org"),
    ("RUS", "CCW-PI", "embassylife.ru"),
    ("IRN", "CCW-PI", "www.the-monitor.org"),
    ("ARM", "CCW-PII", "archives2.the-monitor.org"),
    ("BLR", "CCW-PII", "wikimili.com"),
    ("KAZ", "CCW-PII", "zakonpravo.kz"),
    ("KGZ", "CCW-PII", "archives2.the-monitor.org"),
    ("IRN", "CCW-PII", "www.the-monitor.org"),
    ("ARM", "CCW-APII", "archives2.the-monitor.org"),
    ("BLR", "CCW-APII", "alayamnews.net"),
    ("KAZ", "CCW-APII", "www.the-monitor.org"),
    ("KGZ", "CCW-APII", "archives2.the-monitor.org"),
    ("RUS", "CCW-APII", "treaties.unoda.org"),
    ("TJK", "CCW-APII", "www.the-monitor.org"),
    ("IRN", "CCW-APII", "www.the-monitor.org"),
    ("ARM", "CCW-PIII", "archives2.the-monitor.org"),
    ("BLR", "CCW-PIII", "wikimili.com"),
    ("KAZ", "CCW-PIII", "zakonpravo.kz"),
    ("KGZ", "CCW-PIII", "archives2.the-monitor.org"),
    ("IRN", "CCW-PIII", "www.the-monitor.org"),
    ("ARM", "CCW-PIV", "archives2.the-monitor.org"),
    ("KAZ", "CCW-PIV", "zakonpravo.kz"),
    ("KGZ", "CCW-PIV", "archives2.the-monitor.org"),
    ("IRN", "CCW-PIV", "www.the-monitor.org"),
    ("ARM", "CCW-PV", "archives2.the-monitor.org"),
    ("BLR", "CCW-PV", "www.the-monitor.org"),
    ("KAZ", "CCW-PV", "www.the-monitor.org"),
    ("KGZ", "CCW-PV", "archives2.the-monitor.org"),
    ("RUS", "CCW-PV", "base.garant.ru"),
    ("IRN", "CCW-PV", "www.the-monitor.org"),
    ("ARM", "CCW-ART1-AMEND", "archives2.the-monitor.org"),
    ("KGZ", "CCW-ART1-AMEND", "archives2.the-monitor.org"),
    ("RUS", "CCW-ART1-AMEND", "rg.ru"),
    ("IRN", "CCW-ART1-AMEND", "www.the-monitor.org"),
    ("ARM", "CWC", "verdragenbank.overheid.nl"),
    ("BLR", "CWC", "verdragenbank.overheid.nl"),
    ("KAZ", "CWC", "www.opcw.org"),
    ("KGZ", "CWC", "opcw.org"),
    ("RUS", "CWC", "www.acronym.org.uk"),
    ("TJK", "CWC", "www.iranwatch.org"),
    ("IRN", "CWC", "www.iranwatch.org"),
    ("ARM", "APMBC", "archives2.the-monitor.org"),
    ("BLR", "APMBC", "www.the-monitor.org"),
    ("KAZ", "APMBC", "www.the-monitor.org"),
    ("KGZ", "APMBC", "archives2.the-monitor.org"),
    ("RUS", "APMBC", "www.the-monitor.org"),
    ("TJK", "APMBC", "www.the-monitor.org"),
    ("IRN", "APMBC", "www.the-monitor.org"),
    ("ARM", "CCM", "the-monitor.org"),
    ("BLR", "CCM", "www.the-monitor.org"),
    ("KAZ", "CCM", "archives2.the-monitor.org"),
    ("KGZ", "CCM", "www.the-monitor.org"),
    ("RUS", "CCM", "www.the-monitor.org"),
    ("TJK", "CCM", "www.the-monitor.org"),
    ("IRN", "CCM", "www.the-monitor.org"),
    ("KAZ", "ATT", "disarmament.un.org"),
    ("KAZ", "TPNW", "christiancnd.org.uk"),
    ("RUS", "TPNW", "www.urdupoint.com"),
}

# Facts left to verify after the check (see reference/VERIFIED.md), as the product counts
# them (`ParticipationAct.to_verify`).
STILL_TO_VERIFY = 68

UN_ATT = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XXVI/XXVI-8.en.xml"


def _rows():
    with (REFERENCE_DIR / "participation.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_confirmed_fact_has_a_depositary_source_or_is_a_named_exception():
    unsourced = []
    for row in _rows():
        if row["status_confirmed"] != "yes":
            continue
        host = urlparse(row["source_url"]).hostname or ""
        if host in DEPOSITARY_HOSTS:
            continue
        if (row["party"], row["instrument"], host) not in CONFIRMED_BEFORE_FROM_OTHER_SOURCES:
            unsourced.append((row["party"], row["instrument"], row["source_url"]))
    assert unsourced == []


def test_the_exception_list_names_only_facts_still_shipped_that_way():
    shipped = {
        (row["party"], row["instrument"], urlparse(row["source_url"]).hostname or "")
        for row in _rows()
        if row["status_confirmed"] == "yes"
    }
    assert CONFIRMED_BEFORE_FROM_OTHER_SOURCES - shipped == set()


def test_facts_still_to_verify(db):
    assert sum(act.to_verify for act in ParticipationAct.objects.all()) == STILL_TO_VERIFY


def _migration():
    return importlib.import_module("accord.law.migrations.0006_sourced_participation")


def _snapshot():
    return list(
        ParticipationAct.objects.order_by("id").values_list(
            "id", "kind", "date", "status_confirmed", "date_confirmed", "source_url"
        )
    )


def test_migration_changes_nothing_on_a_fresh_database(db):
    before = _snapshot()
    _migration().forward(django_apps, None)
    assert _snapshot() == before


def test_migration_corrects_a_row_still_as_shipped_and_leaves_an_edited_one(db):
    migration = _migration()
    arm = ParticipationAct.objects.get(party__code="ARM", instrument__code="ATT")
    blr = ParticipationAct.objects.get(party__code="BLR", instrument__code="ATT")
    ParticipationAct.objects.filter(pk=arm.pk).update(
        status_confirmed=False, source_url=migration.WIKI_ATT
    )
    ParticipationAct.objects.filter(pk=blr.pk).update(
        status_confirmed=False, source_url="https://example.org/edited"
    )
    migration.forward(django_apps, None)
    arm.refresh_from_db()
    blr.refresh_from_db()
    assert (arm.status_confirmed, arm.source_url) == (True, UN_ATT)
    assert (blr.status_confirmed, blr.source_url) == (False, "https://example.org/edited")
