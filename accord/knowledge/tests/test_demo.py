"""The demo knowledge loads through the services, covers each lifecycle stage and area,
and a second run changes nothing."""

from __future__ import annotations

import io

from accord.core.models import AuditEvent
from accord.knowledge import demo, selectors
from accord.knowledge.models import (
    GuidelineEdition,
    InformationRequest,
    KnowledgeItem,
    RemedialAction,
)


def test_demo_loads_once_and_a_second_run_changes_nothing(db):
    demo.load(io.StringIO())
    items, events = KnowledgeItem.objects.count(), AuditEvent.objects.count()
    stages = set(KnowledgeItem.objects.values_list("stage", flat=True))
    assert {"submitted", "verified", "rejected", "identified", "learned", "published"} == stages
    areas = {code for item in KnowledgeItem.objects.all() for code in item.area_list}
    assert areas == {"develop", "produce", "use", "dispose", "protect"}
    overdue = RemedialAction.objects.get(status="open")
    assert overdue.action_body.code == "KAZ" and overdue.lesson.owner.code == "RUS"
    kaz = demo.User.objects.get(username="kaz.lessons")
    assert list(selectors.overdue_actions(actor=kaz)) == [overdue]
    request = InformationRequest.objects.get(title=demo.REQUEST_TITLE)
    assert {a.release for a in request.answers.all()} == {"listed", "members"}
    first, second = GuidelineEdition.objects.filter(code=demo.GUIDELINE_CODE).order_by("issued_on")
    assert second.supersedes == first
    lesson = KnowledgeItem.objects.get(guideline_clause__isnull=False)
    moved = selectors.lessons_by_clause(actor=kaz, edition=second)["notify"]
    assert moved == [lesson] and lesson.guideline_clause.edition == first
    demo.load(io.StringIO())
    assert (KnowledgeItem.objects.count(), AuditEvent.objects.count()) == (items, events)
