"""Stale edits are refused with a conflict (409 / a form message); service errors map to
their status and a translated message; bad input never becomes a 500."""

import pytest
from django.urls import reverse
from django.utils import translation

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent
from tests.markedapp.models import Dossier
from tests.markedapp.services import dossier_create, dossier_update


@pytest.fixture
def author(make_user):
    return make_user("RUS")


@pytest.fixture
def dossier(author):
    return dossier_create(actor=author, title="original")


def test_stale_service_update_is_a_conflict_and_changes_nothing(author, dossier):
    dossier_update(actor=author, dossier=dossier, version=1, title="first edit")
    stale = Dossier.objects.get(pk=dossier.pk)
    events = AuditEvent.objects.count()
    with pytest.raises(Conflict):
        dossier_update(actor=author, dossier=stale, version=1, title="second edit")
    assert Dossier.objects.get(pk=dossier.pk).title == "first edit"
    assert Dossier.objects.get(pk=dossier.pk).version == 2
    assert AuditEvent.objects.count() == events


def test_stale_api_update_answers_409(author, dossier, api_client):
    client = api_client(author)
    url = reverse("dossier-detail-api", args=[dossier.pk])
    assert client.patch(url, {"version": 1, "title": "a"}, format="json").status_code == 200
    response = client.patch(url, {"version": 1, "title": "b"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert "changed by someone else" in response.json()["detail"]
    assert Dossier.objects.get(pk=dossier.pk).title == "a"


def test_stale_page_edit_shows_a_clear_message(author, dossier, client):
    client.force_login(author)
    url = reverse("dossier-edit", args=[dossier.pk])
    assert client.post(url, {"version": 1, "title": "a"}).status_code == 302
    response = client.post(url, {"version": 1, "title": "b"})
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()


def test_conflict_message_in_russian(author, dossier, api_client):
    client = api_client(author)
    url = reverse("dossier-detail-api", args=[dossier.pk])
    client.patch(url, {"version": 1, "title": "a"}, format="json")
    response = client.patch(
        url, {"version": 1, "title": "b"}, format="json", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 409
    with translation.override("ru"):
        assert response.json()["detail"] == str(Conflict.default_message)
    assert response.json()["detail"] != "This record was changed by someone else"


def test_api_validation_error_names_the_field(author, dossier, api_client):
    response = api_client(author).patch(
        reverse("dossier-detail-api", args=[dossier.pk]),
        {"version": "not a number", "title": "x" * 300},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["errors"]) == {"version", "title"}


def test_service_validation_error_names_the_field(author, dossier, api_client):
    response = api_client(author).patch(
        reverse("dossier-detail-api", args=[dossier.pk]),
        {"version": 1, "title": ""},
        format="json",
    )
    assert response.status_code == 400
    assert "title" in response.json()["errors"]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound(), 404),
        (PermissionDenied(), 403),
        (Conflict(), 409),
        (ValidationFailed({"name": ["bad"]}), 400),
    ],
)
def test_each_service_error_has_its_status(error, status):
    from accord.core.api.errors import exception_handler

    response = exception_handler(error, {})
    assert response.status_code == status
    assert response.data["code"] == error.code


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing-here/",
        "/api/test/dossiers/99999999/",
        "/api/v1/tokens/abc/",
    ],
)
def test_unknown_api_paths_are_404_not_500(author, api_client, path):
    assert api_client(author).get(path).status_code == 404


def test_malformed_json_is_a_400(author, dossier, api_client):
    response = api_client(author).generic(
        "PATCH",
        reverse("dossier-detail-api", args=[dossier.pk]),
        "{not json",
        content_type="application/json",
    )
    assert response.status_code == 400
