"""Collection hook of the API fuzz run: its known failures are strict xfails, its skips are
named (tests/test_api_fuzz.py)."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    fuzz = [
        item
        for item in items
        if item.path.name == "test_api_fuzz.py" and item.name.startswith("test_api[")
    ]
    if fuzz:
        from tests.test_api_fuzz import mark_known

        mark_known(fuzz)
