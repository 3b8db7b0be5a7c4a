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


def _victim_with_device(user):
    device = TOTPDevice.objects.create(user=user, name="victim phone", confirmed=True)
    return device


def test_password_only_cannot_re_enrol_and_replace_the_device(user, client):
    """Issue 17.1: with the password alone, a new session opened the set-up page, got a
    fresh secret, confirmed a code and was verified; the victim's device was deleted."""
    victim_device = _victim_with_device(user)
    sign_in(client)
    page = client.get(reverse("accounts:second-factor-setup"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:second-factor"))
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()
    # Even with an unconfirmed device of its own (left from an earlier attempt), a post
    # to the set-up page confirms nothing.
    stray = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
    posted = client.post(
        reverse("accounts:second-factor-setup"), {"code": f"{totp(stray.bin_key):06d}"}
    )
    assert posted.status_code == 302
    assert posted["Location"].startswith(reverse("accounts:second-factor"))
    assert TOTPDevice.objects.filter(pk=victim_device.pk, confirmed=True).exists()
    stray.refresh_from_db()
    assert not stray.confirmed
    assert client.get(reverse("core:home")).status_code == 302
    assert not AuditEvent.objects.filter(action="second_factor.enrol").exists()


def test_the_confirm_service_refuses_re_enrolment_without_the_current_factor(user):
    from accord.accounts.services import second_factor_confirm
    from accord.core.errors import PermissionDenied

    _victim_with_device(user)
    fresh = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
    with pytest.raises(PermissionDenied):
        second_factor_confirm(
            actor=user, device=fresh, code=f"{totp(fresh.bin_key):06d}", verified=False
        )
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


def test_a_verified_session_may_re_enrol(user, client):
    client.force_login(user)
    old = _enrol(client, user)
    # The session is verified (the code was just given): a new device replaces the old.
    new = _enrol(client, user)
    assert new.pk != old.pk
    assert list(TOTPDevice.objects.filter(user=user).values_list("pk", flat=True)) == [new.pk]


def test_an_administrator_resets_a_second_factor_audited(user, make_user, client):
    from accord.accounts.services import second_factor_reset
    from accord.core.errors import PermissionDenied

    _victim_with_device(user)
    stranger = make_user("RUS", roles=["administrator"])
    with pytest.raises(PermissionDenied):
        second_factor_reset(actor=stranger, user=user)
    admin = make_user("SEC", roles=["administrator"])
    second_factor_reset(actor=admin, user=user)
    assert not TOTPDevice.objects.filter(user=user).exists()
    event = AuditEvent.objects.get(action="second_factor.reset")
    assert event.actor_id == admin.pk
    # Now the user enrols afresh after the password.
    sign_in(client)
    assert client.get(reverse("accounts:second-factor-setup")).status_code == 200


# --- Issue 17.10: the lockout behind a proxy --------------------------------------------

PROXY = "10.0.0.2"


def _attempt(client, client_address, password, forwarded=None):
    return client.post(
        reverse("accounts:sign-in"),
        {"username": "arm.legal", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded or client_address,
    )


def test_behind_the_proxy_an_attacker_does_not_lock_out_the_owner(user, client, settings):
    settings.ACCORD_TRUSTED_PROXY_COUNT = 1
    for _attempt_number in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, "203.0.113.66", "wrong")
    assert _attempt(client, "203.0.113.66", PASSWORD).status_code == 429
    # The owner, from their own address through the same proxy, still signs in.
    owner = client.__class__()
    assert _attempt(owner, "198.51.100.7", PASSWORD).status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_lockout(user, client, settings):
    settings.ACCORD_TRUSTED_PROXY_COUNT = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The attacker prepends a different address each time; the proxy appends the real one.
        _attempt(client, "", "wrong", forwarded=f"192.0.2.{n}, 203.0.113.66")
    locked = _attempt(client, "", PASSWORD, forwarded="192.0.2.99, 203.0.113.66")
    assert locked.status_code == 429


def test_without_a_trusted_proxy_the_header_is_ignored(user, client, settings):
    from accord.accounts.client_ip import client_address

    settings.ACCORD_TRUSTED_PROXY_COUNT = 0
    request = client.get("/").wsgi_request
    request.META.update(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_address(request) == "192.0.2.1"
    settings.ACCORD_TRUSTED_PROXY_COUNT = 1
    settings.ACCORD_TRUSTED_PROXY_ADDRESSES = ["10.0.0.2"]
    assert client_address(request) == "192.0.2.1"  # not from the trusted proxy
    request.META["REMOTE_ADDR"] = "10.0.0.2"
    assert client_address(request) == "203.0.113.5"
    request.META["HTTP_X_FORWARDED_FOR"] = "not-an-address"
    assert client_address(request) == "10.0.0.2"


def test_the_admin_action_resets_a_lost_second_factor(user, make_user, client):
    _victim_with_device(user)
    client.force_login(make_user("SEC", roles=["administrator"]))
    response = client.post(
        "/admin/accounts/user/",
        {"action": "reset_second_factor", "_selected_action": [user.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="second_factor.reset", object_id=str(user.pk)).exists()


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
