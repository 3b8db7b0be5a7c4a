"""The incident page screens its persons and organisations against the watchlist: possible
matches with score and features, only among the entities the viewer may see; vessels are
not screened; who may not screen gets 403, who may not see the incident 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from accord.core.models import Release
from accord.trafficking.models import Entity
from accord.trafficking.services import incidents as incident_services
from accord.trafficking.services import watchlist as watchlist_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(officers: dict[str, Any]) -> dict[str, Any]:
    def listed(actor: Any, name: str, release: str, kind: str = Entity.Kind.PERSON) -> Entity:
        return watchlist_services.entity_create(
            actor=actor, kind=kind, name=name, reason="Fictional.", release=release
        )

    incident = incident_services.incident_report(
        actor=officers["rus"],
        kind="seizure",
        occurred_on=dt.date.today() - dt.timedelta(days=1),
        country="RUS",
        release=Release.OWNER,
        entities=[
            {"kind": "person", "name": "Sergei Ivanov", "role": "courier"},
            {"kind": "organisation", "name": "Romashka LLC", "role": "consignor"},
            {"kind": "vessel", "name": "MV Sergei Ivanov", "role": "carrier"},
        ],
    )
    return {
        "incident": incident,
        # Kazakhstan's entry released to members: Russia sees it.
        "shared": listed(officers["kaz"], "Сергей Иванов", Release.MEMBERS),
        "company": listed(
            officers["kaz"], "ООО «Ромашка»", Release.MEMBERS, Entity.Kind.ORGANISATION
        ),
        # Belarus keeps its own entry to itself: Russia never sees it.
        "hidden": listed(officers["blr"], "Sergey Ivanov", Release.OWNER),
    }


def url(incident: Any) -> str:
    return reverse("trafficking:incident-screening", kwargs={"pk": incident.pk})


def test_possible_matches_only_among_visible_entities(client, officers, world):
    client.force_login(officers["rus"])
    detail = client.get(reverse("trafficking:incident", kwargs={"pk": world["incident"].pk}))
    body = detail.content.decode()
    assert (
        'data-testid="incident-screening"' in body and f'hx-get="{url(world["incident"])}"' in body
    )

    answer = client.get(url(world["incident"]), HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    body = answer.content.decode()
    assert "<html" not in body  # a fragment for htmx
    person = world["incident"].entities.get(kind="person")
    company = world["incident"].entities.get(kind="organisation")
    vessel = world["incident"].entities.get(kind="vessel")
    assert "Possible watchlist match for Sergei Ivanov" in body
    assert f'data-testid="screening-{person.pk}-candidate-{world["shared"].pk}"' in body
    assert f'data-testid="screening-{company.pk}-candidate-{world["company"].pk}"' in body
    assert f'candidate-{world["hidden"].pk}"' not in body
    assert f'data-testid="screening-{vessel.pk}' not in body
    assert "same name in another script" in body  # a feature, translated text
    assert "2 names screened" in body

    page = client.get(url(world["incident"]))
    assert page.status_code == 200 and "<html" in page.content.decode()


def test_nothing_matching_says_so(client, officers, world):
    Entity.objects.all().delete()
    client.force_login(officers["rus"])
    body = client.get(url(world["incident"]), HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="screening-none"' in body


def test_who_may_not_screen_or_see(client, officers, world):
    client.force_login(officers["rus_norole"])
    detail = client.get(reverse("trafficking:incident", kwargs={"pk": world["incident"].pk}))
    assert detail.status_code == 200  # the party's incident: seen, but not screened
    assert 'data-testid="incident-screening"' not in detail.content.decode()
    assert client.get(url(world["incident"])).status_code == 403
    client.force_login(officers["kaz"])  # the incident is Russia's own
    assert client.get(url(world["incident"])).status_code == 404


def test_in_russian(client, officers, world):
    client.force_login(officers["rus"])
    answer = client.get(url(world["incident"]), HTTP_ACCEPT_LANGUAGE="ru")
    assert answer.status_code == 200
    assert 'lang="ru"' in answer.content.decode()
