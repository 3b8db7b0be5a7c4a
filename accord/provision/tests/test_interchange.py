"""The whole-module JSON export re-imports into an emptied database and gives equal
records; every table exports as CSV and XLSX with the rows its reader may see."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.urls import reverse

from accord.core.errors import PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent
from accord.provision import services
from accord.provision.services.interchange import TABLES
from accord.provision.tests.world import TODAY


@pytest.fixture
def full(world, party):
    """A commitment along the whole chain: delivered, inspected with a missing item (its
    discrepancy report), a superseding inspection, a check with an unfavourable rating and
    its hold, a disposal, a retransfer request and a return."""
    world.clear()
    commitment = world.authorise(world.commit())
    consignment = world.deliver(commitment, ["P-1", "P-2", "P-3"])
    inspection = services.inspection_record(
        actor=world.kaz,
        consignment=consignment,
        inspected_on=TODAY + dt.timedelta(days=4),
        received_serials=["P-1", "P-2"],
    )
    services.inspection_sign(actor=world.rus, inspection=inspection)
    services.inspection_sign(actor=world.kaz, inspection=inspection)
    services.inspection_record(
        actor=world.kaz,
        consignment=consignment,
        inspected_on=TODAY + dt.timedelta(days=9),
        received_serials=["P-1", "P-2", "P-3"],
        supersedes=inspection,
    )
    check = services.check_schedule(
        actor=world.rus, commitment=commitment, kind="routine", risk="medium", due_on=TODAY
    )
    services.check_rate(
        actor=world.rus,
        check=check,
        rating="unfavourable",
        justification="Not at the declared site.",
        done_on=TODAY,
    )
    services.disposal_record(
        actor=world.kaz,
        commitment=commitment,
        kind="disposal",
        method="Demilitarised by cutting",
        done_on=TODAY,
        witnesses=[party("KAZ"), party("RUS")],
        serials=["P-3"],
    )
    services.retransfer_request(
        actor=world.kaz,
        commitment=commitment,
        serials=["P-1"],
        recipient=party("BLR"),
        purpose="Training",
    )
    services.return_prepare(actor=world.rus, kind="unroca", year=TODAY.year)
    return commitment


def _normalised(data: dict[str, Any]) -> dict[str, Any]:
    """The export with each table's ids replaced by their rank (a restore gives new ids)."""
    from django.db import models

    table_of = {model: name for name, model, _path in TABLES}
    ranks = {name: {row["id"]: i for i, row in enumerate(data[name])} for name in table_of.values()}
    out: dict[str, Any] = {"format": data["format"]}
    for name, model, _path in TABLES:
        refs = {
            f.name: table_of[f.related_model]
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey) and f.related_model in table_of
        }
        rows = []
        for row in data[name]:
            row = {**row, "id": ranks[name][row["id"]]}
            for field, table in refs.items():
                if row[field] is not None:
                    row[field] = ranks[table][row[field]]
            rows.append(row)
        out[name] = rows
    return out


def _empty_the_module() -> None:
    from accord.provision.models import Inspection

    Inspection.objects.update(supersedes=None)
    for _name, model, _path in reversed(TABLES):
        model._default_manager.all().delete()


def test_the_module_export_reimports_into_an_empty_database_as_equal_records(
    world, full, make_user, api_client
):
    before = services.module_data(actor=world.rus)
    assert all(before[name] for name, _m, _p in TABLES), {n: len(before[n]) for n, *_ in TABLES}
    exported = api_client(world.rus).get(reverse("provision-api:export-module"))
    assert exported.status_code == 200
    data = json.loads(exported.content)
    assert data == json.loads(json.dumps(before))
    assert AuditEvent.objects.filter(action="provision.module.export").count() == 1
    _empty_the_module()
    admin = make_user("SEC", roles=["administrator"])
    answer = api_client(admin).post(reverse("provision-api:module-import"), data, format="json")
    assert answer.status_code == 201, answer.json()
    assert answer.json()["created"]["lines"] == 1
    after = services.module_data(actor=world.rus)
    assert _normalised(after) == _normalised(before)
    assert AuditEvent.objects.filter(action="provision.module.import").count() == 1
    # The restored records keep their rules: P-3 stays disposed of.
    from accord.provision.models import Commitment

    assert services.disposed_serials(Commitment.objects.get()) == {"P-3"}


