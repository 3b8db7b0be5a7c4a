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
from django.urls import reverse
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


# --- Outcome, request id, owner party; old events stay verifiable -----------------------------


def test_events_carry_outcome_request_id_and_owner(make_user: Any, client: Any) -> None:
    from accord.core.audit import verify_chain

    officer = make_user("RUS", roles=["customs_officer"])
    client.force_login(officer)
    response = client.get(
        "/api/v1/trafficking/tracing/export.csv", HTTP_X_REQUEST_ID="support-ticket-42"
    )
    assert response.status_code == 200 and response["X-Request-ID"] == "support-ticket-42"
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.outcome, event.request_id) == (
        "export",
        "success",
        "support-ticket-42",
    )
    item, _ = BUILDERS["trafficking.Item"].build(officer, "gapowner")
    registered = AuditEvent.objects.get(action="trafficking.item.register", object_id=str(item.pk))
    assert registered.object_owner_id == Party.objects.get(code="RUS").pk
    assert registered.request_id is None  # not in a request
    # A malformed id from outside is replaced by one of ours.
    response = client.get(reverse("core:home"), HTTP_X_REQUEST_ID="bad id\n")
    assert len(response["X-Request-ID"]) == 32
    assert verify_chain().ok


def test_an_event_written_before_the_new_fields_still_verifies_and_a_new_one_is_covered(
    make_user: Any,
) -> None:
    """Events written before outcome/request id/owner existed have them NULL: their hash
    leaves them out. An event written since covers them: changing one breaks verify."""
    from accord.core.audit import GENESIS_HASH, HASHED_FIELDS, compute_hash, verify_chain

    old = AuditEvent(
        created_at=timezone.now(),
        action="legacy.event",
        object_type="legacy",
        object_id="1",
        object_repr="written before issue 17",
        before="",
        after="",
        prev_hash=GENESIS_HASH,
    )
    old.hash = compute_hash(GENESIS_HASH, tuple(getattr(old, n) for n in HASHED_FIELDS))
    old.save(force_insert=True)
    user = make_user("RUS")
    new = audit.record_event(actor=user, action="test.new", object_type="t", object_id=2)
    assert new.outcome == "success"
    assert AuditEvent.objects.order_by("id").first() == old
    result = verify_chain()
    assert result.ok and result.checked == AuditEvent.objects.count()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER accord_audit_append_only")
        cursor.execute("UPDATE core_auditevent SET outcome = %s WHERE id = %s", ["failure", new.pk])
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER accord_audit_append_only")
    broken = verify_chain()
    assert not broken.ok and broken.broken_event_id == new.pk
