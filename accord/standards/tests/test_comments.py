"""Comments on drafts: who comments when, dispositions, access (services).

The fixtures here (`voters`, `committee_draft`) are shared with the ballot and comment
table tests, which import them."""

from __future__ import annotations

from typing import Any

import pytest

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification
from accord.standards.models import Comment, Standard, StandardVersion
from accord.standards.services import consultation as services
from accord.standards.services import drafting

pytestmark = pytest.mark.django_db
Stage = StandardVersion.Stage


@pytest.fixture
def voters(make_user: Any, standards_people: dict[str, Any]) -> dict[str, Any]:
    """Standards editors of member states, plus users who may not vote or comment."""
    people = dict(standards_people)
    for code in ("ARM", "BLR", "KAZ", "KGZ", "TJK"):
        people[code] = make_user(code, roles=["standards_editor"], username=f"{code.lower()}.ed")
    people["RUS"] = people["rus_editor"]
    people["irn_editor"] = make_user("IRN", roles=["standards_editor"], username="irn.ed")
    people["rus_plain"] = make_user("RUS", username="rus.plain")
    people["rus_low"] = make_user(
        "RUS", clearance=0, roles=["standards_editor"], username="rus.low"
    )
    return people


@pytest.fixture
def committee_draft(voters: dict[str, Any], draft_version: StandardVersion) -> StandardVersion:
    drafting.version_set_stage(
        actor=voters["editor"], version=draft_version, stage=Stage.COMMITTEE_DRAFT
    )
    draft_version.refresh_from_db()
    return draft_version


def first_requirement(version: StandardVersion) -> Any:
    return version.clauses.filter(kind="requirement").order_by("order", "id").first()


def add(actor: Any, version: StandardVersion, **fields: Any) -> Comment:
    values: dict[str, Any] = {"type": "technical", "comment": "Range too short for PC3."}
    values.update(fields)
    return services.comment_add(actor=actor, version=version, **values)


def test_member_editor_comments_on_a_clause(voters, committee_draft):
    clause = first_requirement(committee_draft)
    comment = add(
        voters["RUS"],
        committee_draft,
        clause=clause,
        line="12",
        paragraph="Table 1",
        proposed_change="Raise it to 4000 m.",
    )
    assert comment.party.code == "RUS"
    assert comment.clause_number == clause.number
    assert comment.disposition == ""
    event = AuditEvent.objects.get(action="standards.comment.add")
    assert event.actor_party_code == "RUS"


def test_general_comment_has_no_clause(voters, committee_draft):
    comment = add(voters["KAZ"], committee_draft, type="general", comment="Add a glossary.")
    assert comment.clause is None and comment.clause_number == ""


def test_secretariat_editor_may_comment_but_observer_may_not(voters, committee_draft):
    add(voters["editor"], committee_draft, type="editorial")
    with pytest.raises((PermissionDenied, NotFound)):
        add(voters["irn_editor"], committee_draft)
    assert Comment.objects.count() == 1


def test_comment_needs_editor_role(voters, committee_draft):
    with pytest.raises(PermissionDenied):
        add(voters["rus_plain"], committee_draft)
    assert not Comment.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="standards.comment").exists()


def test_comment_refused_outside_commenting_stages(voters, draft_version):
    with pytest.raises(Conflict):
        add(voters["RUS"], draft_version)
    assert not Comment.objects.exists()


def test_comment_validates_type_text_and_clause(voters, committee_draft, standard):
    with pytest.raises(ValidationFailed) as exc:
        add(voters["RUS"], committee_draft, type="rude")
    assert "type" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        add(voters["RUS"], committee_draft, comment="  ")
    assert "comment" in exc.value.errors
    other = drafting.standard_create(
        actor=voters["editor"], code="OTHER 1", title_en="Other", release="members"
    ).versions.get()
    foreign_clause = drafting.clause_add(
        actor=voters["editor"], version=other, kind="section", number="1", title_en="X"
    )
    with pytest.raises(ValidationFailed) as exc:
        add(voters["RUS"], committee_draft, clause=foreign_clause.pk)
    assert "clause" in exc.value.errors
    assert not Comment.objects.exists()


