"""Who sees the module's records, checked against the access rule as DESIGN.md words it
(the oracle `accord/core/tests/rule.py`), and who writes a state's column.

Reading: model acts (drafts included: a draft is seen per its marking), national acts and
matrix cells, for every release and two classifications, as users of parties of every
standing: the API detail and list, the page, and the matrix (a hidden cell never shows).
The Secretariat sees every cell, clearance permitting (its participation).

Writing: every state's staff against every column: only the own column is written, a
refusal changes nothing and writes no audit event."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.urls import reverse

from accord.core.errors import PermissionDenied
from accord.core.models import AuditEvent, Classification, Party, Release
from accord.core.tests.marked import BUILDERS, mark
from accord.core.tests.rule import rule_as_written
from accord.legislation import selectors, services
from accord.legislation.models import ConformityCell

OWNER, LISTED = "RUS", "BLR"
VIEWERS = ["RUS", "BLR", "ARM", "SEC", "IRN"]
LEVELS = [Classification.RESTRICTED, Classification.SECRET]
MODELS = ["legislation.ModelAct", "legislation.NationalAct", "legislation.ConformityCell"]
LISTS = {
    "legislation.ModelAct": "legislation-api:act-list",
    "legislation.NationalAct": "legislation-api:national-list",
}


def _may_see(viewer: Any, obj: Any, participants: frozenset[str]) -> bool:
    return rule_as_written(
        user_party=viewer.party,
        user_active=True,
        clearance=viewer.clearance,
        owner=obj.owner,
        classification=obj.classification,
        release=obj.release,
        listed=list(obj.released_to.all()),
        participants=[Party.objects.get(code=code) for code in participants],
    )


@pytest.mark.parametrize("label", MODELS)
def test_access_matrix(label, make_user, party, api_client, client):
    owner = make_user(OWNER, roles=["parliamentary_officer"])
    builder = BUILDERS[label]
    viewers = {code: make_user(code, clearance=Classification.CONFIDENTIAL) for code in VIEWERS}
    for release, level in itertools.product(Release.values, LEVELS):
        obj, participants = builder.build(owner, f"m{release}{level}")
        mark(obj, classification=level, release=release, listed=[party(LISTED)])
        for code, viewer in viewers.items():
            visible = _may_see(viewer, obj, participants)
            where = (label, release, level, code)
            api = api_client(viewer)
            detail = api.get(reverse(builder.api, kwargs={"pk": obj.pk}))
            assert detail.status_code == (200 if visible else 404), where
            client.force_login(viewer)
            page = client.get(reverse(builder.page, args=[obj.pk]))
            assert page.status_code == (200 if visible else 404), where
            if label in LISTS:
                rows = api.get(reverse(LISTS[label])).json()["results"]
                assert (obj.pk in [row["id"] for row in rows]) == visible, where
            else:
                matrix = selectors.matrix_get(actor=viewer, act=obj.act)
                assert (obj in matrix.cells.values()) == visible, where


def test_the_matrix_covers_the_interesting_cases(make_user, party):
    owner = make_user(OWNER, roles=["parliamentary_officer"])
    cell, participants = BUILDERS["legislation.ConformityCell"].build(owner, "x")
    mark(cell, classification=Classification.RESTRICTED, release=Release.OWNER, listed=[])
    secretariat = make_user("SEC", clearance=Classification.RESTRICTED)
    assert _may_see(secretariat, cell, participants)  # the Secretariat sees all
    assert not _may_see(make_user("KAZ"), cell, participants)
    mark(cell, classification=Classification.SECRET, release=Release.OWNER, listed=[])
    assert not _may_see(secretariat, cell, participants)  # clearance still applies


def test_each_state_writes_only_its_own_column(act, make_user):
    """Every state's staff (and the Secretariat's) saves a cell for art_1: each save lands
    in the writer's own column; nobody reaches another column; refusals write nothing."""
    states = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
    for code in states:
        services.cell_save(
            actor=make_user(code, roles=["parliamentary_officer"]),
            act=act,
            provision_eid="art_1",
            status="transposed",
        )
    assert sorted(ConformityCell.objects.values_list("owner__code", flat=True)) == states
    refused = [
        make_user("SEC", roles=["parliamentary_officer"]),
        make_user("IRN", roles=["parliamentary_officer"]),
        make_user("KAZ"),  # a state's user without the role
    ]
    events = AuditEvent.objects.count()
    for user in refused:
        with pytest.raises(PermissionDenied):
            services.cell_save(actor=user, act=act, provision_eid="art_1", status="unknown")
    assert AuditEvent.objects.count() == events
    assert set(ConformityCell.objects.values_list("status", flat=True)) == {"transposed"}
    assert all(cell.version == 1 for cell in ConformityCell.objects.all())
