"""The law base's pages: every page in both languages for a member and an observer,
participation and verifying facts, the matrix, obligations, rules, screening, the register
of bilateral agreements, CSV export and import.

Instruments and participation come from the shipped reference data (loaded by migration);
the rules a test needs are created here through the service, with TEST- codes, so the
tests do not depend on the shipped catalogue."""

from __future__ import annotations

import csv
import io
import itertools
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from accord.core.models import AuditEvent, Classification, Party, Release
from accord.core.tests.queries import assert_flat
from accord.law import csvio, services
from accord.law.models import BilateralAgreement, Instrument, ParticipationAct, Rule

MINE = {
    "weapon_type": "anti_personnel_mine",
    "delivery": "remotely_delivered",
    "self_destruction": "no",
}


# --- Helpers -------------------------------------------------------------------------------


class _Element(HTMLParser):
    """The inner HTML of the first element carrying data-testid=`testid`."""

    VOID = {"br", "img", "input", "hr", "meta", "link", "col", "source", "wbr"}

    def __init__(self, testid: str) -> None:
        super().__init__(convert_charrefs=True)
        self.testid, self.tag, self.depth, self.parts, self.found = testid, "", 0, [], False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.parts.append(self.get_starttag_text() or "")
            if tag == self.tag and tag not in self.VOID:
                self.depth += 1
        elif not self.found and dict(attrs).get("data-testid") == self.testid:
            self.tag, self.depth, self.found = tag, 1, True

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == self.tag:
            self.depth -= 1
        if self.depth:
            self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def part(response: Any, testid: str) -> str:
    """The element of the page with that data-testid (its inner HTML); fails if absent."""
    finder = _Element(testid)
    finder.feed(response.content.decode())
    assert finder.found, f"no element with data-testid={testid!r}"
    return "".join(finder.parts)


def has_part(response: Any, testid: str) -> bool:
    return f'data-testid="{testid}"' in response.content.decode()


def russian(client: Any) -> None:
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})


def act(party: str, instrument: str) -> ParticipationAct:
    return ParticipationAct.objects.get(party__code=party, instrument__code=instrument)


@pytest.fixture
def rules(db: Any) -> dict[str, Rule]:
    """A few rules over the shipped instruments, saved through the service. The shipped
    catalogue (once there is one) is set aside, so outcomes depend on these rules only."""
    Rule.objects.exclude(code__startswith="TEST-").update(active=False)
    made = {
        "ban": services.rule_save(
            actor=None,
            code="TEST-APMBC-1",
            bases=[("APMBC", "Art. 1")],
            kind="specific_prohibition",
            title_en="Test: no anti-personnel mines",
            title_ru="Тест: запрет противопехотных мин",
            customary=False,
            trigger="weapon_type = anti_personnel_mine",
        ),
        "remote": services.rule_save(
            actor=None,
            code="TEST-APII-6",
            bases=[("CCW-APII", "Art. 6(3)")],
            kind="restriction",
            title_en="Test: remotely delivered mines self-destruct",
            customary=False,
            trigger=(
                "weapon_type = anti_personnel_mine and delivery = remotely_delivered "
                "and (not self_destruction or not self_deactivation)"
            ),
        ),
        "detect": services.rule_save(
            actor=None,
            code="TEST-APII-4",
            bases=[("CCW-APII", "Art. 4")],
            kind="restriction",
            title_en="Test: mines must be detectable",
            customary=False,
            trigger="weapon_type = anti_personnel_mine and detectable_by_common_equipment = false",
        ),
        "care": services.rule_save(
            actor=None,
            code="TEST-CARE",
            bases=[("APMBC", "Art. 5")],
            kind="obligation",
            title_en="Test: particular care with mines",
            customary=True,
            customary_reference="CIHL 81",
            trigger="weapon_type in (anti_personnel_mine, anti_vehicle_mine)",
        ),
        "general": services.rule_save(
            actor=None,
            code="TEST-GENERAL",
            bases=[("AP-I", "Art. 35(2)")],
            kind="general_prohibition",
            title_en="Test: superfluous injury",
            customary=True,
            trigger="",
        ),
    }
    return made


@pytest.fixture
def agreement(make_user: Any, party: Any) -> BilateralAgreement:
    """A RUS–KAZ agreement released to members and observers."""
    owner = make_user("RUS", roles=["legal_adviser"])
    return services.bilateral_register(
        actor=owner,
        counterpart=party("KAZ"),
        title_en="Test agreement on demining training",
        title_ru="Тестовое соглашение о разминировании",
        release=Release.MEMBERS_OBSERVERS,
        classification=Classification.UNCLASSIFIED,
    )


# --- Every page, both languages ----------------------------------------------------------------


