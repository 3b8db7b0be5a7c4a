"""The law API through HTTP: every endpoint's happy path, the write permission matrix
(a refused write changes nothing and records nothing), the bilateral register's
visibility matrix, CSV round trips, screening outcomes and pinned query counts.

Rules are created here through the service: the shipped catalogue may not be loaded yet.
Instruments and participation come from the reference-data migration (e.g. BLR and TJK
are parties to APMBC, RUS is recorded as not a party).
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import translation

from accord.core import services as core_services
from accord.core.models import AuditEvent, Classification, Party, Release
from accord.core.tests.queries import rows_of
from accord.core.tests.rule import rule_as_written
from accord.law import services
from accord.law.domain.vocabulary import BY_CODE
from accord.law.models import BilateralAgreement, ParticipationAct, Rule, RuleBasis


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"law-api:{name}", kwargs=kwargs)


def upload(text: str, name: str = "data.csv") -> dict[str, Any]:
    return {"file": SimpleUploadedFile(name, text.encode(), content_type="text/csv")}


@pytest.fixture
def rules(db):
    """Three rules: a treaty prohibition, a customary rule with a treaty basis too, and a
    general obligation without a trigger."""
    return {
        "TEST-APM": services.rule_save(
            actor=None,
            code="TEST-APM",
            bases=[("APMBC", "Art. 1")],
            kind="specific_prohibition",
            title_en="No anti-personnel mines",
            customary=False,
            trigger="weapon_type = anti_personnel_mine",
        ),
        "TEST-XRAY": services.rule_save(
            actor=None,
            code="TEST-XRAY",
            bases=[("CCW-PI", "")],
            kind="specific_prohibition",
            title_en="No fragments undetectable by X-ray",
            customary=True,
            conflicts=["international"],
            trigger="injury_mechanism has fragmentation and fragments_detectable_by_xray = false",
        ),
        "TEST-REVIEW": services.rule_save(
            actor=None,
            code="TEST-REVIEW",
            bases=[("AP-I", "Art. 36")],
            kind="obligation",
            title_en="Review new weapons",
            customary=False,
            trigger="",
        ),
    }


@pytest.fixture
def users(make_user):
    return {
        "rus": make_user("RUS", roles=["legal_adviser"]),
        "sec_officer": make_user("SEC", roles=["secretariat_officer"]),
        "sec_admin": make_user("SEC", roles=["administrator"]),
        "irn": make_user("IRN"),
    }


@pytest.fixture
def reader(make_user, api_client):
    """Any signed-in user: reference data is readable by all."""
    return api_client(make_user("KAZ"))


# --- Instruments and participation ---------------------------------------------------------


def test_instruments_list_and_detail(reader):
    listed = reader.get(url("instrument-list"), {"limit": 500})
    assert listed.status_code == 200
    codes = [row["code"] for row in listed.json()["results"]]
    assert {"APMBC", "CCW", "CCW-PI", "AP-I"} <= set(codes)

    ccw = reader.get(url("instrument-detail", code="CCW")).json()
    assert ccw["code"] == "CCW"
    assert ccw["parent"] is None
    assert {"CCW-PI", "CCW-PII", "CCW-APII", "CCW-ART1-AMEND"} <= set(ccw["children"])
    assert ccw["title_en"].startswith("Convention on Prohibitions")
    for key in ("title_ru", "activities", "conflicts", "reciprocity", "forbids_assistance"):
        assert key in ccw
    protocol = reader.get(url("instrument-detail", code="CCW-PI")).json()
    assert protocol["parent"] == "CCW"


def test_unknown_instrument_is_404(reader):
    response = reader.get(url("instrument-detail", code="NOPE"))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert reader.get(url("instrument-participation", code="NOPE")).status_code == 404


def test_participation_on_a_date(reader):
    response = reader.get(url("instrument-participation", code="APMBC"), {"on": "2024-01-01"})
    assert response.status_code == 200
    body = response.json()
    assert body["instrument"] == "APMBC"
    assert body["on"] == "2024-01-01"
    by_party = {row["party"]: row for row in body["parties"]}
    assert "SEC" not in by_party  # the Secretariat is not a treaty party
    blr = by_party["BLR"]
    assert blr["status"] == "party"
    assert blr["bound"] is True
    assert blr["act"]["kind"] == "consent"
    assert blr["act"]["date"] == "2003-01-01"
    assert blr["act"]["date_precision"] == "year"
    assert blr["act"]["source_url"].startswith("http")
    assert blr["act"]["to_verify"] is False
    assert blr["act"]["verified_by"] is None
    assert [act["id"] for act in blr["acts"]] == [blr["act"]["id"]]
    rus = by_party["RUS"]
    assert rus["status"] == "not_party"
    assert rus["act"]["kind"] == "not_party"

    before = reader.get(url("instrument-participation", code="APMBC"), {"on": "2000-06-01"})
    assert {r["party"]: r["status"] for r in before.json()["parties"]}["BLR"] == "not_party"


@pytest.mark.parametrize("bad", ["yesterday", "2024-13-01", ""])
def test_participation_bad_date_is_400_naming_on(reader, bad):
    response = reader.get(url("instrument-participation", code="APMBC"), {"on": bad})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "on" in response.json()["errors"]


def test_matrix(reader):
    response = reader.get(url("matrix"), {"on": "2024-01-01"})
    assert response.status_code == 200
    body = response.json()
    parties = [p["code"] for p in body["parties"]]
    instruments = [i["code"] for i in body["instruments"]]
    assert "RUS" in parties and "SEC" not in parties
    assert len(body["cells"]) == len(parties) * len(instruments)
    cells = {(c["party"], c["instrument"]): c for c in body["cells"]}
    assert cells[("BLR", "APMBC")]["status"] == "party"
    assert cells[("RUS", "APMBC")]["status"] == "not_party"
    assert cells[("KAZ", "AP-I")]["to_verify"] is True  # unconfirmed in the source
    assert reader.get(url("matrix"), {"on": "1 May"}).json()["errors"].keys() == {"on"}


# --- Acts ------------------------------------------------------------------------------------


def test_acts_list_filters(reader):
    response = reader.get(url("act-list"), {"party": "RUS", "instrument": "APMBC"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    act = body["results"][0]
    assert (act["party"], act["instrument"], act["kind"]) == ("RUS", "APMBC", "not_party")
    for key in ("source_url", "source_note", "status_confirmed", "to_verify", "verified_at"):
        assert key in act
    everything = reader.get(url("act-list"), {"limit": 5}).json()
    assert everything["count"] == ParticipationAct.objects.count()
    assert len(everything["results"]) == 5


@pytest.mark.parametrize("param", ["party", "instrument"])
def test_acts_list_unknown_code_is_400(reader, param):
    response = reader.get(url("act-list"), {param: "XXX"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [param]


ACCESSION = {
    "party": "RUS",
    "instrument": "APMBC",
    "kind": "accession",
    "date": "2031-03-01",
    "effective_date": "2031-09-01",
    "date_precision": "day",
    "reservations": "",
    "declarations": "",
    "source_url": "https://treaties.un.org/example",
    "source_note": "Depositary notification",
    "status_confirmed": False,
    "date_confirmed": True,
}


def test_record_update_and_verify_an_act(users, api_client):
    officer = api_client(users["sec_officer"])
    created = officer.post(url("act-list"), ACCESSION, format="json")
    assert created.status_code == 201, created.json()
    act = created.json()
    assert act["party"] == "RUS" and act["kind"] == "accession"
    assert act["effective_date"] == "2031-09-01"
    assert act["to_verify"] is True
    assert AuditEvent.objects.filter(action="law.act.record", object_id=str(act["id"])).exists()

    participation = officer.get(url("instrument-participation", code="APMBC"), {"on": "2031-10-01"})
    rus = {r["party"]: r for r in participation.json()["parties"]}["RUS"]
    assert rus["status"] == "party" and rus["act"]["id"] == act["id"]
    pending = officer.get(url("instrument-participation", code="APMBC"), {"on": "2031-04-01"})
    rus = {r["party"]: r for r in pending.json()["parties"]}["RUS"]
    assert rus["status"] == "not_party"
    assert [a["id"] for a in rus["pending"]] == [act["id"]]

    admin = api_client(users["sec_admin"])
    verified = admin.post(url("act-verify", pk=act["id"]), {"note": "Checked"}, format="json")
    assert verified.status_code == 200
    assert verified.json()["to_verify"] is False
    assert verified.json()["verified_by"] == users["sec_admin"].username
    assert verified.json()["source_note"].endswith("Checked")

    patched = officer.patch(
        url("act-detail", pk=act["id"]), {"reservations": "Art. 5 deferred"}, format="json"
    )
    assert patched.status_code == 200
    assert patched.json()["reservations"] == "Art. 5 deferred"
    assert patched.json()["verified_by"] is None  # a corrected fact needs verifying again
    assert officer.get(url("act-detail", pk=act["id"])).json()["reservations"] == (
        "Art. 5 deferred"
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"party": "XXX"}, "party"),
        ({"instrument": "NOPE"}, "instrument"),
        ({"kind": "conquest"}, "kind"),
        ({"effective_date": "2030-01-01"}, "effective_date"),  # before the act: the model says
        ({"date": None}, "date"),  # no date but precision "day"
        ({"source_url": "not a url"}, "source_url"),
    ],
)
def test_record_act_invalid_is_400_naming_the_field(users, api_client, change, field):
    officer = api_client(users["sec_officer"])
    count = ParticipationAct.objects.count()
    response = officer.post(url("act-list"), {**ACCESSION, **change}, format="json")
    assert response.status_code == 400
    assert any(k == field or k.startswith(f"{field}.") for k in response.json()["errors"])
    assert ParticipationAct.objects.count() == count


def test_unknown_act_is_404(users, api_client):
    officer = api_client(users["sec_officer"])
    assert officer.get(url("act-detail", pk=999999)).status_code == 404
    assert officer.patch(url("act-detail", pk=999999), {}, format="json").status_code == 404
    assert officer.post(url("act-verify", pk=999999), {}, format="json").status_code == 404


# --- Obligations -----------------------------------------------------------------------------


def test_obligations_of_a_party(reader, rules):
    blr = reader.get(url("party-obligations", code="BLR"), {"on": "2024-01-01"})
    assert blr.status_code == 200
    body = blr.json()
    assert body["party"] == "BLR" and body["on"] == "2024-01-01"
    by_rule = {o["rule"]: o for o in body["obligations"]}
    apm = by_rule["TEST-APM"]
    assert apm["title"] == "No anti-personnel mines"
    assert apm["kind"] == "specific_prohibition"
    (basis,) = apm["bases"]
    assert basis["customary"] is False
    assert (basis["instrument"], basis["provision"]) == ("APMBC", "Art. 1")
    assert (basis["act_kind"], basis["act_date"]) == ("consent", "2003-01-01")
    assert basis["to_verify"] is False
    assert "APMBC" in basis["text"]
    xray = by_rule["TEST-XRAY"]
    assert {b["customary"] for b in xray["bases"]} == {True, False}

    rus = reader.get(url("party-obligations", code="RUS")).json()
    rus_rules = {o["rule"] for o in rus["obligations"]}
    assert "TEST-APM" not in rus_rules  # not a party to APMBC
    assert "TEST-XRAY" in rus_rules

    arm = reader.get(url("party-obligations", code="ARM")).json()
    xray = {o["rule"]: o for o in arm["obligations"]}["TEST-XRAY"]
    assert xray["customary_only"] is True
    assert xray["bases"] == [
        {
            "customary": True,
            "instrument": None,
            "provision": "",
            "act_kind": None,
            "act_date": None,
            "act_date_precision": None,
            "to_verify": False,
            "text": xray["bases"][0]["text"],
        }
    ]

    niac = reader.get(url("party-obligations", code="BLR"), {"conflict": "non_international"})
    assert niac.json()["conflict"] == "non_international"
    assert "TEST-XRAY" not in {o["rule"] for o in niac.json()["obligations"]}


def test_obligations_errors(reader):
    assert reader.get(url("party-obligations", code="XXX")).status_code == 404
    bad = reader.get(url("party-obligations", code="RUS"), {"conflict": "cold_war"})
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["conflict"]
    bad = reader.get(url("party-obligations", code="RUS"), {"on": "someday"})
    assert list(bad.json()["errors"]) == ["on"]


# --- Rules -----------------------------------------------------------------------------------


def test_rules_list_and_filters(reader, rules):
    def codes(**params):
        response = reader.get(url("rule-list"), {"limit": 500, **params})
        assert response.status_code == 200
        return {row["code"] for row in response.json()["results"]}

    assert {"TEST-APM", "TEST-XRAY", "TEST-REVIEW"} <= codes()
    assert codes(kind="obligation") >= {"TEST-REVIEW"}
    assert not codes(kind="obligation") & {"TEST-APM", "TEST-XRAY"}
    assert "TEST-XRAY" in codes(customary="true")
    assert not codes(customary="true") & {"TEST-APM", "TEST-REVIEW"}
    assert {"TEST-APM", "TEST-REVIEW"} <= codes(customary="false")
    assert codes(instrument="APMBC") >= {"TEST-APM"}
    assert not codes(instrument="APMBC") & {"TEST-XRAY", "TEST-REVIEW"}
    for param, value in (("kind", "nice"), ("instrument", "NOPE"), ("customary", "maybe")):
        response = reader.get(url("rule-list"), {param: value})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == [param]


def test_rule_detail(reader, rules):
    response = reader.get(url("rule-detail", code="TEST-XRAY"))
    assert response.status_code == 200
    body = response.json()
    assert body["trigger_fields"] == ["fragments_detectable_by_xray", "injury_mechanism"]
    assert body["trigger_error"] is None
    assert body["bases"] == [{"instrument": "CCW-PI", "provision": ""}]
    assert body["customary"] is True and body["conflicts"] == ["international"]
    assert reader.get(url("rule-detail", code="NOPE")).status_code == 404


RULE = {
    "code": "TEST-NEW.1",
    "kind": "restriction",
    "title_en": "Mark minefields",
    "restriction_en": "Record and mark.",
    "trigger": "weapon_type in (anti_personnel_mine, anti_vehicle_mine)",
    "bases": [{"instrument": "CCW-APII", "provision": "Art. 9"}],
}


def test_create_and_replace_a_rule(users, api_client):
    officer = api_client(users["sec_officer"])
    created = officer.post(url("rule-list"), RULE, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["code"] == "TEST-NEW.1"
    assert body["bases"] == [{"instrument": "CCW-APII", "provision": "Art. 9"}]
    assert body["trigger_fields"] == ["weapon_type"]
    assert body["active"] is True

    replaced = officer.put(
        url("rule-detail", code="TEST-NEW.1"),
        {
            "kind": "restriction",
            "title_en": "Record minefields",
            "customary": True,
            "trigger": "",
            "bases": [],
        },
        format="json",
    )
    assert replaced.status_code == 200, replaced.json()
    body = replaced.json()
    assert body["title_en"] == "Record minefields"
    assert body["restriction_en"] == ""  # PUT replaces the whole rule
    assert body["bases"] == []
    assert body["trigger_fields"] == []
    assert list(RuleBasis.objects.filter(rule__code="TEST-NEW.1")) == []
    rule_id = str(Rule.objects.get(code="TEST-NEW.1").pk)
    assert AuditEvent.objects.filter(action="law.rule.save", object_id=rule_id).count() == 2


def test_rule_with_a_trigger_that_does_not_parse_is_400_with_position(users, api_client):
    officer = api_client(users["sec_officer"])
    response = officer.post(
        url("rule-list"),
        {**RULE, "trigger": "weapon_type = anti_personnel_mine and ("},
        format="json",
    )
    assert response.status_code == 400
    (message,) = response.json()["errors"]["trigger"]
    assert "position 40" in message
    response = officer.post(url("rule-list"), {**RULE, "trigger": "colour = red"}, format="json")
    assert "colour" in response.json()["errors"]["trigger"][0]
    assert "position 1" in response.json()["errors"]["trigger"][0]
    assert not Rule.objects.filter(code="TEST-NEW.1").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": "bad code/with slash"}, "code"),
        ({"bases": [{"instrument": "NOPE", "provision": "Art. 1"}]}, "bases"),
        ({"bases": [{"instrument": "CCW-APII"}, {"instrument": "CCW-APII"}]}, "bases"),
        ({"bases": []}, "bases"),  # neither a treaty basis nor customary
        ({"kind": "suggestion"}, "kind"),
        ({"conflicts": ["cold"]}, "conflicts"),
    ],
)
def test_invalid_rule_is_400_naming_the_field(users, api_client, change, field):
    response = api_client(users["sec_officer"]).post(
        url("rule-list"), {**RULE, **change}, format="json"
    )
    assert response.status_code == 400
    assert any(k == field or k.startswith(f"{field}.") for k in response.json()["errors"])
    assert not Rule.objects.filter(title_en="Mark minefields").exists()


def test_creating_an_existing_rule_code_is_refused(users, api_client, rules):
    response = api_client(users["sec_officer"]).post(
        url("rule-list"), {**RULE, "code": "TEST-APM"}, format="json"
    )
    assert response.status_code == 400
    assert "code" in response.json()["errors"]
    assert Rule.objects.get(code="TEST-APM").title_en == "No anti-personnel mines"


# --- Vocabulary ------------------------------------------------------------------------------


def test_vocabulary_in_the_requests_language(reader):
    english = reader.get(url("vocabulary"))
    assert english.status_code == 200
    by_code = {c["code"]: c for c in english.json()}
    weapon_type = by_code["weapon_type"]
    assert weapon_type["kind"] == "choice"
    assert weapon_type["label"] == "Legal type of weapon"
    assert {"code": "anti_personnel_mine", "label": "Anti-personnel mine"} in weapon_type["choices"]
    assert by_code["self_destruction"]["choices"] == []
    assert by_code["injury_mechanism"]["kind"] == "set"

    russian = reader.get(url("vocabulary"), HTTP_ACCEPT_LANGUAGE="ru")
    with translation.override("ru"):
        expected = str(BY_CODE["weapon_type"].label)
        expected_help = str(BY_CODE["weapon_type"].help)
    weapon_type = {c["code"]: c for c in russian.json()}["weapon_type"]
    assert (weapon_type["label"], weapon_type["help"]) == (expected, expected_help)
    # The request's language reaches the answers (this message is already translated).
    missing = reader.get(url("rule-detail", code="NOPE"), HTTP_ACCEPT_LANGUAGE="ru")
    assert missing.json()["detail"] == "Не найдено."


# --- Screening -------------------------------------------------------------------------------


def only_test_rules(screening: dict[str, Any]) -> dict[str, Any]:
    """A party's screening restricted to this module's test rules (the shipped catalogue
    may or may not be loaded)."""
    return {
        **screening,
        "engaged": [i for i in screening["engaged"] if i["rule"].startswith("TEST-")],
        "pending": [i for i in screening["pending"] if i["rule"].startswith("TEST-")],
        "general": [code for code in screening["general"] if code.startswith("TEST-")],
    }


def test_screen_outcomes(reader, rules):
    response = reader.post(
        url("screen"),
        {
            "description": {"weapon_type": "anti_personnel_mine"},
            "parties": ["RUS", "BLR"],
            "on": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["on"] == "2024-01-01"
    by_party = {p["party"]: p for p in body["parties"]}
    assert list(by_party) == ["RUS", "BLR"]

    blr = only_test_rules(by_party["BLR"])
    assert blr["worst"] == "prohibited"
    (engaged,) = blr["engaged"]
    assert engaged["rule"] == "TEST-APM"
    assert engaged["outcome"] == "prohibited"
    assert engaged["held"] == ["weapon_type = anti_personnel_mine"]
    assert engaged["missing"] == []
    assert engaged["bases"][0]["instrument"] == "APMBC"
    assert [p["rule"] for p in blr["pending"]] == ["TEST-XRAY"]
    assert set(blr["pending"][0]["missing"]) == {"injury_mechanism", "fragments_detectable_by_xray"}
    assert blr["general"] == ["TEST-REVIEW"]

    rus = only_test_rules(by_party["RUS"])
    assert rus["engaged"] == []  # RUS is not a party to APMBC
    assert [p["rule"] for p in rus["pending"]] == ["TEST-XRAY"]
    assert rus["general"] == ["TEST-REVIEW"]
    assert isinstance(rus["relies_on_unconfirmed"], bool)


def test_screen_answers_why_a_use_is_lawful(reader):
    """Issue 12, points 1 and 6: riot-control agents for law enforcement. For each party
    the answer lists the exception applied with its provision, the rule it lifts among
    those considered and not engaged, a one-word summary and its basis; the reader's own
    party (KAZ) comes first."""
    response = reader.post(
        url("screen"),
        {
            "description": {
                "weapon_type": "other",
                "toxic_chemical": "riot_control_agent",
                "intended_use": "law_enforcement",
            },
            "parties": ["RUS", "KAZ"],
            "on": "2026-06-01",
            "conflict_type": "international",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    parties = response.json()["parties"]
    assert [p["party"] for p in parties] == ["KAZ", "RUS"]
    rus = parties[1]
    applied = {e["code"]: e for e in rus["exceptions"]}
    assert applied["CWC-1-5-X-LAW"]["provision"] == "CWC Art. II(9)(d)"
    assert applied["CWC-1-5-X-LAW"]["rule"] == "CWC-1-5"
    assert "Law enforcement including domestic riot control" in applied["CWC-1-5-X-LAW"]["text"]
    assert applied["CIHL-75-X-LAW"]["provision"] == "ICRC CIHL Rule 75; CWC Art. II(9)(d)"
    lifted = {n["rule"]: n for n in rus["not_engaged"]}
    assert lifted["CWC-1-5"]["exception"] == "CWC-1-5-X-LAW"
    assert "toxic_chemical = other_toxic" in lifted["CWC-1"]["failed"]
    assert lifted["CWC-1"]["exception"] is None
    considered = {o["rule"] for o in rus["considered"]}
    assert {"CWC-1", "CWC-1-5", "CWC-3"} <= considered
    assert "CWC-1-5" not in {i["rule"] for i in rus["engaged"] + rus["pending"]}
    assert rus["summary"] in {"obligations", "information_needed"}  # CWC-3: declare them
    assert rus["summary_label"] and rus["basis"]
    assert isinstance(rus["facts_to_verify"], list)


def test_the_screening_schema_documents_the_answers_structure(reader):
    schema = reader.get(reverse("api:schema"), {"format": "json"}).json()
    party = schema["components"]["schemas"]["PartyScreeningOutput"]["properties"]
    for name in (
        "summary",
        "basis",
        "considered",
        "engaged",
        "not_engaged",
        "exceptions",
        "possible_exceptions",
        "facts_to_verify",
    ):
        assert name in party, name
    summary = schema["components"]["schemas"]["ScreeningSummary"]
    assert "permitted_exception" in summary["enum"] and "not_reached" in summary["enum"]
    assert "failed" in schema["components"]["schemas"]["NotEngagedOutput"]["properties"]


def test_screen_customary_only_flag_and_defaults(reader, rules):
    response = reader.post(
        url("screen"),
        {
            "description": {
                "injury_mechanism": ["fragmentation"],
                "fragments_detectable_by_xray": False,
            },
            "conflict_type": "international",
        },
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    by_party = {p["party"]: p for p in body["parties"]}
    assert set(by_party) == {"ARM", "BLR", "IRN", "KAZ", "KGZ", "RUS", "TJK"}
    arm = by_party["ARM"]  # not party to CCW Protocol I: only custom binds it
    assert arm["worst"] == "prohibited"
    assert any("TEST-XRAY" in flag for flag in arm["flags"])
    assert not [flag for flag in by_party["RUS"]["flags"] if "TEST-" in flag]
    assert body["conflict_type"] == "international"


def test_screen_cross_party_assistance_flag(users, api_client, rules):
    """APMBC forbids assisting anyone in a prohibited activity (the shipped instruments
    say so): a party bound by it may not assist another party's use in a joint unit."""
    officer = api_client(users["sec_officer"])
    apmbc = officer.get(url("instrument-detail", code="APMBC")).json()
    assert apmbc["forbids_assistance"] is True

    response = officer.post(
        url("screen"),
        {"description": {"weapon_type": "anti_personnel_mine"}, "parties": ["BLR", "RUS"]},
        format="json",
    )
    flags = [f for f in response.json()["cross_party_flags"] if "APMBC" in f]
    assert len(flags) == 1
    assert "BLR" in flags[0] and "RUS" in flags[0]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"description": {"weapon_type": "laser_sword"}}, "weapon_type"),
        ({"description": {"colour": "red"}}, "colour"),
        ({"description": {"self_destruction": "perhaps"}}, "self_destruction"),
        ({"description": {"injury_mechanism": "blast"}}, "injury_mechanism"),
        ({"description": []}, "description"),
        ({"description": {}, "parties": ["XXX"]}, "parties"),
        ({"description": {}, "parties": []}, "parties"),
        ({"description": {}, "on": "soon"}, "on"),
        ({"description": {}, "conflict_type": "cold"}, "conflict_type"),
        ({}, "description"),
    ],
)
def test_screen_invalid_is_400_naming_the_field(reader, payload, field):
    response = reader.post(url("screen"), payload, format="json")
    assert response.status_code == 400
    assert any(k == field or k.startswith(f"{field}.") for k in response.json()["errors"])


