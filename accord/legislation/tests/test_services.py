"""The services: who may write, what is validated, the stages with four eyes, the
matrix's column rule (a state edits only its own column), versions and audit events."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Release
from accord.legislation import selectors, services
from accord.legislation.models import ConformityCell, ModelAct, NationalAct
from accord.legislation.tests.conftest import DRAFTER

STATE = ["parliamentary_officer"]


def test_act_stages_take_four_eyes(drafters):
    first, second = drafters
    act = services.act_create(actor=first, number="3-1", title_en="Draft", release=Release.MEMBERS)
    assert (act.stage, act.versions.get().number) == ("draft", 1)
    with pytest.raises(Conflict):  # no provisions yet
        services.act_transition(actor=first, act=act, action="to_commission", version=1)
    services.provision_save(actor=first, act=act, eid="art_1", text_en="Scope")
    act = services.act_transition(actor=first, act=act, action="to_commission", version=1)
    with pytest.raises(Conflict):  # nobody proposed it
        services.act_transition(actor=second, act=act, action="adopt", version=act.version)
    act = services.act_transition(actor=first, act=act, action="propose", version=act.version)
    with pytest.raises(Conflict):  # the proposer cannot confirm
        services.act_transition(actor=first, act=act, action="adopt", version=act.version)
    with pytest.raises(Conflict):  # stale version
        services.act_transition(actor=second, act=act, action="adopt", version=1)
    act = services.act_transition(actor=second, act=act, action="adopt", version=act.version)
    assert act.stage == "adopted" and act.adopted_on == dt.date.today()
    with pytest.raises(Conflict):  # an adopted act's provisions are fixed
        services.provision_save(actor=first, act=act, eid="art_2", text_en="Late")
    actions = list(
        AuditEvent.objects.filter(object_id=str(act.pk), action__startswith="legislation.act.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "legislation.act.create",
        "legislation.act.to_commission",
        "legislation.act.propose",
        "legislation.act.adopt",
    ]


def test_only_the_secretariat_drafts(make_user):
    with pytest.raises(PermissionDenied):
        services.act_create(actor=make_user("RUS", roles=STATE), number="1-1", title_en="X")
    with pytest.raises(PermissionDenied):
        services.act_create(actor=make_user("SEC"), number="1-1", title_en="X")
    assert not ModelAct.objects.exists()
    assert not AuditEvent.objects.filter(action="legislation.act.create").exists()


def test_act_validates(drafters):
    first, _second = drafters
    with pytest.raises(ValidationFailed) as bad:
        services.act_create(actor=first, number="twelve", title_en="X")
    assert "number" in bad.value.errors
    act = services.act_create(actor=first, number="1-2", title_en="X")
    with pytest.raises(ValidationFailed) as orphan:
        services.provision_save(actor=first, act=act, eid="art_9__para_1", text_en="Orphan")
    assert "eid" in orphan.value.errors
    with pytest.raises(ValidationFailed):
        services.provision_save(actor=first, act=act, eid="Article 1", text_en="Bad id")


def test_versions_keep_provision_ids(drafters):
    first, _second = drafters
    act = services.act_create(actor=first, number="4-4", title_en="Versions")
    services.provision_save(actor=first, act=act, eid="art_1", text_en="Old")
    version = services.version_create(actor=first, act=act, note="second reading")
    services.provision_save(actor=first, act=act, eid="art_1", text_en="New")
    one, two = selectors.versions_of(act)
    assert (one.provisions.get().text_en, two.provisions.get().text_en) == ("Old", "New")
    assert version.number == 2 and two.provisions.get().eid == "art_1"


def test_a_state_edits_only_its_own_column(act, make_user):
    """The column rule as a matrix: every writer against every column."""
    writers = {
        "RUS staff": make_user("RUS", roles=STATE),
        "KAZ adviser": make_user("KAZ", roles=["legal_adviser"]),
        "RUS reader": make_user("RUS"),
        "SEC officer": make_user("SEC", roles=DRAFTER),
        "IRN observer": make_user("IRN", roles=STATE),
    }
    may_write = {"RUS staff": "RUS", "KAZ adviser": "KAZ"}
    for name, user in writers.items():
        if name in may_write:
            cell = services.cell_save(
                actor=user, act=act, provision_eid="art_1", status="transposed"
            )
            assert cell.owner.code == may_write[name]
        else:
            with pytest.raises(PermissionDenied):
                services.cell_save(actor=user, act=act, provision_eid="art_1", status="transposed")
    assert sorted(ConformityCell.objects.values_list("owner__code", flat=True)) == ["KAZ", "RUS"]
    # A Russian cell is never reached by a Kazakh save: that writes Kazakhstan's own cell.
    russian = ConformityCell.objects.get(owner__code="RUS")
    services.cell_save(
        actor=writers["KAZ adviser"],
        act=act,
        provision_eid="art_1",
        version=1,
        status="not_transposed",
    )
    russian.refresh_from_db()
    assert (russian.status, russian.version) == ("transposed", 1)
    events = AuditEvent.objects.filter(action__startswith="legislation.cell.")
    assert events.count() == 3  # two creations and one update, nothing for the refusals


def test_cell_saves_are_versioned_validated_and_audited(act, make_user):
    staff = make_user("BLR", roles=STATE)
    cell = services.cell_save(actor=staff, act=act, provision_eid="art_2", status="partially")
    with pytest.raises(Conflict):
        services.cell_save(actor=staff, act=act, provision_eid="art_2", status="transposed")
    cell = services.cell_save(
        actor=staff,
        act=act,
        provision_eid="art_2",
        version=1,
        status="transposed",
        enacted_on=dt.date(2025, 6, 1),
        in_force_on=dt.date(2026, 1, 1),
    )
    assert cell.version == 2
    with pytest.raises(Conflict):
        services.cell_save(actor=staff, act=act, provision_eid="art_2", version=1, status="unknown")
    with pytest.raises(ValidationFailed) as dates:
        services.cell_save(
            actor=staff,
            act=act,
            provision_eid="art_2",
            version=2,
            enacted_on=dt.date(2026, 6, 1),
            in_force_on=dt.date(2026, 1, 1),
        )
    assert "in_force_on" in dates.value.errors
    with pytest.raises(ValidationFailed) as note:
        services.cell_save(
            actor=staff, act=act, provision_eid="art_2", version=2, status="with_changes"
        )
    assert "deviation_note" in note.value.errors
    with pytest.raises(ValidationFailed) as missing:
        services.cell_save(actor=staff, act=act, provision_eid="art_99", status="transposed")
    assert "provision_eid" in missing.value.errors
    history = [entry.action for entry in selectors.cell_history(staff, cell)]
    assert history == ["legislation.cell.create", "legislation.cell.update"]


def test_cells_cite_only_the_states_own_acts(act, make_user):
    rus, kaz = make_user("RUS", roles=STATE), make_user("KAZ", roles=STATE)
    kazakh = services.national_create(
        actor=kaz,
        kind="law",
        title="Закон",
        enacted_on=dt.date(2024, 1, 1),
        release=Release.PUBLIC,
        classification=Classification.UNCLASSIFIED,
    )
    with pytest.raises(ValidationFailed) as bad:
        services.cell_save(
            actor=rus, act=act, provision_eid="art_1", status="transposed", national_act=kazakh
        )
    assert "national_act" in bad.value.errors
    cell = services.cell_save(
        actor=kaz, act=act, provision_eid="art_1", status="transposed", national_act=kazakh
    )
    assert (cell.enacted_on, cell.in_force_on) == (dt.date(2024, 1, 1), None)


def test_matrix_opens_once_adopted_and_hidden_acts_are_404(drafters, make_user):
    first, _second = drafters
    draft = services.act_create(actor=first, number="5-5", title_en="Internal draft")
    services.provision_save(actor=first, act=draft, eid="art_1", text_en="X")
    staff = make_user("RUS", roles=STATE)
    with pytest.raises(NotFound):  # an OWNER draft of the Secretariat is not seen
        services.cell_save(actor=staff, act=draft, provision_eid="art_1", status="transposed")
    ModelAct.objects.filter(pk=draft.pk).update(release=Release.MEMBERS)
    draft.refresh_from_db()
    with pytest.raises(Conflict):
        services.cell_save(actor=staff, act=draft, provision_eid="art_1", status="transposed")


def test_national_acts(make_user):
    rus = make_user("RUS", roles=STATE)
    act = services.national_create(
        actor=rus,
        kind="law",
        title="О правовой проверке",
        enacted_on=dt.date(2025, 1, 1),
        in_force_on=dt.date(2026, 1, 1),
        frbr_work="/akn/ru/act/2025/12",
    )
    assert act.owner.code == "RUS"
    with pytest.raises(ValidationFailed) as bad:
        services.national_update(actor=rus, act=act, version=1, in_force_on=dt.date(2024, 1, 1))
    assert "in_force_on" in bad.value.errors
    with pytest.raises(PermissionDenied):
        services.national_create(
            actor=make_user("SEC", roles=DRAFTER),
            kind="law",
            title="X",
            enacted_on=dt.date(2025, 1, 1),
        )
    NationalAct.objects.filter(pk=act.pk).update(release=Release.MEMBERS)
    act.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.national_update(actor=make_user("KAZ", roles=STATE), act=act, version=1, title="X")
    repealed = services.national_update(
        actor=rus, act=act, version=1, repealed_on=dt.date(2027, 1, 1)
    )
    assert repealed.version == 2


def test_measures_link_to_the_law_base(make_user):
    from accord.law.models import Instrument

    rus = make_user("RUS", roles=STATE)
    act = services.national_create(
        actor=rus,
        kind="law",
        title="Об эмблеме",
        enacted_on=dt.date(2020, 1, 1),
        release=Release.PUBLIC,
        classification=Classification.UNCLASSIFIED,
    )
    instrument = Instrument.objects.get(code="AP-I")
    services.measure_add(
        actor=rus, act=act, area="weapons_review", instrument=instrument, provisions="Art. 5"
    )
    seen = selectors.measures_for_instrument(actor=make_user("KAZ"), instrument_code="AP-I")
    assert [m.act_id for m in seen] == [act.pk]
    NationalAct.objects.filter(pk=act.pk).update(release=Release.OWNER)
    assert not selectors.measures_for_instrument(actor=make_user("KAZ"), instrument_code="AP-I")


def test_matrix_selector_rolls_up_and_shows_as_at(act, make_user):
    for code, status in itertools.product(["RUS"], ["transposed"]):
        staff = make_user(code, roles=STATE)
        for eid in ("art_1", "art_2", "art_2__para_1"):
            services.cell_save(
                actor=staff,
                act=act,
                provision_eid=eid,
                status=status,
                enacted_on=dt.date(2025, 6, 1),
                in_force_on=dt.date(2026, 6, 1),
            )
    reader = make_user("ARM")
    matrix = selectors.matrix_get(actor=reader, act=act)
    assert matrix.rollups["RUS"].fully and not matrix.rollups["ARM"].at_least_partially
    assert (matrix.act_rollup.fully, matrix.act_rollup.states) == (1, 6)
    early = selectors.matrix_get(actor=reader, act=act, at=dt.date(2026, 1, 1))
    assert early.as_at[("art_1", "RUS")] == "enacted_not_in_force"
    assert not early.rollups["RUS"].at_least_partially
    late = selectors.matrix_get(actor=reader, act=act, at=dt.date(2026, 6, 1))
    assert late.rollups["RUS"].fully
    # A state keeping its cells to itself: others see unknown, the Secretariat sees all.
    ConformityCell.objects.update(release=Release.OWNER)
    assert not selectors.matrix_get(actor=reader, act=act).rollups["RUS"].fully
    secretariat = make_user("SEC")
    assert selectors.matrix_get(actor=secretariat, act=act).rollups["RUS"].fully


def test_demo_is_safe_to_run_twice(db):
    import io

    from accord.accounts import demo as accounts_demo
    from accord.legislation import demo
    from accord.legislation.models import (
        DraftComment,
        HarmonisationProgramme,
        ImplementingMeasure,
        NationalProvision,
        ProgrammeItem,
    )

    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    counted = (
        ModelAct,
        NationalAct,
        ConformityCell,
        ImplementingMeasure,
        DraftComment,
        HarmonisationProgramme,
        ProgrammeItem,
        NationalProvision,
        AuditEvent,
    )
    first = [model.objects.count() for model in counted]
    demo.load(io.StringIO())
    assert [model.objects.count() for model in counted] == first
    adopted = ModelAct.objects.get(number="12-7")
    assert (adopted.stage, adopted.versions.count()) == ("sent", 2)
    draft = ModelAct.objects.get(number="14-3")
    assert draft.stage == "draft"
    assert sorted(draft.comments.values_list("disposition", flat=True)) == [
        "accepted",
        "open",
        "open",
    ]
    linked = ProgrammeItem.objects.filter(model_act__isnull=False).order_by("model_act__number")
    assert [(i.model_act.number, i.status) for i in linked] == [
        ("12-7", "adopted"),
        ("14-3", "drafting"),
    ]
    law = NationalAct.objects.get(frbr_work="/akn/ru/act/2024/112")
    early = selectors.national_provisions_as_at(law, dt.date(2025, 6, 1))
    late = selectors.national_provisions_as_at(law, dt.date(2026, 6, 1))
    assert "разработки" not in early[0].text and "разработки" in late[0].text
    assert "at manufacture" in services.current_version(draft).provisions.get(eid="art_1").text_en
    reader = accounts_demo_user("arm.legal")
    matrix = selectors.matrix_get(actor=reader, act=adopted)
    assert matrix.rollups["RUS"].at_least_partially and not matrix.rollups["RUS"].fully
    assert matrix.rollups["KAZ"].fully  # with changes, art_4 not applicable
    assert not matrix.rollups["BLR"].at_least_partially
    # Armenia's decree is enacted but not yet in force on 2026-12-01.
    as_at = selectors.matrix_get(actor=reader, act=adopted, at=dt.date(2026, 12, 1))
    assert as_at.as_at[("art_1", "ARM")] == "enacted_not_in_force"
    assert not as_at.rollups["ARM"].at_least_partially
    assert selectors.measures_for_instrument(actor=reader, instrument_code="AP-I").count() == 2


def accounts_demo_user(username: str):
    from accord.accounts.models import User

    return User.objects.get(username=username)
