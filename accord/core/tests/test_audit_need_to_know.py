"""Issue 17, point 4: the audit trail keeps need-to-know.

`audit_events_visible_to` showed every user all events of their own party's users, with
item snapshots and screened names from modules their role may not read. Now, stated
here again without the code: a user sees their own events; a party colleague's event only
where their role reads that kind of object (register items: customs and Secretariat
officers; screening: the same two), unless they are an auditor; the detail (object name,
before/after) only when they are an auditor or may read the object itself.
The matrix runs over every role of `core/roles.py`, through the API and the audit page.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accord.core.audit import record_view
from accord.core.models import AuditEvent, Classification, Party, Release
from accord.core.roles import Role
from accord.core.tests.marked import BUILDERS

REGISTER_READERS = {Role.CUSTOMS_OFFICER, Role.SECRETARIAT_OFFICER}
SCREENERS = {Role.CUSTOMS_OFFICER, Role.SECRETARIAT_OFFICER}
AUDITORS = {Role.AUDITOR}


@pytest.fixture
def trail(make_user: Any) -> dict[str, AuditEvent]:
    """Events of a Russian customs officer: an item registered, a name screened, an
    incident reported, and a view of a Kazakh item since withdrawn from Russia."""
    from accord.trafficking.screening import screen_name

    colleague = make_user("RUS", roles=["customs_officer"], username="rus.colleague")
    kazakh = make_user("KAZ", roles=["customs_officer"], username="kaz.officer")
    item, _ = BUILDERS["trafficking.Item"].build(colleague, "ntkitem")
    incident, _ = BUILDERS["trafficking.Incident"].build(colleague, "ntkinc")
    screen_name(actor=colleague, name="Ntk Screened Person")
    foreign, _ = BUILDERS["trafficking.Item"].build(kazakh, "ntkforeign")
    type(foreign).objects.filter(pk=foreign.pk).update(
        classification=Classification.CONFIDENTIAL, release=Release.LISTED
    )
    foreign.released_to.set([Party.objects.get(code="RUS")])
    foreign.refresh_from_db()
    viewed = record_view(actor=colleague, obj=foreign)
    type(foreign).objects.filter(pk=foreign.pk).update(release=Release.OWNER)
    rus = AuditEvent.objects.filter(actor_party_code="RUS")
    return {
        "item": rus.get(action="trafficking.item.register", object_id=str(item.pk)),
        "incident": rus.filter(object_type="trafficking.incident", object_id=str(incident.pk))
        .order_by("id")
        .first(),
        "screening": rus.get(object_type="trafficking.screening"),
        "withdrawn": viewed,
    }


def _expected(role: Role) -> dict[str, tuple[bool, bool]]:
    """Event -> (listed, detail shown), for a Russian user of `role`."""
    auditor = role in AUDITORS
    items = auditor or role in REGISTER_READERS
    screening = auditor or role in SCREENERS
    return {
        "item": (items, items),
        "incident": (True, True),
        "screening": (screening, screening),
        # Listed (a view of an item by a customs colleague) where items are, but the item
        # is no longer Russia's to see: only an auditor reads what it was.
        "withdrawn": (items, auditor),
    }


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_audit_events_keep_need_to_know(
    trail: dict[str, AuditEvent], make_user: Any, api_client: Any, client: Any, role: Role
) -> None:
    viewer = make_user("RUS", roles=[role.value])
    response = api_client(viewer).get(reverse("api:audit-events"))
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    seen = {}
    for name, event in trail.items():
        row = rows.get(event.pk)
        seen[name] = (
            row is not None,
            row is not None and row["object_repr"] != "" and (row["after"] or row["before"] or 1),
        )
        if row is not None and row["object_repr"] == "":
            assert row["before"] is None and row["after"] is None
    assert {k: (listed, bool(detail)) for k, (listed, detail) in seen.items()} == _expected(role)
    # The audit page shows the same names.
    client.force_login(viewer)
    page = client.get(reverse("core:audit")).content.decode()
    assert ("Ntk Screened Person" in page) is _expected(role)["screening"][1]
    assert ("ntkitem" in page) is _expected(role)["item"][1]


def test_own_events_stay_listed(make_user: Any, api_client: Any) -> None:
    """A user whose role no longer reads the register still sees their own events."""
    officer = make_user("RUS", roles=["customs_officer"])
    BUILDERS["trafficking.Item"].build(officer, "ntkown")
    officer.groups.clear()
    rows = api_client(officer).get(reverse("api:audit-events")).json()["results"]
    mine = [r for r in rows if r["object_type"] == "trafficking.item"]
    assert mine and all(r["after"] is None for r in mine)
