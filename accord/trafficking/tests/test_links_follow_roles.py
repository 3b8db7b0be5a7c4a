"""Navigation that follows roles, as a matrix role × link: every user is offered exactly
the trafficking pages their roles open. A link shown answers 200; a page whose link is
hidden answers 403, and its refusal page names the roles that would open it and whom to
ask. The same for "Send a tracing request" on an incident page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from accord.core.models import Release
from accord.core.roles import Role
from accord.trafficking.services import incidents as incident_services
from accord.trafficking.services.items import item_register
from accord.trafficking.templatetags.trafficking_nav import PARTS

pytestmark = pytest.mark.django_db

ROLES = [None, *Role.values]
# The links the issue found answering 403 to every non-customs user.
GATED = {"items", "item-import", "item-match", "screening"}


def shown_parts(html: str) -> set[str]:
    return set(re.findall(r'data-testid="part-([\w-]+)"', html)) | set(
        re.findall(r'data-testid="subnav-([\w-]+)"', html)
    )


@pytest.mark.parametrize("role", ROLES, ids=[str(r) for r in ROLES])
def test_overview_offers_exactly_the_parts_the_role_opens(role, make_user, client):
    user = make_user("RUS", clearance=2, roles=[role] if role else [])
    client.force_login(user)
    overview = client.get(reverse("trafficking:index"))
    assert overview.status_code == 200
    shown = shown_parts(overview.content.decode())
    every = {name.split(":", 1)[1] for name, *_ in PARTS}
    assert every - GATED <= shown  # the parts open to every signed-in user
    for part in GATED:
        answer = client.get(reverse(f"trafficking:{part}"))
        assert answer.status_code in (200, 403), (part, answer.status_code)
        assert (part in shown) == (answer.status_code == 200), (role, part, answer.status_code)
        if answer.status_code == 403:
            page = answer.content.decode()
            assert 'data-testid="refusal-roles"' in page
            assert str(Role.CUSTOMS_OFFICER.label) in page
            assert 'data-testid="refusal-ask"' in page
    if role == Role.CUSTOMS_OFFICER:
        assert shown >= GATED
    if role in (None, Role.LEGAL_ADVISER, Role.AUDITOR):
        assert not (GATED & shown)


@pytest.fixture
def incident_with_a_hit(make_user) -> Any:
    kaz = make_user("KAZ", clearance=2, roles=[Role.CUSTOMS_OFFICER])
    item_register(
        actor=kaz,
        kind="uncrewed",
        manufacturer="Demo",
        model="X-1",
        serial_number="HIT-0001",
        classification=1,
        release=Release.MEMBERS,
    )
    rus = make_user("RUS", clearance=2, roles=[Role.CUSTOMS_OFFICER])
    incident = incident_services.incident_report(
        actor=rus,
        kind="seizure",
        occurred_on=dt.date(2025, 3, 1),
        country="RUS",
        release=Release.MEMBERS,
        classification=1,
        items=[{"kind": "uncrewed", "serial_number": "HIT-0001"}],
    )
    assert incident.items.get().hits.exists()
    return incident


@pytest.mark.parametrize("role", ROLES, ids=[str(r) for r in ROLES])
def test_send_a_tracing_request_only_for_those_who_may(
    role, incident_with_a_hit, make_user, client
):
    user = make_user("ARM", clearance=2, roles=[role] if role else [])
    client.force_login(user)
    page = client.get(reverse("trafficking:incident", kwargs={"pk": incident_with_a_hit.pk}))
    assert page.status_code == 200
    links = re.findall(r'href="([^"]+)" data-testid="trace-', page.content.decode())
    new = client.get(reverse("trafficking:tracing-new"))
    assert new.status_code in (200, 403)
    assert bool(links) == (new.status_code == 200), (role, links, new.status_code)
    for link in links:
        assert client.get(link.replace("&amp;", "&")).status_code == 200
    assert bool(links) == (role == Role.CUSTOMS_OFFICER)