# --- Write permissions -----------------------------------------------------------------------


def _state() -> tuple[Any, ...]:
    """Everything a law write could change."""
    return (
        list(ParticipationAct.objects.order_by("pk").values()),
        list(Rule.objects.order_by("pk").values()),
        sorted(RuleBasis.objects.values_list("rule_id", "instrument_id", "provision")),
        list(BilateralAgreement.objects.order_by("pk").values()),
        sorted(
            BilateralAgreement.released_to.through.objects.values_list(
                "bilateralagreement_id", "party_id"
            )
        ),
    )


def _act_record(client, world):
    return client.post(url("act-list"), ACCESSION, format="json")


def _act_update(client, world):
    return client.patch(url("act-detail", pk=world["act"].pk), {"source_note": "x"}, format="json")


def _act_verify(client, world):
    return client.post(url("act-verify", pk=world["act"].pk), {}, format="json")


def _rule_create(client, world):
    return client.post(url("rule-list"), RULE, format="json")


def _rule_replace(client, world):
    return client.put(
        url("rule-detail", code="TEST-APM"),
        {"kind": "specific_prohibition", "title_en": "Changed", "bases": [{"instrument": "APMBC"}]},
        format="json",
    )


def _import(client, world):
    text = "party,instrument,status,year,status_confirmed,year_confirmed,source_url\n"
    text += "RUS,CCM,signatory,2032,yes,yes,https://example.org/ccm\n"
    return client.post(url("import-participation"), upload(text), format="multipart")


