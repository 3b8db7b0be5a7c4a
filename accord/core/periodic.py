"""The daily jobs `accord worker` runs instead of cron (settings.ACCORD_PERIODIC_JOBS).

Each job has a `PeriodicJob` row with the time it is next due. A worker that finds a job
due claims it with a conditional update (moving `next_run_at` to the next day), then
queues a task that runs it; so however many workers run, a job runs once a day. The
task records the outcome on the row (shown on the operator page); a job that failed is
due again an hour later. Every job is safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from typing import Any

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from accord.core.models import PeriodicJob

logger = logging.getLogger(__name__)

RETRY_AFTER_FAILURE = dt.timedelta(hours=1)


def jobs() -> dict[str, str]:
    return dict(getattr(settings, "ACCORD_PERIODIC_JOBS", {}))


def next_daily(now: dt.datetime) -> dt.datetime:
    """The next time, after `now`, at ACCORD_PERIODIC_HOUR local time."""
    hour = int(getattr(settings, "ACCORD_PERIODIC_HOUR", 2))
    local = timezone.localtime(now)
    candidate = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if candidate <= local:
        candidate += dt.timedelta(days=1)
    return candidate


def ensure_rows(now: dt.datetime | None = None) -> None:
    """A row for every configured job; a new job is due at once."""
    now = now or timezone.now()
    for name in jobs():
        PeriodicJob.objects.get_or_create(name=name, defaults={"next_run_at": now})


def enqueue_due(now: dt.datetime | None = None) -> list[str]:
    """Claim and queue every job that is due; return the names queued."""
    from accord.core.tasks import run_periodic_job

    now = now or timezone.now()
    ensure_rows(now)
    queued = []
    for job in PeriodicJob.objects.filter(name__in=list(jobs()), next_run_at__lte=now):
        claimed = PeriodicJob.objects.filter(pk=job.pk, next_run_at=job.next_run_at).update(
            next_run_at=next_daily(now), last_started_at=now
        )
        if claimed:
            run_periodic_job.enqueue(job.name)
            queued.append(job.name)
    return queued


def _summary(result: Any) -> str:
    if isinstance(result, list | tuple | set):
        return str(len(result))
    return str(result)[:500]


def run(name: str) -> bool:
    """Run one job now and record how it went. Returns whether it succeeded."""
    path = jobs().get(name)
    if path is None:
        logger.warning("Periodic job %r is not configured; skipped.", name)
        return False
    try:
        result = import_string(path)()
    except Exception as exc:
        logger.exception("Periodic job %s failed", name)
        now = timezone.now()
        PeriodicJob.objects.filter(name=name).update(
            last_finished_at=now,
            last_ok=False,
            last_error="".join(traceback.format_exception(exc))[-4000:],
            failures=F("failures") + 1,
            next_run_at=now + RETRY_AFTER_FAILURE,
        )
        return False
    PeriodicJob.objects.filter(name=name).update(
        last_finished_at=timezone.now(),
        last_ok=True,
        last_result=_summary(result),
        last_error="",
        failures=0,
    )
    return True
