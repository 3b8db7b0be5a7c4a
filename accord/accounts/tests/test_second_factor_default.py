"""Issue 17 "Also": administrators, auditors and legal advisers need a second factor by
default; ACCORD_RELAX_SECOND_FACTOR turns the rule off for the demo."""

import io
from pathlib import Path

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accord.accounts.demo import DEMO_USERS, demo_password
from accord.accounts.services import token_create

PASSWORD = "correct-horse-battery-9"


def _sign_in(client, username, password=PASSWORD):
    response = client.post(
        reverse("accounts:sign-in"), {"username": username, "password": password}
    )
    assert response.status_code == 302, username
    return client.get(reverse("core:home"))


@pytest.mark.parametrize(
    ("code", "roles", "required"),
    [
        ("SEC", ["administrator"], True),
        ("RUS", ["auditor"], True),
        ("KAZ", ["legal_adviser", "lead_reviewer"], True),
        ("RUS", ["customs_officer"], False),
        ("BLR", ["finance_officer"], False),
    ],
)
def test_the_rule_is_on_by_default(make_user, client, settings, code, roles, required):
    settings.ACCORD_RELAX_SECOND_FACTOR = False
    user = make_user(code, roles=roles)
    home = _sign_in(client, user.username)
    if required:
        assert home.status_code == 302
        assert home["Location"].startswith(reverse("accounts:second-factor-setup"))
    else:
        assert home.status_code == 200


def test_a_superuser_counts_as_an_administrator(db, client, settings, party):
    from accord.accounts.services import user_create

    settings.ACCORD_RELAX_SECOND_FACTOR = False
    user_create(
        actor=None, username="root", party=party("SEC"), password=PASSWORD, is_superuser=True
    )
    assert _sign_in(client, "root").status_code == 302


def test_the_rule_covers_tokens_of_those_roles(make_user, settings):
    settings.ACCORD_RELAX_SECOND_FACTOR = False
    auditor = make_user("RUS", roles=["auditor"])
    settings.ACCORD_RELAX_SECOND_FACTOR = True
    _token, key = token_create(actor=auditor, name="made while relaxed", verified=False)
    settings.ACCORD_RELAX_SECOND_FACTOR = False
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(reverse("api:me")).status_code == 401


def test_relaxed_for_the_demo_every_demo_user_signs_in(db, client, settings):
    from accord.accounts import demo

    demo.load(io.StringIO())
    settings.ACCORD_RELAX_SECOND_FACTOR = False
    assert _sign_in(client, "sec.admin", demo_password("sec.admin")).status_code == 302
    client.post(reverse("accounts:sign-out"))
    settings.ACCORD_RELAX_SECOND_FACTOR = True
    for username, *_rest in DEMO_USERS:
        assert _sign_in(client, username, demo_password(username)).status_code == 200, username
        client.post(reverse("accounts:sign-out"))


def test_make_demo_relaxes_the_rule():
    makefile = (Path(__file__).resolve().parents[3] / "Makefile").read_text()
    serving = [
        line
        for line in makefile.splitlines()
        if "$(ACCORD) runserver" in line or "$(ACCORD) worker" in line
    ]
    assert serving and all("ACCORD_RELAX_SECOND_FACTOR=1" in line for line in serving)
