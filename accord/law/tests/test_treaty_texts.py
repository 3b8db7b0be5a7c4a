"""Scenarios written from the treaty texts (issue 12, "Tests that must exist"), not from the
engine's output: for each treaty of the catalogue, a description it prohibits, one it
restricts or attaches obligations to, one it permits under an exception its own text makes,
and one it does not reach, for a party bound and a party not bound, asserting the outcome
and the provision cited.

Where a treaty's text has no such case, the table says so instead of inventing one:
the 1868 St Petersburg Declaration, the 1899 Hague Declarations, the 1925 Geneva Protocol,
CCW Protocols I and V and the Arms Trade Treaty make no exception the catalogue could
model; St Petersburg, the Hague and Geneva texts, Protocol I, the BWC, ENMOD, the CWC's
Art. I(1), APMBC, CCM and TPNW only prohibit. (The review duty of AP I Art. 36 is a
general rule, tested in test_scenarios.)

Participation on 1 June 2026 from the shipped reference data: a "party" column names one
bound, a "not" column one that is not. Where no shipped party is bound (CCM) or none is
outside (BWC, CWC), a test party with or without an act stands in.
"""

import datetime as dt

import pytest

from accord.core.models import Party
from accord.law import engine
from accord.law.engine import Outcome
from accord.law.models import Instrument, ParticipationAct

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def screen(db, party):
    Party.objects.create(
        code="XNB", name_en="Bound by nothing", name_ru="Ничем не связана", kind="state"
    )
    bound = Party.objects.create(
        code="XCM", name_en="Party to the CCM", name_ru="Участник КПБ", kind="state"
    )
    ParticipationAct.objects.create(
        party=bound,
        instrument=Instrument.objects.get(code="CCM"),
        kind=ParticipationAct.Kind.RATIFICATION,
        date=dt.date(2015, 1, 1),
        status_confirmed=True,
        date_confirmed=True,
    )

    def run(description, code, conflict="international"):
        (result,) = engine.screen(description, [party(code)], TODAY, conflict).parties
        return result

    return run


def considered(result):
    return {o.rule.code for o in result.considered}


def provisions(item, instrument):
    return {
        b.provision
        for b in item.obligation.bases
        if b.instrument and b.instrument.code == instrument
    }


def assert_engaged(result, rule, outcome, instrument, provision):
    engaged = {s.rule.code: s for s in result.engaged}
    assert rule in engaged, (rule, sorted(engaged))
    assert engaged[rule].outcome == outcome
    assert provision in provisions(engaged[rule], instrument)


def assert_excepted(result, rule, exception, provision):
    applied = {e.exception.code: e for e in result.exceptions}
    assert exception in applied, (exception, sorted(applied))
    assert applied[exception].provision == provision
    assert rule not in {s.rule.code for s in result.engaged + result.pending}
    lifted = {n.rule.code: n for n in result.not_engaged}
    assert lifted[rule].exception is not None


def assert_not_reached(result, rule, failed):
    lifted = {n.rule.code: n for n in result.not_engaged}
    assert rule in lifted, (rule, sorted(considered(result)))
    assert lifted[rule].exception is None
    assert failed in lifted[rule].failed, lifted[rule].failed


def assert_not_bound(result, rule, exception=None):
    assert rule not in considered(result)
    if exception:
        assert exception not in {e.exception.code for e in result.exceptions}


P = Outcome.PROHIBITED
R = Outcome.RESTRICTED
OBL = Outcome.OBLIGATIONS
HOSTILE = {"intended_use": "hostilities"}

