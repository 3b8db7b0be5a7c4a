"""Notifying users: in the application always, and by e-mail where configured.

Services call `notify_party` inside their transaction; the rows commit with the change,
and so does the queued mail task (the database task backend; a backend that runs tasks
at once is called only after the commit), so a rolled-back change never mails anyone.
The mail task (`accord.core.tasks`) records on each notification whether its e-mail went
out, failed, or is being retried.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Model
from django.utils import translation

from accord.core.models import Notification, Party


def _both_languages(message: Callable[[], Any]) -> tuple[str, str]:
    """Render a message (a callable returning lazily translated text) in English and
    Russian."""
    with translation.override("en"):
        english = str(message())
    with translation.override("ru"):
        russian = str(message())
    return english[:500], russian[:500]


def notify_users(
    *,
    users: Iterable[Any],
    kind: str,
    message: Callable[[], Any],
    link: str = "",
    obj: Model | None = None,
) -> list[Notification]:
    """Send one notification to each of `users`. `message` is called once per language,
    e.g. ``lambda: _("Tracing request %(ref)s received") % {"ref": ref}``."""
    english, russian = _both_languages(message)
    object_type = obj._meta.label_lower if obj is not None else ""
    object_id = str(obj.pk) if obj is not None else ""
    rows = [
        Notification(
            recipient=user,
            kind=kind,
            message_en=english,
            message_ru=russian,
            link=link,
            object_type=object_type,
            object_id=object_id,
        )
        for user in {u.pk: u for u in users}.values()
    ]
    Notification.objects.bulk_create(rows)
    mailed = [n.pk for n in rows if getattr(n.recipient, "email", "")]
    if mailed and getattr(settings, "ACCORD_NOTIFY_BY_EMAIL", False):
        from accord.core.tasks import queues_in_database

        if queues_in_database():
            # The task row is written in this transaction: it commits (or rolls back)
            # with the notifications, and nothing can fail after the commit.
            _queue_mail(mailed)
        else:
            transaction.on_commit(lambda: _queue_mail(mailed))
    return rows


def notify_party(
    *,
    party: Party,
    roles: Iterable[str],
    kind: str,
    message: Callable[[], Any],
    link: str = "",
    obj: Model | None = None,
) -> list[Notification]:
    """Notify the active users of `party` who hold any of `roles`."""
    users = (
        get_user_model()
        .objects.filter(party=party, is_active=True, groups__name__in=list(roles))
        .distinct()
        .order_by("pk")
    )
    return notify_users(users=users, kind=kind, message=message, link=link, obj=obj)


def _queue_mail(notification_ids: list[int]) -> None:
    from accord.core.tasks import enqueue_mail

    enqueue_mail(notification_ids)
