"""A record's timeline (`core.selectors.record_timeline`): the writes on it by any party,
oldest first, as sentences in the reader's language, without before/after detail, without
reads, and nothing above the reader's clearance."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from accord.core.audit import record_event, record_view
from accord.core.models import Classification
from accord.core.selectors import record_timeline
from accord.core.tests.marked import BUILDERS

pytestmark = pytest.mark.django_db


def test_timeline_lists_writes_by_any_party_labelled_oldest_first(make_user: Any) -> None:
    owner = make_user("RUS", roles=["customs_officer"], username="tl.owner", clearance=3)
    item, _ = BUILDERS["trafficking.Item"].build(owner, "tlitem")
    type(item).objects.filter(pk=item.pk).update(classification=Classification.CONFIDENTIAL)
    item.refresh_from_db()
    record_view(actor=owner, obj=item)  # a read: not history
    record_event(actor=owner, action="trafficking.export", obj=item)
    record_event(actor=owner, action="party.update", obj=item)

    with translation.override("ru"):
        entries = record_timeline(owner, item)
    actions = [e.action for e in entries]
    assert "view" not in actions
    assert "trafficking.export" not in actions
    assert actions[0] == "trafficking.item.register"
    assert actions[-1] == "party.update"
    registered = entries[0]
    assert registered.party_code == "RUS"
    assert registered.actor_name == "tl.owner"
    # The sentence, in the reader's language, not the code.
    assert registered.label != registered.action
    assert any("\u0400" <= ch <= "\u04ff" for ch in registered.label)
    assert not hasattr(registered, "before")


def test_timeline_hides_events_above_the_readers_clearance(make_user: Any) -> None:
    owner = make_user("RUS", roles=["customs_officer"], username="tl.owner2", clearance=3)
    reader = make_user("RUS", roles=["customs_officer"], username="tl.reader", clearance=1)
    item, _ = BUILDERS["trafficking.Item"].build(owner, "tlitem2")
    # An event recorded while the record was SECRET stays hidden from a RESTRICTED reader.
    type(item).objects.filter(pk=item.pk).update(classification=Classification.SECRET)
    item.refresh_from_db()
    record_event(actor=owner, action="party.update", obj=item)
    assert "party.update" in [e.action for e in record_timeline(owner, item)]
    assert "party.update" not in [e.action for e in record_timeline(reader, item)]