# instrument, bound party, party not bound, description, rule, outcome, provision cited
ENGAGED = [
    (
        "STP-1868",
        "RUS",
        "ARM",
        {"explosive_projectile_under_400g": True, **HOSTILE},
        "STP-1868-1",
        P,
        "Operative part",
    ),
    (
        "HAGUE-1899-IV2",
        "IRN",
        "ARM",
        {
            "weapon_type": "chemical_weapon",
            "delivery": "projectile",
            "primary_injury_mechanism": "toxic_chemical",
        },
        "HAGUE-1899-IV2-1",
        P,
        "Declaration",
    ),
    (
        "HAGUE-1899-IV3",
        "RUS",
        "ARM",
        {"injury_mechanism": ["expanding_bullet"], **HOSTILE},
        "HAGUE-1899-IV3-1",
        P,
        "Declaration",
    ),
    (
        "GENEVA-GAS-1925",
        "KGZ",
        "KAZ",
        {"toxic_chemical": "other_toxic"},
        "GENEVA-GAS-1925-1",
        P,
        "Protocol",
    ),
    (
        "GENEVA-GAS-1925",
        "KGZ",
        "KAZ",
        {"biological_agent": True},
        "GENEVA-GAS-1925-2",
        P,
        "Protocol",
    ),
    (
        "AP-I",
        "RUS",
        "IRN",
        {"environmental_effects": ["widespread", "long_term", "severe"]},
        "AP-I-35-3",
        P,
        "Art. 35(3)",
    ),
    (
        "BWC",
        "RUS",
        "XNB",
        {"biological_agent": True, "purpose": "means_of_warfare"},
        "BWC-1",
        P,
        "Art. I",
    ),
    (
        "ENMOD",
        "RUS",
        "IRN",
        {
            "environmental_modification": True,
            "environmental_effects": ["widespread"],
            "purpose": "means_of_warfare",
        },
        "ENMOD-1",
        P,
        "Art. I(1)",
    ),
    (
        "CCW-PI",
        "RUS",
        "ARM",
        {"injury_mechanism": ["fragmentation"], "fragments_detectable_by_xray": False},
        "CCW-PI-1",
        P,
        "Sole article",
    ),
    (
        "CCW-PII",
        "RUS",
        "KAZ",
        {"weapon_type": "booby_trap", "apparently_harmless_object": True},
        "CCW-PII-6",
        P,
        "Art. 6",
    ),
    ("CCW-PII", "RUS", "KAZ", {"weapon_type": "anti_vehicle_mine"}, "CCW-PII-3", R, "Art. 3"),
    (
        "CCW-PII",
        "RUS",
        "KAZ",
        {
            "weapon_type": "anti_vehicle_mine",
            "delivery": "hand_emplaced",
            "environment": ["populated_area"],
        },
        "CCW-PII-4",
        R,
        "Art. 4(2)",
    ),
    (
        "CCW-APII",
        "RUS",
        "KAZ",
        {
            "weapon_type": "anti_personnel_mine",
            "delivery": "remotely_delivered",
            "self_destruction": False,
            "self_deactivation": False,
        },
        "CCW-APII-6",
        P,
        "Art. 6(2)",
    ),
    (
        "CCW-APII",
        "RUS",
        "KAZ",
        {
            "weapon_type": "anti_personnel_mine",
            "delivery": "hand_emplaced",
            "self_destruction": False,
            "self_deactivation": True,
            "marked_monitored_area": False,
        },
        "CCW-APII-5-2",
        P,
        "Art. 5(2)",
    ),
    (
        "CCW-APII",
        "RUS",
        "KAZ",
        {"weapon_type": "anti_vehicle_mine", "delivery": "remotely_delivered"},
        "CCW-APII-6-3",
        R,
        "Art. 6(3)",
    ),
    (
        "CCW-PIII",
        "KAZ",
        "ARM",
        {"weapon_type": "incendiary_weapon"},
        "CCW-PIII-2-1",
        R,
        "Art. 2(1)",
    ),
    (
        "CCW-PIII",
        "KAZ",
        "ARM",
        {
            "incendiary_effect": "primary",
            "delivery": "air_delivered",
            "environment": ["populated_area", "land"],
        },
        "CCW-PIII-2-2P",
        P,
        "Art. 2(2)",
    ),
    ("CCW-PIV", "KAZ", "ARM", {"laser_function": "permanent_blinding"}, "CCW-PIV-1", P, "Art. 1"),
    ("CCW-PIV", "KAZ", "ARM", {"laser_function": "dazzling"}, "CCW-PIV-2", OBL, "Art. 2"),
    (
        "CCW-PV",
        "RUS",
        "KAZ",
        {"injury_mechanism": ["blast"], "weapon_type": "explosive_projectile"},
        "CCW-PV-3",
        OBL,
        "Art. 3",
    ),
    ("CWC", "RUS", "XNB", {"weapon_type": "chemical_weapon"}, "CWC-1", P, "Art. I(1)"),
    (
        "CWC",
        "RUS",
        "XNB",
        {"toxic_chemical": "riot_control_agent", **HOSTILE},
        "CWC-1-5",
        P,
        "Art. I(5)",
    ),
    (
        "CWC",
        "RUS",
        "XNB",
        {"toxic_chemical": "riot_control_agent", "intended_use": "law_enforcement"},
        "CWC-3",
        OBL,
        "Art. III(1)(e)",
    ),
    (
        "APMBC",
        "BLR",
        "RUS",
        {
            "weapon_type": "anti_personnel_mine",
            "victim_activated": True,
            "purpose": "means_of_warfare",
        },
        "APMBC-1",
        P,
        "Art. 1",
    ),
    (
        "CCM",
        "XCM",
        "RUS",
        {"weapon_type": "cluster_munition", "purpose": "means_of_warfare"},
        "CCM-1",
        P,
        "Art. 1",
    ),
    ("ATT", "KAZ", "RUS", {"international_transfer": True}, "ATT-6", R, "Art. 6"),
    ("ATT", "KAZ", "RUS", {"international_transfer": True}, "ATT-7", OBL, "Art. 7"),
    ("TPNW", "KAZ", "RUS", {"nuclear_explosive": True}, "TPNW-1", P, "Art. 1"),
]