def _bilateral_register(client, world):
    return client.post(
        url("bilateral-list"),
        {"counterpart": "BLR", "title_en": "Cooperation on counter-drone systems"},
        format="json",
    )


def _bilateral_update(client, world):
    agreement = world["agreement"]
    return client.patch(
        url("bilateral-detail", pk=agreement.pk),
        {"version": agreement.version, "status": "in_force"},
        format="json",
    )


# operation -> (service's audit action, answer per actor: rus, sec_officer, sec_admin, irn)
WRITES = {
    "act_record": (_act_record, "law.act.record", (403, 201, 201, 403)),
    "act_update": (_act_update, "law.act.update", (403, 200, 200, 403)),
    "act_verify": (_act_verify, "law.act.verify", (403, 403, 200, 403)),
    "rule_create": (_rule_create, "law.rule.save", (403, 201, 201, 403)),
    "rule_replace": (_rule_replace, "law.rule.save", (403, 200, 200, 403)),
    "participation_import": (_import, "law.act.record", (403, 200, 200, 403)),
    "bilateral_register": (_bilateral_register, "law.bilateral.register", (201, 201, 201, 403)),
    "bilateral_update": (_bilateral_update, "law.bilateral.update", (200, 403, 403, 403)),
}
ACTORS = ("rus", "sec_officer", "sec_admin", "irn")