def test_a_restore_is_an_administrators_and_bad_files_answer_400(world, full, make_user):
    data = services.module_data(actor=world.rus)
    with pytest.raises(PermissionDenied):
        services.module_import(actor=world.rus, data=data)
    admin = make_user("SEC", roles=["administrator"])
    with pytest.raises(ValidationFailed):  # the requirement's reference is already taken
        services.module_import(actor=admin, data=data)
    for bad in (
        [],
        {"format": "other"},
        {"format": data["format"], "requirements": "x"},
        {"format": data["format"], "requirements": [{"id": 1, "owner": "NOPE"}]},
        {"format": data["format"], "lines": [{"id": 1, "consignment": 999}]},
        {"format": data["format"], "requirements": [{"id": 1, "needed_by": "not a date"}]},
        {"format": data["format"], "commitments": [{"id": 1, "system_version": 5}]},
        {"format": data["format"], "requirements": [{"id": [1]}]},
        {
            "format": data["format"],
            "requirements": [
                {**data["requirements"][0], "id": 1, "reference": f"R-D{n}"} for n in (1, 2)
            ],
        },
        {
            "format": data["format"],
            "requirements": [{**data["requirements"][0], "reference": "R-NEW", "created_at": "x"}],
        },
    ):
        with pytest.raises(ValidationFailed):
            services.module_import(actor=admin, data=bad)


def test_the_import_api_answers_400_and_403(world, make_user, api_client):
    url = reverse("provision-api:module-import")
    assert api_client(world.rus).post(url, {"format": "x"}, format="json").status_code == 403
    admin = api_client(make_user("SEC", roles=["administrator"]))
    assert admin.post(url, {"format": "x"}, format="json").status_code == 400
    assert admin.post(url, [1, 2], format="json").status_code == 400


@pytest.mark.parametrize("code", [name for name, _m, _p in TABLES])
def test_every_table_exports_as_csv_and_xlsx_with_what_its_reader_sees(world, full, client, code):
    from openpyxl import load_workbook

    client.force_login(world.rus)
    csv = client.get(reverse("provision:export-csv", args=[code]))
    assert csv.status_code == 200
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,") and len(lines) >= 2
    xlsx = client.get(reverse("provision-api:export-xlsx", args=[code]))
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).active
    assert sheet is not None and len(list(sheet.iter_rows())) == len(lines)
    assert AuditEvent.objects.filter(action="provision.table.export", object_repr=code).count() == 2
    client.force_login(world.arm)  # Armenia sees no commitment: headers only
    if code not in ("requirements",):
        other = client.get(reverse("provision:export-csv", args=[code]))
        assert len(other.content.decode("utf-8-sig").splitlines()) == 1


def test_an_unknown_table_is_404_and_the_page_links_every_table(world, client):
    client.force_login(world.rus)
    assert client.get(reverse("provision:export-csv", args=["nope"])).status_code == 404
    page = client.get(reverse("provision:export")).content.decode()
    for name, _m, _p in TABLES:
        assert reverse("provision:export-csv", args=[name]) in page
    assert reverse("provision:export-module") in page
    assert 'data-testid="import-form"' not in page  # the restore is an administrator's
    assert client.post(reverse("provision:export")).status_code == 403


def test_the_restore_page_takes_a_file(world, full, make_user, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = services.module_data(actor=world.rus)
    _empty_the_module()
    client.force_login(make_user("SEC", roles=["administrator"]))
    page = client.get(reverse("provision:export"))
    assert 'data-testid="import-form"' in page.content.decode()
    bad = client.post(
        reverse("provision:export"), {"file": SimpleUploadedFile("x.json", b"not json")}
    )
    assert bad.status_code == 400
    good = client.post(
        reverse("provision:export"),
        {"file": SimpleUploadedFile("p.json", json.dumps(data).encode())},
    )
    assert good.status_code == 302
    assert _normalised(services.module_data(actor=world.rus)) == _normalised(data)


def test_the_export_names_a_system_only_where_its_reader_sees_it(world, full, make_user):
    from accord.core.models import Release

    type(world.system).objects.filter(pk=world.system.pk).update(release=Release.OWNER)
    data = services.module_data(actor=world.kaz)
    key = data["commitments"][0]["system_version"]
    assert "designation" not in key and key["id"] == world.version.pk
    assert world.system.designation not in json.dumps(data)
    assert (
        "designation" in services.module_data(actor=world.rus)["commitments"][0]["system_version"]
    )
    _empty_the_module()
    created = services.module_import(actor=make_user("SEC", roles=["administrator"]), data=data)
    assert created["commitments"] == 1  # the id named the system
