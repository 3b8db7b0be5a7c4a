"""Denials and CONFIDENTIAL reads in the audit trail (issue 17, point 7).

A signed-in user's 403 or 404 is an `access.denied` event (outcome "denied") naming the
method, path and status only; a scanner's run of probes is coalesced into one event per
window, the next event counting the probes left out. A GET that shows CONFIDENTIAL (or
higher) records, on a list or an edit page, names their ids in one `records.read` event."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accord.core.models import AuditEvent, Classification, Release
from accord.core.selectors import audit_events_visible_to
from tests.markedapp.models import Dossier


@pytest.fixture(autouse=True)
def _denials_audited(settings: Any) -> None:
    """On in production; off in the test settings for the modules' tests (see there)."""
    settings.ACCORD_AUDIT_DENIALS = True


def _dossier(party: Any, code: str, classification: int, release: str = Release.PUBLIC) -> Any:
    return Dossier.objects.create(
        owner=party(code), classification=classification, release=release, title="x"
    )


def test_a_404_probe_is_audited_as_a_denial_without_the_object(make_user: Any, party: Any) -> None:
    user = make_user("KAZ")
    hidden = _dossier(party, "RUS", Classification.UNCLASSIFIED, Release.OWNER)
    hidden.title = "Secret project name"
    hidden.save()
    client = Client()
    client.force_login(user)
    response = client.get(
        reverse("dossier-detail", args=[hidden.pk]), HTTP_X_REQUEST_ID="probe-404-1"
    )
    assert response.status_code == 404
    event = AuditEvent.objects.get(action="access.denied")
    assert (event.actor_id, event.outcome, event.request_id) == (user.pk, "denied", "probe-404-1")
    assert event.after_data == {
        "method": "GET",
        "path": f"/dossiers/{hidden.pk}/",
        "status": 404,
        "suppressed_before": 0,
    }
    assert event.object_id == "" and event.object_owner_id is None
    assert "Secret project" not in event.object_repr + event.after


def test_a_403_is_audited_and_an_anonymous_refusal_is_not(make_user: Any, party: Any) -> None:
    dossier = _dossier(party, "RUS", Classification.UNCLASSIFIED)
    stranger = make_user("KAZ")
    client = Client()
    client.force_login(stranger)
    response = client.post(
        reverse("dossier-edit", args=[dossier.pk]), {"version": dossier.version, "title": "t"}
    )
    assert response.status_code == 403
    event = AuditEvent.objects.get(action="access.denied")
    assert event.after_data["status"] == 403 and event.after_data["method"] == "POST"
    before = AuditEvent.objects.count()
    assert Client().get("/api/v1/no-such-thing/").status_code == 404
    assert AuditEvent.objects.count() == before


def test_a_scanner_is_coalesced_into_one_event_per_window(
    make_user: Any, api_client: Any, monkeypatch: Any
) -> None:
    from accord.core import middleware

    client = api_client(make_user("KAZ"))
    for probe in range(25):
        assert client.get(f"/api/test/dossiers/{900000 + probe}/").status_code == 404
    assert AuditEvent.objects.filter(action="access.denied").count() == 1
    later = time.time() + 61  # the window (60 s) has passed

    class _Clock:
        @staticmethod
        def time() -> float:
            return later

    monkeypatch.setattr(middleware, "time", _Clock)
    assert client.get("/api/test/dossiers/999999/").status_code == 404
    events = AuditEvent.objects.filter(action="access.denied").order_by("id")
    assert [e.after_data["suppressed_before"] for e in events] == [0, 24]


def test_denials_are_read_by_the_user_and_auditors_not_by_colleagues(
    make_user: Any, api_client: Any
) -> None:
    prober = make_user("KAZ")
    assert api_client(prober).get("/api/test/dossiers/987654/").status_code == 404
    event = AuditEvent.objects.get(action="access.denied")
    colleague = make_user("KAZ")
    auditor = make_user("KAZ", roles=["auditor"])
    assert event in audit_events_visible_to(prober)
    assert event not in audit_events_visible_to(colleague)
    seen = audit_events_visible_to(auditor).get(pk=event.pk)
    assert seen.detail_readable


def test_a_list_of_confidential_records_is_audited_in_one_event(make_user: Any, party: Any) -> None:
    reader = make_user("KAZ", clearance=3)
    confidential = [_dossier(party, "RUS", Classification.CONFIDENTIAL) for _ in range(3)]
    secret = _dossier(party, "RUS", Classification.SECRET)
    _dossier(party, "RUS", Classification.RESTRICTED)
    _dossier(party, "RUS", Classification.CONFIDENTIAL, Release.OWNER)  # not shown to KAZ
    client = Client()
    client.force_login(reader)
    response = client.get(reverse("dossier-list"), HTTP_X_REQUEST_ID="list-read-1")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="records.read")
    shown = sorted([d.pk for d in confidential] + [secret.pk])
    assert event.after_data == {"records": {"markedapp.dossier": shown}}
    assert event.object_classification == Classification.SECRET
    assert (event.actor_id, event.request_id, event.object_id) == (
        reader.pk,
        "list-read-1",
        "dossier-list",
    )
    # A reader cleared below SECRET does not see that event.
    assert event not in audit_events_visible_to(make_user("KAZ", clearance=2, roles=["auditor"]))


def test_an_api_list_of_confidential_records_is_audited(
    make_user: Any, party: Any, api_client: Any
) -> None:
    dossier = _dossier(party, "RUS", Classification.CONFIDENTIAL)
    response = api_client(make_user("KAZ")).get("/api/test/dossiers/")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="records.read")
    assert event.after_data["records"] == {"markedapp.dossier": [dossier.pk]}


def test_an_edit_page_of_a_confidential_record_is_audited(make_user: Any, party: Any) -> None:
    owner = make_user("RUS")
    dossier = _dossier(party, "RUS", Classification.CONFIDENTIAL)
    client = Client()
    client.force_login(owner)
    assert client.get(reverse("dossier-edit", args=[dossier.pk])).status_code == 200
    event = AuditEvent.objects.get(action="records.read")
    assert event.after_data["records"] == {"markedapp.dossier": [dossier.pk]}
    assert event.object_id == "dossier-edit"


def test_a_detail_page_with_its_view_event_is_not_named_twice_and_unmarked_lists_are_silent(
    make_user: Any, party: Any
) -> None:
    owner = make_user("RUS")
    dossier = _dossier(party, "RUS", Classification.CONFIDENTIAL)
    client = Client()
    client.force_login(owner)
    assert client.get(reverse("dossier-detail", args=[dossier.pk])).status_code == 200
    assert list(AuditEvent.objects.filter(actor_id=owner.pk).values_list("action", flat=True)) == [
        "view"
    ]
    Dossier.objects.filter(pk=dossier.pk).update(classification=Classification.RESTRICTED)
    before = AuditEvent.objects.count()
    assert client.get(reverse("dossier-list")).status_code == 200
    assert AuditEvent.objects.count() == before
