"""Who sees a programme or a support request, checked against the access rule as
DESIGN.md words it (the oracle in `accord/core/tests/rule.py`): API detail and list, the
page, and the programme's money endpoints, for every release and two classifications,
as users of parties of every standing; a participating party sees the programme too."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from accord.core.models import Classification, Party, Release
from accord.core.tests.rule import rule_as_written
from accord.programmes import services

OWNER, LISTED, PARTICIPANT = "RUS", "BLR", "KGZ"
VIEWERS = ["RUS", "BLR", "ARM", "KGZ", "SEC", "IRN"]
LEVELS = [Classification.RESTRICTED, Classification.SECRET]
CASES = list(itertools.product(Release.values, LEVELS))


@pytest.fixture
def world(make_user, party):
    owner = make_user(
        OWNER, clearance=Classification.SECRET, roles=["programme_officer", "finance_officer"]
    )
    programmes, requests = {}, {}
    for n, (release, level) in enumerate(CASES):
        programme = services.programme_create(
            actor=owner,
            identifier=f"ACC-{n}",
            title_en=f"Programme {release} {level}",
            classification=level,
            release=release,
            released_to=[party(LISTED)],
        )
        services.participant_add(
            actor=owner, programme=programme, party=party(PARTICIPANT), role="implementing"
        )
        programmes[(release, level)] = programme
        requests[(release, level)] = services.support_request_create(
            actor=owner,
            kind="technical",
            title_en=f"Request {release} {level}",
            classification=level,
            release=release,
            released_to=[party(LISTED)],
        )
    viewers = {code: make_user(code, clearance=Classification.CONFIDENTIAL) for code in VIEWERS}
    return programmes, requests, viewers


def _may_see(viewer, release, level, participants=()) -> bool:
    return rule_as_written(
        user_party=viewer.party,
        user_active=True,
        clearance=viewer.clearance,
        owner=Party.objects.get(code=OWNER),
        classification=level,
        release=release,
        listed=[Party.objects.get(code=LISTED)],
        participants=[Party.objects.get(code=c) for c in participants],
    )


@pytest.mark.parametrize(("release", "level"), CASES)
def test_access_matrix(world, api_client, client, release, level):
    programmes, requests, viewers = world
    programme = programmes[(release, level)]
    request = requests[(release, level)]
    for code, viewer in viewers.items():
        api = api_client(viewer)
        client.force_login(viewer)
        visible = _may_see(viewer, release, level, [PARTICIPANT])
        expected = 200 if visible else 404
        for name in ("programme-detail", "programme-statement", "programme-keys"):
            answer = api.get(reverse(f"programmes-api:{name}", kwargs={"pk": programme.pk}))
            assert answer.status_code == expected, (code, name)
        listed = api.get(reverse("programmes-api:programme-list")).json()["results"]
        assert (programme.pk in [row["id"] for row in listed]) == visible, code
        page = client.get(reverse("programmes:programme-detail", args=[programme.pk]))
        assert page.status_code == expected, code

        visible = _may_see(viewer, release, level)
        expected = 200 if visible else 404
        answer = api.get(reverse("programmes-api:support-detail", kwargs={"pk": request.pk}))
        assert answer.status_code == expected, code
        listed = api.get(reverse("programmes-api:support-list")).json()["results"]
        assert (request.pk in [row["id"] for row in listed]) == visible, code
        page = client.get(reverse("programmes:support-detail", args=[request.pk]))
        assert page.status_code == expected, code


def test_the_matrix_covers_the_interesting_cases(world):
    _p, _r, viewers = world
    assert _may_see(viewers["BLR"], Release.LISTED, Classification.RESTRICTED)
    assert not _may_see(viewers["ARM"], Release.LISTED, Classification.RESTRICTED)
    assert _may_see(viewers["KGZ"], Release.OWNER, Classification.RESTRICTED, [PARTICIPANT])
    assert not _may_see(viewers["KGZ"], Release.OWNER, Classification.RESTRICTED)
    assert not _may_see(viewers["IRN"], Release.MEMBERS, Classification.RESTRICTED)
    assert not _may_see(viewers["RUS"], Release.PUBLIC, Classification.SECRET)