@pytest.mark.parametrize(
    ("instrument", "bound", "other", "description", "rule", "outcome", "provision"),
    ENGAGED,
    ids=[f"{row[4]}-{row[5]}" for row in ENGAGED],
)
def test_what_the_text_prohibits_or_restricts(
    screen, instrument, bound, other, description, rule, outcome, provision
):
    assert_engaged(screen(description, bound), rule, outcome, instrument, provision)
    assert_not_bound(screen(description, other), rule)


# instrument, bound, not bound, description, rule lifted, exception, provision cited
EXCEPTED = [
    (
        "HAGUE-1899-IV2",
        "IRN",
        "ARM",
        {
            "weapon_type": "chemical_weapon",
            "delivery": "projectile",
            "primary_injury_mechanism": "fragmentation",
        },
        "HAGUE-1899-IV2-1",
        "HAGUE-1899-IV2-1-X-SOLE",
        "HAGUE-1899-IV2 Declaration",
    ),
    # Issue 12, point 4: toxins are not "asphyxiating or deleterious gases".
    (
        "HAGUE-1899-IV2",
        "IRN",
        "ARM",
        {
            "weapon_type": "biological_weapon",
            "biological_agent": True,
            "toxic_chemical": "other_toxic",
            "delivery": "projectile",
        },
        "HAGUE-1899-IV2-1",
        "HAGUE-1899-IV2-1-X-TOXIN",
        "HAGUE-1899-IV2 Declaration",
    ),
    (
        "BWC",
        "RUS",
        "XNB",
        {"biological_agent": True, "purpose": "protective"},
        "BWC-1",
        "BWC-1-X-PURPOSES",
        "BWC Art. I(1)",
    ),
    (
        "ENMOD",
        "RUS",
        "IRN",
        {
            "environmental_modification": True,
            "environmental_effects": ["widespread"],
            "purpose": "peaceful",
        },
        "ENMOD-1",
        "ENMOD-1-X-PEACEFUL",
        "ENMOD Art. III(1)",
    ),
    (
        "CCW-APII",
        "RUS",
        "KAZ",
        {
            "weapon_type": "anti_personnel_mine",
            "delivery": "remotely_delivered",
            "self_destruction": True,
            "self_deactivation": True,
        },
        "CCW-APII-6",
        "CCW-APII-6-X-SD",
        "CCW-APII Art. 6(2); Technical Annex para. 3(a)-(b)",
    ),
    (
        "CCW-APII",
        "RUS",
        "KAZ",
        {
            "weapon_type": "anti_personnel_mine",
            "delivery": "hand_emplaced",
            "self_destruction": False,
            "self_deactivation": False,
            "marked_monitored_area": True,
        },
        "CCW-APII-5-2",
        "CCW-APII-5-2-X-FENCED",
        "CCW-APII Art. 5(2)(a)",
    ),
    (
        "CCW-APII",
        "RUS",
        "KAZ",
        {"weapon_type": "anti_personnel_mine", "detectable_by_common_equipment": True},
        "CCW-APII-4",
        "CCW-APII-4-X-DETECT",
        "CCW-APII Art. 4; Technical Annex para. 2(a)",
    ),
    (
        "CCW-PIII",
        "KAZ",
        "ARM",
        {"incendiary_effect": "incidental"},
        "CCW-PIII-2-1",
        "CCW-PIII-2-1-X-INCIDENTAL",
        "CCW-PIII Art. 1(1)(b)(i)",
    ),
    (
        "CCW-PIII",
        "KAZ",
        "ARM",
        {
            "incendiary_effect": "primary",
            "injury_mechanism": ["penetration", "incendiary"],
            "primary_injury_mechanism": "penetration",
            "intended_targets": "materiel",
        },
        "CCW-PIII-2-1",
        "CCW-PIII-2-1-X-COMBINED",
        "CCW-PIII Art. 1(1)(b)(ii)",
    ),
    (
        "CCW-PIV",
        "KAZ",
        "ARM",
        {"laser_function": "rangefinding_designation"},
        "CCW-PIV-1",
        "CCW-PIV-1-X-INCIDENTAL",
        "CCW-PIV Art. 3",
    ),
    (
        "CWC",
        "RUS",
        "XNB",
        {"toxic_chemical": "riot_control_agent", "intended_use": "law_enforcement"},
        "CWC-1-5",
        "CWC-1-5-X-LAW",
        "CWC Art. II(9)(d)",
    ),
    (
        "CWC",
        "RUS",
        "XNB",
        {"toxic_chemical": "other_toxic", "purpose": "protective"},
        "CWC-1",
        "CWC-1-X-PURPOSES",
        "CWC Art. II(1)(a); Art. II(9)(a)-(c)",
    ),
    (
        "APMBC",
        "BLR",
        "RUS",
        {"weapon_type": "anti_personnel_mine", "purpose": "training"},
        "APMBC-1",
        "APMBC-1-X-TRAINING",
        "APMBC Art. 3(1)",
    ),
    (
        "APMBC",
        "BLR",
        "RUS",
        {"weapon_type": "anti_personnel_mine", "victim_activated": False},
        "APMBC-1",
        "APMBC-1-X-COMMAND",
        "APMBC Art. 2(1)",
    ),
    (
        "CCM",
        "XCM",
        "RUS",
        {"weapon_type": "cluster_munition", "submunition_criteria_met": True},
        "CCM-1",
        "CCM-1-X-CRITERIA",
        "CCM Art. 2(2)(c)",
    ),
    (
        "CCM",
        "XCM",
        "RUS",
        {"weapon_type": "cluster_munition", "roles": ["air_defence"]},
        "CCM-1",
        "CCM-1-X-FLARES",
        "CCM Art. 2(2)(a)",
    ),
    (
        "CCM",
        "XCM",
        "RUS",
        {"weapon_type": "cluster_munition", "purpose": "training"},
        "CCM-1",
        "CCM-1-X-TRAINING",
        "CCM Art. 3(6)",
    ),
    (
        "TPNW",
        "KAZ",
        "RUS",
        {"roles": ["dual_capable"], "nuclear_explosive": False, "weapon_type": "uncrewed_system"},
        "TPNW-1",
        "TPNW-1-X-DUAL",
        "TPNW Art. 1(1)(a)",
    ),
]


