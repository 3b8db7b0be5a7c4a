"""The kernel's background tasks (django-tasks; run by `accord worker`).

- `send_notification_emails`: the e-mails of notifications, sent after the commit that
  stored them. Sent without `fail_silently`: `emailed_at` is stamped only when the mail
  server took the message; a refusal is recorded on the notification (attempts, last
  error) and retried later, up to `ACCORD_TASK_MAX_ATTEMPTS`, then marked failed.
- `handle_outbox_message`: one outbox row (accord/core/outbox.py).
- `run_periodic_job`: one daily job (accord/core/periodic.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from django_tasks import task, task_backends

from accord.core.models import Notification

logger = logging.getLogger(__name__)


def _max_attempts() -> int:
    return max(1, int(getattr(settings, "ACCORD_TASK_MAX_ATTEMPTS", 5)))


def mail_backoff(attempts: int) -> dt.timedelta:
    """Wait before the next try of a mail: 1, 5, 25 ... minutes, at most six hours."""
    return min(dt.timedelta(minutes=5 ** max(attempts - 1, 0)), dt.timedelta(hours=6))


def queues_in_database() -> bool:
    """Whether an enqueued task is a row of the current transaction (django-tasks-db)."""
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def supports_defer() -> bool:
    return bool(getattr(task_backends["default"], "supports_defer", False))


def _body(notification: Notification) -> str:
    base = getattr(settings, "ACCORD_BASE_URL", "").rstrip("/")
    body = f"{notification.message_en}\n\n{notification.message_ru}\n"
    if notification.link:
        body += f"\n{base}{notification.link}\n"
    return body


@task()
def send_notification_emails(notification_ids: list[int]) -> dict[str, int]:
    """Send the e-mail of each notification not yet e-mailed nor given up on."""
    rows = list(
        Notification.objects.filter(
            pk__in=notification_ids, emailed_at__isnull=True, email_failed_at__isnull=True
        )
        .select_related("recipient")
        .order_by("pk")
    )
    sent, again, failed = 0, [], 0
    connection = get_connection(fail_silently=False)
    for notification in rows:
        address = getattr(notification.recipient, "email", "")
        if not address:
            continue
        message = EmailMessage(
            subject=notification.message_en,
            body=_body(notification),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
            connection=connection,
        )
        try:
            accepted = message.send(fail_silently=False)
            if not accepted:
                raise RuntimeError("the mail backend accepted no message")
        except Exception as exc:
            attempts = notification.email_attempts + 1
            error = f"{type(exc).__name__}: {exc}"[:500]
            gave_up = attempts >= _max_attempts()
            Notification.objects.filter(pk=notification.pk).update(
                email_attempts=attempts,
                email_error=error,
                email_failed_at=timezone.now() if gave_up else None,
            )
            logger.warning("E-mail of notification %s failed: %s", notification.pk, error)
            if gave_up:
                failed += 1
            else:
                again.append((notification.pk, attempts))
        else:
            Notification.objects.filter(pk=notification.pk).update(
                emailed_at=timezone.now(), email_attempts=notification.email_attempts + 1
            )
            sent += 1
    with contextlib.suppress(Exception):  # closing a broken connection may fail too
        connection.close()
    if again:
        ids = [pk for pk, _a in again]
        if supports_defer():
            wait = mail_backoff(max(a for _pk, a in again))
            send_notification_emails.using(run_after=timezone.now() + wait).enqueue(ids)
        else:
            # A backend that cannot defer (tests, immediate): try again at once; the
            # attempts are bounded all the same.
            send_notification_emails.enqueue(ids)
    return {"sent": sent, "retrying": len(again), "failed": failed}


@task()
def handle_outbox_message(message_id: int) -> str:
    from accord.core import outbox

    return outbox.handle(message_id)


@task()
def run_periodic_job(name: str) -> bool:
    from accord.core import periodic

    return periodic.run(name)


def enqueue_mail(notification_ids: list[int]) -> Any:
    return send_notification_emails.enqueue(notification_ids)


@task()
def run_background_job(job_id: int) -> str:
    from accord.core import jobs

    return jobs.run(job_id)