@pytest.fixture
def world(users, rules):
    agreement = services.bilateral_register(
        actor=users["rus"],
        counterpart=Party.objects.get(code="KAZ"),
        title_en="Joint expertise",
        classification=Classification.RESTRICTED,
        release=Release.MEMBERS_OBSERVERS,
    )
    act = ParticipationAct.objects.get(party__code="RUS", instrument__code="APMBC")
    return {"agreement": agreement, "act": act}


@pytest.mark.parametrize(("operation", "actor"), list(itertools.product(WRITES, ACTORS)))
def test_write_permission_matrix(world, users, api_client, operation, actor):
    perform, action, answers = WRITES[operation]
    expected = dict(zip(ACTORS, answers, strict=True))[actor]
    client = api_client(users[actor])  # creating its token is itself audited: before counting
    state, events = _state(), AuditEvent.objects.count()
    response = perform(client, world)
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert response.json()["code"] == "permission_denied"
        assert _state() == state
        assert AuditEvent.objects.count() == events
    else:
        assert _state() != state
        assert AuditEvent.objects.filter(pk__gt=events, action=action).exists()
        assert AuditEvent.objects.count() > events


def test_anonymous_is_refused_everywhere(client, rules):
    for name, kwargs in [
        ("instrument-list", {}),
        ("instrument-detail", {"code": "APMBC"}),
        ("act-list", {}),
        ("matrix", {}),
        ("rule-list", {}),
        ("vocabulary", {}),
        ("bilateral-list", {}),
        ("export-rules", {}),
    ]:
        assert client.get(url(name, **kwargs)).status_code in (401, 403), name
    assert client.post(url("screen"), {}, content_type="application/json").status_code in (
        401,
        403,
    )


