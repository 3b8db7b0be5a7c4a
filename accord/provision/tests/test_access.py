"""Who sees provision's records, checked against the access rule as DESIGN.md words it
(the oracle `core/tests/rule.py`): every marked model of the module (requirement,
commitment, retransfer request, return) for every release, as users of parties of every
standing; a commitment's parts (consignment, inspection, discrepancy) answer exactly as
their commitment does; a refused write changes nothing and records no event. (The core
meta-test `test_marked_models.py` runs the same models through every list and page.)"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accord.core.access import can_see
from accord.core.models import AuditEvent, Classification, Party, Release
from accord.core.tests.marked import mark
from accord.core.tests.rule import rule_as_written
from accord.provision.models import Commitment, Inspection
from accord.provision.tests import builders

VIEWERS = ["RUS", "KAZ", "BLR", "ARM", "SEC", "IRN"]
MODELS = {
    "requirement": (builders.requirement, "requirement-detail"),
    "commitment": (builders.commitment, "commitment-detail"),
    "retransfer": (builders.retransfer, "retransfer-detail"),
    "return": (builders.annual_return, "return-detail"),
}


@pytest.fixture
def viewers(make_user):
    return {
        code: make_user(code, clearance=Classification.CONFIDENTIAL, roles=["programme_officer"])
        for code in VIEWERS
    }


@pytest.mark.parametrize("model", list(MODELS))
@pytest.mark.parametrize("release", Release.values)
def test_access_matrix(model, release, make_user, viewers, api_client, client):
    build, name = MODELS[model]
    owner = make_user("RUS", roles=["legal_adviser", "customs_officer"])
    obj, _parties = build(owner, "zqprov")
    mark(
        obj,
        classification=Classification.RESTRICTED,
        release=release,
        listed=[Party.objects.get(code="KAZ")],
    )
    for code, viewer in viewers.items():
        expected = rule_as_written(
            user_party=viewer.party,
            user_active=True,
            clearance=viewer.clearance,
            owner=obj.owner,
            classification=obj.classification,
            release=obj.release,
            listed=list(obj.released_to.all()),
        )
        assert can_see(viewer, obj) == expected, (model, release, code)
        api = api_client(viewer)
        detail = api.get(reverse(f"provision-api:{name}", kwargs={"pk": obj.pk}))
        assert detail.status_code == (200 if expected else 404), (model, release, code)
        client.force_login(viewer)
        page = client.get(reverse(f"provision:{name}", args=[obj.pk]))
        assert page.status_code == (200 if expected else 404), (model, release, code)
        assert ("zqprov" in page.content.decode()) == expected
        if model == "commitment":
            inspection = Inspection.objects.get(consignment__commitment=obj)
            part = api.get(reverse("provision-api:inspection-detail", kwargs={"pk": inspection.pk}))
            assert part.status_code == (200 if expected else 404), (release, code)


def test_a_refused_write_changes_nothing_and_records_nothing(make_user, viewers, api_client):
    owner = make_user("RUS", roles=["legal_adviser", "customs_officer"])
    commitment, _parties = builders.commitment_bare(owner)
    mark(commitment, classification=Classification.RESTRICTED, release=Release.MEMBERS, listed=[])
    kazakh = api_client(viewers["KAZ"])  # sees it (members) but does not supply it
    observer = api_client(viewers["IRN"])
    events = AuditEvent.objects.count()  # after the clients' tokens (audited themselves)
    refused = kazakh.patch(
        reverse("provision-api:commitment-detail", kwargs={"pk": commitment.pk}),
        {"version": commitment.version, "quantity": 99},
        format="json",
    )
    assert refused.status_code == 403
    gate = kazakh.post(reverse("provision-api:commitment-gate", kwargs={"pk": commitment.pk}))
    assert gate.status_code == 403
    hidden = observer.post(reverse("provision-api:commitment-gate", kwargs={"pk": commitment.pk}))
    assert hidden.status_code == 404
    commitment.refresh_from_db()
    assert (commitment.quantity, commitment.state) == (1, Commitment.State.PROPOSED)
    assert AuditEvent.objects.count() == events
