"""Long work a user starts, run by a task with progress (`BackgroundJob`).

`start(...)` stores the uploaded file and the job row and queues `run_background_job`;
the API answers with the job at once (202) — or, when the task already ran (the
immediate backend), with the finished result as before. The task runs the job's
*runner* (a dotted path chosen by the code, never by the request) as the user who started
it, in that user's language:

    runner(*, job, actor, source, file_name, options, progress) -> JSON-able result

`progress(done, total)` records how far it is. A `ServiceError` becomes the job's error
with the status and body the API would have answered; anything else is logged and
recorded as a generic error (no internals shown to the user; the operator page lists
the failed jobs).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.files import File
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from accord.core.errors import ServiceError
from accord.core.models import BackgroundJob

logger = logging.getLogger(__name__)


def start(
    *,
    owner: Any,
    kind: str,
    runner: str,
    upload: File | None = None,
    options: dict[str, Any] | None = None,
) -> BackgroundJob:
    """Create the job (with its input file) and queue it; return it as it stands after
    queueing (finished already when the backend runs tasks at once)."""
    from accord.core.tasks import run_background_job

    job = BackgroundJob(
        kind=kind,
        runner=runner,
        owner=owner,
        language=translation.get_language() or "en",
        options=options or {},
    )
    if upload is not None:
        job.input_name = (upload.name or "")[:255]
        job.input_file.save(f"job-{kind}-{timezone.now():%Y%m%d%H%M%S}", upload, save=False)
    job.save()
    run_background_job.enqueue(job.pk)
    job.refresh_from_db()
    return job


def _error_body(exc: ServiceError) -> tuple[dict[str, Any], int]:
    from accord.core.api.errors import exception_handler

    response = exception_handler(exc, {})
    assert response is not None
    return dict(response.data), response.status_code


def run(job_id: int) -> str:
    """The task's body: run one queued job to its end."""
    from django.contrib.auth import get_user_model

    claimed = BackgroundJob.objects.filter(pk=job_id, state=BackgroundJob.State.QUEUED).update(
        state=BackgroundJob.State.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return "gone"
    job = BackgroundJob.objects.get(pk=job_id)
    actor = get_user_model().objects.select_related("party").get(pk=job.owner_id)

    def progress(done: int, total: int) -> None:
        BackgroundJob.objects.filter(pk=job.pk).update(done=done, total=total)

    with translation.override(job.language):
        try:
            runner = import_string(job.runner)
            if job.input_file:
                with job.input_file.open("rb") as source:
                    result = runner(
                        job=job,
                        actor=actor,
                        source=source,
                        file_name=job.input_name,
                        options=job.options,
                        progress=progress,
                    )
            else:
                result = runner(
                    job=job,
                    actor=actor,
                    source=None,
                    file_name="",
                    options=job.options,
                    progress=progress,
                )
        except ServiceError as exc:
            body, status = _error_body(exc)
            _finish(job, BackgroundJob.State.FAILED, error=body, error_status=status)
            return BackgroundJob.State.FAILED
        except Exception:
            logger.exception("Background job %s (%s) failed", job.pk, job.kind)
            _finish(
                job,
                BackgroundJob.State.FAILED,
                error={
                    "code": "error",
                    "detail": _(
                        "The work failed unexpectedly. Try again, or tell the Secretariat."
                    ),
                },
                error_status=500,
            )
            return BackgroundJob.State.FAILED
    _finish(job, BackgroundJob.State.DONE, result=result)
    return BackgroundJob.State.DONE


def _finish(job: BackgroundJob, state: str, **fields: Any) -> None:
    BackgroundJob.objects.filter(pk=job.pk).update(
        state=state, finished_at=timezone.now(), **fields
    )
    if job.input_file:
        # The input is needed no longer (and may hold sensitive rows): remove it.
        job.input_file.delete(save=False)
        BackgroundJob.objects.filter(pk=job.pk).update(input_file="")


def job_get(*, user: Any, pk: Any) -> BackgroundJob:
    """A job of the signed-in user (anyone else's is not found)."""
    from accord.core.errors import NotFound

    try:
        number = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    job = BackgroundJob.objects.filter(pk=number, owner_id=user.pk).first()
    if job is None:
        raise NotFound()
    return job