@pytest.mark.parametrize(
    ("instrument", "bound", "other", "description", "rule", "exception", "provision"),
    EXCEPTED,
    ids=[row[5] for row in EXCEPTED],
)
def test_what_the_text_permits_under_an_exception(
    screen, instrument, bound, other, description, rule, exception, provision
):
    assert_excepted(screen(description, bound), rule, exception, provision)
    assert_not_bound(screen(description, other), rule, exception)


# instrument, bound, description, rule, the test that failed
NOT_REACHED = [
    (
        "STP-1868",
        "RUS",
        {"explosive_projectile_under_400g": False, **HOSTILE},
        "STP-1868-1",
        "explosive_projectile_under_400g = true",
    ),
    (
        "HAGUE-1899-IV2",
        "IRN",
        {"weapon_type": "chemical_weapon", "delivery": "hand_emplaced"},
        "HAGUE-1899-IV2-1",
        "delivery in (projectile, remotely_delivered, air_delivered)",
    ),
    (
        "HAGUE-1899-IV3",
        "RUS",
        {"injury_mechanism": ["expanding_bullet"], "intended_use": "law_enforcement"},
        "HAGUE-1899-IV3-1",
        "intended_use in (hostilities, both)",
    ),
    (
        "GENEVA-GAS-1925",
        "KGZ",
        {
            "biological_agent": False,
            "weapon_type": "firearm_ammunition",
            "injury_mechanism": ["penetration"],
        },
        "GENEVA-GAS-1925-2",
        "biological_agent = true",
    ),
    (
        "AP-I",
        "RUS",
        {"environmental_effects": ["widespread"]},
        "AP-I-35-3",
        "environmental_effects has long_term",
    ),
    (
        "BWC",
        "RUS",
        {"biological_agent": False, "weapon_type": "laser_weapon", "injury_mechanism": ["laser"]},
        "BWC-1",
        "biological_agent = true",
    ),
    (
        "ENMOD",
        "RUS",
        {"environmental_modification": False},
        "ENMOD-1",
        "environmental_modification = true",
    ),
    (
        "CCW-PI",
        "RUS",
        {"injury_mechanism": ["fragmentation"], "fragments_detectable_by_xray": True},
        "CCW-PI-1",
        "fragments_detectable_by_xray = false",
    ),
    (
        "CCW-PII",
        "RUS",
        {"weapon_type": "laser_weapon"},
        "CCW-PII-3",
        "weapon_type in (anti_personnel_mine, anti_vehicle_mine, booby_trap, other_device)",
    ),
    (
        "CCW-APII",
        "RUS",
        {"weapon_type": "anti_vehicle_mine"},
        "CCW-APII-4",
        "weapon_type = anti_personnel_mine",
    ),
    (
        "CCW-PIII",
        "KAZ",
        {"incendiary_effect": "none", "weapon_type": "firearm_ammunition"},
        "CCW-PIII-2-1",
        "incendiary_effect = primary",
    ),
    (
        "CCW-PIV",
        "KAZ",
        {"laser_function": "none"},
        "CCW-PIV-1",
        "laser_function = permanent_blinding",
    ),
    (
        "CCW-PV",
        "RUS",
        {"injury_mechanism": ["blast"], "weapon_type": "anti_personnel_mine"},
        "CCW-PV-3",
        "not weapon_type in (anti_personnel_mine, anti_vehicle_mine, booby_trap, other_device)",
    ),
    (
        "CWC",
        "RUS",
        {
            "weapon_type": "firearm_ammunition",
            "toxic_chemical": "none",
            "injury_mechanism": ["penetration"],
        },
        "CWC-1",
        "toxic_chemical = other_toxic",
    ),
    (
        "APMBC",
        "BLR",
        {"weapon_type": "anti_vehicle_mine"},
        "APMBC-1",
        "weapon_type = anti_personnel_mine",
    ),
    (
        "CCM",
        "XCM",
        {"weapon_type": "explosive_projectile"},
        "CCM-1",
        "weapon_type = cluster_munition",
    ),
    ("ATT", "KAZ", {"international_transfer": False}, "ATT-6", "international_transfer = true"),
    (
        "TPNW",
        "KAZ",
        {"nuclear_explosive": False, "weapon_type": "explosive_projectile"},
        "TPNW-1",
        "nuclear_explosive = true",
    ),
]


