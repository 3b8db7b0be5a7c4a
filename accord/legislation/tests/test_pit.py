"""Point-in-time versions of national provisions: each wording in effect from its day
until the next; "as at" a day reads the wording then (none before the first); versions
are recorded in order; only the state's own staff record them; page and API agree."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from accord.core.errors import NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Release
from accord.legislation import selectors, services

STATE = ["parliamentary_officer"]


@pytest.fixture
def law(make_user):
    kaz = make_user("KAZ", roles=STATE)
    act = services.national_create(
        actor=kaz,
        kind="law",
        title="Закон",
        enacted_on=dt.date(2025, 1, 10),
        in_force_on=dt.date(2025, 3, 1),
        release=Release.MEMBERS,
        classification=Classification.UNCLASSIFIED,
    )
    return kaz, act


def test_wordings_in_effect_as_at(law, make_user):
    kaz, act = law
    save = services.national_provision_save
    first = save(actor=kaz, act=act, eid="art_1", text="Old", valid_from=dt.date(2025, 3, 1))
    save(actor=kaz, act=act, eid="art_2", text="Second", valid_from=dt.date(2025, 3, 1))
    amending = services.national_create(
        actor=kaz,
        kind="code_amendment",
        title="Поправка",
        enacted_on=dt.date(2026, 1, 5),
        release=Release.MEMBERS,
        classification=Classification.UNCLASSIFIED,
    )
    save(
        actor=kaz,
        act=act,
        eid="art_1",
        text="New",
        valid_from=dt.date(2026, 2, 1),
        amended_by=amending.pk,
    )
    first.refresh_from_db()
    assert first.valid_to == dt.date(2026, 2, 1)

    def texts(day):
        return [(p.eid, p.text) for p in selectors.national_provisions_as_at(act, day)]

    assert texts(dt.date(2025, 2, 1)) == []
    assert texts(dt.date(2025, 3, 1)) == [("art_1", "Old"), ("art_2", "Second")]
    assert texts(dt.date(2026, 1, 31)) == [("art_1", "Old"), ("art_2", "Second")]
    assert texts(dt.date(2026, 2, 1)) == [("art_1", "New"), ("art_2", "Second")]
    assert texts(None) == [("art_1", "New"), ("art_2", "Second")]
    # The same day corrects; an earlier day than the latest is refused; so is a day
    # before the act's enactment, and another state's act as the amending one.
    save(actor=kaz, act=act, eid="art_1", text="New, corrected", valid_from=dt.date(2026, 2, 1))
    assert texts(None)[0] == ("art_1", "New, corrected")
    with pytest.raises(ValidationFailed):
        save(actor=kaz, act=act, eid="art_1", text="x", valid_from=dt.date(2025, 6, 1))
    with pytest.raises(ValidationFailed):
        save(actor=kaz, act=act, eid="art_3", text="x", valid_from=dt.date(2024, 1, 1))
    arm = make_user("ARM", roles=STATE)
    theirs = services.national_create(
        actor=arm,
        kind="law",
        title="Их закон",
        enacted_on=dt.date(2025, 1, 1),
        release=Release.MEMBERS,
        classification=Classification.UNCLASSIFIED,
    )
    with pytest.raises(ValidationFailed):
        save(
            actor=kaz,
            act=act,
            eid="art_2",
            text="x",
            valid_from=dt.date(2027, 1, 1),
            amended_by=theirs.pk,
        )
    with pytest.raises(PermissionDenied):
        save(actor=arm, act=act, eid="art_2", text="x", valid_from=dt.date(2027, 1, 1))
    assert (
        AuditEvent.objects.filter(
            object_id=str(act.pk), action="legislation.national.provision"
        ).count()
        == 4
    )


def test_a_hidden_act_takes_no_provision(make_user):
    kaz = make_user("KAZ", roles=STATE)
    kept = services.national_create(
        actor=kaz,
        kind="law",
        title="Закрытый",
        enacted_on=dt.date(2025, 1, 1),
        release=Release.OWNER,
        classification=Classification.UNCLASSIFIED,
    )
    with pytest.raises(NotFound):
        services.national_provision_save(
            actor=make_user("ARM", roles=STATE),
            act=kept,
            eid="art_1",
            text="x",
            valid_from=dt.date(2025, 1, 1),
        )


def test_page_and_api_as_at(law, make_user, client, api_client):
    kaz, act = law
    client.force_login(kaz)
    form = reverse("legislation:national-provision", args=[act.pk])
    saved = client.post(form, {"eid": "art_1", "text": "Old", "valid_from": "2025-03-01"})
    assert saved.status_code == 302
    assert (
        client.post(form, {"eid": "Art 1", "text": "x", "valid_from": "2025-03-01"}).status_code
        == 400
    )
    assert (
        client.post(form, {"eid": "art_1", "text": "x", "valid_from": "2024-01-01"}).status_code
        == 400
    )
    api = api_client(kaz)
    url = reverse("legislation-api:national-provisions", args=[act.pk])
    added = api.post(
        url, {"eid": "art_1", "text": "New", "valid_from": "2026-01-01"}, format="json"
    )
    assert added.status_code == 201, added.json()
    assert (
        api.post(
            url, {"eid": "art_1", "text": "x", "valid_from": "2025-06-01"}, format="json"
        ).status_code
        == 400
    )
    assert (
        api.post(
            url,
            {"eid": "art_1", "text": "x", "valid_from": "2026-02-01", "amended_by": 2**40},
            format="json",
        ).status_code
        == 400
    )
    assert [p["text"] for p in api.get(url, {"at": "2025-06-01"}).json()] == ["Old"]
    assert [p["text"] for p in api.get(url).json()] == ["New"]
    assert api.get(url, {"at": "soon"}).status_code == 400
    detail = reverse("legislation:national-detail", args=[act.pk])
    body = client.get(detail, {"at": "2025-06-01"}).content.decode()
    assert "Old" in body and 'data-testid="national-as-at-note"' in body
    before = client.get(detail, {"at": "2025-02-01"}).content.decode()
    assert "not in force" in before
    other = api_client(make_user("ARM", roles=STATE))
    assert (
        other.post(
            url, {"eid": "art_2", "text": "x", "valid_from": "2026-01-01"}, format="json"
        ).status_code
        == 403
    )
