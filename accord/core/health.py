"""Health for the operators' probes: `/healthz` (the process answers) and `/readyz` (it can
serve: the database answers, every migration is applied, a worker was seen lately).

A load balancer or an orchestrator takes a web process out of rotation while `/readyz`
answers 503, and restarts it when `/healthz` stops answering. Neither needs a sign-in, and
neither says more than which check failed.
"""

from __future__ import annotations

import datetime as dt
import socket
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accord.core.models import WorkerHeartbeat


def heartbeat(worker_id: str, now: dt.datetime | None = None) -> None:
    """Record that this worker is alive; forget workers not seen for a day."""
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"seen_at": now, "host": socket.gethostname()[:255]}
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - dt.timedelta(days=1)).delete()


def readiness(now: dt.datetime | None = None) -> dict[str, Any]:
    """{"ready": bool, "checks": {name: "ok" | what is wrong}}."""
    now = now or timezone.now()
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = "unavailable"
        return {"ready": False, "checks": checks}
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    checks["migrations"] = "ok" if not pending else f"{len(pending)} not applied"
    stale = int(getattr(settings, "ACCORD_WORKER_STALE_SECONDS", 300))
    if stale <= 0:
        checks["worker"] = "not checked"
    else:
        seen = WorkerHeartbeat.objects.filter(
            seen_at__gte=now - dt.timedelta(seconds=stale)
        ).exists()
        checks["worker"] = "ok" if seen else f"no worker seen in the last {stale} s"
    ready = all(value in ("ok", "not checked") for value in checks.values())
    return {"ready": ready, "checks": checks}
