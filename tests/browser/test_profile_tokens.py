"""The API-token journey on the profile page: create, see the key once, use it, revoke."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD


def api_status(address: str, key: str) -> tuple[int, Any]:
    """GET with only the token (no browser cookies): the status and the JSON body."""
    request = urllib.request.Request(address, headers={"Authorization": f"Token {key}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=15) as answer:  # noqa: S310
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


@pytest.mark.browser
def test_create_use_and_revoke_an_api_token(
    page: Page,
    make_user: Any,
    url: Callable[..., str],
    submit_sign_in: Callable[..., Any],
) -> None:
    make_user("RUS", username="rus.scripter")

    page.goto(url("accounts:profile"))  # signed out: sign in first, then come back here
    expect(page).to_have_url(url("accounts:sign-in") + "?next=/accounts/profile/")
    submit_sign_in("rus.scripter", PASSWORD)
    expect(page).to_have_url(url("accounts:profile"))

    tokens = page.get_by_test_id("tokens")
    expect(tokens).to_contain_text("No tokens.")
    expect(page.get_by_test_id("new-token-key")).to_have_count(0)

    page.get_by_label("Token name").fill("ci")
    page.get_by_role("button", name="Create a token").click()

    new_key = page.get_by_test_id("new-token-key")
    expect(new_key).to_have_text(re.compile(r"^\s*acc_[\w-]{20,}\s*$"))
    key = new_key.inner_text().strip()
    row = tokens.locator("tbody tr").filter(has=page.get_by_role("cell", name="ci", exact=True))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(key[:10] + "…")  # the prefix only
    expect(row).not_to_contain_text(key)
    expect(row).to_contain_text("active")

    status, me = api_status(url("api:me"), key)
    assert status == 200
    assert "rus.scripter" in json.dumps(me)

    page.reload()  # the key is shown once
    expect(page.get_by_test_id("new-token-key")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text(key)
    expect(row).to_contain_text("active")

    row.get_by_role("button", name="Revoke").click()

    expect(row).to_contain_text("revoked")
    expect(row).not_to_contain_text("active")
    expect(row.get_by_role("button", name="Revoke")).to_have_count(0)
    status, _body = api_status(url("api:me"), key)
    assert status in {401, 403}
