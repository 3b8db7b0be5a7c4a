"""Pages that edit a facility and an improvement action (before, only the API did)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accord.core.models import AuditEvent, Party
from accord.standards.models import Action, Facility
from accord.standards.services import facilities as services
from accord.standards.tests import test_facilities_world as world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    return world.make_people(make_user)


@pytest.fixture
def facility(people):
    return world.register_facility(people["rus"])


@pytest.fixture
def action(people, facility) -> Action:
    version = world.build_standard()
    assessment = services.assessment_start(
        actor=people["rus"], facility=facility, standard_version=version
    )
    return services.action_create(
        actor=people["rus"], assessment=assessment, title="Install radar", owner_name="Ops"
    )


def facility_data(facility: Facility, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": facility.name,
        "sector": facility.sector,
        "protection_class": facility.protection_class,
        "region": facility.region,
        "country": facility.country,
        "description": facility.description,
        "classification": str(facility.classification),
        "release": facility.release,
        "version": str(facility.version),
    }
    data.update(changes)
    return data


def test_edit_a_facility_through_the_page(client, people, facility):
    client.force_login(people["rus"])
    url = reverse("standards:facility-edit", args=[facility.pk])
    page = client.get(url)
    assert page.status_code == 200 and facility.name in page.content.decode()
    detail = client.get(reverse("standards:facility", args=[facility.pk]))
    assert url in detail.content.decode()
    kaz = Party.objects.get(code="KAZ")
    response = client.post(
        url,
        facility_data(
            facility,
            name="Renamed Station (fictional)",
            sector="water",
            protection_class="PC3",
            region="South",
            release="listed",
            released_to=[str(kaz.pk)],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    facility.refresh_from_db()
    assert (facility.name, facility.sector, facility.protection_class, facility.region) == (
        "Renamed Station (fictional)",
        "water",
        "PC3",
        "South",
    )
    assert facility.release == "listed" and list(facility.released_to.all()) == [kaz]
    assert AuditEvent.objects.filter(action="standards.facility.update").count() == 1


def test_a_stale_facility_edit_shows_a_form_message(client, people, facility):
    client.force_login(people["rus"])
    stale = facility_data(facility, name="From a stale page (fictional)")
    services.facility_update(
        actor=people["rus"], facility=facility, version=facility.version, name="Someone else"
    )
    response = client.post(reverse("standards:facility-edit", args=[facility.pk]), stale)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    facility.refresh_from_db()
    assert facility.name == "Someone else"


def test_a_bad_facility_edit_names_the_field(client, people, facility):
    client.force_login(people["rus"])
    response = client.post(
        reverse("standards:facility-edit", args=[facility.pk]),
        facility_data(facility, name="  ", sector="moon"),
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "sector"}
    facility.refresh_from_db()
    assert facility.name == "Northern Power Station (fictional)"


@pytest.mark.parametrize(
    ("viewer", "status"),
    [("rus", 200), ("rus_plain", 403), ("kaz", 404), ("sec", 404), ("rus_low", 404)],
)
def test_edit_pages_access_matrix(client, people, facility, action, viewer, status):
    client.force_login(people[viewer])
    for name, pk in (("facility-edit", facility.pk), ("action-edit", action.pk)):
        url = reverse(f"standards:{name}", args=[pk])
        assert client.get(url).status_code == status, (name, viewer)
        assert client.post(url, {"title": "x", "name": "x"}).status_code in (status, 200)
    facility.refresh_from_db()
    action.refresh_from_db()
    if viewer != "rus":
        assert facility.name != "x" and action.title == "Install radar"
        assert not AuditEvent.objects.filter(
            action__in=["standards.facility.update", "standards.action.update"]
        ).exists()


def test_released_facility_is_still_not_editable_by_another_party(client, people, facility):
    services.facility_update(
        actor=people["rus"],
        facility=facility,
        version=facility.version,
        release="listed",
        released_to=[Party.objects.get(code="KAZ")],
    )
    client.force_login(people["kaz"])
    assert client.get(reverse("standards:facility", args=[facility.pk])).status_code == 200
    assert client.get(reverse("standards:facility-edit", args=[facility.pk])).status_code == 404


def test_edit_an_action_through_the_page(client, people, action):
    client.force_login(people["rus"])
    url = reverse("standards:action-edit", args=[action.pk])
    assessment_page = client.get(reverse("standards:assessment", args=[action.assessment_id]))
    assert url in assessment_page.content.decode()
    assert url in client.get(reverse("standards:plan")).content.decode()
    response = client.post(
        url,
        {
            "title": "Install two radars",
            "description": "North and south approaches.",
            "owner_name": "Security office",
            "due_date": "2030-06-30",
            "version": str(action.version),
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Install two radars" and action.owner_name == "Security office"
    assert action.due_date.isoformat() == "2030-06-30"
    assert action.description == "North and south approaches."
    assert AuditEvent.objects.filter(action="standards.action.update").count() == 1


def test_a_stale_action_edit_shows_a_form_message(client, people, action):
    client.force_login(people["rus"])
    old = action.version
    services.action_update(actor=people["rus"], action=action, version=old, title="Changed")
    response = client.post(
        reverse("standards:action-edit", args=[action.pk]),
        {"title": "Mine", "version": str(old)},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    action.refresh_from_db()
    assert action.title == "Changed"


def test_edit_pages_in_russian(client, people, facility, action):
    client.force_login(people["rus"])
    page = client.get(
        reverse("standards:facility-edit", args=[facility.pk]), HTTP_ACCEPT_LANGUAGE="ru"
    )
    text = page.content.decode()
    assert 'lang="ru"' in text and "Отрасль" in text and "Сохранить" in text
    page = client.get(reverse("standards:action-edit", args=[action.pk]), HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200 and "Срок" in page.content.decode()
