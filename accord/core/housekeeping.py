"""Daily housekeeping of finished background work (a periodic job of `accord worker`).

What the worker leaves behind grows with every request that queued something: the task
results of django-tasks' database backend and the `BackgroundJob` rows that followed an
import or a bulk screening. Nothing of it is a record of the agreement (the audit trail
holds what was imported, by whom, with the file's SHA-256), so it is kept for a while for
the operator page and the user's progress link, then removed:

- finished task results and jobs that succeeded, after `ACCORD_FINISHED_WORK_DAYS` (30);
- failed ones, after `ACCORD_FAILED_WORK_DAYS` (90), so an operator has time to look.

Stored review reports (`expertise.ReviewReport`) are documents, never pruned here.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accord.core.models import BackgroundJob

DEFAULT_FINISHED_DAYS = 30
DEFAULT_FAILED_DAYS = 90


def _cutoffs(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    finished = int(getattr(settings, "ACCORD_FINISHED_WORK_DAYS", DEFAULT_FINISHED_DAYS))
    failed = int(getattr(settings, "ACCORD_FAILED_WORK_DAYS", DEFAULT_FAILED_DAYS))
    return now - dt.timedelta(days=finished), now - dt.timedelta(days=failed)


def prune_finished_work(now: dt.datetime | None = None) -> dict[str, int]:
    """Remove old finished task results and background jobs; return how many of each."""
    ok_before, failed_before = _cutoffs(now or timezone.now())
    results = DBTaskResult.objects.finished().filter(
        Q(status=TaskResultStatus.SUCCESSFUL, finished_at__lte=ok_before)
        | Q(status=TaskResultStatus.FAILED, finished_at__lte=failed_before)
    )
    task_results, _ = results.delete()
    jobs = BackgroundJob.objects.filter(
        Q(state=BackgroundJob.State.DONE, finished_at__lte=ok_before)
        | Q(state=BackgroundJob.State.FAILED, finished_at__lte=failed_before)
    )
    removed = 0
    for job in jobs.iterator():
        if job.input_file:
            job.input_file.delete(save=False)
        job.delete()
        removed += 1
    return {"task_results": task_results, "jobs": removed}
