"""The operators' probes (issue 11, operations kit): `/healthz` answers while the process
runs; `/readyz` answers 200 only when the database answers, every migration is applied and
a worker was seen lately — 503 naming the failed check otherwise. No sign-in, no cache."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from accord.core.health import heartbeat, readiness
from accord.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_a_sign_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405


def test_readyz_wants_a_worker_seen_lately(client, settings):
    settings.ACCORD_WORKER_STALE_SECONDS = 300
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    # Every 5xx answer carries the request id (issue 17.13), the same as its header.
    assert body.pop("request_id") == response["X-Request-ID"]
    assert body == {
        "ready": False,
        "checks": {
            "database": "ok",
            "migrations": "ok",
            "worker": "no worker seen in the last 300 s",
        },
    }
    heartbeat("accord-test")
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["ready"] is True
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        assert client.get("/readyz").status_code == 503


def test_readyz_can_leave_the_worker_out(settings):
    settings.ACCORD_WORKER_STALE_SECONDS = 0
    assert readiness() == {
        "ready": True,
        "checks": {"database": "ok", "migrations": "ok", "worker": "not checked"},
    }


@pytest.mark.django_db(transaction=True)
def test_the_worker_beats_and_forgets_workers_gone_for_a_day(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ACCORD_PERIODIC_JOBS = {}
    settings.ACCORD_WORKER_STALE_SECONDS = 300
    WorkerHeartbeat.objects.create(
        worker_id="accord-gone", seen_at=timezone.now() - dt.timedelta(days=2)
    )
    call_command("worker", "--batch", verbosity=0)
    workers = list(WorkerHeartbeat.objects.values_list("worker_id", flat=True))
    assert len(workers) == 1 and workers[0].startswith("accord-") and workers[0] != "accord-gone"
    assert readiness()["checks"]["worker"] == "ok"
