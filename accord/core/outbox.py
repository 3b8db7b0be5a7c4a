"""The outbox: events one module reports and others handle, delivered reliably.

`publish(topic, payload)` is called inside the transaction of the change; it writes one
`OutboxMessage` row per handler named in `settings.ACCORD_OUTBOX_HANDLERS[topic]`, so the
event exists exactly when the change does (a rolled-back change publishes nothing). A
task handles each row (with the database backend its task row is written in the same
transaction; a backend that runs tasks at once runs it after the commit): the handler's
writes and the row's "done" commit together. A handler that fails leaves its row pending
with the error and a later attempt time; `accord worker` re-queues due rows
(`requeue_due`) until `ACCORD_TASK_MAX_ATTEMPTS`, then the row is "failed" and shown on
the operator page (core:operations). The user who made the change never sees a
handler's failure.

Handlers are named by dotted path in settings, not registered at import time, so the
publishing module never imports the handling one. A handler takes the payload (a dict)
and must be safe to run again (a retry after a crash may repeat it).
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from accord.core.models import OutboxMessage

logger = logging.getLogger(__name__)

# A row just published is the on-commit task's for this long; after that the worker's
# sweep takes it (an enqueue lost to a crash between commit and enqueue is not lost).
LEASE = dt.timedelta(minutes=5)


def _max_attempts() -> int:
    return max(1, int(getattr(settings, "ACCORD_TASK_MAX_ATTEMPTS", 5)))


def backoff(attempts: int) -> dt.timedelta:
    """Wait before attempt `attempts + 1`: 1, 2, 4, 8 ... minutes, at most a day."""
    return min(dt.timedelta(minutes=2 ** max(attempts - 1, 0)), dt.timedelta(days=1))


def publish(topic: str, payload: dict[str, Any]) -> list[OutboxMessage]:
    """Write the event for each of its handlers, in the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("outbox.publish must be called inside the change's transaction")
    handlers = list(getattr(settings, "ACCORD_OUTBOX_HANDLERS", {}).get(topic, []))
    if not handlers:
        return []
    now = timezone.now()
    rows = [
        OutboxMessage.objects.create(
            topic=topic, handler=handler, payload=payload, next_attempt_at=now + LEASE
        )
        for handler in handlers
    ]
    ids = [row.pk for row in rows]

    from accord.core.tasks import handle_outbox_message, queues_in_database

    def enqueue() -> None:
        for pk in ids:
            handle_outbox_message.enqueue(pk)

    if queues_in_database():
        enqueue()  # task rows of this same transaction
    else:
        # A backend that runs tasks at once runs them after the commit; robust: should
        # that fail, the change stands and the worker's sweep delivers the row.
        transaction.on_commit(enqueue, robust=True)
    return rows


def handle(pk: int) -> str:
    """Run the handler of one pending row; return the row's state afterwards."""
    now = timezone.now()
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(pk=pk, state=OutboxMessage.State.PENDING)
            .first()
        )
        if message is None:
            return "gone"
        message.attempts += 1
        try:
            with transaction.atomic():
                import_string(message.handler)(message.payload)
        except Exception as exc:
            logger.warning("Outbox message %s (%s) failed: %s", pk, message.handler, exc)
            message.last_error = "".join(traceback.format_exception(exc))[-4000:]
            if message.attempts >= _max_attempts():
                message.state = OutboxMessage.State.FAILED
                message.next_attempt_at = None
            else:
                message.next_attempt_at = now + backoff(message.attempts)
        else:
            message.state = OutboxMessage.State.DONE
            message.handled_at = now
            message.next_attempt_at = None
            message.last_error = ""
        message.save(
            update_fields=["attempts", "state", "handled_at", "next_attempt_at", "last_error"]
        )
        return message.state


def requeue_due(now: dt.datetime | None = None) -> int:
    """Queue a task for every pending row whose attempt is due (claimed by moving its next
    attempt on, so two workers queue it once). Returns how many were queued."""
    from accord.core.tasks import handle_outbox_message

    now = now or timezone.now()
    queued = 0
    due = OutboxMessage.objects.filter(
        state=OutboxMessage.State.PENDING, next_attempt_at__lte=now
    ).values_list("pk", "next_attempt_at")
    for pk, at in list(due[:500]):
        claimed = OutboxMessage.objects.filter(
            pk=pk, state=OutboxMessage.State.PENDING, next_attempt_at=at
        ).update(next_attempt_at=now + LEASE)
        if claimed:
            handle_outbox_message.enqueue(pk)
            queued += 1
    return queued


def retry(message: OutboxMessage) -> None:
    """Give a failed row another round of attempts (the operator's "Retry")."""
    OutboxMessage.objects.filter(pk=message.pk, state=OutboxMessage.State.FAILED).update(
        state=OutboxMessage.State.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
