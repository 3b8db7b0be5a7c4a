"""The trafficking records in the admin: read-only, and only what the administrator may see."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin

from accord.core.models import Classification, Release
from accord.trafficking.services.items import item_register


def _register(actor: Any, serial: str, release: str) -> Any:
    return item_register(
        actor=actor,
        kind="uncrewed",
        manufacturer="Fictional Aero",
        model="FA-10",
        serial_number=serial,
        classification=Classification.UNCLASSIFIED,
        release=release,
    )


@pytest.mark.django_db
def test_every_trafficking_model_is_in_the_admin_read_only(make_user, client):
    officer = make_user("KAZ", roles=["customs_officer"])
    shared = _register(officer, "ADM-SHARED-1", Release.MEMBERS)
    _register(officer, "ADM-OWNER-2", Release.OWNER)
    client.force_login(make_user("SEC", roles=["administrator"]))

    registered = [m for m in admin.site._registry if m._meta.app_label == "trafficking"]
    assert len(registered) >= 16
    for model in registered:
        base = f"/admin/trafficking/{model._meta.model_name}/"
        assert client.get(base).status_code == 200, base
        assert client.get(f"{base}add/").status_code == 403, base

    page = client.get("/admin/trafficking/item/?q=ADM").content.decode()
    assert "ADM-SHARED-1" in page
    assert "ADM-OWNER-2" not in page  # the owner party's only: not the Secretariat's to see
    change = f"/admin/trafficking/item/{shared.pk}/change/"
    assert client.get(change).status_code == 200
    assert client.post(change, {"serial_number": "CHANGED"}).status_code == 403
    assert client.post(f"/admin/trafficking/item/{shared.pk}/delete/").status_code == 403
    shared.refresh_from_db()
    assert shared.serial_number == "ADM-SHARED-1"
