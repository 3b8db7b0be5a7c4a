"""The applicable-law engine: status from acts on any date, obligations with their
bases and conditions, screening and the cross-party assistance flags."""

import datetime as dt

import pytest

from accord.law import engine
from accord.law.engine import Outcome, Status
from accord.law.models import Instrument, ParticipationAct, Rule
from accord.law.services import act_record, rule_save

D = dt.date


@pytest.fixture
def instrument(db):
    return lambda code: Instrument.objects.get(code=code)


def status(party, instrument, on):
    return engine.statuses([party], on, [instrument])[(party.pk, instrument.pk)]


def test_status_follows_accession_and_withdrawal(party, instrument):
    """A party, then a withdrawal that takes effect later: before, between, after."""
    kgz, att = party("KGZ"), instrument("ATT")
    act_record(
        actor=None,
        party=kgz,
        instrument=att,
        kind="accession",
        date=D(2015, 3, 1),
        effective_date=D(2015, 6, 1),
        status_confirmed=True,
        date_confirmed=True,
    )
    act_record(
        actor=None,
        party=kgz,
        instrument=att,
        kind="withdrawal",
        date=D(2022, 1, 10),
        effective_date=D(2023, 1, 10),
        status_confirmed=True,
        date_confirmed=True,
    )
    assert status(kgz, att, D(2015, 5, 31)).status == Status.NOT_PARTY
    assert [a.kind for a in status(kgz, att, D(2015, 5, 31)).pending] == ["accession", "withdrawal"]
    assert status(kgz, att, D(2015, 6, 1)).status == Status.PARTY
    assert status(kgz, att, D(2022, 6, 1)).status == Status.PARTY
    after = status(kgz, att, D(2023, 1, 10))
    assert after.status == Status.WITHDRAWN and after.act.kind == "withdrawal"
    assert not after.bound


def test_binding_before_entry_into_force_waits_for_it(party, instrument):
    """The shipped data: RUS party to CCW in 1982; the CCW entered into force in 1983."""
    rus, ccw = party("RUS"), instrument("CCW")
    assert status(rus, ccw, D(1983, 1, 1)).status == Status.NOT_PARTY
    assert status(rus, ccw, D(1983, 12, 2)).status == Status.PARTY


def test_signature_alone_does_not_bind(party, instrument):
    answer = status(party("IRN"), instrument("AP-I"), D(2024, 1, 1))
    assert answer.status == Status.SIGNATORY and not answer.bound


def test_declaration_withdrawn(party, instrument):
    """RUS withdrew its AP I Art. 90 declaration in 2019 (shipped reference data)."""
    answer = status(party("RUS"), instrument("AP-I-ART90-DECL"), D(2020, 1, 1))
    assert answer.status == Status.DECLARATION_WITHDRAWN
    assert status(party("BLR"), instrument("AP-I-ART90-DECL"), D(2020, 1, 1)).bound


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(1989, 9, 28), Status.NOT_PARTY),
        (D(1989, 9, 29), Status.DECLARATION_IN_FORCE),
        (D(2018, 6, 1), Status.DECLARATION_IN_FORCE),
        (D(2019, 10, 22), Status.DECLARATION_IN_FORCE),
        (D(2019, 10, 23), Status.DECLARATION_WITHDRAWN),
    ],
)
def test_the_ussr_declaration_of_1989_held_until_russia_withdrew_it(
    party, instrument, on, expected
):
    """Issue 12, point 4: the USSR's declaration was missing, so the engine said Russia had
    no declaration in force in 2018."""
    answer = status(party("RUS"), instrument("AP-I-ART90-DECL"), on)
    assert answer.status == expected
    assert answer.bound == (expected == Status.DECLARATION_IN_FORCE)


def test_not_party_record_keeps_its_source(party, instrument):
    answer = status(party("RUS"), instrument("APMBC"), D(2024, 1, 1))
    assert answer.status == Status.NOT_PARTY
    assert answer.act is not None and answer.act.kind == "not_party"
    assert answer.act.source_url.startswith("http")


def test_unconfirmed_fact_is_to_verify_until_verified(party, instrument, make_user):
    from accord.law.services import act_verify

    answer = status(party("KAZ"), instrument("AP-I"), D(2024, 1, 1))
    assert answer.bound and answer.to_verify
    act_verify(actor=make_user("SEC", roles=["administrator"]), act=answer.act)
    assert not status(party("KAZ"), instrument("AP-I"), D(2024, 1, 1)).to_verify


