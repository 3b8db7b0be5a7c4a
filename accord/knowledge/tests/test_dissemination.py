"""The dissemination log: the owner's lessons manager records which parties received an
item, under the release decision of the moment; a party the release does not reach is
refused; the owner reads the whole log, a recipient only its own entries, and a party
that may not see the item gets 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accord.core.errors import PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Release
from accord.knowledge import selectors, services
from accord.knowledge.tests.conftest import observe, to_identified


def test_the_log_records_deliveries_the_release_allows(
    author, manager, make_user, party, api_client, client
):
    lesson = to_identified(author, manager, release=Release.LISTED)
    lesson.released_to.set([party("KAZ"), party("BLR")])
    entries = services.item_disseminate(
        actor=manager, item=lesson, recipients=[party("KAZ"), party("BLR")], note="By courier"
    )
    assert [(e.recipient.code, e.release, e.item_version) for e in entries] == [
        ("KAZ", "listed", lesson.version),
        ("BLR", "listed", lesson.version),
    ]
    assert AuditEvent.objects.filter(action="knowledge.item.disseminate").count() == 1
    with pytest.raises(ValidationFailed):  # Armenia is not on the list
        services.item_disseminate(actor=manager, item=lesson, recipients=[party("ARM")])
    with pytest.raises(PermissionDenied):
        services.item_disseminate(actor=author, item=lesson, recipients=[party("KAZ")])
    with pytest.raises(ValidationFailed):  # a submitted observation is not sent anywhere
        services.item_disseminate(
            actor=manager, item=observe(author, "Fresh"), recipients=[party("KAZ")]
        )
    kaz = make_user("KAZ", clearance=Classification.SECRET, roles=["knowledge_editor"])
    arm = make_user("ARM", clearance=Classification.SECRET, roles=["knowledge_editor"])
    assert [e.recipient.code for e in selectors.dissemination_log(actor=kaz, item=lesson)] == [
        "KAZ"
    ]
    assert len(selectors.dissemination_log(actor=manager, item=lesson)) == 2
    url = reverse("knowledge-api:item-dissemination", args=[lesson.pk])
    assert [row["recipient"] for row in api_client(kaz).get(url).json()] == ["KAZ"]
    assert api_client(arm).get(url).status_code == 404
    assert api_client(manager).post(url, {"recipients": ["XXX"]}, format="json").status_code == 400
    assert api_client(manager).post(url, {}, format="json").status_code == 400
    client.force_login(manager)
    page = client.get(reverse("knowledge:item-detail", args=[lesson.pk])).content.decode()
    assert 'data-testid="dissemination-BLR"' in page
    client.force_login(kaz)
    page = client.get(reverse("knowledge:item-detail", args=[lesson.pk])).content.decode()
    assert 'data-testid="dissemination-KAZ"' in page
    assert 'data-testid="dissemination-BLR"' not in page
