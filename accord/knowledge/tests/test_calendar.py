"""The iCalendar feed of due dates: a valid RFC 5545 calendar (parsed back with the
`icalendar` library) holding the open actions, open requests and guideline reviews the
user may see — never one of a record hidden from them."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from icalendar import Calendar

from accord.core.models import Classification, Release
from accord.knowledge import services
from accord.knowledge.tests.conftest import task, to_identified


def _events(client, user):
    client.force_login(user)
    response = client.get(reverse("knowledge:export-calendar"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["uid"]).split("@")[0]: event for event in calendar.walk("VEVENT")}


def test_the_feed_holds_only_what_the_user_may_see(author, manager, make_user, party, client):
    lesson = to_identified(author, manager, release=Release.OWNER)  # KAZ takes part
    action = task(manager, lesson, party("KAZ"), days=5)
    kaz = make_user("KAZ", clearance=Classification.SECRET, roles=["knowledge_editor"])
    arm = make_user("ARM", clearance=Classification.SECRET, roles=["knowledge_editor"])
    request = services.request_send(
        actor=manager,
        title="Thermal batteries",
        question="How?",
        due_on=dt.date.today() + dt.timedelta(days=9),
        addressees=[party("KAZ")],
    )
    edition = services.guideline_publish(
        actor=manager,
        code="IATG 01.10",
        title="Guide",
        edition="1",
        issued_on=dt.date(2020, 1, 1),
        next_review=dt.date(2027, 1, 1),
        clauses=[{"key": "a", "number": "1", "text": "Text"}],
    )
    mine = _events(client, kaz)
    assert {
        f"knowledge-action-{action.pk}",
        f"knowledge-request-{request.pk}",
        f"knowledge-guideline-{edition.pk}",
    } <= set(mine)
    event = mine[f"knowledge-action-{action.pk}"]
    assert event.decoded("dtstart") == action.due_on
    assert str(event["url"]).endswith(reverse("knowledge:item-detail", args=[lesson.pk]))
    # Armenia takes part in neither the lesson nor the request: only the public guideline.
    assert set(_events(client, arm)) == {f"knowledge-guideline-{edition.pk}"}