@pytest.fixture
def rules(db):
    """A small catalogue of our own (codes T-…), independent of the shipped one."""
    made = {
        "T-MINE-BAN": rule_save(
            actor=None,
            code="T-MINE-BAN",
            kind="specific_prohibition",
            title_en="AP mine ban",
            customary=False,
            bases=[("APMBC", "Art. 1")],
            trigger="weapon_type = anti_personnel_mine",
        ),
        "T-MINE-RD": rule_save(
            actor=None,
            code="T-MINE-RD",
            kind="restriction",
            title_en="Remotely delivered",
            restriction_en="Self-destruct and self-deactivate.",
            customary=False,
            bases=[("CCW-APII", "Art. 6")],
            conflicts=["international", "non_international"],
            trigger="weapon_type = anti_personnel_mine and delivery = remotely_delivered",
        ),
        "T-LASER": rule_save(
            actor=None,
            code="T-LASER",
            kind="specific_prohibition",
            title_en="Blinding lasers",
            customary=True,
            bases=[("CCW-PIV", "Art. 1")],
            trigger="laser_function = permanent_blinding",
        ),
        "T-XPLODE": rule_save(
            actor=None,
            code="T-XPLODE",
            kind="specific_prohibition",
            title_en="Under 400 g",
            customary=False,
            bases=[("STP-1868", "Declaration")],
            trigger="explosive_projectile_under_400g",
        ),
        "T-GENERAL": rule_save(
            actor=None,
            code="T-GENERAL",
            kind="general_prohibition",
            title_en="Superfluous injury",
            customary=True,
            bases=[("AP-I", "Art. 35(2)")],
            trigger="",
        ),
    }
    return made


def _codes(obligations):
    return {o.rule.code for o in obligations if o.rule.code.startswith("T-")}


def test_a_non_party_gets_the_customary_rule_not_the_treaty_rule(rules, party):
    """No party in the shipped data has joined CCW Protocol IV? — check one that has not,
    then one that has: the first is bound by custom alone, the second by the protocol."""
    today = D(2025, 1, 1)
    statuses = engine.statuses(
        [party(c) for c in ("ARM", "RUS")], today, [Instrument.objects.get(code="CCW-PIV")]
    )
    bound = {
        p.code: statuses[(p.pk, Instrument.objects.get(code="CCW-PIV").pk)].bound
        for p in (party("ARM"), party("RUS"))
    }
    for code in ("ARM", "RUS"):
        laser = next(o for o in engine.obligations(party(code), today) if o.rule.code == "T-LASER")
        treaty = [b for b in laser.bases if not b.customary]
        assert any(b.customary for b in laser.bases)
        assert bool(treaty) == bound[code]
        assert laser.customary_only == (not bound[code])


def test_treaty_only_rule_binds_only_parties(rules, party):
    today = D(2025, 1, 1)
    assert "T-MINE-BAN" not in _codes(engine.obligations(party("RUS"), today))
    tjk = _codes(engine.obligations(party("TJK"), today))  # TJK is party to the mine ban
    assert "T-MINE-BAN" in tjk


def test_reciprocity_is_reported(rules, party):
    xplode = next(
        o for o in engine.obligations(party("RUS"), D(2025, 1, 1)) if o.rule.code == "T-XPLODE"
    )
    assert any("reciprocity" in c for c in xplode.conditions)
    assert "T-XPLODE" not in _codes(engine.obligations(party("KAZ"), D(2025, 1, 1)))


def test_reservations_are_reported(rules, party, instrument):
    act_record(
        actor=None,
        party=party("ARM"),
        instrument=instrument("STP-1868"),
        kind="accession",
        date=D(2000, 1, 1),
        reservations="Only towards parties.",
        status_confirmed=True,
        date_confirmed=True,
    )
    xplode = next(
        o for o in engine.obligations(party("ARM"), D(2025, 1, 1)) if o.rule.code == "T-XPLODE"
    )
    assert any("Only towards parties." in c for c in xplode.conditions)


def test_conflict_type_and_the_ccw_scope_amendment(db, party, instrument):
    """A CCW protocol applying in international conflicts only reaches a non-international
    conflict for a party bound by the Art. 1 amendment."""
    rule_save(
        actor=None,
        code="T-PIV-ONLY",
        kind="specific_prohibition",
        title_en="x",
        customary=False,
        bases=[("CCW-PIV", "Art. 1")],
        trigger="laser_function = permanent_blinding",
    )
    amendment = instrument("CCW-ART1-AMEND")
    if "non_international" not in amendment.conflicts:
        amendment.conflicts = ["non_international"]
        amendment.save()
    piv = instrument("CCW-PIV")
    piv.conflicts = ["international"]
    piv.save()
    today = D(2025, 1, 1)
    rus = party("RUS")  # bound by CCW-PIV and the Art. 1 amendment (shipped data)
    assert "T-PIV-ONLY" in _codes(engine.obligations(rus, today, "non_international"))
    ParticipationAct.objects.filter(party=rus, instrument=amendment).delete()
    assert "T-PIV-ONLY" in _codes(engine.obligations(rus, today, "international"))
    assert "T-PIV-ONLY" not in _codes(engine.obligations(rus, today, "non_international"))


MINE = {
    "weapon_type": "anti_personnel_mine",
    "delivery": "remotely_delivered",
    "intended_targets": "personnel",
}