# --- Bilateral register ----------------------------------------------------------------------

OWNER, COUNTERPART, LISTED = "RUS", "KAZ", "BLR"
# The owner, the other party, a listed member, an unlisted member, the Secretariat, an observer.
VIEWERS = ["RUS", "KAZ", "BLR", "ARM", "SEC", "IRN"]
VIEWER_CLEARANCE = Classification.CONFIDENTIAL
LEVELS = [Classification.RESTRICTED, Classification.SECRET]


@pytest.fixture
def register(make_user, party):
    owner = make_user(OWNER, clearance=Classification.SECRET, roles=["legal_adviser"])
    agreements = {
        (release, level): services.bilateral_register(
            actor=owner,
            counterpart=party(COUNTERPART),
            title_en=f"Agreement {release} {level}",
            classification=level,
            release=release,
            released_to=[party(LISTED)],
        )
        for release, level in itertools.product(Release.values, LEVELS)
    }
    viewers = {code: make_user(code, clearance=VIEWER_CLEARANCE) for code in VIEWERS}
    return agreements, viewers


def _may_see(viewer, release, level) -> bool:
    by_rule = rule_as_written(
        user_party=viewer.party,
        user_active=True,
        clearance=viewer.clearance,
        owner=Party.objects.get(code=OWNER),
        classification=level,
        release=release,
        listed=[Party.objects.get(code=LISTED)],
    )
    # The other party to a bilateral agreement sees it whatever its release.
    as_counterpart = viewer.party.code == COUNTERPART and viewer.clearance >= level
    return by_rule or as_counterpart