def test_hidden_standard_answers_not_found(voters, committee_draft):
    Standard.objects.filter(pk=committee_draft.standard_id).update(
        classification=Classification.SECRET
    )
    committee_draft.standard.refresh_from_db()
    with pytest.raises(NotFound):
        add(voters["rus_low"], committee_draft)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("release", "listed", "who", "allowed"),
    [
        ("owner", [], "RUS", False),  # owner party (SEC) only: RUS does not see it
        ("owner", [], "editor", True),
        ("listed", ["KAZ"], "RUS", False),
        ("listed", ["KAZ"], "KAZ", True),
        ("members", [], "RUS", True),
        ("members_observers", [], "irn_editor", False),  # sees it, but observers do not comment
    ],
)
def test_access_matrix_by_marking(voters, committee_draft, party, release, listed, who, allowed):
    standard = Standard.objects.get(pk=committee_draft.standard_id)
    standard.release = release
    standard.save(update_fields=["release"])
    standard.released_to.set([party(code) for code in listed])
    events = AuditEvent.objects.count()
    if allowed:
        add(voters[who], committee_draft)
        assert Comment.objects.count() == 1
        return
    with pytest.raises((NotFound, PermissionDenied)) as exc:
        add(voters[who], committee_draft)
    expected = PermissionDenied if release == "members_observers" else NotFound
    assert isinstance(exc.value, expected)
    assert not Comment.objects.exists()
    assert AuditEvent.objects.count() == events


def test_update_and_withdraw_by_commenting_party_only(voters, committee_draft):
    comment = add(voters["RUS"], committee_draft)
    with pytest.raises(PermissionDenied):
        services.comment_update(
            actor=voters["KAZ"], comment=comment, expected_version=1, data={"comment": "Mine now"}
        )
    updated = services.comment_update(
        actor=voters["RUS"],
        comment=comment,
        expected_version=1,
        data={"comment": "Range too short."},
    )
    assert updated.comment == "Range too short." and updated.version == 2
    with pytest.raises(Conflict):
        services.comment_update(
            actor=voters["RUS"], comment=comment, expected_version=1, data={"line": "3"}
        )
    with pytest.raises(PermissionDenied):
        services.comment_withdraw(actor=voters["KAZ"], comment=comment)
    withdrawn = services.comment_withdraw(actor=voters["RUS"], comment=comment)
    assert withdrawn.withdrawn
    with pytest.raises(Conflict):
        services.comment_withdraw(actor=voters["RUS"], comment=comment)


def test_dispose_by_owner_editor_or_secretariat_officer(voters, committee_draft):
    comment = add(voters["RUS"], committee_draft)
    with pytest.raises(PermissionDenied):
        services.comment_dispose(
            actor=voters["RUS"], comment=comment, disposition="accepted", reason=""
        )
    comment.refresh_from_db()
    assert comment.disposition == ""
    with pytest.raises(ValidationFailed) as exc:
        services.comment_dispose(actor=voters["editor"], comment=comment, disposition="rejected")
    assert "disposition_reason" in exc.value.errors
    with pytest.raises(ValidationFailed):
        services.comment_dispose(actor=voters["editor"], comment=comment, disposition="maybe")
    disposed = services.comment_dispose(
        actor=voters["editor"],
        comment=comment,
        disposition="accepted_in_principle",
        reason="Raised to 3500 m.",
    )
    assert disposed.disposition == "accepted_in_principle"
    assert disposed.disposed_by == voters["editor"]
    again = services.comment_dispose(
        actor=voters["officer"], comment=comment, disposition="accepted"
    )
    assert again.disposition == "accepted"
    event = AuditEvent.objects.filter(action="standards.comment.dispose").first()
    assert event is not None and event.before_data["disposition"] == "accepted_in_principle"
    with pytest.raises(Conflict):
        services.comment_update(
            actor=voters["RUS"], comment=comment, expected_version=again.version, data={"line": "1"}
        )


def test_disposing_a_withdrawn_comment_is_refused(voters, committee_draft):
    comment = add(voters["RUS"], committee_draft)
    services.comment_withdraw(actor=voters["RUS"], comment=comment)
    with pytest.raises(Conflict):
        services.comment_dispose(actor=voters["editor"], comment=comment, disposition="accepted")
