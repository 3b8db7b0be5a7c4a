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

    _token, key = token_create(actor=user, name="bearer", verified=False)
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

    token, _key = token_create(actor=user, name="mine", verified=False)
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


# --- Issue 17.2: tokens and the second factor; every token expires ----------------------


def _verified_client(client, user):
    """A page session that gave a real one-time code."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = client.post(
        reverse("accounts:second-factor"), {"code": f"{totp(device.bin_key):06d}"}
    )
    assert response.status_code == 302
    return client


def test_a_token_does_not_mint_tokens(user, api_client):
    client = api_client(user)
    response = client.post(reverse("api:tokens"), {"name": "child"}, format="json")
    assert response.status_code == 403
    assert ApiToken.objects.filter(user=user).count() == 1


def test_a_token_of_a_second_factor_role_works_only_if_created_verified(user, client):
    from accord.accounts.services import role_policy_set, token_create

    _unverified, plain_key = token_create(actor=user, name="before the rule", verified=False)
    role_policy_set(actor=None, role="legal_adviser", require_second_factor=True)
    plain = APIClient()
    plain.credentials(HTTP_AUTHORIZATION=f"Token {plain_key}")
    refused = plain.get(reverse("api:me"))
    assert refused.status_code == 401
    assert "second factor" in refused.json()["detail"]

    # Without the code the page refuses to create one; after the code it is accepted.
    client.force_login(user)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    assert client.post(reverse("api:tokens"), {"name": "x"}).status_code == 403
    _verified_client(client, user)
    created = client.post(reverse("api:tokens"), {"name": "verified"})
    assert created.status_code == 201 and created.json()["created_verified"] is True
    good = APIClient()
    good.credentials(HTTP_AUTHORIZATION=f"Token {created.json()['key']}")
    assert good.get(reverse("api:me")).status_code == 200


def test_an_unverified_session_of_a_second_factor_user_cannot_create_a_token(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accord.accounts.services import token_create
    from accord.core.errors import PermissionDenied

    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    with pytest.raises(PermissionDenied):
        token_create(actor=user, name="no code", verified=False)
    assert not ApiToken.objects.exists()


def test_every_token_expires(user, settings):
    from datetime import timedelta

    from django.utils import timezone

    from accord.accounts.services import token_create
    from accord.core.errors import ValidationFailed

    settings.ACCORD_API_TOKEN_DAYS = 30
    settings.ACCORD_API_TOKEN_MAX_DAYS = 60
    token, key = token_create(actor=user, name="default", verified=False)
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    with pytest.raises(ValidationFailed):
        token_create(actor=user, name="too long", verified=False, days=61)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(reverse("api:me")).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = client.get(reverse("api:me"))
    assert expired.status_code == 401
    assert "expired" in expired.json()["detail"]


def test_the_api_refuses_a_lifetime_beyond_the_maximum(user, settings):
    settings.ACCORD_API_TOKEN_MAX_DAYS = 10
    client = APIClient()
    client.force_authenticate(user)
    response = client.post(reverse("api:tokens"), {"name": "n", "days": 11}, format="json")
    assert response.status_code == 400
    assert "days" in response.json()["errors"]
    ok = client.post(reverse("api:tokens"), {"name": "n", "days": 10}, format="json")
    assert ok.status_code == 201 and ok.json()["expires_at"]
