"""The tracing pages: the boxes, a new request (prefilled from an incident item and a
party), the file and its steps through the forms, refusals as messages (nothing changed),
a third party's 404, statistics, CSV, query counts, Russian; and the notifications page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from accord.core import views_notifications as nv
from accord.core.models import AuditEvent, Notification
from accord.core.tests.queries import assert_flat
from accord.trafficking.models import TracingRequest
from accord.trafficking.tests.test_tracing import people, send, sent  # noqa: F401

S = TracingRequest.State


def signed_in(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


def text(response: Any) -> str:
    return response.content.decode()


def page(name: str, **kwargs: Any) -> str:
    return reverse(f"trafficking:{name}", kwargs=kwargs)


def test_boxes_show_each_side_its_requests(client, people, sent):  # noqa: F811
    signed_in(client, people["kaz"])
    inbox = client.get(page("tracing"))
    assert inbox.status_code == 200 and sent.reference in text(inbox)
    assert sent.reference not in text(client.get(page("tracing") + "?box=outbox"))
    signed_in(client, people["rus"])
    assert sent.reference in text(client.get(page("tracing") + "?box=outbox"))
    assert sent.reference not in text(client.get(page("tracing") + "?box=inbox"))
    signed_in(client, people["arm"])
    assert sent.reference not in text(client.get(page("tracing") + "?box=all"))
    assert client.get(page("tracing-request", pk=sent.pk)).status_code == 404


def test_overdue_shown_and_filtered(client, people, sent):  # noqa: F811
    TracingRequest.objects.filter(pk=sent.pk).update(due_date=dt.date(2020, 1, 1))
    signed_in(client, people["kaz"])
    response = client.get(page("tracing") + "?box=inbox&overdue=1")
    assert sent.reference in text(response) and 'data-testid="overdue"' in text(response)
    assert sent.reference not in text(client.get(page("tracing") + "?box=inbox&overdue=0"))
    assert 'data-testid="overdue"' in text(client.get(page("tracing-request", pk=sent.pk)))


def test_new_request_through_the_form(client, people):  # noqa: F811
    signed_in(client, people["rus"])
    form = client.get(page("tracing-new") + "?party=KAZ")
    assert form.status_code == 200
    assert 'value="KAZ" selected' in text(form)
    data = {
        "requested_party": "KAZ",
        "circumstances": "Found in a lorry.",
        "grounds": "No licence.",
        "due_date": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        "classification": "1",
        "item-TOTAL_FORMS": "2",
        "item-INITIAL_FORMS": "0",
        "item-0-kind": "uncrewed",
        "item-0-serial_number": "SP3-1",
        "item-1-serial_number": "",
    }
    response = client.post(page("tracing-new"), data)
    assert response.status_code == 302, text(response)
    request = TracingRequest.objects.get()
    assert response["Location"] == page("tracing-request", pk=request.pk)
    assert [i.serial_number for i in request.items.all()] == ["SP3-1"]


def test_new_request_without_items_shows_the_error_and_stores_nothing(client, people):  # noqa: F811
    signed_in(client, people["rus"])
    data = {
        "requested_party": "KAZ",
        "circumstances": "Found.",
        "grounds": "No licence.",
        "due_date": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        "classification": "1",
        "item-TOTAL_FORMS": "1",
        "item-INITIAL_FORMS": "0",
    }
    response = client.post(page("tracing-new"), data)
    assert response.status_code == 400
    assert "Name at least one item to trace." in text(response)
    assert not TracingRequest.objects.exists()


def test_new_request_page_needs_the_officer_role(client, people):  # noqa: F811
    signed_in(client, people["rus_plain"])
    assert client.get(page("tracing-new")).status_code == 403


def test_prefill_from_an_incident_item(client, people, party):  # noqa: F811
    from accord.trafficking.services.incidents import incident_report

    incident = incident_report(
        actor=people["rus"],
        kind="seizure",
        occurred_on=dt.date.today() - dt.timedelta(days=1),
        country="RUS",
        locality="Fictional Crossing",
        items=[
            {
                "kind": "uncrewed",
                "manufacturer": "Fictional Aero",
                "model": "Sparrow-3",
                "serial_number": "SP3-777",
            }
        ],
    )
    item = incident.items.get()
    signed_in(client, people["rus"])
    response = client.get(page("tracing-new") + f"?incident_item={item.pk}&party=KAZ")
    assert response.status_code == 200
    body = text(response)
    assert "SP3-777" in body and "Fictional Crossing" in body and incident.reference in body
    # Another party cannot use the incident item: it does not see it.
    signed_in(client, people["arm"])
    assert client.get(page("tracing-new") + f"?incident_item={item.pk}").status_code == 404
    assert client.get(page("tracing-new") + "?incident_item=nonsense").status_code == 404


def test_steps_through_the_pages(client, people, sent):  # noqa: F811
    signed_in(client, people["kaz"])
    detail = client.get(page("tracing-request", pk=sent.pk))
    assert 'data-testid="tracing-acknowledge"' in text(detail)
    client.post(page("tracing-acknowledge", pk=sent.pk), {"version": sent.version})
    sent.refresh_from_db()
    assert sent.state == S.ACKNOWLEDGED
    data = {
        "version": sent.version,
        "outcome": "full",
        "answer": "Exported in 2021.",
        "last_legal_holder": "Fictional Trading LLC",
        "transfer-TOTAL_FORMS": "2",
        "transfer-INITIAL_FORMS": "0",
        "transfer-0-date": "2021-03-01",
        "transfer-0-from_holder": "Maker",
        "transfer-0-to_holder": "Fictional Trading LLC",
    }
    response = client.post(page("tracing-answer", pk=sent.pk), data)
    assert response.status_code == 302
    signed_in(client, people["rus"])
    detail = text(client.get(page("tracing-request", pk=sent.pk)))
    assert "Fictional Trading LLC" in detail and 'data-testid="tracing-close"' in detail
    sent.refresh_from_db()
    client.post(page("tracing-close", pk=sent.pk), {"version": sent.version})
    sent.refresh_from_db()
    assert sent.state == S.CLOSED


def test_answer_form_errors_are_shown(client, people, sent):  # noqa: F811
    signed_in(client, people["kaz"])
    data = {
        "version": sent.version,
        "outcome": "full",
        "answer": "Exported.",
        "transfer-TOTAL_FORMS": "1",
        "transfer-INITIAL_FORMS": "0",
    }
    response = client.post(page("tracing-answer", pk=sent.pk), data)
    assert response.status_code == 400
    assert "A full answer names the last known legal holder." in text(response)
    assert TracingRequest.objects.get(pk=sent.pk).state == S.SENT


def test_wrong_side_on_a_page_is_a_message_and_changes_nothing(client, people, sent):  # noqa: F811
    before = AuditEvent.objects.filter(action__startswith="trafficking.").count()
    signed_in(client, people["rus"])
    response = client.post(
        page("tracing-acknowledge", pk=sent.pk), {"version": sent.version}, follow=True
    )
    assert "Only the requested party may do this." in text(response)
    signed_in(client, people["arm"])
    assert client.post(page("tracing-acknowledge", pk=sent.pk)).status_code == 404
    assert TracingRequest.objects.get(pk=sent.pk).state == S.SENT
    assert AuditEvent.objects.filter(action__startswith="trafficking.").count() == before


def test_stats_page_and_csv(client, people, sent):  # noqa: F811
    signed_in(client, people["rus"])
    response = client.get(page("tracing-stats"))
    assert response.status_code == 200
    assert 'data-testid="stats-KAZ"' in text(response) and "<svg" in text(response)
    csv_response = client.get(page("tracing-export") + "?box=outbox")
    assert sent.reference in csv_response.content.decode()


def test_list_page_queries_do_not_grow(client, people, party):  # noqa: F811
    """The page lists every request received; 8 more cost no more queries."""

    def grow() -> None:
        for _n in range(8):
            send(people, party)

    grow()
    signed_in(client, people["kaz"])
    assert_flat(
        lambda: client.get(page("tracing")),
        grow,
        rows=lambda response: sum(
            reference in text(response)
            for reference in TracingRequest.objects.values_list("reference", flat=True)
        ),
        at_most=12,
    )


def test_pages_in_russian(client, people, sent):  # noqa: F811
    signed_in(client, people["kaz"])
    client.cookies["django_language"] = "ru"
    response = client.get(page("tracing-request", pk=sent.pk), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert '<html lang="ru"' in text(response)
    listing = client.get(page("tracing"), HTTP_ACCEPT_LANGUAGE="ru")
    assert listing.status_code == 200 and sent.reference in text(listing)


# --- Notifications ----------------------------------------------------------------------------


def test_notifications_page_unread_first_and_mark_read(client, people, sent):  # noqa: F811
    kaz = people["kaz"]
    received = Notification.objects.get(recipient=kaz, kind="trafficking.tracing.received")
    signed_in(client, kaz)
    response = client.get(reverse("core:notifications"))
    assert response.status_code == 200
    assert sent.reference in text(response) and 'class="unread"' in text(response)
    opened = client.post(reverse("core:notification-open", kwargs={"pk": received.pk}))
    assert opened["Location"] == page("tracing-request", pk=sent.pk)
    received.refresh_from_db()
    assert received.read_at is not None
    # Another user's notification is not found.
    signed_in(client, people["rus"])
    assert (
        client.post(reverse("core:notification-read", kwargs={"pk": received.pk})).status_code
        == 404
    )
    assert Notification.objects.get(pk=received.pk).read_at == received.read_at


def test_notifications_api(people, party, api_client, sent):  # noqa: F811
    client = api_client(people["kaz"])
    listing = client.get("/api/v1/notifications/", {"unread": "true"}).json()
    assert listing["count"] == 1
    pk = listing["results"][0]["id"]
    assert client.post(f"/api/v1/notifications/{pk}/read/").json()["read_at"]
    assert client.get("/api/v1/notifications/", {"unread": "true"}).json()["count"] == 0
    assert api_client(people["rus"]).post(f"/api/v1/notifications/{pk}/read/").status_code == 404
    send(people, party)
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
    assert api_client(people["kaz_low"]).get("/api/v1/notifications/").json()["count"] == 0


def test_unread_count_context_processor(rf, people, sent):  # noqa: F811
    request = rf.get("/")
    request.user = people["kaz"]
    assert nv.unread_notifications(request) == {"unread_notifications": 1}


def test_add_another_item_keeps_what_was_typed_and_sends_every_row(client, people):  # noqa: F811
    signed_in(client, people["rus"])
    form = client.get(page("tracing-new"))
    assert 'id="id_item-0-serial_number"' in text(form)
    assert 'id="id_item-1-serial_number"' not in text(form)  # one row to start with
    typed = {
        "requested_party": "KAZ",
        "circumstances": "Found in a lorry.",
        "grounds": "",
        "due_date": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        "classification": "1",
        "item-TOTAL_FORMS": "1",
        "item-INITIAL_FORMS": "0",
        "item-0-kind": "uncrewed",
        "item-0-serial_number": "SP3-1",
    }
    rows = typed
    for count in (2, 3):
        again = client.post(page("tracing-new"), {**rows, "add_item": "1"})
        assert again.status_code == 200
        body = text(again)
        assert f'id="id_item-{count - 1}-serial_number"' in body
        assert f'id="id_item-{count}-serial_number"' not in body
        assert f'name="item-TOTAL_FORMS" value="{count}"' in body
        assert 'value="SP3-1"' in body and "Found in a lorry." in body
        assert "This field is required" not in body  # nothing validated yet
        rows = {
            **rows,
            "item-TOTAL_FORMS": str(count),
            f"item-{count - 1}-serial_number": f"SP3-{count}",
        }
    assert not TracingRequest.objects.exists()
    response = client.post(page("tracing-new"), {**rows, "grounds": "No licence."})
    assert response.status_code == 302, text(response)
    request = TracingRequest.objects.get()
    assert [i.serial_number for i in request.items.all()] == ["SP3-1", "SP3-2", "SP3-3"]


def test_add_another_item_stops_at_the_limit(client, people):  # noqa: F811
    from accord.trafficking.forms.tracing import MAX_ITEMS

    signed_in(client, people["rus"])
    data = {"item-TOTAL_FORMS": str(MAX_ITEMS - 1), "item-INITIAL_FORMS": "0", "add_item": "1"}
    body = text(client.post(page("tracing-new"), data))
    assert f'id="id_item-{MAX_ITEMS - 1}-serial_number"' in body
    assert f'id="id_item-{MAX_ITEMS}-serial_number"' not in body
    assert 'data-testid="tracing-add-item"' not in body
    bad = client.post(page("tracing-new"), {"item-TOTAL_FORMS": "x", "add_item": "1"})
    assert bad.status_code == 200  # a tampered count is not a 500
