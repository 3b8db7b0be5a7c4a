"""The lessons lifecycle through the services: who may take each step, the stage each
step needs (409 otherwise), a stale version (409), the audit event of each write, the
visibility of a submitted observation, and no *learned* without done actions and a
validation result."""

from __future__ import annotations

import pytest

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification
from accord.knowledge import selectors, services
from accord.knowledge.models import Kind, KnowledgeItem
from accord.knowledge.tests.conftest import observe, task, to_identified


def test_a_submitted_observation_is_seen_by_its_author_and_its_party_lessons_manager_only(
    author, manager, make_user
):
    item = observe(author)  # released to every member
    colleague = make_user("RUS", roles=["legal_adviser"])
    other_manager = make_user("KAZ", roles=["knowledge_editor"])
    member = make_user("ARM")
    for user, sees in [
        (author, True),
        (manager, True),
        (colleague, False),
        (other_manager, False),
        (member, False),
    ]:
        assert selectors.item_list(actor=user).filter(pk=item.pk).exists() is sees, user
        if not sees:
            with pytest.raises(NotFound):
                selectors.item_get(actor=user, pk=item.pk)
    # Once verified, the access rule alone decides: every member sees it.
    services.item_verify(actor=manager, item=item, version=item.version)
    for user in (colleague, other_manager, member):
        assert selectors.item_get(actor=user, pk=item.pk).pk == item.pk


def test_the_whole_lifecycle_with_an_action_of_another_party(author, manager, make_user, party):
    lesson = to_identified(author, manager)
    assert lesson.kind == Kind.LESSON_IDENTIFIED
    kaz_manager = make_user("KAZ", roles=["knowledge_editor"])
    action = task(manager, lesson, party("KAZ"))
    lesson.release = "owner"
    KnowledgeItem.objects.filter(pk=lesson.pk).update(release="owner")
    # The action body takes part in the lesson: it sees it even when kept by its owner.
    assert selectors.item_get(actor=kaz_manager, pk=lesson.pk).pk == lesson.pk
    with pytest.raises(Conflict):  # an action is open, no validation
        services.item_learn(actor=manager, item=lesson, version=lesson.version)
    services.action_close(actor=kaz_manager, action=action, version=action.version, status="done")
    with pytest.raises(Conflict):  # still no validation
        services.item_learn(actor=manager, item=lesson, version=lesson.version)
    lesson = services.item_validate(
        actor=manager, item=lesson, version=lesson.version, result="It works"
    )
    lesson = services.item_learn(actor=manager, item=lesson, version=lesson.version)
    assert (lesson.stage, lesson.kind) == ("learned", Kind.LESSON_LEARNED)
    actions = AuditEvent.objects.filter(object_id=str(lesson.pk)).values_list("action", flat=True)
    assert {
        "knowledge.item.submit",
        "knowledge.item.verify",
        "knowledge.item.identify",
        "knowledge.action.add",
        "knowledge.action.done",
        "knowledge.item.validate",
        "knowledge.item.learn",
    } <= set(actions)


def test_validated_but_no_action_done_is_not_learned(author, manager, party):
    lesson = to_identified(author, manager)
    action = task(manager, lesson, party("RUS"))
    services.action_close(actor=manager, action=action, version=1, status="cancelled")
    lesson.refresh_from_db()
    lesson = services.item_validate(actor=manager, item=lesson, version=lesson.version, result="ok")
    with pytest.raises(Conflict) as refused:
        services.item_learn(actor=manager, item=lesson, version=lesson.version)
    assert "No remedial action is done" in str(refused.value.message)
    lesson.refresh_from_db()
    assert lesson.stage == "identified"


def test_a_rejected_observation_is_archived_not_deleted_and_not_edited(author, manager):
    item = observe(author)
    with pytest.raises(ValidationFailed):
        services.item_reject(actor=manager, item=item, version=item.version, reason=" ")
    item = services.item_reject(actor=manager, item=item, version=item.version, reason="Dup")
    assert KnowledgeItem.objects.get(pk=item.pk).stage == "rejected"
    with pytest.raises(PermissionDenied):
        services.item_update(actor=manager, item=item, version=item.version, title_en="New")
    with pytest.raises(Conflict):
        services.item_verify(actor=manager, item=item, version=item.version)


def test_steps_need_the_lessons_manager_of_the_owner(author, manager, make_user):
    item = observe(author)
    kaz_manager = make_user("KAZ", roles=["knowledge_editor"])
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.item_verify(actor=author, item=item, version=item.version)
    with pytest.raises(NotFound):  # a submitted observation is hidden from other parties
        services.item_verify(actor=kaz_manager, item=item, version=item.version)
    assert AuditEvent.objects.count() == before
    assert KnowledgeItem.objects.get(pk=item.pk).stage == "submitted"


def test_a_stale_version_and_a_step_out_of_order_answer_409(author, manager):
    item = observe(author)
    with pytest.raises(Conflict):
        services.item_identify(
            actor=manager, item=item, version=item.version, root_cause="a", recommendation="b"
        )
    services.item_update(actor=author, item=item, version=item.version, title_en="Renamed")
    with pytest.raises(Conflict):
        services.item_verify(actor=manager, item=item, version=1)


def test_areas_are_mandatory_and_lifecycle_kinds_cannot_be_created(author, manager):
    with pytest.raises(ValidationFailed) as no_area:
        observe(author, areas=[])
    assert "areas" in no_area.value.errors
    with pytest.raises(ValidationFailed) as kind:
        services.item_create(actor=manager, kind=Kind.LESSON_LEARNED, title_en="x", areas=["use"])
    assert "kind" in kind.value.errors
    with pytest.raises(PermissionDenied):  # publishing needs the lessons manager
        services.item_create(actor=author, kind=Kind.BEST_PRACTICE, title_en="x", areas=["use"])
    with pytest.raises(ValidationFailed):  # above the author's clearance
        low = author
        low.clearance = Classification.RESTRICTED
        observe(low, classification=Classification.SECRET)


def test_overdue_actions_and_reminders_once_a_day(author, manager, party, make_user):
    from accord.core.models import Notification

    lesson = to_identified(author, manager)
    kaz_manager = make_user("KAZ", roles=["knowledge_editor"])
    task(manager, lesson, party("KAZ"), days=-3)
    assert [a.lesson_id for a in selectors.overdue_actions(actor=kaz_manager)] == [lesson.pk]
    assert selectors.desk(actor=kaz_manager).to_act
    before = Notification.objects.filter(recipient=kaz_manager).count()
    assert services.actions_remind() == 1
    assert services.actions_remind() == 0
    assert Notification.objects.filter(recipient=kaz_manager).count() == before + 1
