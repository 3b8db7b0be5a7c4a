"""Who sees an item and its remedial actions, against the access rule as DESIGN.md words
it (the oracle `core/tests/rule.py`) widened for the action body (a participant): the
API detail, list, related items and actions, the page, for every release and two
classifications, as users of parties of every standing. A submitted observation's
narrower rule is in test_lifecycle."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from accord.core.models import Classification, Party, Release
from accord.core.tests.rule import rule_as_written
from accord.knowledge.models import KnowledgeItem
from accord.knowledge.tests.conftest import task, to_identified

OWNER, LISTED, ACTION_BODY = "RUS", "BLR", "TJK"
VIEWERS = ["RUS", "BLR", "ARM", "SEC", "IRN", "TJK"]
LEVELS = [Classification.RESTRICTED, Classification.SECRET]
CASES = list(itertools.product(Release.values, LEVELS))


@pytest.fixture
def world(author, manager, make_user, party):
    items = {}
    for release, level in CASES:
        item = to_identified(author, manager, f"Lesson {release} {level}")
        task(manager, item, party(ACTION_BODY))
        KnowledgeItem.objects.filter(pk=item.pk).update(release=release, classification=level)
        item.released_to.set([party(LISTED)])
        items[(release, level)] = item
    viewers = {
        code: make_user(code, clearance=Classification.CONFIDENTIAL, roles=["knowledge_editor"])
        for code in VIEWERS
    }
    return items, viewers


def _may_see(viewer, release, level) -> bool:
    return rule_as_written(
        user_party=viewer.party,
        user_active=True,
        clearance=viewer.clearance,
        owner=Party.objects.get(code=OWNER),
        classification=level,
        release=release,
        listed=[Party.objects.get(code=LISTED)],
        participants=[Party.objects.get(code=ACTION_BODY)],
    )


@pytest.mark.parametrize(("release", "level"), CASES)
def test_access_matrix(world, api_client, client, release, level):
    items, viewers = world
    item = items[(release, level)]
    for code, viewer in viewers.items():
        visible = _may_see(viewer, release, level)
        api = api_client(viewer)
        detail = api.get(reverse("knowledge-api:item-detail", kwargs={"pk": item.pk}))
        assert detail.status_code == (200 if visible else 404), code
        actions = api.get(reverse("knowledge-api:item-actions", kwargs={"pk": item.pk}))
        assert actions.status_code == (200 if visible else 404), code
        listed = api.get(reverse("knowledge-api:item-list"), {"limit": 100}).json()["results"]
        assert (item.pk in [row["id"] for row in listed]) == visible, code
        overdue_ids = [
            a["lesson"] for a in api.get(reverse("knowledge-api:action-overdue")).json()["results"]
        ]
        assert item.pk not in overdue_ids  # due in ten days
        client.force_login(viewer)
        page = client.get(reverse("knowledge:item-detail", args=[item.pk]))
        assert page.status_code == (200 if visible else 404), code
        # A write by someone who may not see it is a 404 too, and changes nothing.
        if not visible:
            refused = api.post(
                reverse("knowledge-api:item-validate", args=[item.pk]),
                {"version": item.version, "result": "x"},
                format="json",
            )
            assert refused.status_code == 404, code
            assert KnowledgeItem.objects.get(pk=item.pk).validation_result == ""


def test_the_matrix_covers_the_interesting_cases(world):
    _items, viewers = world
    assert _may_see(viewers["BLR"], Release.LISTED, Classification.RESTRICTED)
    assert not _may_see(viewers["ARM"], Release.LISTED, Classification.RESTRICTED)
    assert _may_see(viewers["TJK"], Release.OWNER, Classification.RESTRICTED)  # action body
    assert not _may_see(viewers["TJK"], Release.OWNER, Classification.SECRET)
    assert not _may_see(viewers["IRN"], Release.MEMBERS, Classification.RESTRICTED)
    assert _may_see(viewers["IRN"], Release.MEMBERS_OBSERVERS, Classification.RESTRICTED)
