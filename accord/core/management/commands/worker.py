"""`accord worker`: the second process of a deployment, beside the web server.

It runs the queued background tasks (django-tasks' database worker: e-mails, stored
reports, outbox events) and, on a schedule thread, queues the daily jobs when they are
due (`accord.core.periodic`) and re-queues outbox rows whose retry is due. So a
deployment needs no cron. Several workers may run at once: each task runs once, and each
daily job is claimed by one worker.

`--batch` does one round and exits: queue what is due, run every queued task, stop (for a
test, or a one-off catch-up).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string

logger = logging.getLogger("accord.worker")


def schedule_once(worker_id: str = "") -> None:
    """Queue the daily jobs that are due and the outbox rows whose retry is due; sign an
    audit checkpoint when one is due; say the worker is alive (`/readyz` reads it)."""
    from accord.core import checkpoints, outbox, periodic
    from accord.core.health import heartbeat

    if worker_id:
        heartbeat(worker_id)

    periodic.enqueue_due()
    outbox.requeue_due()
    checkpoints.checkpoint_if_due()


class Command(BaseCommand):
    help = "Run background tasks and the daily jobs (the second process of a deployment)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait for new tasks when the queue is empty (default 1).",
        )
        parser.add_argument(
            "--schedule-every",
            type=float,
            default=60.0,
            help="Seconds between looks for due daily jobs and outbox retries (default 60).",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Queue what is due, run every queued task, then exit.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django_tasks import task_backends
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.management.commands.db_worker import Command as DbWorker
        from django_tasks_db.management.commands.db_worker import Worker

        if not isinstance(task_backends["default"], DatabaseBackend):
            raise CommandError(
                "accord worker needs the database task backend "
                "(TASKS['default']['BACKEND'] = 'django_tasks_db.DatabaseBackend')."
            )
        # The database worker's logging: one line per task started and finished.
        DbWorker.configure_logging(self, options["verbosity"])  # type: ignore[arg-type]
        worker_id = f"accord-{get_random_string(16)}"
        worker = Worker(
            queue_names=["*"],
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=not options["batch"],
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        if options["batch"]:
            schedule_once(worker_id)
            worker.run()
            return
        stop = threading.Event()
        scheduler = threading.Thread(
            target=self._schedule_loop,
            args=(options["schedule_every"], stop, worker_id),
            name="accord-schedule",
            daemon=True,
        )
        scheduler.start()
        self.stdout.write("Accord worker running: tasks and daily jobs (Ctrl+C stops).")
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()

    def _schedule_loop(self, every: float, stop: threading.Event, worker_id: str) -> None:
        while not stop.is_set():
            try:
                close_old_connections()
                schedule_once(worker_id)
            except Exception:
                logger.exception("Scheduling the daily jobs failed; trying again later.")
            finally:
                connection.close()
            stop.wait(max(every, 1.0))
