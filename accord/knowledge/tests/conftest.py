"""Shared set-up of the knowledge tests: a Russian author, Russia's lessons manager, and
a helper taking an observation to a given stage through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from accord.core.models import Classification, Release
from accord.knowledge import services


@pytest.fixture
def author(make_user: Any) -> Any:
    return make_user("RUS", clearance=Classification.SECRET, roles=["legal_adviser"])


@pytest.fixture
def manager(make_user: Any) -> Any:
    return make_user("RUS", clearance=Classification.SECRET, roles=["knowledge_editor"])


def observe(author: Any, title: str = "Telemetry lost", **extra: Any) -> Any:
    fields: dict[str, Any] = {
        "title_en": title,
        "summary_en": "What happened",
        "areas": ["use"],
        "classification": Classification.RESTRICTED,
        "release": Release.MEMBERS,
    }
    fields.update(extra)
    return services.item_create(actor=author, **fields)


def to_identified(author: Any, manager: Any, title: str = "Telemetry lost", **extra: Any) -> Any:
    item = observe(author, title, **extra)
    item = services.item_verify(actor=manager, item=item, version=item.version)
    return services.item_identify(
        actor=manager,
        item=item,
        version=item.version,
        root_cause="No procedure",
        recommendation="Write one",
    )


def task(manager: Any, lesson: Any, body: Any, days: int = 10) -> Any:
    return services.action_add(
        actor=manager,
        lesson=lesson,
        action_body=body,
        description="Fix it",
        due_on=dt.date.today() + dt.timedelta(days=days),
    )
