"""The audit events in the Django admin keep the audit trail's need-to-know (issue 17.4):
an administrator who is not an auditor sees that an event exists, not its detail (object
name, before/after) about a record they may not read, and cannot search the names."""

from __future__ import annotations

from typing import Any

from django.test import Client

from accord.core.audit import record_event
from accord.core.models import AuditEvent, Release
from accord.core.tests.marked import BUILDERS


def test_the_audit_admin_hides_detail_the_administrator_may_not_read(make_user: Any) -> None:
    administrator = make_user("SEC", roles=["administrator"], clearance=3)
    owner = make_user("SEC", clearance=3)
    # An incident of another party, released to no one: the administrator may not
    # read it, though the event (by a Secretariat colleague) is listed.
    item, _ = BUILDERS["trafficking.Incident"].build(
        make_user("RUS", roles=["customs_officer"]), "adm"
    )
    type(item).objects.filter(pk=item.pk).update(release=Release.OWNER)
    event = record_event(
        actor=owner,
        action="test.change",
        obj=item,
        object_repr="Codename NIGHTJAR",
        before={"title": "Codename NIGHTJAR"},
        after={"title": "Codename NIGHTJAR 2"},
    )
    client = Client()
    client.force_login(administrator)
    page = client.get(f"/admin/core/auditevent/{event.pk}/change/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "test.change" in text
    assert "NIGHTJAR" not in text
    found = client.get("/admin/core/auditevent/", {"q": "NIGHTJAR"})
    assert found.status_code == 200
    assert f"/admin/core/auditevent/{event.pk}/change/" not in found.content.decode()

    # An auditor of the Secretariat who is also an administrator reads the detail.
    both = make_user("SEC", roles=["administrator", "auditor"], clearance=3)
    client.force_login(both)
    assert "NIGHTJAR" in client.get(f"/admin/core/auditevent/{event.pk}/change/").content.decode()
    assert AuditEvent.objects.filter(pk=event.pk).exists()