@pytest.mark.parametrize(
    ("instrument", "bound", "description", "rule", "failed"),
    NOT_REACHED,
    ids=[f"{row[3]}-not-reached" for row in NOT_REACHED],
)
def test_what_the_text_does_not_reach(screen, instrument, bound, description, rule, failed):
    assert_not_reached(screen(description, bound), rule, failed)


def test_every_treaty_of_the_catalogue_has_its_scenarios():
    """A treaty added to the catalogue without scenarios fails here."""
    weapons_treaties = {
        "STP-1868",
        "HAGUE-1899-IV2",
        "HAGUE-1899-IV3",
        "GENEVA-GAS-1925",
        "AP-I",
        "BWC",
        "ENMOD",
        "CCW-PI",
        "CCW-PII",
        "CCW-APII",
        "CCW-PIII",
        "CCW-PIV",
        "CCW-PV",
        "CWC",
        "APMBC",
        "CCM",
        "ATT",
        "TPNW",
    }
    assert {row[0] for row in ENGAGED} == weapons_treaties
    assert {row[0] for row in NOT_REACHED} == weapons_treaties
    # The treaties whose text makes an exception the catalogue models.
    assert {row[0] for row in EXCEPTED} == weapons_treaties - {
        "STP-1868",
        "HAGUE-1899-IV3",
        "GENEVA-GAS-1925",
        "AP-I",
        "CCW-PI",
        "CCW-PII",
        "CCW-PV",
        "ATT",
    }


