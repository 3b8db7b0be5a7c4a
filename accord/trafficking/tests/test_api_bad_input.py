"""Bad input found by fuzzing the API against its OpenAPI schema (schemathesis): each case
answered 500 before; now a 400 naming the field, or a sound answer. Reads of another
party's records by id answer 404."""

from __future__ import annotations

import io
from typing import Any

import pytest

from accord.core.models import Release

pytestmark = pytest.mark.django_db
BASE = "/api/v1/trafficking"

INCIDENT = {
    "kind": "seizure",
    "occurred_on": "2025-04-01",
    "country": "KAZ",
    "locality": "Fictional post",
    "items": [{"kind": "component", "serial_number": "Q-100", "quantity": 1}],
}
ENTITY = {"kind": "organisation", "name": "Fictional Front LLC", "reason": "Fictional."}


@pytest.mark.parametrize("value", ["null", "3.5e-171", "-6.7e+16", "x", "0", "11333477479"])
@pytest.mark.parametrize("path", ["items/", "items/export/"])
def test_a_make_model_filter_that_is_no_id_answers_400(officers, api_client, path, value):
    answer = api_client(officers["rus"]).get(
        f"{BASE}/{path}", {"make_model": value}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert answer.status_code == 400, answer.content
    assert "make_model" in answer.json()["errors"]


def test_a_good_make_model_filter_still_filters(officers, api_client):
    answer = api_client(officers["rus"]).get(f"{BASE}/items/", {"make_model": "7"})
    assert answer.status_code == 200
    assert answer.json()["results"] == []


def test_patching_an_entity_without_its_version_answers_400(officers, api_client):
    client = api_client(officers["rus"])
    created = client.post(f"{BASE}/entities/", ENTITY, format="json")
    assert created.status_code == 201, created.content
    answer = client.patch(f"{BASE}/entities/{created.json()['id']}/", {}, format="json")
    assert answer.status_code == 400, answer.content
    assert list(answer.json()["errors"]) == ["version"]
    answer = client.patch(
        f"{BASE}/entities/{created.json()['id']}/", {"version": 1, "reason": "Changed."}
    )
    assert answer.status_code == 200, answer.content


def test_patching_an_incident_without_its_version_answers_400(officers, api_client):
    client = api_client(officers["kaz"])
    created = client.post(f"{BASE}/incidents/", INCIDENT, format="json")
    assert created.status_code == 201, created.content
    answer = client.patch(
        f"{BASE}/incidents/{created.json()['id']}/", {"locality": "Elsewhere"}, format="json"
    )
    assert answer.status_code == 400, answer.content
    assert list(answer.json()["errors"]) == ["version"]


def test_exports_drop_control_characters_xlsx_cannot_hold(officers, api_client):
    from openpyxl import load_workbook

    client = api_client(officers["rus"])
    created = client.post(
        f"{BASE}/entities/", {**ENTITY, "name": "Bad\x05Name\x1b LLC"}, format="json"
    )
    assert created.status_code == 201, created.content
    answer = client.get(f"{BASE}/export/all/xlsx/")
    assert answer.status_code == 200, answer.content[:500]
    book = load_workbook(io.BytesIO(answer.content), read_only=True)
    values = {
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    }
    assert "BadName LLC" in values

    registered = client.post(
        f"{BASE}/items/",
        {"kind": "component", "manufacturer": "Acme\x07", "serial_number": "Z-1"},
        format="json",
    )
    assert registered.status_code in (201, 400), registered.content
    answer = client.get(f"{BASE}/items/export/", {"file_format": "xlsx"})
    assert answer.status_code == 200


@pytest.mark.parametrize("path", ["entities/{pk}/", "incidents/{pk}/", "entities/{pk}/delist/"])
def test_records_of_another_party_answer_404(officers, api_client, path):
    rus = api_client(officers["rus"])
    entity = rus.post(f"{BASE}/entities/", {**ENTITY, "release": Release.OWNER}, format="json")
    incident = rus.post(f"{BASE}/incidents/", INCIDENT, format="json")
    assert entity.status_code == 201 and incident.status_code == 201
    pk = (entity if path.startswith("entities") else incident).json()["id"]
    kaz = api_client(officers["kaz"])
    url = f"{BASE}/{path.format(pk=pk)}"
    if path.endswith("delist/"):
        answer: Any = kaz.post(url, {"version": 1, "reason": "x"}, format="json")
    else:
        assert kaz.get(url).status_code == 404
        answer = kaz.patch(url, {"version": 1}, format="json")
    assert answer.status_code == 404, answer.content


def test_errors_of_list_fields_keep_the_documented_shape(officers, api_client):
    answer = api_client(officers["rus"]).post(
        f"{BASE}/entities/", {**ENTITY, "aliases": ["ok", "", "x" * 301]}, format="json"
    )
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert all(isinstance(v, list) and all(isinstance(m, str) for m in v) for v in errors.values())
    assert "aliases.1" in errors and "aliases.2" in errors
