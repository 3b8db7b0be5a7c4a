"""Sign-in, sign-out, lockout after repeated failures, and the second factor."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.accounts.services import role_policy_set
from accord.core.models import AuditEvent

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def user(make_user):
    return make_user("ARM", roles=["legal_adviser"], username="arm.legal")


def sign_in(client, username="arm.legal", password=PASSWORD):
    return client.post(reverse("accounts:sign-in"), {"username": username, "password": password})


def test_sign_in_and_out_are_recorded(user, client):
    response = sign_in(client)
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    client.post(reverse("accounts:sign-out"))
    assert client.get(reverse("core:home")).status_code == 302
    actions = list(
        AuditEvent.objects.filter(actor_id=user.pk).values_list("action", flat=True).order_by("id")
    )
    assert actions == ["session.sign_in", "session.sign_out"]


def test_wrong_password_shows_an_error(user, client):
    response = sign_in(client, password="wrong")
    assert response.status_code == 200
    assert "The username or password is not correct." in response.content.decode()
    assert client.get(reverse("core:home")).status_code == 302


def test_lockout_after_repeated_failures(user, client, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, password="wrong")
    response = sign_in(client)
    assert response.status_code == 429
    assert "locked" in response.content.decode()
    assert client.get(reverse("core:home")).status_code == 302


def test_sign_out_needs_post(user, client):
    client.force_login(user)
    assert client.get(reverse("accounts:sign-out")).status_code == 405


def _enrol(client, user):
    """Walk through the setup page with a real TOTP code."""
    page = client.get(reverse("accounts:second-factor-setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(
        reverse("accounts:second-factor-setup"), {"code": f"{totp(device.bin_key):06d}"}
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_a_role_can_require_a_second_factor(user, client):
    role_policy_set(actor=None, role="legal_adviser", require_second_factor=True)
    sign_in(client)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second-factor-setup"))
    api = client.get(reverse("api:me"))
    assert api.status_code == 403 and api.json()["code"] == "second_factor_required"
    _enrol(client, user)
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(action="second_factor.enrol", actor_id=user.pk).exists()


def test_an_enrolled_user_gives_a_code_at_sign_in(user, client):
    client.force_login(user)
    device = _enrol(client, user)
    client.post(reverse("accounts:sign-out"))
    sign_in(client)
    assert client.get(reverse("core:home"))["Location"].startswith(
        reverse("accounts:second-factor")
    )
    wrong = client.post(reverse("accounts:second-factor"), {"code": "000000"})
    assert "not valid" in wrong.content.decode()
    assert client.get(reverse("core:home")).status_code == 302
    # django-otp throttles after a failure; a real user waits a second, the test resets.
    device.refresh_from_db()
    device.throttle_reset()
    right = client.post(
        reverse("accounts:second-factor"), {"code": f"{totp(device.bin_key, drift=1):06d}"}
    )
    assert right.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200


def test_a_wrong_code_does_not_confirm_enrolment(user, client):
    client.force_login(user)
    client.get(reverse("accounts:second-factor-setup"))
    response = client.post(reverse("accounts:second-factor-setup"), {"code": "123"})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_a_required_second_factor_cannot_be_removed(user, client):
    client.force_login(user)
    _enrol(client, user)
    role_policy_set(actor=None, role="legal_adviser", require_second_factor=True)
    response = client.post(reverse("accounts:second-factor-remove"))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=user).exists()


# --- Issue 17, point 7: failures are audited (through signals: the views are not touched) ---


def test_failed_sign_ins_and_the_lockout_are_audited(user, client, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, password="wrong")
    sign_in(client, username="nobody.here", password="wrong")
    failed = AuditEvent.objects.filter(action="session.sign_in_failed")
    assert failed.filter(object_id=str(user.pk)).count() >= settings.AXES_FAILURE_LIMIT - 1
    unknown = failed.get(object_repr="nobody.here")
    assert unknown.object_id == "" and unknown.after_data["username"] == "nobody.here"
    locked = AuditEvent.objects.get(action="session.locked_out", object_id=str(user.pk))
    assert locked.after_data["username"] == "arm.legal"
    assert "correct-horse" not in "".join(failed.values_list("after", flat=True))


def test_second_factor_attempts_are_audited(user, client):
    client.force_login(user)
    device = _enrol(client, user)
    client.post(reverse("accounts:sign-out"))
    sign_in(client)
    client.post(reverse("accounts:second-factor"), {"code": "000000"})
    assert AuditEvent.objects.filter(action="second_factor.failed", actor_id=user.pk).count() == 1
    device.refresh_from_db()
    device.throttle_reset()
    client.post(reverse("accounts:second-factor"), {"code": f"{totp(device.bin_key, drift=1):06d}"})
    assert AuditEvent.objects.filter(action="second_factor.verified", actor_id=user.pk).exists()
