"""The API item import and the bulk screening run as background jobs: with the database
backend the request answers 202 with the job, whose progress and then result (or error,
as the request would have answered it) the user who started it reads at its url; no one
else sees the job. With tasks run at once the answers are those of before (see
test_items_api and test_watchlist_api)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from accord.core.models import BackgroundJob, Release
from accord.trafficking.models.items import Item, ItemImport
from accord.trafficking.services import watchlist as watchlist_services

BASE = "/api/v1/trafficking"
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued(settings: Any) -> None:
    settings.TASKS = DATABASE_BACKEND
    settings.ACCORD_PERIODIC_JOBS = {}


def _csv(content: bytes, name: str = "items.csv") -> io.BytesIO:
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def test_the_item_import_runs_in_the_worker_with_progress(
    officers: dict[str, Any], api_client: Any, queued: None
) -> None:
    client = api_client(officers["rus"])
    rows = b"".join(b"uncrewed,S-%d\n" % n for n in range(120))
    answer = client.post(
        f"{BASE}/items/import/",
        {"file": _csv(b"kind,serial_number\n" + rows)},
        format="multipart",
    )
    assert answer.status_code == 202, answer.content
    job = answer.json()
    assert job["state"] == "queued" and job["kind"] == "trafficking.item_import"
    assert answer["Location"] == job["url"]
    assert not Item.objects.exists()  # nothing imported in the request

    # Only the officer who started it sees the job.
    assert api_client(officers["kaz"]).get(job["url"]).status_code == 404

    call_command("worker", "--batch", verbosity=0)

    done = client.get(job["url"]).json()
    assert done["state"] == "done" and done["percent"] == 100
    assert done["done"] == done["total"] == 120
    batch = ItemImport.objects.get(pk=done["result"]["item_import"])
    assert batch.row_count == 120 == Item.objects.count()
    assert done["result"]["sha256"] == batch.sha256
    # The uploaded file is not kept once the import is done.
    assert BackgroundJob.objects.get().input_file == ""


def test_a_rejected_file_fails_the_job_with_the_error_the_request_would_have_had(
    officers: dict[str, Any], api_client: Any, queued: None
) -> None:
    client = api_client(officers["rus"])
    answer = client.post(
        f"{BASE}/items/import/",
        {"file": _csv(b"kind,serial_number\nuncrewed,A-3\nnope,A-4\n")},
        format="multipart",
    )
    assert answer.status_code == 202
    call_command("worker", "--batch", verbosity=0)
    failed = client.get(answer.json()["url"]).json()
    assert failed["state"] == "failed" and failed["error_status"] == 400
    assert failed["error"]["errors"]["file"][0].startswith("Row 3:")
    assert not Item.objects.exists()


def test_an_officer_without_the_role_is_refused_at_once(
    officers: dict[str, Any], api_client: Any, queued: None
) -> None:
    answer = api_client(officers["rus_norole"]).post(
        f"{BASE}/items/import/",
        {"file": _csv(b"kind,serial_number\nuncrewed,A-1\n")},
        format="multipart",
    )
    assert answer.status_code == 403
    assert not BackgroundJob.objects.exists()


def test_bulk_screening_runs_in_the_worker(
    officers: dict[str, Any], api_client: Any, queued: None
) -> None:
    watchlist_services.entity_create(
        actor=officers["rus"],
        kind="person",
        name="Олег Смирнов",
        reason="Fictional.",
        release=Release.MEMBERS,
    )
    client = api_client(officers["kaz"])
    names = SimpleUploadedFile("names.csv", b"name\nOleg Smirnov\nNobody\n")
    answer = client.post(f"{BASE}/screening/bulk/", {"file": names}, format="multipart")
    assert answer.status_code == 202, answer.content
    call_command("worker", "--batch", verbosity=0)
    done = client.get(answer.json()["url"]).json()
    assert done["state"] == "done" and done["done"] == done["total"] == 2
    rows = done["result"]["rows"]
    assert rows[0]["candidates"][0]["score"] == 100 and rows[1]["candidates"] == []
    assert done["result"]["csv"].lstrip("\ufeff").splitlines()[0].startswith("row,name,rank,score")


def test_the_bulk_screening_page_follows_the_job(
    officers: dict[str, Any], client: Any, queued: None
) -> None:
    watchlist_services.entity_create(
        actor=officers["rus"],
        kind="person",
        name="Олег Смирнов",
        reason="Fictional.",
        release=Release.MEMBERS,
    )
    client.force_login(officers["kaz"])
    names = SimpleUploadedFile("names.csv", b"name\nOleg Smirnov\nNobody\n")
    answer = client.post("/trafficking/screening/bulk/", {"file": names})
    assert answer.status_code == 302
    job_page = answer["Location"]
    waiting = client.get(job_page)
    assert waiting.status_code == 200 and waiting["Refresh"] == "3"
    assert 'data-testid="bulk-progress"' in waiting.content.decode()

    call_command("worker", "--batch", verbosity=0)

    done = client.get(job_page)
    text = done.content.decode()
    assert not done.has_header("Refresh")
    assert 'data-testid="bulk-row-2"' in text and "Олег Смирнов" in text
    assert 'data-testid="bulk-row-3"' in text
    csv_answer = client.get(f"{job_page}?download=csv")
    assert csv_answer["Content-Type"].startswith("text/csv")
    assert "Олег Смирнов" in csv_answer.content.decode()

    client.force_login(officers["blr"])
    assert client.get(job_page).status_code == 404
