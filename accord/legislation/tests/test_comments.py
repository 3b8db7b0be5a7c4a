"""Comments and suggestions on drafts: who may comment and decide, a suggestion accepted
writes its wording into the current version, a stale one is refused, a decided comment
is not decided again, and the pages and API answer as the services decide."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Release
from accord.legislation import selectors, services

STATE = ["parliamentary_officer"]


@pytest.fixture
def draft(drafters: tuple[Any, Any]) -> Any:
    act = services.act_create(
        actor=drafters[0],
        number="20-1",
        title_en="Model law on emblems",
        release=Release.MEMBERS,
        classification=Classification.UNCLASSIFIED,
    )
    services.provision_save(actor=drafters[0], act=act, eid="art_1", text_en="Old wording")
    return act


def test_a_suggestion_accepted_changes_the_provision(draft, drafters, make_user):
    kaz = make_user("KAZ", roles=STATE)
    comment = services.comment_add(
        actor=kaz,
        act=draft,
        provision_eid="art_1",
        kind="suggestion",
        text="Clearer",
        language="en",
        suggested_text="New wording",
    )
    assert comment.party.code == "KAZ" and comment.disposition == "open"
    with pytest.raises(PermissionDenied):  # a commenter does not decide
        services.comment_decide(actor=kaz, act=draft, comment_id=comment.pk, disposition="accepted")
    with pytest.raises(ValidationFailed):  # rejecting takes reasons
        services.comment_decide(
            actor=drafters[1], act=draft, comment_id=comment.pk, disposition="rejected"
        )
    decided = services.comment_decide(
        actor=drafters[1], act=draft, comment_id=comment.pk, disposition="accepted"
    )
    assert decided.disposition == "accepted" and decided.decided_by == drafters[1]
    assert services.current_version(draft).provisions.get(eid="art_1").text_en == "New wording"
    with pytest.raises(Conflict):
        services.comment_decide(
            actor=drafters[1], act=draft, comment_id=comment.pk, disposition="noted"
        )
    actions = list(
        AuditEvent.objects.filter(object_id=str(draft.pk), action__startswith="legislation.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == [
        "legislation.comment.add",
        "legislation.provision.save",
        "legislation.comment.decide",
    ]


def test_a_stale_suggestion_is_refused_and_checks(draft, drafters, make_user):
    arm = make_user("ARM", roles=["legal_adviser"])
    with pytest.raises(ValidationFailed) as missing:
        services.comment_add(actor=arm, act=draft, kind="suggestion", text="x")
    assert {"provision_eid", "suggested_text", "language"} <= set(missing.value.errors)
    with pytest.raises(ValidationFailed):
        services.comment_add(actor=arm, act=draft, provision_eid="art_9", text="No such")
    general = services.comment_add(actor=arm, act=draft, text="On the whole act")
    assert general.provision_eid == ""
    stale = services.comment_add(
        actor=arm,
        act=draft,
        provision_eid="art_1",
        kind="suggestion",
        text="t",
        language="en",
        suggested_text="Mine",
    )
    services.provision_save(actor=drafters[0], act=draft, eid="art_1", text_en="Changed")
    services.version_create(actor=drafters[0], act=draft)
    with pytest.raises(Conflict):
        services.comment_decide(
            actor=drafters[0], act=draft, comment_id=stale.pk, disposition="accepted"
        )
    with pytest.raises(NotFound):
        services.comment_decide(
            actor=drafters[0], act=draft, comment_id=general.pk + 99, disposition="noted"
        )
    # A commenter needs a role; nobody comments once the act is adopted.
    with pytest.raises(PermissionDenied):
        services.comment_add(actor=make_user("ARM", roles=["customs_officer"]), act=draft, text="x")


def test_a_hidden_draft_takes_no_comment(drafters, make_user):
    secret = services.act_create(
        actor=drafters[0],
        number="20-2",
        title_en="Kept to the Secretariat",
        release=Release.OWNER,
        classification=Classification.UNCLASSIFIED,
    )
    kaz = make_user("KAZ", roles=STATE)
    with pytest.raises(NotFound):
        services.comment_add(actor=kaz, act=secret, text="x")


def test_comments_page_and_api(draft, drafters, make_user, client, api_client):
    kaz = make_user("KAZ", roles=STATE)
    client.force_login(kaz)
    url = reverse("legislation:act-comments", args=[draft.pk])
    added = client.post(
        url,
        {
            "provision_eid": "art_1",
            "kind": "suggestion",
            "text": "Обоснование",
            "language": "ru",
            "suggested_text": "Новая редакция",
        },
    )
    assert added.status_code == 302
    refused = client.post(url, {"provision_eid": "art_1", "kind": "suggestion", "text": "x"})
    assert refused.status_code == 400
    comment = selectors.comments_of(draft).get()
    body = client.get(url).content.decode()
    assert "Новая редакция" in body and f'data-testid="decide-{comment.pk}"' not in body

    client.force_login(drafters[1])
    assert f'data-testid="decide-{comment.pk}"' in client.get(url).content.decode()
    decide = reverse("legislation:act-comment-decide", args=[draft.pk])
    client.post(decide, {"comment": comment.pk, "disposition": "accepted"})
    assert services.current_version(draft).provisions.get(eid="art_1").text_ru == "Новая редакция"
    assert client.post(decide, {"comment": "x"}).status_code == 302  # a message, no 500

    api = api_client(make_user("ARM", roles=["legal_adviser"]))
    api_url = reverse("legislation-api:act-comments", args=[draft.pk])
    listed = api.get(api_url).json()
    assert [c["disposition"] for c in listed] == ["accepted"]
    created = api.post(api_url, {"text": "General remark"}, format="json")
    assert created.status_code == 201 and created.json()["party"] == "ARM"
    bad = api.post(api_url, {"kind": "suggestion", "text": "x"}, format="json")
    assert bad.status_code == 400
    drafter = api_client(drafters[0])
    api_decide = reverse("legislation-api:act-comment-decide", args=[draft.pk])
    huge = drafter.post(api_decide, {"comment": 2**70, "disposition": "noted"}, format="json")
    assert huge.status_code == 400
    again = drafter.post(api_decide, {"comment": comment.pk, "disposition": "noted"}, format="json")
    assert again.status_code == 409
    noted = drafter.post(
        api_decide, {"comment": created.json()["id"], "disposition": "noted"}, format="json"
    )
    assert noted.status_code == 200 and noted.json()["disposition"] == "noted"
    outsider = api_client(make_user("ARM", roles=STATE))
    assert (
        outsider.post(
            api_decide, {"comment": comment.pk, "disposition": "noted"}, format="json"
        ).status_code
        == 403
    )