@pytest.mark.parametrize(
    ("release", "viewer_code", "level"), list(itertools.product(Release.values, VIEWERS, LEVELS))
)
def test_bilateral_visibility_matrix(register, api_client, release, viewer_code, level):
    agreements, viewers = register
    agreement, viewer = agreements[(release, level)], viewers[viewer_code]
    visible = _may_see(viewer, release, level)
    client = api_client(viewer)

    detail = client.get(url("bilateral-detail", pk=agreement.pk))
    assert detail.status_code == (200 if visible else 404)
    if not visible:
        assert detail.json() == {"code": "not_found", "detail": "Not found."}
    listed = [row["id"] for row in client.get(url("bilateral-list")).json()["results"]]
    assert (agreement.pk in listed) == visible


def test_bilateral_matrix_covers_the_interesting_cases(register):
    _agreements, viewers = register
    assert _may_see(viewers["KAZ"], Release.OWNER, Classification.RESTRICTED)  # counterpart
    assert not _may_see(viewers["KAZ"], Release.OWNER, Classification.SECRET)  # clearance
    assert _may_see(viewers["BLR"], Release.LISTED, Classification.RESTRICTED)
    assert not _may_see(viewers["ARM"], Release.LISTED, Classification.RESTRICTED)
    assert not _may_see(viewers["IRN"], Release.MEMBERS, Classification.RESTRICTED)
    assert _may_see(viewers["IRN"], Release.MEMBERS_OBSERVERS, Classification.RESTRICTED)


def test_bilateral_register_read_and_update(make_user, api_client):
    owner = make_user("RUS", roles=["legal_adviser"])
    client = api_client(owner)
    created = client.post(
        url("bilateral-list"),
        {
            "counterpart": "BLR",
            "title_en": "Counter-drone cooperation",
            "title_ru": "Сотрудничество",
            "signed_on": "2024-02-01",
            "status": "signed",
            "classification": Classification.CONFIDENTIAL,
            "release": Release.LISTED,
            "released_to": ["KAZ", "ARM"],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["owner"], body["counterpart"], body["version"]) == ("RUS", "BLR", 1)
    assert body["released_to"] == ["ARM", "KAZ"]
    assert body["notified_at"] is not None

    views = AuditEvent.objects.filter(action="view", object_id=str(body["id"])).count()
    detail = client.get(url("bilateral-detail", pk=body["id"]))
    assert detail.status_code == 200 and detail.json()["title_en"] == "Counter-drone cooperation"
    # Reading a CONFIDENTIAL record is itself audited.
    assert AuditEvent.objects.filter(action="view", object_id=str(body["id"])).count() == views + 1

    updated = client.patch(
        url("bilateral-detail", pk=body["id"]),
        {"version": 1, "status": "in_force", "in_force_from": "2024-03-01", "released_to": []},
        format="json",
    )
    assert updated.status_code == 200, updated.json()
    assert updated.json()["status"] == "in_force"
    assert updated.json()["released_to"] == []
    assert updated.json()["version"] == 2

    stale = client.patch(
        url("bilateral-detail", pk=body["id"]),
        {"version": 1, "status": "terminated"},
        format="json",
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    assert BilateralAgreement.objects.get(pk=body["id"]).status == "in_force"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"counterpart": "XXX"}, "counterpart"),
        ({"counterpart": "RUS"}, "counterpart"),  # with itself
        ({"released_to": ["XXX"]}, "released_to"),
        ({"classification": 7}, "classification"),
        ({"classification": Classification.SECRET}, "classification"),  # above own clearance
        ({"release": "friends"}, "release"),
        ({"signed_on": "2024-05-01", "in_force_from": "2024-01-01"}, "in_force_from"),
        ({"title_en": ""}, "title_en"),
    ],
)
def test_bilateral_register_invalid_is_400(make_user, api_client, payload, field):
    client = api_client(
        make_user("RUS", clearance=Classification.CONFIDENTIAL, roles=["legal_adviser"])
    )
    body = {"counterpart": "BLR", "title_en": "Agreement", **payload}
    count = BilateralAgreement.objects.count()
    response = client.post(url("bilateral-list"), body, format="json")
    assert response.status_code == 400
    assert any(k == field or k.startswith(f"{field}.") for k in response.json()["errors"])
    assert BilateralAgreement.objects.count() == count


