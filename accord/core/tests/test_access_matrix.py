"""Access as a matrix, for pages and API alike: every release kind x viewer party x
classification against clearance. A record you may not see answers 404; a write you may
not make changes nothing and writes no audit event."""

import itertools

import pytest
from django.urls import reverse

from accord.core.models import AuditEvent, Classification, Party, Release
from accord.core.tests.rule import rule_as_written
from tests.markedapp.models import Dossier
from tests.markedapp.services import dossier_create

OWNER = "RUS"
LISTED = ["KAZ"]
# Viewers: the owner, a listed member, an unlisted member, the Secretariat, the observer.
VIEWERS = ["RUS", "KAZ", "ARM", "SEC", "IRN"]
CLEARANCE = Classification.CONFIDENTIAL

CASES = list(
    itertools.product(Release.values, VIEWERS, [Classification.RESTRICTED, Classification.SECRET])
)


@pytest.fixture
def world(db, make_user, party):
    owner = make_user(OWNER, clearance=Classification.SECRET)
    dossiers = {}
    for release, classification in itertools.product(
        Release.values, [Classification.RESTRICTED, Classification.SECRET]
    ):
        dossiers[(release, classification)] = dossier_create(
            actor=owner,
            title=f"{release}-{classification}",
            classification=classification,
            release=release,
            released_to=[party(c) for c in LISTED],
        )
    viewers = {code: make_user(code, clearance=CLEARANCE) for code in VIEWERS}
    return dossiers, viewers


def expected_visible(viewer, release, classification):
    return rule_as_written(
        user_party=viewer.party,
        user_active=True,
        clearance=viewer.clearance,
        owner=Party.objects.get(code=OWNER),
        classification=classification,
        release=release,
        listed=list(Party.objects.filter(code__in=LISTED)),
    )


@pytest.mark.parametrize(("release", "viewer_code", "classification"), CASES)
def test_api_and_page_answer_by_the_rule(
    world, api_client, client, release, viewer_code, classification
):
    dossiers, viewers = world
    dossier = dossiers[(release, classification)]
    viewer = viewers[viewer_code]
    visible = expected_visible(viewer, release, classification)

    api = api_client(viewer).get(reverse("dossier-detail-api", args=[dossier.pk]))
    assert api.status_code == (200 if visible else 404)
    if not visible:
        assert api.json() == {"code": "not_found", "detail": "Not found."}

    client.force_login(viewer)
    page = client.get(reverse("dossier-detail", args=[dossier.pk]))
    assert page.status_code == (200 if visible else 404)
    assert (dossier.title in page.content.decode()) == visible

    listed_ids = [
        row["id"] for row in api_client(viewer).get(reverse("dossier-list-api")).json()["results"]
    ]
    assert (dossier.pk in listed_ids) == visible


@pytest.mark.parametrize("viewer_code", VIEWERS)
def test_write_needs_the_owner_party(world, api_client, viewer_code):
    """Owner party edits; a party that sees the record gets 403; one that does not, 404.
    A refused edit changes nothing and records nothing."""
    dossiers, viewers = world
    dossier = dossiers[(Release.MEMBERS_OBSERVERS, Classification.RESTRICTED)]
    viewer = viewers[viewer_code]
    events_before = AuditEvent.objects.count()
    response = api_client(viewer).patch(
        reverse("dossier-detail-api", args=[dossier.pk]),
        {"version": dossier.version, "title": "changed"},
        format="json",
    )
    dossier.refresh_from_db()
    if viewer_code == OWNER:
        assert response.status_code == 200
        assert dossier.title == "changed"
        assert AuditEvent.objects.filter(action="dossier.update").count() == 1
    else:
        assert response.status_code == 403
        assert dossier.title != "changed"
        # The only new event is the creation of the viewer's API token.
        assert AuditEvent.objects.count() == events_before + 1
        assert not AuditEvent.objects.filter(action="dossier.update").exists()


def test_write_to_an_unseen_record_is_404(world, api_client):
    dossiers, viewers = world
    dossier = dossiers[(Release.OWNER, Classification.RESTRICTED)]
    response = api_client(viewers["KAZ"]).patch(
        reverse("dossier-detail-api", args=[dossier.pk]),
        {"version": 1, "title": "x"},
        format="json",
    )
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert dossier.title != "x"


@pytest.mark.parametrize("path_name", ["dossier-list-api", "api:me", "api:audit-events"])
def test_anonymous_api_is_refused(db, client, path_name):
    response = client.get(reverse(path_name))
    assert response.status_code in (401, 403)


def test_missing_record_and_hidden_record_answer_alike(world, api_client):
    dossiers, viewers = world
    hidden = dossiers[(Release.OWNER, Classification.RESTRICTED)]
    client = api_client(viewers["ARM"])
    missing = client.get(reverse("dossier-detail-api", args=[Dossier.objects.count() + 999]))
    hidden_response = client.get(reverse("dossier-detail-api", args=[hidden.pk]))
    assert missing.status_code == hidden_response.status_code == 404
    assert missing.json() == hidden_response.json()
