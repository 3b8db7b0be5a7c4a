"""Issue 17.9: deactivation ends sessions and tokens for good; the session id rotates
after the second factor; an idle timeout beside the absolute lifetime; `__Host-` cookies
in production."""

import os
import subprocess
import sys
import time

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accord.accounts.middleware import LAST_SEEN_KEY
from accord.accounts.models import ApiToken
from accord.accounts.services import token_create, user_update
from accord.core.models import AuditEvent

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def user(make_user):
    return make_user("ARM", roles=["knowledge_editor"], username="arm.user")


def sign_in(client, username="arm.user"):
    response = client.post(
        reverse("accounts:sign-in"), {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


def test_deactivation_ends_sessions_and_tokens_and_reactivation_revives_neither(
    user, make_user, client
):
    admin = make_user("SEC", roles=["administrator"])
    sign_in(client)
    assert client.get(reverse("accounts:profile")).status_code == 200
    _token, key = token_create(actor=user, name="script", verified=False)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(reverse("api:me")).status_code == 200

    user_update(actor=admin, user=user, is_active=False)
    user_update(actor=admin, user=user, is_active=True)

    assert client.get(reverse("accounts:profile")).status_code == 302
    assert api.get(reverse("api:me")).status_code == 401
    assert ApiToken.objects.get(user=user).revoked_at is not None
    event = AuditEvent.objects.get(action="user.access_ended")
    assert event.actor_id == admin.pk


def test_the_session_id_rotates_after_the_second_factor(user, client):
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    sign_in(client)
    before = client.cookies["sessionid"].value
    response = client.post(
        reverse("accounts:second-factor"), {"code": f"{totp(device.bin_key):06d}"}
    )
    assert response.status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    assert client.get(reverse("accounts:profile")).status_code == 200
    # The id seen before the code is worth nothing now.
    stale = client_class_with_cookie(client, before)
    assert stale.get(reverse("accounts:profile")).status_code == 302


def client_class_with_cookie(client, session_id):
    other = client.__class__()
    other.cookies["sessionid"] = session_id
    return other


def test_an_idle_session_is_signed_out(user, client, settings):
    settings.ACCORD_SESSION_IDLE_MINUTES = 30
    sign_in(client)
    assert client.get(reverse("accounts:profile")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 29 * 60
    session.save()
    assert client.get(reverse("accounts:profile")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 31 * 60
    session.save()
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert client.get(reverse("accounts:profile")).status_code == 302


def _settings_value(env, expression):
    """A value of accord.settings imported afresh under `env` (production-like)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.update(env)
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", f"import accord.settings as s; print({expression})"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    return result


def test_cookies_use_host_prefixed_names_when_secure():
    secure = _settings_value(
        {"SECRET_KEY": "k" * 60, "ACCORD_SECURE_COOKIES": "true"},
        "s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME",
    )
    assert secure.stdout.strip() == "__Host-sessionid __Host-csrftoken", secure.stderr
    plain = _settings_value(
        {"ACCORD_DEBUG": "true", "ACCORD_SECURE_COOKIES": "false"},
        "s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME",
    )
    assert plain.stdout.strip() == "sessionid csrftoken", plain.stderr


def test_an_idle_sign_out_is_audited(user, client, settings):
    from accord.core.models import AuditEvent

    settings.ACCORD_SESSION_IDLE_MINUTES = 30
    sign_in(client)
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 31 * 60
    session.save()
    assert not AuditEvent.objects.filter(action="session.idle_sign_out").exists()
    response = client.get(reverse("accounts:profile"), HTTP_X_REQUEST_ID="idle-sign-out-1")
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="session.idle_sign_out")
    assert event.actor_id == user.pk
    assert event.request_id == "idle-sign-out-1"
    assert event.after_data["idle_seconds"] >= 31 * 60