def test_bilateral_update_needs_a_version(make_user, api_client, party):
    owner = make_user("RUS", roles=["legal_adviser"])
    agreement = services.bilateral_register(actor=owner, counterpart=party("BLR"), title_en="A")
    response = api_client(owner).patch(
        url("bilateral-detail", pk=agreement.pk), {"status": "signed"}, format="json"
    )
    assert response.status_code == 400
    assert "version" in response.json()["errors"]


def test_write_to_an_unseen_agreement_is_404(make_user, api_client, party):
    owner = make_user("RUS", roles=["legal_adviser"])
    agreement = services.bilateral_register(
        actor=owner, counterpart=party("BLR"), title_en="A", release=Release.OWNER
    )
    outsider = api_client(make_user("ARM", roles=["legal_adviser"]))
    response = outsider.patch(
        url("bilateral-detail", pk=agreement.pk), {"version": 1, "title_en": "B"}, format="json"
    )
    assert response.status_code == 404
    agreement.refresh_from_db()
    assert agreement.title_en == "A"


# --- CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["instruments", "participation", "rules"])
def test_csv_round_trip_changes_nothing(users, api_client, rules, kind):
    officer = api_client(users["sec_officer"])
    exported = officer.get(url(f"export-{kind}"))
    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("text/csv")
    assert f'filename="{kind}.csv"' in exported["Content-Disposition"]
    text = exported.content.decode()
    assert text.count("\n") > 1

    events = AuditEvent.objects.count()
    state = _state()
    response = officer.post(url(f"import-{kind}"), upload(text), format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json() == {"changed": 0}
    assert AuditEvent.objects.count() == events
    assert officer.get(url(f"export-{kind}")).content.decode() == text
    assert _state() == state


def test_csv_import_records_new_acts(users, api_client):
    officer = api_client(users["sec_officer"])
    header = officer.get(url("export-participation")).content.decode().splitlines()[0]
    response = officer.post(
        url("import-participation"),
        upload(f"{header}\nRUS,APMBC,signatory,2030,yes,yes,https://example.org/x,,,,,,\n"),
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    assert response.json() == {"changed": 1}
    act = ParticipationAct.objects.get(
        party__code="RUS", instrument__code="APMBC", kind="signature"
    )
    assert (act.date.year, act.date_precision) == (2030, "year")


BAD_FILES = {
    "participation": (
        "party,instrument,status,year,status_confirmed,year_confirmed,source_url\n"
        "RUS,CCM,signatory,2032,yes,yes,https://example.org/ok\n"
        "XXX,CCM,party,2032,yes,yes,https://example.org/ok\n"
        "RUS,CCM,party,soon,maybe,yes,ftp://example.org\n",
        ["Row 3: party XXX is unknown."],
    ),
    "instruments": (
        "id,parent,short_name,title,adopted,entry_into_force,kind,scope_note\n"
        "NEW-1,,New,A new treaty,2030-01-01,,treaty,\n"
        "NEW-2,GONE,New 2,Another,2030-01-01,,pact,\n",
        ["Row 3: kind must be one of"],
    ),
    "rules": (
        "code,kind,title_en,summary_en,customary,bases,trigger\n"
        "TEST-OK,obligation,Fine,,no,APMBC Art. 1,\n"
        "TEST-BAD,obligation,Broken,,no,APMBC Art. 1,weapon_type = \n",
        ["Row 3: trigger: Expected more but found the end at position 14."],
    ),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_csv_is_400_with_row_errors_and_stores_nothing(users, api_client, kind):
    officer = api_client(users["sec_officer"])
    text, expected = BAD_FILES[kind]
    state, events = _state(), AuditEvent.objects.count()
    response = officer.post(url(f"import-{kind}"), upload(text), format="multipart")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "nothing of it was stored" in body["detail"]
    errors = body["errors"]["file"]
    assert all(message.startswith("Row ") for message in errors)
    for prefix in expected:
        assert any(message.startswith(prefix) for message in errors), errors
    assert _state() == state
    assert AuditEvent.objects.count() == events


def test_rules_file_with_a_basis_twice_is_a_row_error(users, api_client):
    text = (
        "code,kind,title_en,summary_en,customary,bases,trigger\n"
        "TEST-DUP,obligation,Twice,,no,APMBC Art. 1; APMBC Art. 1,\n"
    )
    response = api_client(users["sec_officer"]).post(
        url("import-rules"), upload(text), format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["file"][0].startswith("Row 2:")


def test_participation_row_details(users, api_client):
    """Every problem of a row is named, with the row number."""
    text, _expected = BAD_FILES["participation"]
    errors = (
        api_client(users["sec_officer"])
        .post(url("import-participation"), upload(text), format="multipart")
        .json()["errors"]["file"]
    )
    row_four = [message for message in errors if message.startswith("Row 4:")]
    assert len(row_four) >= 3  # year, status_confirmed, source_url


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"file": SimpleUploadedFile("x.csv", b"\xff\xfe\x00garbage", content_type="text/csv")},
        {"file": SimpleUploadedFile("x.csv", b"", content_type="text/csv")},
        {"file": SimpleUploadedFile("x.csv", b"a,b\n1,2\n", content_type="text/csv")},
    ],
)
def test_unusable_upload_is_400_on_file(users, api_client, payload):
    response = api_client(users["sec_officer"]).post(
        url("import-rules"), payload, format="multipart"
    )
    assert response.status_code == 400
    assert "file" in response.json()["errors"]


def test_a_file_refused_by_the_models_stores_nothing(users, api_client):
    """A row the CSV parser accepts but the model refuses (effective date before the act)
    still rejects the whole file."""
    text = (
        "party,instrument,status,year,status_confirmed,year_confirmed,source_url,"
        "date,effective_date\n"
        "RUS,CCM,signatory,,yes,yes,https://example.org/ok,2032-01-01,\n"
        "KAZ,CCM,party,,yes,yes,https://example.org/ok,2032-05-01,2032-01-01\n"
    )
    officer = api_client(users["sec_officer"])
    state, events = _state(), AuditEvent.objects.count()
    response = officer.post(url("import-participation"), upload(text), format="multipart")
    assert response.status_code == 400
    assert any(m.startswith("Row 3: effective_date:") for m in response.json()["errors"]["file"])
    assert _state() == state
    assert AuditEvent.objects.count() == events


def test_export_answers_a_client_asking_for_csv(reader):
    response = reader.get(url("export-instruments"), HTTP_ACCEPT="text/csv")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("id,parent,short_name")


# --- Query counts ------------------------------------------------------------------------------


@pytest.fixture
def many(users, party):
    for index in range(30):
        services.rule_save(
            actor=None,
            code=f"TEST-{index}",
            bases=[("APMBC", f"Art. {index}"), ("CCW-APII", "Art. 3")],
            kind="restriction",
            title_en=f"Rule {index}",
            trigger="weapon_type = anti_personnel_mine",
        )
        services.bilateral_register(
            actor=users["rus"],
            counterpart=party("BLR"),
            title_en=f"Agreement {index}",
            release=Release.LISTED,
            released_to=[party("KAZ"), party("ARM")],
        )


# Each request also reads the API token and notes its use (2 queries).
# An export's audit event costs its savepoint, the chain's head and the insert, and the
# release of the savepoint; on PostgreSQL also the chain's advisory lock.
EXPORT_EVENT = 4 + (connection.vendor == "postgresql")


@pytest.mark.parametrize(
    ("name", "kwargs", "params", "limit"),
    [
        ("instrument-list", {}, {}, 3),
        ("instrument-participation", {"code": "APMBC"}, {}, 5),
        ("act-list", {}, {"limit": 100}, 4),
        ("act-list", {}, {"party": "RUS", "instrument": "APMBC"}, 6),
        ("matrix", {}, {}, 5),
        ("party-obligations", {"code": "BLR"}, {}, 9),
        ("rule-list", {}, {}, 5),
        ("rule-list", {}, {"instrument": "APMBC", "limit": 100}, 6),
        ("vocabulary", {}, {}, 2),
        ("bilateral-list", {}, {}, 5),
        # An export's audit event (core/export_audit): EXPORT_EVENT more queries.
        ("export-instruments", {}, {}, 3 + EXPORT_EVENT),
        ("export-participation", {}, {}, 3 + EXPORT_EVENT),
        ("export-rules", {}, {}, 4 + EXPORT_EVENT),
    ],
)
def test_list_queries_do_not_grow_with_rows(
    many, users, api_client, django_assert_max_num_queries, name, kwargs, params, limit
):
    client = api_client(users["rus"])
    with django_assert_max_num_queries(limit):
        response = client.get(url(name, **kwargs), params)
    assert response.status_code == 200
    assert rows_of(response) > 0, name


def test_screen_queries_do_not_grow_with_rules_or_parties(
    many, users, api_client, django_assert_max_num_queries
):
    client = api_client(users["rus"])
    description = {"weapon_type": "anti_personnel_mine"}
    # Each listed party code is looked up once when the input is validated; the rules'
    # exceptions (issue 12, point 1) are one more prefetch.
    with django_assert_max_num_queries(10):
        one = client.post(
            url("screen"), {"description": description, "parties": ["BLR"]}, format="json"
        )
    assert one.status_code == 200
    assert one.json()["parties"][0]["worst"] == "prohibited"
    # Every treaty party: the parties, the rules with their bases and instruments, all
    # instruments and all acts, read once whatever the number of parties.
    for extra in ("", "XAA", "XAB", "XAC"):
        if extra:
            core_services.party_create(
                actor=None,
                code=extra,
                name_en=extra,
                name_ru=extra,
                kind=Party.Kind.STATE,
                standing=Party.Standing.MEMBER,
            )
        with django_assert_max_num_queries(10):
            response = client.post(url("screen"), {"description": description}, format="json")
        assert response.status_code == 200
        worst = {p["party"]: p["worst"] for p in response.json()["parties"]}
        assert worst["BLR"] == "prohibited"
        assert len(worst) == Party.objects.filter(kind=Party.Kind.STATE, active=True).count()


@pytest.mark.parametrize(
    ("trigger", "says"),
    [
        ("not " * 3000 + "autonomy", "too long"),
        ("not " * 200 + "autonomy", "nests too deeply"),
        ("(" * 200 + "autonomy" + ")" * 200, "nests too deeply"),
        (" or ".join(["autonomy"] * 400), "too long"),
    ],
    ids=["12k-nots", "deep-nots", "deep-parens", "many-terms"],
)
def test_a_hostile_trigger_is_400_never_500(users, api_client, trigger, says):
    """Issue 12, point 4: `"not " * 3000 + "autonomy"` answered 500 (RecursionError)."""
    officer = api_client(users["sec_officer"])
    response = officer.post(url("rule-list"), {**RULE, "trigger": trigger}, format="json")
    assert response.status_code == 400
    assert says in response.json()["errors"]["trigger"][0]
    assert not Rule.objects.filter(code="TEST-NEW.1").exists()
