"""Shared fixtures: the shipped parties, users of any party/clearance/roles, API clients,
and the browser-test switch (Chromium is mandatory under CI=true)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Property tests assert what holds, not how fast examples are drawn: on a loaded two-core
# CI machine the "too slow" health check and the per-example deadline fail them at random.
hypothesis_settings.register_profile(
    "accord", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("accord")

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


# Transactional tests (live server, threads) end with a flush that empties every table,
# taking the reference data the migrations ship (parties, roles) with it. They reload it
# by running those data migrations' own functions, before the test and after its flush.
# (`serialized_rollback` would not do: once another transactional test has flushed, the
# content types come back with new ids and restoring the snapshot collides with them.)
# The data migrations that ship reference data; their functions are idempotent.
REFERENCE_DATA_MIGRATIONS = (
    ("core", "0002_parties"),
    ("accounts", "0003_roles"),
    ("law", "0002_reference_data"),
)
RELOAD_UID = "tests.reload-reference-data"


@pytest.fixture(scope="session")
def reference_data_loaders() -> list[tuple[Callable[[Any, Any], None], Any]]:
    """(function, the historical app registry it expects) for each data migration."""
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations.special import RunPython

    loader = MigrationLoader(None, ignore_no_migrations=True)
    loaders = []
    for key in REFERENCE_DATA_MIGRATIONS:
        state_apps = loader.project_state(key, at_end=True).apps
        loaders += [
            (operation.code, state_apps)
            for operation in loader.graph.nodes[key].operations
            if isinstance(operation, RunPython)
        ]
    assert loaders, "the reference-data migrations have no RunPython operation"
    return loaders


@pytest.fixture
def reference_data(
    transactional_db: None, reference_data_loaders: list[tuple[Callable[..., None], Any]]
) -> Iterator[None]:
    """The parties and roles, as after `migrate`, whatever earlier tests flushed; and
    again after this test's own flush, for the transactional tests that come next."""
    from django.db.models.signals import post_migrate

    def load(**_signal: Any) -> None:
        for function, state_apps in reference_data_loaders:
            function(state_apps, None)

    load()
    yield

    # The flush comes after this teardown and ends with `post_migrate`: load once more then.
    def load_once(**signal: Any) -> None:
        post_migrate.disconnect(dispatch_uid=RELOAD_UID)
        load(**signal)

    post_migrate.connect(load_once, weak=False, dispatch_uid=RELOAD_UID)


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    if transactional or {"live_server", "transactional_db"} & set(request.fixturenames):
        request.getfixturevalue("reference_data")


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
            # As if made in a session that gave its one-time code (issue 17.2).
            _token, key = token_create(actor=user, name="test", verified=True)
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return client_for


@pytest.fixture(autouse=True)
def _english_unless_asked() -> Iterator[None]:
    """Each test starts in English: a page request in Russian must not leave Russian
    active for the next test's messages."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