def test_screening_side_by_side_with_assistance_flag(rules, party):
    parties = [party("TJK"), party("RUS")]
    result = engine.screen(MINE, parties, D(2025, 1, 1), "international")
    by_code = {s.party.code: s for s in result.parties}
    tjk_rules = {s.rule.code: s for s in by_code["TJK"].engaged}
    rus_rules = {s.rule.code: s for s in by_code["RUS"].engaged}
    assert tjk_rules["T-MINE-BAN"].outcome == Outcome.PROHIBITED
    assert "T-MINE-BAN" not in rus_rules
    assert rus_rules["T-MINE-RD"].outcome == Outcome.RESTRICTED
    assert by_code["TJK"].worst == Outcome.PROHIBITED
    assert "weapon_type = anti_personnel_mine" in tjk_rules["T-MINE-BAN"].evaluation.held
    assert [o.rule.code for o in by_code["RUS"].general if o.rule.code.startswith("T-")] == [
        "T-GENERAL"
    ]
    assert any("TJK" in f and "APMBC" in f and "RUS" in f for f in result.cross_party_flags)


def test_no_assistance_flag_when_every_party_is_bound(rules, party):
    result = engine.screen(MINE, [party("TJK")], D(2025, 1, 1))
    assert result.cross_party_flags == []


def test_missing_answers_make_a_rule_pending(rules, party):
    result = engine.screen({"delivery": "remotely_delivered"}, [party("TJK")], D(2025, 1, 1))
    pending = {s.rule.code: s for s in result.parties[0].pending}
    assert pending["T-MINE-RD"].outcome == Outcome.INFORMATION_NEEDED
    assert pending["T-MINE-RD"].evaluation.missing == ["weapon_type"]


def test_customary_only_note(rules, party):
    result = engine.screen(
        {"laser_function": "permanent_blinding"}, [party("ARM"), party("RUS")], D(2025, 1, 1)
    )
    notes = {s.party.code: s.flags for s in result.parties}
    piv = Instrument.objects.get(code="CCW-PIV")
    for code in ("ARM", "RUS"):
        bound = engine.statuses([party(code)], D(2025, 1, 1), [piv])[(party(code).pk, piv.pk)].bound
        assert any("T-LASER" in note and "customary" in note for note in notes[code]) == (not bound)


def test_a_participation_change_writes_its_outbox_row_in_the_same_transaction(
    db, party, instrument, django_capture_on_commit_callbacks
):
    """The event is a row of the change's own transaction: present before the commit,
    gone with a rollback (the handlers run later, from the worker)."""
    from django.db import transaction

    from accord.core.models import OutboxMessage

    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        act = act_record(
            actor=None,
            party=party("KGZ"),
            instrument=instrument("CCM"),
            kind="accession",
            date=D(2026, 1, 1),
        )
        (row,) = OutboxMessage.objects.all()
        assert row.topic == "law.participation_changed"
        assert row.payload == {
            "party_code": "KGZ",
            "instrument_code": "CCM",
            "act_id": act.pk,
            "change": "recorded",
        }
        assert row.handler == "accord.expertise.services.rereview_on_participation_change"
        assert row.state == OutboxMessage.State.PENDING
    assert len(callbacks) == 1  # queued once the change commits

    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        act_record(
            actor=None,
            party=party("KGZ"),
            instrument=instrument("ATT"),
            kind="accession",
            date=D(2026, 1, 1),
        )
        raise Rollback
    assert OutboxMessage.objects.count() == 1


def test_a_stored_trigger_the_vocabulary_no_longer_reads_is_pending_and_flagged(rules, party):
    """Issue 12, point 4: screening did not catch ConditionError for such a trigger."""
    Rule.objects.filter(code="T-LASER").update(trigger="laser_colour = green")
    result = engine.screen({"weapon_type": "laser"}, [party("TJK")], D(2025, 1, 1))
    pending = {s.rule.code: s for s in result.parties[0].pending}
    assert pending["T-LASER"].outcome == Outcome.INFORMATION_NEEDED
    assert any(
        "T-LASER" in str(flag) and "cannot be read" in str(flag) for flag in result.parties[0].flags
    )


def test_the_migration_corrects_a_database_loaded_with_the_old_reference(party, instrument):
    """law/0003 on a database whose 0002 loaded the old rows: the 1989 declaration added,
    the withdrawal dated to its day; run twice, nothing more changes."""
    import importlib

    from django.apps import apps

    from accord.law.models import ParticipationAct

    migration = importlib.import_module("accord.law.migrations.0003_ussr_article_90_declaration")
    rus, decl = party("RUS"), instrument("AP-I-ART90-DECL")
    acts = ParticipationAct.objects.filter(party=rus, instrument=decl)
    acts.filter(kind="declaration").delete()
    acts.filter(kind="declaration_withdrawal").update(date=D(2019, 1, 1), date_precision="year")
    assert status(rus, decl, D(2018, 6, 1)).status == Status.NOT_PARTY  # the reported fault
    for _ in range(2):
        migration.forward(apps, None)
    assert sorted(acts.values_list("kind", "date")) == [
        ("declaration", D(1989, 9, 29)),
        ("declaration_withdrawal", D(2019, 10, 23)),
    ]
    assert status(rus, decl, D(2018, 6, 1)).status == Status.DECLARATION_IN_FORCE
