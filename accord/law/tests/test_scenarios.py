"""Scenarios from the public law, screened against the shipped catalogue and the shipped
participation data: several weapons, several parties, the expected outcome and basis per
party. (The participation facts are the reference data's; some are still "to verify".)"""

import datetime as dt

import pytest

from accord.law import engine
from accord.law.engine import Outcome

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def screen(db, party):
    def run(description, codes, conflict="international", on=TODAY):
        result = engine.screen(description, [party(c) for c in codes], on, conflict)
        return result, {s.party.code: s for s in result.parties}

    return run


def engaged(screening):
    return {s.rule.code: s for s in screening.engaged}


def treaty_instruments(item):
    return {b.instrument.code for b in item.obligation.bases if not b.customary}


def test_remotely_delivered_anti_personnel_mine_without_self_destruction(screen):
    """Belarus is bound by the Ottawa Convention; Russia by Amended Protocol II only;
    Armenia by neither, so custom alone governs it."""
    mine = {
        "weapon_type": "anti_personnel_mine",
        "delivery": "remotely_delivered",
        "self_destruction": False,
        "self_deactivation": False,
        "intended_targets": "personnel",
        "intended_use": "hostilities",
    }
    result, by = screen(mine, ["BLR", "RUS", "ARM"])

    blr = engaged(by["BLR"])
    assert blr["APMBC-1"].outcome == Outcome.PROHIBITED
    assert treaty_instruments(blr["APMBC-1"]) == {"APMBC"}
    assert blr["CCW-APII-6"].outcome == Outcome.PROHIBITED

    rus = engaged(by["RUS"])
    assert "APMBC-1" not in rus
    assert rus["CCW-APII-6"].outcome == Outcome.PROHIBITED
    assert by["RUS"].worst == Outcome.PROHIBITED

    arm = engaged(by["ARM"])
    assert "APMBC-1" not in arm and "CCW-APII-6" not in arm
    assert {"CIHL-81", "CIHL-82", "CIHL-83"} <= set(arm)
    assert all(not treaty_instruments(arm[c]) for c in ("CIHL-81", "CIHL-82", "CIHL-83"))
    assert any("only customary law" in flag for flag in by["ARM"].flags)

    # Belarus may not assist the others' use in a joint unit.
    assert any(
        flag.startswith("BLR") and "APMBC" in flag and "ARM" in flag
        for flag in result.cross_party_flags
    )


def test_blinding_laser(screen):
    """Kazakhstan is party to CCW Protocol IV; Armenia is not a CCW party: custom binds it."""
    _result, by = screen({"laser_function": "permanent_blinding"}, ["KAZ", "ARM"])
    kaz, arm = engaged(by["KAZ"]), engaged(by["ARM"])
    assert kaz["CCW-PIV-1"].outcome == Outcome.PROHIBITED
    assert "CCW-PIV" in treaty_instruments(kaz["CIHL-86"])
    assert "CCW-PIV-1" not in arm
    assert arm["CIHL-86"].outcome == Outcome.PROHIBITED
    assert arm["CIHL-86"].obligation.customary_only


def test_blinding_laser_in_a_non_international_conflict(screen):
    """The 2001 amendment extends CCW Protocol IV to non-international conflicts for the
    states that accepted it (Kazakhstan, in the reference data); Armenia stays under custom."""
    _result, by = screen(
        {"laser_function": "permanent_blinding"}, ["KAZ", "ARM"], conflict="non_international"
    )
    assert "CCW-PIV-1" in engaged(by["KAZ"])
    assert "CCW-PIV-1" not in engaged(by["ARM"])
    assert "CIHL-86" in engaged(by["ARM"])


def test_nuclear_weapon_and_the_assistance_ban(screen):
    """Kazakhstan is party to the nuclear weapons ban (2019); Russia is not."""
    result, by = screen(
        {"nuclear_explosive": True, "weapon_type": "nuclear_weapon"}, ["KAZ", "RUS"]
    )
    assert engaged(by["KAZ"])["TPNW-1"].outcome == Outcome.PROHIBITED
    assert "TPNW-1" not in engaged(by["RUS"])
    assert any(
        flag.startswith("KAZ") and "TPNW" in flag and "RUS" in flag
        for flag in result.cross_party_flags
    )


