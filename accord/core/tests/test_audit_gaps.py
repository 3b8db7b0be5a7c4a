"""Issue 17, point 7: what the audit trail missed.

- A change of `released_to` (who may see a record) left no trace: `snapshot()` held the
  concrete fields only.
- `created_at` was taken before the chain lock, so an event could be timestamped before
  the event preceding it in the chain.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.core import audit
from accord.core.models import AuditEvent, Party
from accord.core.tests.marked import BUILDERS


def test_a_change_of_released_to_is_in_the_events_snapshots(make_user: Any) -> None:
    from accord.trafficking.services.operations import operation_update

    officer = make_user("RUS", roles=["customs_officer"])
    operation, _ = BUILDERS["trafficking.Operation"].build(officer, "gapop")
    kaz, blr = Party.objects.get(code="KAZ"), Party.objects.get(code="BLR")
    operation.released_to.set([kaz])
    operation_update(
        actor=officer, operation=operation, version=operation.version, released_to=[kaz, blr]
    )
    event = AuditEvent.objects.filter(action="trafficking.operation.update").latest("id")
    assert event.before_data["released_to"] == [kaz.pk]
    assert event.after_data["released_to"] == sorted([kaz.pk, blr.pk])


def test_the_time_of_an_event_is_taken_under_the_chain_lock(
    make_user: Any, monkeypatch: Any
) -> None:
    """The time is read after the previous event's hash (read under the lock), never
    before: a writer waiting for the lock cannot stamp its event earlier than the event
    written meanwhile."""
    user = make_user("RUS")
    real_now = timezone.now
    with CaptureQueriesContext(connection) as queries:
        taken_after: list[int] = []

        def now() -> dt.datetime:
            taken_after.append(len(queries.captured_queries))
            return real_now()

        monkeypatch.setattr(audit.timezone, "now", now)
        audit.record_event(actor=user, action="test.gap", object_type="test", object_id=1)
    monkeypatch.undo()
    prev_read = next(
        i
        for i, q in enumerate(queries.captured_queries)
        if '"hash"' in q["sql"] and "SELECT" in q["sql"]
    )
    assert taken_after and min(taken_after) > prev_read