def test_a_customary_exception_binds_a_party_outside_the_protocol(screen):
    """Armenia is not party to CCW Protocol III; custom (rule 84) binds it, and the same
    carve-out of illuminants, tracers and smoke is cited under custom, not the Protocol."""
    result = screen({"incendiary_effect": "incidental"}, "ARM")
    cited = {e.exception.code: e.provision for e in result.exceptions}
    assert cited == {
        "CIHL-84-X-INCIDENTAL": "ICRC CIHL Rule 84; CCW-PIII Art. 1(1)(b)(i)",
        "CIHL-85-X-INCIDENTAL": "ICRC CIHL Rule 85; CCW-PIII Art. 1(1)(b)(i)",
    }
    # Kazakhstan, party to Protocol III, has the Protocol's own carve-out on each of its
    # rules besides the customary one.
    kaz = {e.exception.code for e in screen({"incendiary_effect": "incidental"}, "KAZ").exceptions}
    assert {"CCW-PIII-2-1-X-INCIDENTAL", "CCW-PIII-2-4-X-INCIDENTAL", "CIHL-84-X-INCIDENTAL"} <= kaz
    # Other rules still wait for answers, so the summary is not yet "permitted".
    assert result.summary == Outcome.INFORMATION_NEEDED


def test_an_unanswered_exception_keeps_the_prohibition_and_says_what_to_answer(screen):
    """A fenced area lifts Art. 5(2); not answered, the prohibition is pending."""
    result = screen(
        {
            "weapon_type": "anti_personnel_mine",
            "delivery": "hand_emplaced",
            "self_destruction": False,
        },
        "RUS",
    )
    pending = {s.rule.code: s for s in result.pending}
    assert "marked_monitored_area" in pending["CCW-APII-5-2"].evaluation.missing
    possible = {e.exception.code: e for e in result.possible_exceptions}
    assert possible["CCW-APII-5-2-X-FENCED"].evaluation.missing == ["marked_monitored_area"]


