"""Shared set-up: the drafters of the Secretariat, the states' staff, an adopted act."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from accord.core.models import Classification, Release
from accord.legislation import services

DRAFTER = ["parliamentary_officer"]


def adopted_act(first: Any, second: Any, *, number: str = "12-7", **fields: Any) -> Any:
    """An act with two articles (one with a paragraph), adopted by two officers."""
    act = services.act_create(
        actor=first,
        number=number,
        title_en=fields.pop("title_en", "Model law on weapons review"),
        title_ru=fields.pop("title_ru", "Модельный закон о правовой проверке вооружений"),
        release=fields.pop("release", Release.PUBLIC),
        classification=fields.pop("classification", Classification.UNCLASSIFIED),
        **fields,
    )
    for eid, num, text in (
        ("art_1", "1", "Scope"),
        ("art_2", "2", "The review duty"),
        ("art_2__para_1", "2(1)", "Every new weapon is reviewed."),
    ):
        services.provision_save(actor=first, act=act, eid=eid, num=num, text_en=text)
    for step, actor in (("to_commission", first), ("propose", first), ("adopt", second)):
        act.refresh_from_db()
        services.act_transition(
            actor=actor, act=act, action=step, version=act.version, on=dt.date(2025, 5, 1)
        )
    act.refresh_from_db()
    return act


@pytest.fixture
def drafters(make_user: Any) -> tuple[Any, Any]:
    return make_user("SEC", roles=DRAFTER), make_user("SEC", roles=DRAFTER)


@pytest.fixture
def act(drafters: tuple[Any, Any]) -> Any:
    return adopted_act(*drafters)
