"""The expertise admin reads only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.test import RequestFactory

from accord.expertise.models import Review, WeaponSystem


def test_the_expertise_admin_is_read_only(make_user: Any) -> None:
    request = RequestFactory().get("/admin/")
    request.user = make_user("SEC", roles=["administrator"])
    for model in (WeaponSystem, Review):
        model_admin = admin.site._registry[model]
        assert model_admin.has_view_permission(request)
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
