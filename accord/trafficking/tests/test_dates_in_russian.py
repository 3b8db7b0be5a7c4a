"""Every trafficking form with a date, in Russian, sent back as the browser would send it
(`core/tests/browser_form.py`: a date input whose value is not ISO is sent empty): the
date round-trips and the form is accepted. Before the project's one date widget the
Russian pages drew "06.01.2027", the browser dropped it, and the tracing request and the
incident edit answered 400 "Обязательное поле"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from accord.core.models import Release
from accord.core.tests.browser_form import form_fields
from accord.trafficking.models import Entity, Incident, Operation, TracingRequest
from accord.trafficking.services import incidents as incident_services
from accord.trafficking.services import operations as operation_services
from accord.trafficking.services import watchlist as watchlist_services

pytestmark = pytest.mark.django_db
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}
DAY = dt.date(2027, 1, 6)
PAST = dt.date(2025, 1, 6)  # an incident date may not lie in the future


def in_russian(client: Any, user: Any) -> Any:
    client.force_login(user)
    client.cookies["django_language"] = "ru"
    return client


def get_form(client: Any, url: str, field: str) -> dict[str, Any]:
    page = client.get(url, **RU)
    assert page.status_code == 200
    assert '<html lang="ru"' in page.content.decode()
    return form_fields(page.content.decode(), field)


def test_incident_edit_keeps_its_date(officers, client):
    incident = incident_services.incident_report(
        actor=officers["rus"], kind="seizure", occurred_on=PAST, country="RUS"
    )
    in_russian(client, officers["rus"])
    url = reverse("trafficking:incident-edit", kwargs={"pk": incident.pk})
    data = get_form(client, url, "occurred_on")
    assert data["occurred_on"] == "2025-01-06"
    data["locality"] = "Пограничный пункт"
    answer = client.post(url, data, **RU)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    incident = Incident.objects.get(pk=incident.pk)
    assert (incident.occurred_on, incident.locality) == (PAST, "Пограничный пункт")


def test_tracing_request_sent_with_its_proposed_due_date(officers, client):
    in_russian(client, officers["rus"])
    url = reverse("trafficking:tracing-new") + "?party=KAZ"
    data = get_form(client, url, "due_date")
    assert dt.date.fromisoformat(data["due_date"]) > dt.date.today()
    data.update(
        {
            "circumstances": "Найден в грузовике.",
            "grounds": "Нет лицензии.",
            "item-0-kind": "uncrewed",
            "item-0-serial_number": "RU-DATE-1",
        }
    )
    answer = client.post(reverse("trafficking:tracing-new"), data, **RU)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    request = TracingRequest.objects.get()
    assert request.due_date.isoformat() == data["due_date"]


def test_watchlist_entry_edit_keeps_its_listed_on_date(officers, client):
    entity = watchlist_services.entity_create(
        actor=officers["rus"], kind="person", name="Иван Петров", reason="Вымысел.", listed_on=DAY
    )
    in_russian(client, officers["rus"])
    url = reverse("trafficking:watchlist-entity-edit", kwargs={"pk": entity.pk})
    data = get_form(client, url, "listed_on")
    assert data["listed_on"] == "2027-01-06"
    data["reason"] = "Вымысел, уточнено."
    answer = client.post(url, data, **RU)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    entity = Entity.objects.get(pk=entity.pk)
    assert (entity.listed_on, entity.reason) == (DAY, "Вымысел, уточнено.")


def test_operation_edit_keeps_its_dates(officers, client):
    operation = operation_services.operation_create(
        actor=officers["rus"],
        name="Степь",
        code="OP-RU-1",
        starts_on=DAY,
        ends_on=DAY + dt.timedelta(days=9),
        release=Release.MEMBERS,
    )
    in_russian(client, officers["rus"])
    url = reverse("trafficking:operation-edit", kwargs={"pk": operation.pk})
    data = get_form(client, url, "starts_on")
    assert (data["starts_on"], data["ends_on"]) == ("2027-01-06", "2027-01-15")
    data["name"] = "Степь-2"
    answer = client.post(url, data, **RU)
    assert answer.status_code == 302, answer.content.decode()[:3000]
    operation = Operation.objects.get(pk=operation.pk)
    assert (operation.name, operation.starts_on, operation.ends_on) == (
        "Степь-2",
        DAY,
        DAY + dt.timedelta(days=9),
    )


def test_incident_list_filter_keeps_its_dates(officers, record_incident, client):
    inside = record_incident("RUS", occurred_on=DAY)
    outside = record_incident("RUS", occurred_on=DAY - dt.timedelta(days=40))
    in_russian(client, officers["rus"])
    url = reverse("trafficking:incidents") + "?since=2027-01-01&until=2027-01-31"
    data = get_form(client, url, "since")
    assert (data["since"], data["until"]) == ("2027-01-01", "2027-01-31")
    listing = client.get(reverse("trafficking:incidents"), data, **RU).content.decode()
    assert inside.reference in listing and outside.reference not in listing