def _page_urls(agreement: BilateralAgreement, rule: Rule) -> list[str]:
    return [
        reverse("law:index"),
        reverse("law:instruments"),
        reverse("law:instrument", args=["AP-I"]),
        reverse("law:matrix"),
        reverse("law:obligations"),
        reverse("law:obligations") + "?party=RUS&conflict_type=international",
        reverse("law:rules"),
        reverse("law:rules") + "?kind=specific_prohibition&customary=no&instrument=APMBC",
        reverse("law:rule", args=[rule.code]),
        reverse("law:screen"),
        reverse("law:screen") + "?weapon_type=anti_personnel_mine&parties=RUS&parties=IRN",
        reverse("law:bilateral"),
        reverse("law:bilateral-new"),
        reverse("law:bilateral-detail", args=[agreement.pk]),
    ]


@pytest.mark.parametrize("code", ["RUS", "IRN"])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_page_answers_for_a_member_and_an_observer(
    client: Any, make_user: Any, rules: Any, agreement: Any, code: str, language: str
) -> None:
    client.force_login(make_user(code, roles=["legal_adviser"]))
    if language == "ru":
        russian(client)
    for url in _page_urls(agreement, rules["ban"]):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        content = response.content.decode()
        assert f'<html lang="{language}">' in content, url
        assert has_part(response, "law-subnav"), url
        if language == "ru":
            assert "Выйти" in content, url  # the sign-out button of base.html, translated
    for name in ("law:export-instruments", "law:export-participation", "law:export-rules"):
        assert client.get(reverse(name)).status_code == 200, name


def test_bilingual_fields_follow_the_language(client: Any, make_user: Any, rules: Any) -> None:
    client.force_login(make_user("KAZ"))
    url = reverse("law:rule", args=[rules["ban"].code])
    assert "Test: no anti-personnel mines" in client.get(url).content.decode()
    russian(client)
    content = client.get(url).content.decode()
    assert "Тест: запрет противопехотных мин" in content
    assert "Test: no anti-personnel mines" not in content
    participation = part(client.get(reverse("law:instrument", args=["AP-I"])), "participation-KAZ")
    assert "Казахстан" in participation


