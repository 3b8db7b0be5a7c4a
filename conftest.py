"""Shared fixtures: the shipped parties, users of any party/clearance/roles, API clients,
and the browser-test switch (Chromium is mandatory under CI=true)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.path.exists(CHROMIUM):
        return
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items:
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI=true but {CHROMIUM} is missing: browser tests are mandatory.")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not found: browser tests skipped")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture
def party(db: Any) -> Callable[[str], Any]:
    from accord.core.models import Party

    return lambda code: Party.objects.get(code=code)


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    """make_user("RUS", clearance=2, roles=["auditor"]) — created through the service."""
    from accord.accounts.services import user_create
    from accord.core.models import Party

    counter = {"n": 0}

    def make(
        code: str = "RUS",
        *,
        clearance: int = 3,
        roles: tuple[str, ...] | list[str] = (),
        username: str | None = None,
        password: str = "correct-horse-battery-9",
    ) -> Any:
        counter["n"] += 1
        return user_create(
            actor=None,
            username=username or f"{code.lower()}.user{counter['n']}",
            party=Party.objects.get(code=code),
            clearance=clearance,
            roles=list(roles),
            password=password,
        )

    return make


@pytest.fixture
def api_client() -> Callable[[Any], Any]:
    """An API client authenticated as `user` with a real API token."""
    from rest_framework.test import APIClient

    from accord.accounts.services import token_create

    def client_for(user: Any = None) -> APIClient:
        client = APIClient()
        if user is not None:
            _token, key = token_create(actor=user, name="test")
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return client_for
