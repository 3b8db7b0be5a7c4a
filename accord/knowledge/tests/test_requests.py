"""Requests for information: each answer carries its own marking — an answer released
to the requester only is invisible to the other addressees (service, API, page); the
request itself is seen by the requester and the addressees only; response times count
only what the reader sees; an answered request becomes a knowledge item."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from accord.core.errors import NotFound, PermissionDenied, ValidationFailed
from accord.core.models import Classification, Release
from accord.knowledge import selectors, services
from accord.knowledge.domain.response_times import Asked, response_times

DUE = dt.date.today() + dt.timedelta(days=7)


@pytest.fixture
def rfi_world(make_user, party):
    users = {
        code: make_user(code, clearance=Classification.CONFIDENTIAL, roles=["knowledge_editor"])
        for code in ("RUS", "KAZ", "BLR", "ARM")
    }
    request = services.request_send(
        actor=users["RUS"],
        title="Disposal of thermal batteries",
        question="How do you dispose of thermal batteries?",
        due_on=DUE,
        addressees=[party("KAZ"), party("BLR")],
    )
    private = services.answer_add(
        actor=users["KAZ"], request=request, text="Kazakh answer for the requester only"
    )
    shared = services.answer_add(
        actor=users["BLR"],
        request=request,
        text="Belarusian answer for every member",
        release=Release.MEMBERS,
    )
    return users, request, private, shared


def test_an_answer_released_to_the_requester_only_is_invisible_to_other_addressees(
    rfi_world, api_client, client
):
    users, request, private, shared = rfi_world
    expected = {
        "RUS": {private.pk, shared.pk},  # the requester reads both
        "KAZ": {private.pk, shared.pk},  # its own, and the one released to members
        "BLR": {shared.pk},  # never Kazakhstan's answer to the requester
    }
    for code, answers in expected.items():
        user = users[code]
        got = set(selectors.answers_of(actor=user, request=request).values_list("pk", flat=True))
        assert got == answers, code
        body = api_client(user).get(reverse("knowledge-api:request-detail", args=[request.pk]))
        assert {a["id"] for a in body.json()["answers"]} == answers, code
        client.force_login(user)
        page = client.get(reverse("knowledge:request-detail", args=[request.pk])).content.decode()
        assert ("Kazakh answer for the requester only" in page) is (private.pk in answers), code
    # A party not addressed does not see the request at all.
    with pytest.raises(NotFound):
        selectors.request_get(actor=users["ARM"], pk=request.pk)
    arm = api_client(users["ARM"]).get(reverse("knowledge-api:request-detail", args=[request.pk]))
    assert arm.status_code == 404


def test_answers_must_reach_the_requester_and_come_from_addressees(rfi_world, make_user):
    users, request, _private, _shared = rfi_world
    with pytest.raises(ValidationFailed):
        services.answer_add(actor=users["BLR"], request=request, text="Kept", release=Release.OWNER)
    with pytest.raises(NotFound):  # not addressed: the request is hidden
        services.answer_add(actor=users["ARM"], request=request, text="Unasked")
    with pytest.raises(PermissionDenied):  # addressed, but not a lessons manager
        services.answer_add(
            actor=make_user("KAZ", roles=["legal_adviser"]), request=request, text="x"
        )


def test_response_times_count_only_what_the_reader_sees(rfi_world):
    users, _request, _private, _shared = rfi_world
    by_party = {row.party: row for row in selectors.request_response_times(actor=users["BLR"])}
    assert by_party["BLR"].answered == 1
    assert by_party["KAZ"].answered == 0  # Kazakhstan's answer is hidden from Belarus
    requester = {r.party: r for r in selectors.request_response_times(actor=users["RUS"])}
    assert (requester["KAZ"].answered, requester["KAZ"].on_time) == (1, 1)


def test_an_answered_request_becomes_a_knowledge_item_kept_by_the_requester(rfi_world):
    users, request, _private, _shared = rfi_world
    item = services.request_to_item(actor=users["RUS"], request=request, areas=["dispose"])
    assert (item.kind, item.release, item.owner.code) == ("answer", Release.OWNER, "RUS")
    assert "Kazakh answer" in item.body
    with pytest.raises(NotFound):
        selectors.item_get(actor=users["KAZ"], pk=item.pk)


def test_response_times_arithmetic():
    today = dt.date(2026, 5, 10)
    rows = [
        Asked("KAZ", dt.date(2026, 5, 1), dt.date(2026, 5, 5), dt.date(2026, 5, 3)),
        Asked("KAZ", dt.date(2026, 5, 1), dt.date(2026, 5, 5), dt.date(2026, 5, 9)),
        Asked("KAZ", dt.date(2026, 5, 1), dt.date(2026, 5, 5), None),
        Asked("BLR", dt.date(2026, 5, 1), dt.date(2026, 5, 20), None),
    ]
    blr, kaz = response_times(rows, today)
    assert (kaz.sent, kaz.answered, kaz.on_time, kaz.overdue, kaz.median_days) == (3, 2, 1, 1, 5)
    assert (blr.sent, blr.answered, blr.overdue, blr.median_days) == (1, 0, 0, None)
