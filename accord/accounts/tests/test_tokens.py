"""API tokens: created and revoked by their user, on the profile page and through the API;
only a hash is stored; a revoked key stops working."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accord.accounts.models import ApiToken
from accord.core.models import AuditEvent


@pytest.fixture
def user(make_user):
    return make_user("KAZ", roles=["legal_adviser"])


def test_create_use_and_revoke_through_the_api(user):
    session = APIClient()
    session.force_authenticate(user)
    created = session.post(reverse("api:tokens"), {"name": "nightly export"}, format="json")
    assert created.status_code == 201
    key = created.json()["key"]
    assert key.startswith("acc_")
    token = ApiToken.objects.get(pk=created.json()["id"])
    assert key not in token.key_hash and token.key_hash != key

    listed = session.get(reverse("api:tokens")).json()["results"]
    assert [t["name"] for t in listed] == ["nightly export"]
    assert "key" not in listed[0]

    with_key = APIClient()
    with_key.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    me = with_key.get(reverse("api:me"))
    assert me.status_code == 200
    assert me.json()["party"] == "KAZ" and me.json()["roles"] == ["legal_adviser"]

    assert session.delete(reverse("api:token", args=[token.pk])).status_code == 204
    assert with_key.get(reverse("api:me")).status_code == 401
    actions = list(
        AuditEvent.objects.filter(object_type="accounts.apitoken")
        .values_list("action", flat=True)
        .order_by("id")
    )
    assert actions == ["api_token.create", "api_token.revoke"]


def test_bearer_keyword_is_accepted(user, api_client):
    from accord.accounts.services import token_create

    _token, key = token_create(actor=user, name="bearer")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get(reverse("api:me")).status_code == 200


@pytest.mark.parametrize("header", ["Token", "Token a b", "Token nonsense", "Token acc_x"])
def test_bad_token_headers_are_401(db, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert client.get(reverse("api:me")).status_code == 401


def test_another_users_token_cannot_be_revoked(user, make_user, api_client):
    from accord.accounts.services import token_create

    token, _key = token_create(actor=user, name="mine")
    other = api_client(make_user("KAZ"))
    assert other.delete(reverse("api:token", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_token_name_is_validated(user, name):
    client = APIClient()
    client.force_authenticate(user)
    response = client.post(reverse("api:tokens"), {"name": name}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()["errors"]
    assert not ApiToken.objects.exists()


def test_profile_page_creates_shows_once_and_revokes(user, client):
    client.force_login(user)
    response = client.post(reverse("accounts:token-create"), {"name": "from the page"}, follow=True)
    key = response.context["new_key"]
    assert key and key in response.content.decode()
    again = client.get(reverse("accounts:profile"))
    assert key not in again.content.decode()
    token = ApiToken.objects.get(user=user)
    client.post(reverse("accounts:token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_profile_page_refuses_an_empty_name(user, client):
    client.force_login(user)
    response = client.post(reverse("accounts:token-create"), {"name": ""}, follow=True)
    assert response.status_code == 200
    assert "Give the token a name" in response.content.decode()
    assert not ApiToken.objects.exists()
