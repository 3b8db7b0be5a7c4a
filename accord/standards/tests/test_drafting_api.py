"""The drafting API, step by step, and its access answers."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse

from accord.core.models import AuditEvent
from accord.standards.models import Clause, StandardVersion
from accord.standards.oscal import catalog as oscal

pytestmark = pytest.mark.django_db


def test_full_drafting_journey(api_client, standards_people):
    editor = api_client(standards_people["editor"])
    created = editor.post(
        reverse("standards-api:standard-list"),
        {
            "code": "PS-API 1",
            "title_en": "API standard",
            "threat_categories": ["directed_energy"],
            "protection_classes": [{"code": "PC1", "name_en": "Basic"}, {"code": "PC2"}],
            "release": "members",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    version_id = created.json()["versions"][0]["id"]
    section = editor.post(
        reverse("standards-api:version-clauses", args=[version_id]),
        {"kind": "section", "title_en": "Detection"},
        format="json",
    )
    assert section.status_code == 201 and section.json()["number"] == "1"
    requirement = editor.post(
        reverse("standards-api:version-clauses", args=[version_id]),
        {
            "kind": "requirement",
            "parent": section.json()["id"],
            "text_en": "Lasers shall be detected.",
            "normative_level": "shall",
        },
        format="json",
    )
    assert requirement.status_code == 201 and requirement.json()["number"] == "1.1"
    rid = requirement.json()["id"]
    param = editor.put(
        reverse("standards-api:clause-parameters", args=[rid]),
        {"name": "range", "protection_class": "PC2", "value": "250.5", "unit": "m"},
        format="json",
    )
    assert param.status_code == 200 and param.json()["parameters"][0]["value"] == "250.5000"
    stale = requirement.json()["revision"]
    edited = editor.patch(
        reverse("standards-api:clause-detail", args=[rid]),
        {"revision": param.json()["revision"], "text_en": "Lasers shall be detected early."},
        format="json",
    )
    assert edited.status_code == 200
    conflict = editor.patch(
        reverse("standards-api:clause-detail", args=[rid]),
        {"revision": stale, "text_en": "x"},
        format="json",
    )
    assert conflict.status_code == 409
    staged = editor.post(
        reverse("standards-api:version-stage", args=[version_id]),
        {"stage": "committee_draft"},
        format="json",
    )
    assert staged.status_code == 200 and staged.json()["stage"] == "committee_draft"
    ballot = editor.post(
        reverse("standards-api:version-stage", args=[version_id]),
        {"stage": "ballot"},
        format="json",
    )
    assert ballot.status_code == 400  # the ballot is opened by the consultation API
    detail = editor.get(reverse("standards-api:version-detail", args=[version_id]))
    assert [c["number"] for c in detail.json()["clauses"]] == ["1", "1.1"]


def test_adopted_is_frozen_and_new_version(api_client, standards_people, adopted_version):
    editor = api_client(standards_people["editor"])
    clause = adopted_version.clauses.get(number="4.1")
    refused = editor.patch(
        reverse("standards-api:clause-detail", args=[clause.pk]),
        {"revision": clause.revision, "text_en": "x"},
        format="json",
    )
    assert refused.status_code == 409
    made = editor.post(
        reverse("standards-api:standard-versions", args=[adopted_version.standard_id]),
        {"previous": adopted_version.pk, "label": "rev"},
        format="json",
    )
    assert made.status_code == 201
    new_id = made.json()["id"]
    assert len(made.json()["clauses"]) == 6
    compare = editor.get(
        reverse("standards-api:version-compare", args=[adopted_version.pk]) + f"?other={new_id}"
    )
    assert compare.status_code == 200
    assert compare.json()["summary"]["unchanged"] == 6
    bad = editor.get(reverse("standards-api:version-compare", args=[adopted_version.pk]))
    assert bad.status_code == 400


def test_oscal_download_and_import(api_client, standards_people, adopted_version):
    editor = api_client(standards_people["editor"])
    response = editor.get(reverse("standards-api:version-oscal", args=[adopted_version.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = json.loads(response.content)
    assert oscal.validate(document) == []
    upload = io.BytesIO(response.content)
    upload.name = "catalog.json"
    imported = editor.post(
        reverse("standards-api:standard-version-import-oscal", args=[adopted_version.standard_id]),
        {"file": upload},
        format="multipart",
    )
    assert imported.status_code == 201, imported.json()
    assert imported.json()["number"] == 2
    junk = io.BytesIO(b"not json")
    junk.name = "x.json"
    refused = editor.post(
        reverse("standards-api:standard-version-import-oscal", args=[adopted_version.standard_id]),
        {"file": junk},
        format="multipart",
    )
    assert refused.status_code == 400


def test_access_matrix(api_client, standards_people, draft_version):
    clause = draft_version.clauses.get(number="4.1")
    # a member party's user reads; an observer gets 404 everywhere
    kaz = api_client(standards_people["kaz"])
    assert (
        kaz.get(reverse("standards-api:version-detail", args=[draft_version.pk])).status_code == 200
    )
    observer = api_client(standards_people["observer"])
    for url in (
        reverse("standards-api:standard-detail", args=[draft_version.standard_id]),
        reverse("standards-api:version-detail", args=[draft_version.pk]),
        reverse("standards-api:clause-detail", args=[clause.pk]),
        reverse("standards-api:version-oscal", args=[draft_version.pk]),
    ):
        assert observer.get(url).status_code == 404
    assert observer.get(reverse("standards-api:standard-list")).json()["count"] == 0
    # another party's editor sees but may not edit: 403, nothing written
    rus = api_client(standards_people["rus_editor"])
    before = AuditEvent.objects.count()  # (after the clients' tokens, which are audited)
    response = rus.patch(
        reverse("standards-api:clause-detail", args=[clause.pk]),
        {"revision": clause.revision, "text_en": "x"},
        format="json",
    )
    assert response.status_code == 403
    response = observer.patch(
        reverse("standards-api:clause-detail", args=[clause.pk]),
        {"revision": clause.revision, "text_en": "x"},
        format="json",
    )
    assert response.status_code == 404
    assert AuditEvent.objects.count() == before
    assert Clause.objects.get(pk=clause.pk).text_en.startswith("The operator shall")
    assert api_client(None).get(reverse("standards-api:standard-list")).status_code in (401, 403)


def test_list_query_count(
    api_client, standards_people, draft_version, django_assert_max_num_queries
):
    from accord.standards.tests.conftest import make_standard

    for n in range(5):
        make_standard(standards_people["editor"], code=f"PS-Q{n}")
    client = api_client(standards_people["kaz"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("standards-api:standard-list"))
    assert response.json()["count"] == 6
    assert StandardVersion.objects.count() == 6