def test_nuclear_weapon_before_kazakhstan_joined_the_ban(screen):
    _result, by = screen({"nuclear_explosive": True}, ["KAZ"], on=dt.date(2018, 1, 1))
    assert "TPNW-1" not in engaged(by["KAZ"])


@pytest.mark.parametrize(("use", "prohibited"), [("law_enforcement", False), ("hostilities", True)])
def test_riot_control_agent(screen, use, prohibited):
    """Riot-control agents are lawful in law enforcement, not as a method of warfare."""
    _result, by = screen(
        {"toxic_chemical": "riot_control_agent", "intended_use": use}, ["RUS", "ARM"]
    )
    for code in ("RUS", "ARM"):
        rules = engaged(by[code])
        assert ("CWC-1-5" in rules) is prohibited
        assert ("CIHL-75" in rules) is prohibited
        assert "CWC-1" not in rules


def test_expanding_bullets_reciprocity(screen):
    """Russia and Iran are parties to the 1899 Hague Declaration IV-3 (reciprocity clause);
    Kazakhstan is bound by custom only."""
    bullet = {"injury_mechanism": ["expanding_bullet"], "intended_use": "hostilities"}
    _result, by = screen(bullet, ["RUS", "IRN", "KAZ"])
    for code in ("RUS", "IRN"):
        item = engaged(by[code])["HAGUE-1899-IV3-1"]
        assert item.outcome == Outcome.PROHIBITED
        assert any("reciprocity" in c for c in item.obligation.conditions)
    assert "HAGUE-1899-IV3-1" not in engaged(by["KAZ"])
    assert engaged(by["KAZ"])["CIHL-77"].obligation.customary_only


def test_expanding_bullets_for_law_enforcement_engage_nothing_specific(screen):
    bullet = {
        "injury_mechanism": ["expanding_bullet"],
        "intended_use": "law_enforcement",
        "weapon_type": "firearm_ammunition",
        "international_transfer": False,
        "can_be_directed": True,
        "effects_can_be_limited": True,
    }
    _result, by = screen(bullet, ["RUS"])
    assert engaged(by["RUS"]) == {}


def test_international_transfer_under_the_arms_trade_treaty(screen):
    """Kazakhstan is party to the ATT; Russia is not (and the ATT is not custom)."""
    _result, by = screen({"international_transfer": True}, ["KAZ", "RUS"])
    kaz = engaged(by["KAZ"])
    assert {"ATT-6", "ATT-7", "ATT-12"} <= set(kaz)
    assert kaz["ATT-7"].outcome == Outcome.OBLIGATIONS
    assert not {"ATT-6", "ATT-7", "ATT-12"} & set(engaged(by["RUS"]))


def test_missing_information_is_asked_for(screen):
    """Without the delivery and self-destruction answers, the mine rules cannot be decided."""
    _result, by = screen({"weapon_type": "anti_personnel_mine"}, ["RUS"])
    pending = {s.rule.code: s for s in by["RUS"].pending}
    assert pending["CCW-APII-6"].outcome == Outcome.INFORMATION_NEEDED
    assert "delivery" in pending["CCW-APII-6"].evaluation.missing


def test_unconfirmed_facts_are_flagged(screen):
    """Kazakhstan's CCW Protocol IV participation is confirmed in the source; its Art. 1
    amendment participation is not, and a non-international screening relies on it."""
    _result, by = screen(
        {"laser_function": "permanent_blinding"}, ["KAZ"], conflict="non_international"
    )
    assert by["KAZ"].relies_on_unconfirmed


def test_the_review_duty_binds_in_any_conflict(db, party):
    """Art. 36 of AP I concerns developing and acquiring weapons, not their use."""
    codes = {o.rule.code for o in engine.obligations(party("RUS"), TODAY, "non_international")}
    assert "AP-I-36" in codes
