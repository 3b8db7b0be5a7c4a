"""Issue 19: "Users cannot change their own password; add it (with the password
validators and an audit event)". The current password first, the new one through the
validators and typed twice; the session it was changed in stays, the user's other
sessions end; each refusal names its field and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accord.core.models import AuditEvent

pytestmark = pytest.mark.django_db

OLD = "correct-horse-battery-9"
NEW = "a-longer-Passphrase-42"


def _sign_in(client: Client, username: str, password: str) -> bool:
    """Through the sign-in page, as a browser does (axes needs the request)."""
    response = client.post(
        reverse("accounts:sign-in"), {"username": username, "password": password}
    )
    return response.status_code == 302


def _post(client: Client, **data: str) -> Any:
    return client.post(reverse("accounts:password-change"), data)


def test_changing_ones_own_password(make_user: Any) -> None:
    user = make_user("KAZ", roles=["customs_officer"], username="kaz.pw")
    here, elsewhere = Client(), Client()
    for client in (here, elsewhere):
        assert _sign_in(client, "kaz.pw", OLD)
    assert here.get(reverse("accounts:profile")).status_code == 200

    refusals = [
        (
            {"current_password": "wrong", "new_password": NEW, "new_password_again": NEW},
            "current_password",
        ),
        (
            {"current_password": OLD, "new_password": NEW, "new_password_again": NEW + "x"},
            "new_password_again",
        ),
        (
            {"current_password": OLD, "new_password": "short", "new_password_again": "short"},
            "new_password",
        ),
        (
            {
                "current_password": OLD,
                "new_password": "123456789012",
                "new_password_again": "123456789012",
            },
            "new_password",
        ),
    ]
    for data, field in refusals:
        response = _post(here, **data)
        assert response.status_code == 400, field
        assert field in response.context["form"].errors, (field, response.context["form"].errors)
    user.refresh_from_db()
    assert user.check_password(OLD)
    assert not AuditEvent.objects.filter(action="user.password_change").exists()

    done = _post(here, current_password=OLD, new_password=NEW, new_password_again=NEW)
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW) and not user.check_password(OLD)
    # This session stays signed in, the other one is ended.
    assert here.get(reverse("accounts:profile")).status_code == 200
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    event = AuditEvent.objects.get(action="user.password_change")
    assert event.actor_id == user.pk and event.after_data == {"other_sessions_ended": 1}
    assert NEW not in event.after and OLD not in event.after
    assert _sign_in(Client(), "kaz.pw", NEW)


def test_the_profile_links_to_it_in_russian(client: Client, make_user: Any) -> None:
    client.force_login(make_user("KAZ", username="kaz.pw2"))
    page = client.get(reverse("accounts:profile"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'data-testid="password-change"' in page and "Change your password" not in page
