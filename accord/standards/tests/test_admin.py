"""The standards admin reads only, and only what the user may see (`visible_to`)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.test import RequestFactory

from accord.core.models import Release
from accord.standards.models import (
    Action,
    Assessment,
    Ballot,
    Clause,
    Comment,
    Facility,
    Standard,
    StandardVersion,
)
from accord.standards.tests.conftest import make_standard

MODELS = (
    Standard,
    StandardVersion,
    Clause,
    Comment,
    Ballot,
    Facility,
    Assessment,
    Action,
)


def _request(user: Any) -> Any:
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_the_admin_lists_only_the_standards_the_user_may_see(
    standards_people: dict[str, Any],
) -> None:
    editor = standards_people["editor"]
    own = make_standard(editor, code="PS-OWN 1", release=Release.OWNER)
    shared = make_standard(editor, code="PS-MEM 1")
    model_admin = admin.site._registry[Standard]
    seen_by_owner = set(model_admin.get_queryset(_request(editor)))
    seen_by_other = set(model_admin.get_queryset(_request(standards_people["rus_editor"])))
    assert {own, shared} <= seen_by_owner
    assert shared in seen_by_other
    assert own not in seen_by_other


def test_the_standards_admin_is_read_only(
    standards_people: dict[str, Any],
) -> None:
    request = _request(standards_people["officer"])
    for model in MODELS:
        model_admin = admin.site._registry[model]
        assert model_admin.has_view_permission(request)
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
