"""Who sees a record, checked against the access rule as DESIGN.md words it (the oracle
in `accord/core/tests/rule.py`): the API detail and list, and the page, for every release
and two classifications, as users of parties of every standing."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from accord.core.models import Classification, Party, Release
from accord.core.tests.rule import rule_as_written
from accord.provision import services

OWNER, LISTED = "RUS", "BLR"
# The owner, a listed member, an unlisted member, the Secretariat, an observer.
VIEWERS = ["RUS", "BLR", "ARM", "SEC", "IRN"]
LEVELS = [Classification.RESTRICTED, Classification.SECRET]


@pytest.fixture
def world(make_user, party):
    owner = make_user(OWNER, clearance=Classification.SECRET, roles=["secretariat_officer"])
    records = {
        (release, level): services.record_create(
            actor=owner,
            title_en=f"Record {release} {level}",
            classification=level,
            release=release,
            released_to=[party(LISTED)],
        )
        for release, level in itertools.product(Release.values, LEVELS)
    }
    clearance = Classification.CONFIDENTIAL
    viewers = {code: make_user(code, clearance=clearance) for code in VIEWERS}
    return records, viewers


def _may_see(viewer, release, level) -> bool:
    return rule_as_written(
        user_party=viewer.party,
        user_active=True,
        clearance=viewer.clearance,
        owner=Party.objects.get(code=OWNER),
        classification=level,
        release=release,
        listed=[Party.objects.get(code=LISTED)],
    )


@pytest.mark.parametrize(("release", "level"), list(itertools.product(Release.values, LEVELS)))
def test_access_matrix(world, api_client, client, release, level):
    records, viewers = world
    record = records[(release, level)]
    for code, viewer in viewers.items():
        visible = _may_see(viewer, release, level)
        api = api_client(viewer)
        detail = api.get(reverse("provision-api:record-detail", kwargs={"pk": record.pk}))
        assert detail.status_code == (200 if visible else 404), code
        listed = api.get(reverse("provision-api:record-list")).json()["results"]
        assert (record.pk in [row["id"] for row in listed]) == visible, code
        client.force_login(viewer)
        page = client.get(reverse("provision:record-detail", args=[record.pk]))
        assert page.status_code == (200 if visible else 404), code


def test_the_matrix_covers_the_interesting_cases(world):
    _records, viewers = world
    assert _may_see(viewers["BLR"], Release.LISTED, Classification.RESTRICTED)
    assert not _may_see(viewers["ARM"], Release.LISTED, Classification.RESTRICTED)
    assert not _may_see(viewers["IRN"], Release.MEMBERS, Classification.RESTRICTED)
    assert _may_see(viewers["IRN"], Release.MEMBERS_OBSERVERS, Classification.RESTRICTED)
    assert not _may_see(viewers["RUS"], Release.PUBLIC, Classification.SECRET)
