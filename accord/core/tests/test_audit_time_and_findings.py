"""Issue 17, point 13 items checked again: events' `created_at` follows the chain's order
under concurrent writers (taken holding the chain lock), and an empty finding form answers
4xx, not 500."""

from __future__ import annotations

import itertools
import threading
from typing import Any

import pytest
from django.db import close_old_connections, connection, transaction
from django.test import Client

from accord.core.audit import record_event, verify_chain
from accord.core.models import AuditEvent
from accord.core.tests.marked import BUILDERS


@pytest.mark.django_db(transaction=True)
def test_event_times_do_not_go_back_by_id_under_concurrent_writers(make_user: Any) -> None:
    """Six writers in threads, each with its own connection (on PostgreSQL, its own
    session waiting on the advisory lock): the event written later in the chain never has
    an earlier time."""
    actor = make_user("RUS")
    errors: list[Exception] = []
    start = threading.Barrier(6)

    def write(worker: int) -> None:
        try:
            start.wait()
            for index in range(12):
                with transaction.atomic():
                    record_event(actor=actor, action="test.order", object_id=f"{worker}-{index}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    times = list(
        AuditEvent.objects.filter(action="test.order")
        .order_by("id")
        .values_list("created_at", flat=True)
    )
    assert len(times) == 72
    assert all(earlier <= later for earlier, later in itertools.pairwise(times))
    assert verify_chain().ok


@pytest.mark.parametrize("data", [{}, {"rule": "no-such-rule"}, {"rule": ""}])
def test_an_empty_or_unknown_finding_form_answers_400_not_500(
    make_user: Any, data: dict[str, str]
) -> None:
    owner = make_user("RUS", roles=["legal_adviser"])
    review, _parties = BUILDERS["expertise.Review"].build(owner, "emptyfinding")
    client = Client(raise_request_exception=False)
    client.force_login(owner)
    response = client.post(f"/expertise/reviews/{review.pk}/findings/", data)
    assert response.status_code == 400, response.status_code
