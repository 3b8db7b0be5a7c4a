"""Drafting services: stages and freezing, new versions, the clause tree, access."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Release
from accord.standards.models import Clause, ClauseParameter, Standard, StandardVersion
from accord.standards.services import drafting as services
from accord.standards.tests.conftest import build_tree, make_standard

pytestmark = pytest.mark.django_db
Stage = StandardVersion.Stage


def test_standard_create_makes_first_working_draft(standards_people):
    standard = make_standard(standards_people["editor"])
    assert standard.owner.code == "SEC"
    assert standard.release == Release.MEMBERS
    version = standard.versions.get()
    assert (version.number, version.stage, version.frozen) == (1, Stage.WORKING_DRAFT, False)
    assert AuditEvent.objects.filter(action="standards.standard.create").count() == 1


def test_standard_create_validates_categories_and_classes(standards_people):
    with pytest.raises(ValidationFailed) as exc:
        make_standard(standards_people["editor"], threat_categories=["lasers"])
    assert "threat_categories" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        make_standard(
            standards_people["editor"],
            protection_classes=[{"code": "PC1"}, {"code": "PC1"}],
        )
    assert "protection_classes" in exc.value.errors


def test_standard_create_needs_editor_role(standards_people):
    with pytest.raises(PermissionDenied):
        make_standard(standards_people["sec_plain"])
    assert not Standard.objects.exists()


def test_tree_numbers_and_order(draft_version):
    clauses = {c.number: c for c in draft_version.clauses.all()}
    assert set(clauses) == {"4", "4.1", "4.2", "5", "5.1", "5.2"}
    assert clauses["4.1"].parent == clauses["4"]
    assert [c.number for c in clauses["4"].children.order_by("order")] == ["4.1", "4.2"]
    assert clauses["4.1"].parameters.count() == 3


def test_stage_transitions_in_order(standards_people, draft_version):
    editor = standards_people["editor"]
    with pytest.raises(Conflict):
        services.version_set_stage(actor=editor, version=draft_version, stage="ballot")
    with pytest.raises(Conflict):
        services.version_adopt(actor=editor, version=draft_version)
    services.version_set_stage(actor=editor, version=draft_version, stage="committee_draft")
    services.version_set_stage(actor=editor, version=draft_version, stage="working_draft")
    services.version_set_stage(actor=editor, version=draft_version, stage="committee_draft")
    services.version_set_stage(actor=editor, version=draft_version, stage="ballot")
    draft_version.refresh_from_db()
    assert draft_version.stage == Stage.BALLOT
    services.version_adopt(actor=editor, version=draft_version)
    draft_version.refresh_from_db()
    assert draft_version.stage == Stage.ADOPTED
    assert draft_version.frozen and draft_version.adopted_at is not None
    actions = list(
        AuditEvent.objects.filter(action__startswith="standards.version.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-1] == "standards.version.adopted"


def test_empty_draft_cannot_leave_working_draft(standards_people, standard):
    version = standard.versions.get()
    with pytest.raises(Conflict):
        services.version_set_stage(
            actor=standards_people["editor"], version=version, stage="committee_draft"
        )


def test_secretariat_officer_opens_ballot_other_party_cannot(standards_people, draft_version):
    services.version_set_stage(
        actor=standards_people["editor"], version=draft_version, stage="committee_draft"
    )
    with pytest.raises(PermissionDenied):
        services.version_set_stage(
            actor=standards_people["rus_editor"], version=draft_version, stage="ballot"
        )
    services.version_set_stage(
        actor=standards_people["officer"], version=draft_version, stage="ballot"
    )
    draft_version.refresh_from_db()
    assert draft_version.stage == Stage.BALLOT


def test_no_edit_during_ballot(standards_people, draft_version):
    editor = standards_people["editor"]
    services.version_set_stage(actor=editor, version=draft_version, stage="committee_draft")
    services.version_set_stage(actor=editor, version=draft_version, stage="ballot")
    clause = draft_version.clauses.get(number="4.1")
    with pytest.raises(Conflict):
        services.clause_update(actor=editor, clause=clause, revision=clause.revision, text_en="x")
    # a failed ballot brings the version back to committee draft, editable again
    services.version_set_stage(actor=editor, version=draft_version, stage="committee_draft")
    services.clause_update(
        actor=editor, clause=clause, revision=clause.revision, text_en="Changed text."
    )


def test_adopted_version_is_frozen(standards_people, adopted_version):
    editor = standards_people["editor"]
    clause = adopted_version.clauses.get(number="4.1")
    section = adopted_version.clauses.get(number="4")
    before = AuditEvent.objects.count()
    attempts = [
        lambda: services.clause_update(
            actor=editor, clause=clause, revision=clause.revision, text_en="x"
        ),
        lambda: services.clause_add(
            actor=editor,
            version=adopted_version,
            kind="requirement",
            parent=section,
            text_en="New.",
            normative_level="shall",
        ),
        lambda: services.clause_move(actor=editor, clause=clause, parent=None, position=0),
        lambda: services.clause_delete(actor=editor, clause=clause),
        lambda: services.parameter_set(
            actor=editor, clause=clause, name="detection_range", protection_class="PC1", value=5
        ),
        lambda: services.version_update(
            actor=editor,
            version=adopted_version,
            expected_version=adopted_version.version,
            label="x",
        ),
        lambda: services.version_set_stage(
            actor=editor, version=adopted_version, stage="committee_draft"
        ),
    ]
    for attempt in attempts:
        with pytest.raises(Conflict):
            attempt()
    clause.refresh_from_db()
    assert clause.text_en.startswith("The operator shall detect")
    assert adopted_version.clauses.count() == 6
    assert ClauseParameter.objects.get(clause=clause, protection_class="PC1").value == Decimal(
        "1000"
    )
    assert AuditEvent.objects.count() == before


def test_new_version_from_adopted_copies_tree_with_uids(standards_people, adopted_version):
    editor = standards_people["editor"]
    new = services.version_create(
        actor=editor, standard=adopted_version.standard, previous=adopted_version
    )
    assert (new.number, new.stage, new.frozen, new.previous) == (
        2,
        Stage.WORKING_DRAFT,
        False,
        adopted_version,
    )
    old = {c.uid: c for c in adopted_version.clauses.all()}
    copied = {c.uid: c for c in new.clauses.select_related("parent")}
    assert set(old) == set(copied)
    for uid, clause in copied.items():
        assert clause.pk != old[uid].pk
        assert clause.number == old[uid].number
        assert clause.text_en == old[uid].text_en
        assert (clause.parent.uid if clause.parent else None) == (
            old[uid].parent.uid if old[uid].parent else None
        )
        assert clause.parent is None or clause.parent.version_id == new.pk
    sensors = new.clauses.get(number="4.1")
    assert {(p.protection_class, p.value) for p in sensors.parameters.all()} == {
        ("PC1", Decimal("1000")),
        ("PC2", Decimal("2000")),
        ("PC3", Decimal("3000")),
    }
    # editing the new version leaves the adopted one as it was
    services.clause_update(actor=editor, clause=sensors, revision=sensors.revision, text_en="New")
    assert adopted_version.clauses.get(number="4.1").text_en.startswith("The operator")


def test_new_version_only_from_adopted(standards_people, draft_version):
    with pytest.raises(ValidationFailed):
        services.version_create(
            actor=standards_people["editor"],
            standard=draft_version.standard,
            previous=draft_version,
        )
    with pytest.raises(Conflict):
        services.version_create(actor=standards_people["editor"], standard=draft_version.standard)


def test_withdraw_adopted(standards_people, adopted_version):
    services.version_withdraw(actor=standards_people["editor"], version=adopted_version)
    adopted_version.refresh_from_db()
    assert adopted_version.stage == Stage.WITHDRAWN and adopted_version.frozen
    with pytest.raises(Conflict):
        services.version_withdraw(actor=standards_people["editor"], version=adopted_version)


def test_clause_rules(standards_people, draft_version):
    editor = standards_people["editor"]
    requirement = draft_version.clauses.get(number="4.1")
    section = draft_version.clauses.get(number="4")
    with pytest.raises(ValidationFailed) as exc:
        services.clause_add(
            actor=editor, version=draft_version, kind="requirement", parent=section, text_en="x"
        )
    assert "normative_level" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        services.clause_add(
            actor=editor,
            version=draft_version,
            kind="requirement",
            parent=requirement,
            text_en="x",
            normative_level="shall",
        )
    assert "parent" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        services.clause_add(
            actor=editor,
            version=draft_version,
            kind="requirement",
            parent=section,
            number="4.1",
            text_en="x",
            normative_level="shall",
        )
    assert "number" in exc.value.errors
    with pytest.raises(Conflict):
        services.clause_delete(actor=editor, clause=section)
    with pytest.raises(ValidationFailed):
        services.parameter_set(
            actor=editor,
            clause=requirement,
            name="detection_range",
            protection_class="PC9",
            value=1,
        )
    with pytest.raises(ValidationFailed):
        services.parameter_set(
            actor=editor,
            clause=requirement,
            name="detection_range",
            protection_class="PC1",
            value="x",
        )


def test_stale_clause_edit_is_conflict(standards_people, draft_version):
    editor = standards_people["editor"]
    clause = draft_version.clauses.get(number="4.2")
    stale = clause.revision
    services.clause_update(actor=editor, clause=clause, revision=stale, text_en="First edit.")
    again = Clause.objects.get(pk=clause.pk)
    with pytest.raises(Conflict):
        services.clause_update(actor=editor, clause=again, revision=stale, text_en="Second.")
    assert Clause.objects.get(pk=clause.pk).text_en == "First edit."


def test_move_and_delete(standards_people, draft_version):
    editor = standards_people["editor"]
    logging = draft_version.clauses.get(number="4.2")
    response = draft_version.clauses.get(number="5")
    services.clause_move(actor=editor, clause=logging, parent=response, position=0, number="5.0")
    assert [c.number for c in response.children.order_by("order")] == ["5.0", "5.1", "5.2"]
    with pytest.raises(ValidationFailed):
        services.clause_move(actor=editor, clause=response, parent=response, position=0)
    services.clause_delete(actor=editor, clause=logging)
    assert [c.order for c in response.children.order_by("order")] == [0, 1]
    assert AuditEvent.objects.filter(action="standards.clause.delete").count() == 1


def test_parameter_set_and_remove(standards_people, draft_version):
    editor = standards_people["editor"]
    clause = draft_version.clauses.get(number="4.1")
    services.parameter_set(
        actor=editor,
        clause=clause,
        name="warning_time",
        protection_class="PC2",
        value="90",
        unit="s",
    )
    assert clause.parameters.filter(name="warning_time").get().value == Decimal("90")
    services.parameter_set(
        actor=editor, clause=clause, name="warning_time", protection_class="PC2", value=None
    )
    assert not clause.parameters.filter(name="warning_time").exists()


# --- Access --------------------------------------------------------------------------------


def test_member_release_seen_by_members_not_observers(standards_people, draft_version):
    kaz, observer = standards_people["kaz"], standards_people["observer"]
    assert Standard.objects.visible_to(kaz).count() == 1
    assert StandardVersion.objects.visible_to(kaz).count() == 1
    assert Clause.objects.visible_to(kaz).count() == 6
    assert not Standard.objects.visible_to(observer).exists()
    assert not StandardVersion.objects.visible_to(observer).exists()
    assert not Clause.objects.visible_to(observer).exists()


def test_owner_only_standard_hidden_from_other_parties(standards_people):
    standard = make_standard(standards_people["editor"], code="PS-X", release=Release.OWNER)
    version = standard.versions.get()
    for who in ("kaz", "rus_editor", "observer"):
        assert not StandardVersion.objects.visible_to(standards_people[who]).exists()
    assert StandardVersion.objects.visible_to(standards_people["sec_plain"]).exists()
    before = AuditEvent.objects.count()
    with pytest.raises(NotFound):
        services.clause_add(
            actor=standards_people["rus_editor"],
            version=version,
            kind="section",
            title_en="Intrusion",
        )
    assert not version.clauses.exists()
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("who", ["rus_editor", "kaz", "sec_plain"])
def test_edits_refused_without_role_or_ownership(standards_people, draft_version, who):
    actor = standards_people[who]
    clause = draft_version.clauses.get(number="4.1")
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.clause_update(actor=actor, clause=clause, revision=clause.revision, text_en="x")
    with pytest.raises(PermissionDenied):
        services.version_set_stage(actor=actor, version=draft_version, stage="committee_draft")
    with pytest.raises(PermissionDenied):
        services.standard_update(
            actor=actor, standard=draft_version.standard, version=1, title_en="x"
        )
    clause.refresh_from_db()
    assert clause.text_en.startswith("The operator shall")
    assert AuditEvent.objects.count() == before


def test_build_tree_helper_is_reusable(standards_people):
    standard = make_standard(standards_people["editor"], code="PS-Y")
    tree = build_tree(standards_people["editor"], standard.versions.get())
    assert tree["sensors"].normative_level == "shall"