def test_pages_need_a_signed_in_user(client: Any) -> None:
    response = client.get(reverse("law:screen"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


# --- Instruments and participation ---------------------------------------------------------------


def test_instrument_list_nests_protocols_under_their_framework(client: Any, make_user: Any) -> None:
    client.force_login(make_user("RUS"))
    response = client.get(reverse("law:instruments"))
    content = response.content.decode()
    assert content.index('data-testid="instrument-CCW"') < content.index(
        'data-testid="instrument-CCW-PIV"'
    )
    assert 'class="depth-1"' in part(response, "instrument-CCW-PIV")
    assert 'class="depth-0"' in part(response, "instrument-CCW")
    # STP-1868's entry into force is known to the year only.
    stp = part(response, "instrument-STP-1868")
    assert "1868" in stp and "1868-01-01" not in stp


def test_instrument_page_shows_sources_and_what_is_to_verify(client: Any, make_user: Any) -> None:
    kaz_act, rus_act = act("KAZ", "AP-I"), act("RUS", "AP-I")
    assert kaz_act.to_verify and not rus_act.to_verify  # the shipped data, as the test assumes
    client.force_login(make_user("RUS"))
    response = client.get(reverse("law:instrument", args=["AP-I"]))
    assert response.status_code == 200
    kaz = part(response, "participation-KAZ")
    assert "to verify" in kaz
    assert f'href="{kaz_act.source_url}"' in kaz
    assert "1992" in kaz and "1992-01-01" not in kaz  # a year-precision date shows the year
    rus = part(response, "participation-RUS")
    assert "to verify" not in rus
    assert "confirmed in the source" in rus
    assert f'href="{rus_act.source_url}"' in rus
    assert "Party" in rus
    assert "Signatory" in part(response, "participation-IRN")
    # Every recorded act is listed, none verifiable by this user.
    assert (
        part(response, "acts").count("<tr")
        == ParticipationAct.objects.filter(instrument__code="AP-I").count() + 1
    )
    assert f'data-testid="verify-{kaz_act.pk}"' not in response.content.decode()


def test_an_act_without_a_date_says_so(client: Any, make_user: Any) -> None:
    undated = (
        ParticipationAct.objects.filter(date__isnull=True)
        .select_related("instrument", "party")
        .first()
    )
    assert undated is not None  # the shipped data has undated acts (e.g. TJK CCW-APII)
    client.force_login(make_user("RUS"))
    response = client.get(reverse("law:instrument", args=[undated.instrument.code]))
    assert "date unknown" in part(response, f"act-{undated.party.code}-{undated.kind}")


@pytest.mark.parametrize(
    ("roles", "code", "sees"),
    [
        (["administrator"], "SEC", True),
        (["secretariat_officer"], "SEC", False),
        (["administrator"], "RUS", False),
        (["legal_adviser"], "KAZ", False),
    ],
)
def test_only_the_secretariats_administrators_see_verify(
    client: Any, make_user: Any, roles: list[str], code: str, sees: bool
) -> None:
    kaz_act = act("KAZ", "AP-I")
    client.force_login(make_user(code, roles=roles))
    response = client.get(reverse("law:instrument", args=["AP-I"]))
    assert (f'data-testid="verify-{kaz_act.pk}"' in response.content.decode()) is sees
    # Acts already confirmed never get the button.
    assert f'data-testid="verify-{act("RUS", "AP-I").pk}"' not in response.content.decode()


def test_verifying_an_act_clears_to_verify_and_is_audited(client: Any, make_user: Any) -> None:
    admin = make_user("SEC", roles=["administrator"], username="sec.verifier")
    kaz_act = act("KAZ", "AP-I")
    client.force_login(admin)
    response = client.post(reverse("law:act-verify", args=[kaz_act.pk]), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("law:instrument", args=["AP-I"]))
    assert "Verified:" in response.content.decode()
    kaz_act.refresh_from_db()
    assert kaz_act.verified_by == admin and not kaz_act.to_verify
    event = AuditEvent.objects.get(action="law.act.verify")
    assert event.actor == admin and event.object_id == str(kaz_act.pk)
    kaz = part(response, "participation-KAZ")
    assert "to verify" not in kaz and "verified by sec.verifier on" in kaz
    assert f'data-testid="verify-{kaz_act.pk}"' not in response.content.decode()


@pytest.mark.parametrize(("code", "roles"), [("RUS", ["administrator"]), ("SEC", [])])
def test_verify_is_refused_to_others_and_changes_nothing(
    client: Any, make_user: Any, code: str, roles: list[str]
) -> None:
    kaz_act = act("KAZ", "AP-I")
    client.force_login(make_user(code, roles=roles))
    response = client.post(reverse("law:act-verify", args=[kaz_act.pk]))
    assert response.status_code == 403
    kaz_act.refresh_from_db()
    assert kaz_act.verified_at is None and kaz_act.to_verify
    assert not AuditEvent.objects.filter(action="law.act.verify").exists()


def test_verify_needs_post_and_an_existing_act(client: Any, make_user: Any) -> None:
    client.force_login(make_user("SEC", roles=["administrator"]))
    assert client.get(reverse("law:act-verify", args=[act("KAZ", "AP-I").pk])).status_code == 405
    assert client.post(reverse("law:act-verify", args=[999999])).status_code == 404


def test_unknown_instrument_and_rule_are_404(client: Any, make_user: Any) -> None:
    client.force_login(make_user("RUS"))
    assert client.get(reverse("law:instrument", args=["NO-SUCH"])).status_code == 404
    assert client.get(reverse("law:rule", args=["NO-SUCH"])).status_code == 404


@pytest.mark.parametrize("bad", ["yesterday", "2024-13-45", "99999-01-01", "2024-02-30", "'"])
@pytest.mark.parametrize("page", ["matrix", "instrument"])
def test_a_bad_date_says_so_and_shows_today(
    client: Any, make_user: Any, bad: str, page: str
) -> None:
    from django.utils import timezone

    client.force_login(make_user("RUS"))
    url = reverse("law:matrix") if page == "matrix" else reverse("law:instrument", args=["AP-I"])
    response = client.get(url, {"on": bad})
    assert response.status_code == 200
    assert "is not a date" in part(response, "date-error")
    assert response.context["on_date"] == timezone.localdate()


def test_the_date_changes_the_status(client: Any, make_user: Any) -> None:
    client.force_login(make_user("RUS"))
    today = client.get(reverse("law:matrix"))
    before = client.get(reverse("law:matrix"), {"on": "1980-01-01"})
    assert not has_part(before, "date-error")
    assert 'data-status="party"' in _matrix_cell(today, "KAZ", "AP-I")
    assert 'data-status="not_party"' in _matrix_cell(before, "KAZ", "AP-I")
    page = client.get(reverse("law:instrument", args=["AP-I"]), {"on": "1980-01-01"})
    assert "Not a party" in part(page, "participation-KAZ")


def _matrix_cell(response: Any, party: str, instrument: str) -> str:
    """The <td> of the matrix row `party` in the column of `instrument`."""
    codes = [i.code for i in response.context["instruments"]]
    row = part(response, f"matrix-{party}")
    cells = row.split("<td")[1:]
    return cells[codes.index(instrument)]


def test_matrix_colours_and_marks_unconfirmed_cells(client: Any, make_user: Any) -> None:
    client.force_login(make_user("IRN"))
    response = client.get(reverse("law:matrix"))
    assert response.status_code == 200
    legend = part(response, "legend")
    for label in ("Party", "Signatory", "Withdrawn", "Not a party", "to verify"):
        assert label in legend
    kaz = _matrix_cell(response, "KAZ", "AP-I")  # unconfirmed in the shipped data
    assert "status-party" in kaz and "unconfirmed" in kaz and "to verify" in kaz
    rus = _matrix_cell(response, "RUS", "AP-I")
    assert "status-party" in rus and "unconfirmed" not in rus
    assert "status-signatory" in _matrix_cell(response, "IRN", "AP-I")
    assert "status-not_party" in _matrix_cell(response, "RUS", "APMBC")
    parties = [p.code for p in Party.objects.filter(kind="state", active=True)]
    for code in parties:
        assert has_part(response, f"matrix-{code}")
    assert not has_part(response, "matrix-SEC")  # the Secretariat joins no treaty
    # Columns follow the frameworks: a protocol right after its convention's family.
    codes = [i.code for i in response.context["instruments"]]
    assert codes.index("AP-I") + 1 == codes.index("AP-I-ART90-DECL")
    assert f'title="{Instrument.objects.get(code="APMBC").short_name}' in response.content.decode()


# --- Obligations ---------------------------------------------------------------------------


def test_obligations_default_to_the_users_state(client: Any, make_user: Any, rules: Any) -> None:
    client.force_login(make_user("BLR"))
    response = client.get(reverse("law:obligations"))
    assert response.status_code == 200
    assert response.context["party"].code == "BLR"
    table = part(response, "obligations")
    assert "TEST-APMBC-1" in table  # BLR is party to the Ottawa Convention
    assert "APMBC Art. 1" in part(response, "obligation-TEST-APMBC-1")


def test_obligations_of_another_party_with_custom_and_to_verify(
    client: Any, make_user: Any, rules: Any
) -> None:
    client.force_login(make_user("SEC", roles=["secretariat_officer"]))
    first = client.get(reverse("law:obligations"))
    assert "obligations" not in first.context or first.context.get("obligations") is None
    assert "Choose a party." in first.content.decode()

    response = client.get(reverse("law:obligations"), {"party": "KAZ", "conflict_type": ""})
    table = part(response, "obligations")
    assert "TEST-APMBC-1" not in table  # KAZ is not party to the Ottawa Convention
    care = part(response, "obligation-TEST-CARE")
    assert "customary international law" in care
    general = part(response, "obligation-TEST-GENERAL")
    assert "AP-I Art. 35(2)" in general and "to verify" in general  # KAZ AP-I unconfirmed
    assert "to verify" not in care


def test_obligations_form_errors_do_not_fail(client: Any, make_user: Any) -> None:
    client.force_login(make_user("RUS"))
    response = client.get(
        reverse("law:obligations"), {"party": "XXX", "on": "nope", "conflict_type": "space"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"party", "on", "conflict_type"}
    assert response.context.get("obligations") is None


# --- Rules -----------------------------------------------------------------------------------


def test_rule_list_filters(client: Any, make_user: Any, rules: Any) -> None:
    client.force_login(make_user("RUS"))

    def codes(**params: str) -> set[str]:
        response = client.get(reverse("law:rules"), params)
        assert response.status_code == 200
        return {r.code for r in response.context["rules"] if r.code.startswith("TEST-")}

    assert codes() == {"TEST-APMBC-1", "TEST-APII-6", "TEST-APII-4", "TEST-CARE", "TEST-GENERAL"}
    assert codes(kind="restriction") == {"TEST-APII-6", "TEST-APII-4"}
    assert codes(customary="yes") == {"TEST-CARE", "TEST-GENERAL"}
    assert codes(customary="no", instrument="APMBC") == {"TEST-APMBC-1"}
    assert codes(instrument="CCW-APII") == {"TEST-APII-6", "TEST-APII-4"}
    assert client.get(reverse("law:rules"), {"kind": "nonsense"}).status_code == 200


def test_rule_page_shows_the_trigger_and_what_it_reads(
    client: Any, make_user: Any, rules: Any
) -> None:
    client.force_login(make_user("IRN"))
    response = client.get(reverse("law:rule", args=["TEST-APII-6"]))
    assert part(response, "trigger").strip() == rules["remote"].trigger
    fields = part(response, "trigger-fields")
    for label in ("Legal type of weapon", "Delivery", "Self-destruction", "Self-deactivation"):
        assert label in fields
    assert "Autonomy" not in fields
    assert "CCW-APII" in part(response, "rule-bases")
    general = client.get(reverse("law:rule", args=["TEST-GENERAL"]))
    assert "general rule" in general.content.decode()
    assert "Customary international law" in part(general, "rule-bases")


# --- Screening -------------------------------------------------------------------------------


def _screen(client: Any, parties: list[str], method: str = "get", **extra: Any) -> Any:
    data = {**MINE, "parties": parties, "on": "", "conflict_type": "", **extra}
    return getattr(client, method)(reverse("law:screen"), data)


@pytest.mark.parametrize("method", ["get", "post"])
def test_screening_shows_each_partys_result_side_by_side(
    client: Any, make_user: Any, rules: Any, method: str
) -> None:
    client.force_login(make_user("RUS", roles=["legal_adviser"]))
    response = _screen(client, ["BLR", "RUS", "KAZ"], method)
    assert response.status_code == 200
    grid = part(response, "screening-results")
    # The user's own party first (issue 12, point 6), the others as asked.
    assert grid.index("party-result-RUS") < grid.index("party-result-BLR")
    assert grid.index("party-result-BLR") < grid.index("party-result-KAZ")
    assert not has_part(response, "party-result-TJK")  # not asked for

    blr = part(response, "party-result-BLR")  # Ottawa Convention and CCW Amended Protocol II
    assert "Prohibited" in part(response, "party-result-BLR").split("</header>")[0]
    assert "TEST-APMBC-1" in part(response, "engaged-TEST-APMBC-1")
    assert "APMBC Art. 1" in blr
    assert "Legal type of weapon: Anti-personnel mine" in blr  # the explanation, in words
    assert "TEST-APII-6" in blr
    assert blr.index("engaged-TEST-APMBC-1") < blr.index("engaged-TEST-APII-6")  # gravest first

    rus = part(response, "party-result-RUS")  # CCW Amended Protocol II, not Ottawa
    assert "Restricted" in rus.split("</header>")[0]
    assert "TEST-APMBC-1" not in rus and "TEST-APII-6" in rus
    assert "TEST-APII-4" in rus and "Detectable by common mine-detection equipment" in rus
    assert "Information needed" in rus
    assert "TEST-GENERAL" in part(response, "general-RUS")
    # Bound to TEST-CARE by custom only, although the rule has a treaty basis.
    assert "TEST-CARE: no treaty regime binds RUS here" in rus
    assert "relies-on-unconfirmed" not in rus
    # A test that held is explained by the answer that made it hold, not the test's list.
    care = part(response, "party-result-RUS").split('data-testid="engaged-TEST-CARE"')[1]
    assert "Legal type of weapon: Anti-personnel mine" in care.split("</section>")[0]
    assert "Mine other than anti-personnel" not in care.split("</section>")[0]
    assert "Detectable by common mine-detection equipment" in part(response, "answer-next")

    kaz = part(response, "party-result-KAZ")  # neither; AP-I participation unconfirmed
    assert "TEST-APII-6" not in kaz and "TEST-APMBC-1" not in kaz
    assert "Obligations attached" in kaz.split("</header>")[0]  # TEST-CARE, by custom
    assert "relies-on-unconfirmed" in kaz
    assert "Relies on unconfirmed facts" in kaz

    summary = part(response, "screening")
    assert "Remotely delivered" in summary and "Self-destruction: <strong>no" in summary


def test_screening_opens_with_a_summary_matrix_own_party_first(
    client: Any, make_user: Any, rules: Any
) -> None:
    """Issue 12, point 6: party × outcome, the user's party first, the basis in one
    phrase; the detail per party below it."""
    client.force_login(make_user("KAZ", roles=["legal_adviser"]))
    response = _screen(client, ["BLR", "RUS", "KAZ"])
    assert response.status_code == 200
    page = response.content.decode()
    matrix = part(response, "screening-matrix")
    assert page.index('data-testid="screening-matrix"') < page.index("screening-results")
    rows = [matrix.index(f"matrix-{code}") for code in ("KAZ", "BLR", "RUS")]
    assert rows == sorted(rows)
    assert "your party" in part(response, "matrix-KAZ")
    assert "your party" not in part(response, "matrix-BLR")
    blr = part(response, "matrix-BLR")
    assert "Prohibited" in blr and "TEST-APMBC-1 (APMBC Art. 1)" in blr
    assert "Restricted" in part(response, "matrix-RUS")

    # The detail lists what was considered and not engaged, with the test that failed.
    other = client.get(
        reverse("law:screen"),
        {"weapon_type": "anti_vehicle_mine", "parties": ["BLR"], "on": "", "conflict_type": ""},
    )
    considered = part(other, "not-engaged-BLR")
    assert "TEST-APMBC-1" in considered
    assert "Legal type of weapon: Mine other than anti-personnel" in considered
    assert "TEST-APMBC-1" not in part(other, "screening-results").split("not-engaged-BLR")[0]


def test_screening_flags_assistance_between_parties(
    client: Any, make_user: Any, rules: Any
) -> None:
    # The Ottawa Convention forbids assisting anyone in what it prohibits: say so in the
    # reference data, through the import service, as the Secretariat would.
    exported = csvio.write_instruments(Instrument.objects.filter(code="APMBC"))
    services.instruments_import(
        actor=None,
        content=exported.replace(",no\n", ",yes\n"),  # forbids_assistance is the last column
    )
    assert Instrument.objects.get(code="APMBC").forbids_assistance
    client.force_login(make_user("TJK"))
    response = _screen(client, ["TJK", "RUS"])
    flags = part(response, "cross-party-flags")
    assert "TJK is bound by APMBC" in flags and "RUS may use this item" in flags
    without = _screen(client, ["TJK", "BLR"])  # both bound: nobody to assist
    assert not has_part(without, "cross-party-flags")


def test_screening_without_parties_or_with_bad_values_shows_form_errors(
    client: Any, make_user: Any, rules: Any
) -> None:
    client.force_login(make_user("RUS"))
    response = _screen(client, [])
    assert response.status_code == 400
    assert "Choose at least one party." in response.content.decode()
    assert "screening" not in response.context or response.context.get("screening") is None

    bad = client.get(
        reverse("law:screen"),
        {"weapon_type": "death_ray", "parties": ["RUS", "XXX"], "on": "tomorrow"},
    )
    assert bad.status_code == 400
    assert {"weapon_type", "parties", "on"} <= set(bad.context["form"].errors)


def test_screening_form_defaults_to_every_state_and_today(client: Any, make_user: Any) -> None:
    client.force_login(make_user("IRN"))
    response = client.get(reverse("law:screen"))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form["parties"].value()) == set(
        Party.objects.filter(kind="state", active=True).values_list("code", flat=True)
    )
    content = response.content.decode()
    assert 'name="self_destruction"' in content and "not answered" in content
    assert 'type="checkbox" name="injury_mechanism"' in content
    assert 'name="conflict_type"' in content


def test_an_empty_set_of_checkboxes_is_not_an_answer(
    client: Any, make_user: Any, rules: Any
) -> None:
    client.force_login(make_user("RUS"))
    response = client.get(
        reverse("law:screen"), {"weapon_type": "anti_personnel_mine", "parties": ["RUS"]}
    )
    assert response.context["screening"].description == {"weapon_type": "anti_personnel_mine"}


# --- Bilateral agreements --------------------------------------------------------------------


def _register(client: Any, party: Any, **overrides: Any) -> Any:
    data = {
        "title_en": "Agreement on joint testing ranges",
        "title_ru": "Соглашение о совместных полигонах",
        "counterpart": party("KAZ").pk,
        "subject": "Testing ranges",
        "signed_on": "2024-03-01",
        "in_force_from": "2024-06-01",
        "in_force_until": "",
        "status": "in_force",
        "document_reference": "No. 12-34",
        "classification": Classification.CONFIDENTIAL,
        "release": Release.OWNER,
        **overrides,
    }
    return client.post(reverse("law:bilateral-new"), data)


def test_bilateral_register_view_and_edit_by_page(client: Any, make_user: Any, party: Any) -> None:
    rus = make_user("RUS", roles=["legal_adviser"], clearance=Classification.SECRET)
    client.force_login(rus)
    response = _register(client, party)
    assert response.status_code == 302
    agreement = BilateralAgreement.objects.get(title_en="Agreement on joint testing ranges")
    assert response["Location"] == reverse("law:bilateral-detail", args=[agreement.pk])
    assert agreement.owner.code == "RUS" and agreement.counterpart.code == "KAZ"
    assert AuditEvent.objects.filter(action="law.bilateral.register").count() == 1

    detail = client.get(response["Location"])
    assert "Agreement on joint testing ranges" in part(detail, "bilateral-title")
    assert has_part(detail, "bilateral-edit")
    assert AuditEvent.objects.filter(action="view", object_id=str(agreement.pk)).exists()

    kaz = make_user("KAZ", roles=["legal_adviser"])
    client.force_login(kaz)
    listed = part(client.get(reverse("law:bilateral")), "bilateral-list")
    assert f"bilateral-{agreement.pk}" in listed
    detail = client.get(reverse("law:bilateral-detail", args=[agreement.pk]))
    assert detail.status_code == 200
    assert not has_part(detail, "bilateral-edit")  # the counterpart does not edit it

    arm = make_user("ARM", roles=["legal_adviser"])
    client.force_login(arm)
    assert f"bilateral-{agreement.pk}" not in client.get(reverse("law:bilateral")).content.decode()
    assert client.get(reverse("law:bilateral-detail", args=[agreement.pk])).status_code == 404
    assert client.get(reverse("law:bilateral-edit", args=[agreement.pk])).status_code == 404
    posted = client.post(
        reverse("law:bilateral-edit", args=[agreement.pk]), {"title_en": "Hijacked"}
    )
    assert posted.status_code == 404

    client.force_login(rus)
    edit = client.get(reverse("law:bilateral-edit", args=[agreement.pk]))
    form = edit.context["form"]
    data = {name: form[name].value() for name in form.fields if name != "released_to"}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["status"] = "suspended"
    saved = client.post(reverse("law:bilateral-edit", args=[agreement.pk]), data)
    assert saved.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "suspended" and agreement.version == 2
    assert agreement.title_en == "Agreement on joint testing ranges"


def test_a_stale_edit_is_a_conflict_and_changes_nothing(
    client: Any, make_user: Any, party: Any
) -> None:
    rus = make_user("RUS", roles=["legal_adviser"])
    client.force_login(rus)
    _register(client, party)
    agreement = BilateralAgreement.objects.get()
    url = reverse("law:bilateral-edit", args=[agreement.pk])
    form = client.get(url).context["form"]
    stale = {name: form[name].value() for name in form.fields if name != "released_to"}
    stale = {k: ("" if v is None else v) for k, v in stale.items()}

    services.bilateral_update(
        actor=rus, agreement=agreement, version=agreement.version, status="terminated"
    )
    stale["title_en"] = "Overwritten"
    response = client.post(url, stale)
    assert response.status_code == 409
    assert "was changed by someone else" in part(response, "form-errors")
    agreement.refresh_from_db()
    assert agreement.title_en == "Agreement on joint testing ranges"
    assert agreement.status == "terminated" and agreement.version == 2


def test_bilateral_form_offers_only_levels_up_to_the_clearance(
    client: Any, make_user: Any, party: Any
) -> None:
    client.force_login(make_user("RUS", roles=["legal_adviser"], clearance=1))
    form = client.get(reverse("law:bilateral-new")).context["form"]
    assert [v for v, _label in form.fields["classification"].choices] == [0, 1]
    assert party("RUS").pk not in [p.pk for p in form.fields["counterpart"].queryset]
    response = _register(client, party, classification=Classification.SECRET)
    assert response.status_code == 400
    assert "classification" in response.context["form"].errors
    assert not BilateralAgreement.objects.exists()


def test_bilateral_dates_are_checked(client: Any, make_user: Any, party: Any) -> None:
    client.force_login(make_user("RUS", roles=["legal_adviser"]))
    response = _register(client, party, in_force_from="2020-01-01", signed_on="2024-01-01")
    assert response.status_code == 400
    assert "in_force_from" in response.context["form"].errors
    assert not BilateralAgreement.objects.exists()


def test_registering_needs_the_role(client: Any, make_user: Any, party: Any) -> None:
    client.force_login(make_user("RUS", roles=["customs_officer"]))
    assert client.get(reverse("law:bilateral-new")).status_code == 403
    assert _register(client, party).status_code == 403
    assert not BilateralAgreement.objects.exists()
    assert not has_part(client.get(reverse("law:bilateral")), "bilateral-new")


# --- CSV export and import -----------------------------------------------------------------------


def _download(client: Any, name: str) -> bytes:
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="accord-') and disposition.endswith('.csv"')
    return response.content


def test_exports_parse_back(client: Any, make_user: Any, rules: Any) -> None:
    client.force_login(make_user("IRN"))
    instruments = csvio.parse_instruments(_download(client, "law:export-instruments"))
    assert {i["code"] for i in instruments} == set(
        Instrument.objects.values_list("code", flat=True)
    )
    codes = set(Instrument.objects.values_list("code", flat=True))
    acts = csvio.parse_participation(
        _download(client, "law:export-participation"),
        party_codes=set(Party.objects.values_list("code", flat=True)),
        instrument_codes=codes,
    )
    assert len(acts) == ParticipationAct.objects.count()
    parsed = csvio.parse_rules(_download(client, "law:export-rules"), instrument_codes=codes)
    by_code = {r["code"]: r for r in parsed}
    assert by_code["TEST-APII-6"]["trigger"] == rules["remote"].trigger
    assert by_code["TEST-APMBC-1"]["title_ru"] == "Тест: запрет противопехотных мин"
    assert len(parsed) == Rule.objects.count()


def _upload(client: Any, kind: str, text: str) -> Any:
    upload = io.BytesIO(text.encode("utf-8"))
    upload.name = f"{kind}.csv"
    return client.post(reverse("law:import"), {"kind": kind, "file": upload})


def test_import_rejects_a_bad_file_whole(client: Any, make_user: Any) -> None:
    client.force_login(make_user("SEC", roles=["secretariat_officer"]))
    assert client.get(reverse("law:import")).status_code == 200
    acts_before = ParticipationAct.objects.count()
    events_before = AuditEvent.objects.count()
    rows = [
        csvio.PARTICIPATION_REQUIRED,
        ["KAZ", "CCM", "party", "2030", "yes", "yes", "https://example.org/ok"],
        ["XXX", "CCM", "party", "2030", "yes", "yes", "https://example.org/a"],
        ["KAZ", "CCM", "party", "20x0", "maybe", "yes", "ftp://example.org/b"],
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    response = _upload(client, "participation", out.getvalue())
    assert response.status_code == 400
    errors = part(response, "import-errors")
    assert "The file was not imported; nothing of it was stored." in errors
    assert "Row 3: party XXX is unknown." in errors
    assert "Row 4:" in errors and "source_url must start with" in errors
    assert "Row 2" not in errors
    assert ParticipationAct.objects.count() == acts_before
    assert AuditEvent.objects.count() == events_before


def test_import_of_a_good_file_stores_it(client: Any, make_user: Any) -> None:
    client.force_login(make_user("SEC", roles=["administrator"]))
    out = io.StringIO()
    writer = csv.DictWriter(out, csvio.INSTRUMENT_REQUIRED + csvio.INSTRUMENT_OPTIONAL)
    writer.writeheader()
    writer.writerow(
        {
            "id": "TEST-TREATY",
            "short_name": "Test treaty",
            "title": "Treaty for the test",
            "adopted": "2020-01-01",
            "entry_into_force": "2021",
            "kind": "treaty",
            "short_name_ru": "Тестовый договор",
            "activities": "use",
        }
    )
    text = out.getvalue()
    response = _upload(client, "instruments", text)
    assert response.status_code == 302
    followed = client.get(response["Location"])
    assert "1 record created or updated" in followed.content.decode()
    treaty = Instrument.objects.get(code="TEST-TREATY")
    assert treaty.entry_into_force_year_only and treaty.short_name_ru == "Тестовый договор"
    assert AuditEvent.objects.filter(action="law.instrument.save", object_id=str(treaty.pk))

    # The rules export imports back (a round trip through the page).
    services.rule_save(
        actor=None,
        code="TEST-RT",
        bases=[("TEST-TREATY", "Art. 1")],
        kind="obligation",
        title_en="Round trip",
        customary=False,
        trigger="international_transfer",
    )
    exported = client.get(reverse("law:export-rules")).content.decode()
    Rule.objects.filter(code="TEST-RT").update(title_en="Changed")
    assert _upload(client, "rules", exported).status_code == 302
    assert Rule.objects.get(code="TEST-RT").title_en == "Round trip"


@pytest.mark.parametrize(
    ("code", "roles"),
    [("RUS", ["administrator"]), ("RUS", ["legal_adviser"]), ("SEC", []), ("SEC", ["auditor"])],
)
def test_import_is_only_for_the_secretariats_law_editors(
    client: Any, make_user: Any, code: str, roles: list[str]
) -> None:
    client.force_login(make_user(code, roles=roles))
    assert client.get(reverse("law:import")).status_code == 403
    text = csvio.write_instruments(Instrument.objects.filter(code="CCM")).replace(
        "Convention on Cluster Munitions", "Hijacked"
    )
    assert _upload(client, "instruments", text).status_code == 403
    assert not Instrument.objects.filter(short_name_en="Hijacked").exists()
    assert reverse("law:import") not in client.get(reverse("law:index")).content.decode()


# --- Query counts ----------------------------------------------------------------------------


def test_list_pages_do_not_grow_with_rows(
    client: Any, make_user: Any, party: Any, rules: Any, django_assert_max_num_queries: Any
) -> None:
    owner = make_user("RUS", roles=["legal_adviser"])
    made = itertools.count()

    def grow() -> None:
        for _ in range(10):
            services.bilateral_register(
                actor=owner,
                counterpart=party("KAZ"),
                title_en=f"Agreement {next(made):02d}",
                release=Release.LISTED,
                released_to=[party("BLR"), party("ARM")],
            )

    grow()
    client.force_login(owner)
    # Each limit includes the navigation's one count of unread notifications. The
    # reference pages show the shipped instruments and rules (a row each).
    for name, limit, row in (
        ("law:instruments", 8, r'href="/law/instruments/[^/"]+/"'),
        ("law:matrix", 10, r'data-testid="matrix-[A-Z]+"'),
        ("law:rules", 10, r'href="/law/rules/[^/"]+/"'),
    ):
        with django_assert_max_num_queries(limit):
            response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert len(set(re.findall(row, response.content.decode()))) >= 5, name
    assert assert_flat(
        lambda: client.get(reverse("law:bilateral")),
        grow,
        rows=lambda response: len(set(re.findall(r"Agreement \d\d", response.content.decode()))),
        at_most=10,
    ) == (10, 20)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("law:instrument", args=["CCW"])).status_code == 200


def test_a_rule_page_shows_the_exceptions_its_text_makes(client: Any, make_user: Any) -> None:
    """Issue 12, point 1: the carve-out, its provision and the words it rests on."""
    client.force_login(make_user("RUS"))
    response = client.get(reverse("law:rule", args=["CWC-1-5"]))
    assert response.status_code == 200
    section = part(response, "exception-CWC-1-5-X-LAW")
    assert "CWC Art. II(9)(d)" in section
    assert "Law enforcement including domestic riot control purposes" in section
    assert "toxic_chemical = riot_control_agent and intended_use = law_enforcement" in section
    assert not has_part(client.get(reverse("law:rule", args=["CIHL-1"])), "rule-exceptions")