def test_environment_unanswered_is_information_needed(screen):
    """Protocol III Art. 2(2) turns on a concentration of civilians: not answered, it is
    asked for rather than assumed either way."""
    result = screen({"incendiary_effect": "primary", "delivery": "air_delivered"}, "KAZ")
    pending = {s.rule.code: s for s in result.pending}
    assert "environment" in pending["CCW-PIII-2-2P"].evaluation.missing
    away = screen(
        {"incendiary_effect": "primary", "delivery": "air_delivered", "environment": ["land"]},
        "KAZ",
    )
    assert_not_reached(away, "CCW-PIII-2-2P", "environment has populated_area")


def test_autonomy_and_cyber_effects_are_read(screen):
    """Point 3: autonomous functions attach the precautions of rules 15–21; effects that
    spread beyond control engage rules 12 and 71."""
    autonomous = screen({"autonomy": "autonomous"}, "ARM")
    assert {s.rule.code: s.outcome for s in autonomous.engaged}["CIHL-15-21"] == OBL
    loop = screen({"autonomy": "human_in_the_loop"}, "ARM")
    assert_not_reached(loop, "CIHL-15-21", "autonomy in (human_on_the_loop, autonomous)")
    cyber = screen(
        {
            "cyber_effects_beyond_target": "likely",
            "can_be_directed": True,
            "effects_can_be_limited": True,
        },
        "RUS",
    )
    engaged = {s.rule.code: s for s in cyber.engaged}
    assert engaged["CIHL-71"].outcome == P and engaged["CIHL-12"].outcome == P
    assert "Art. 51(4)(b)" in provisions(engaged["AP-I-51-4"], "AP-I")


def test_the_answer_names_what_was_considered_and_the_facts_to_verify(screen):
    """Point 6: considered = engaged + pending + not engaged + general, each once."""
    result = screen({"laser_function": "permanent_blinding"}, "KAZ")
    codes = [o.rule.code for o in result.considered]
    assert len(codes) == len(set(codes))
    assert set(codes) == (
        {s.rule.code for s in result.engaged + result.pending}
        | {n.rule.code for n in result.not_engaged}
        | {o.rule.code for o in result.general}
    )
    assert result.summary == Outcome.PROHIBITED
    # Both CCW Protocol IV and custom (rule 86) prohibit it: the first by code, and a count.
    assert result.basis_phrase.startswith("CCW-PIV-1 (CCW-PIV Art. 1) and ")
    assert all(act.to_verify for act in result.facts_to_verify)


def test_the_1980_and_amended_mine_protocols_say_which_governs_towards_whom(db, party):
    """Issue 12, point 4: RUS, BLR and TJK are bound by both; the amended protocol governs
    between them; no party screened is bound by the 1980 protocol alone."""
    mine = {"weapon_type": "anti_vehicle_mine", "delivery": "remotely_delivered"}
    result = engine.screen(mine, [party(c) for c in ("RUS", "BLR", "KAZ")], TODAY, "international")
    by = {s.party.code: s for s in result.parties}
    (flag,) = [f for f in by["RUS"].flags if "Amended Protocol II" in f]
    assert "governs in relations with BLR;" in flag
    assert "only towards no other party screened" in flag
    assert not [f for f in by["KAZ"].flags if "Amended Protocol II" in f]  # bound by neither
