"""Issue 19, "a desk per role on the home page": what awaits me, by module, with what is
overdue, instead of a raw audit stream of colleagues' "view" events; sentences in the
reader's language. Each module's lines follow its roles and the access rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from accord.core.audit import record_view
from accord.core.models import Classification
from accord.core.tests.marked import BUILDERS

pytestmark = pytest.mark.django_db


def _desk(client: Client, user: Any, language: str = "en") -> tuple[str, list[str]]:
    client.force_login(user)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    return html, html.split('data-testid="desk-line"')[1:]


def test_tracing_request_waits_on_the_requested_partys_customs_desk(
    client: Client, make_user: Any
) -> None:
    sender = make_user("RUS", roles=["customs_officer"])
    request, _ = BUILDERS["trafficking.TracingRequest"].build(sender, "desk")
    answerer = make_user("BLR", roles=["customs_officer"])
    finance = make_user("BLR", roles=["finance_officer"])

    _html, lines = _desk(client, answerer)
    line = next(line for line in lines if "Tracing requests to answer" in line)
    assert "<strong>1</strong>" in line
    assert "overdue" not in line

    type(request).objects.filter(pk=request.pk).update(
        due_date=dt.date.today() - dt.timedelta(days=2)
    )
    _html, lines = _desk(client, answerer)
    line = next(line for line in lines if "Tracing requests to answer" in line)
    assert "1 overdue" in line

    # The sender's inbox holds nothing; a finance officer has no tracing desk at all.
    assert not any("Tracing requests" in line for line in _desk(client, sender)[1])
    html, lines = _desk(client, finance)
    assert not any("Tracing requests" in line for line in lines)
    assert 'data-testid="desk-empty"' in html


def test_review_in_deliberation_waits_for_each_participating_partys_conclusion(
    client: Client, make_user: Any
) -> None:
    from accord.expertise.models import Review

    owner = make_user("RUS", roles=["legal_adviser"])
    review, _ = BUILDERS["expertise.Review"].build(owner, "desk")
    Review.objects.filter(pk=review.pk).update(state=Review.State.DELIBERATION)
    participant = make_user("BLR", roles=["legal_adviser"])
    outsider = make_user("KAZ", roles=["legal_adviser"])

    for user in (owner, participant):
        line = next(line for line in _desk(client, user)[1] if "awaiting your party" in line)
        assert "<strong>1</strong>" in line
    assert not any("awaiting your party" in line for line in _desk(client, outsider)[1])


def test_desk_speaks_the_readers_language(client: Client, make_user: Any) -> None:
    sender = make_user("RUS", roles=["customs_officer"])
    BUILDERS["trafficking.TracingRequest"].build(sender, "deskru")
    answerer = make_user("BLR", roles=["customs_officer"])
    html, lines = _desk(client, answerer, "ru")
    assert lines
    assert "Tracing requests to answer" not in html
    assert "Что вас ждёт" in html


def test_recent_activity_leaves_out_reads(client: Client, make_user: Any) -> None:
    owner = make_user("RUS", roles=["customs_officer"], username="desk.owner")
    colleague = make_user("RUS", roles=["customs_officer"], username="desk.colleague")
    item, _ = BUILDERS["trafficking.Item"].build(owner, "deskview")
    type(item).objects.filter(pk=item.pk).update(classification=Classification.CONFIDENTIAL)
    item.refresh_from_db()
    record_view(actor=colleague, obj=item)
    client.force_login(owner)
    html = client.get("/").content.decode()
    activity = html.split('data-testid="activity"')[1].split("</ul>")[0]
    assert "desk.colleague" not in activity  # their only event is a read
    assert "desk.owner" in activity  # the registration is activity
