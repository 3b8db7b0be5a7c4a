"""Programmes set up through the real services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from accord.core.models import Classification, Party, Release
from accord.programmes import services

OFFICER = ["programme_officer", "finance_officer"]
MEMBERS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
SIX_SHARES = {
    "ARM": Decimal("10"),
    "BLR": Decimal("15"),
    "KAZ": Decimal("20"),
    "KGZ": Decimal("10"),
    "RUS": Decimal("35"),
    "TJK": Decimal("10"),
}


@pytest.fixture
def officer(make_user: Any) -> Any:
    return make_user("RUS", roles=OFFICER, clearance=Classification.SECRET)


def make_programme(officer: Any, **fields: Any) -> Any:
    data = {
        "identifier": "CSTO-PRG-1",
        "title_en": "Joint programme",
        "title_ru": "Совместная программа",
        "release": Release.MEMBERS,
        "classification": Classification.RESTRICTED,
        **fields,
    }
    return services.programme_create(actor=officer, **data)


def financed(officer: Any, *, total: str = "1000000.00", due: dt.date | None = None) -> Any:
    """A programme under a decided six-party key, with a budget and one assessment."""
    programme = make_programme(officer)
    parties = {p.code: p for p in Party.objects.filter(code__in=MEMBERS)}
    key = services.key_propose(
        actor=officer,
        programme=programme,
        basis="fixed",
        effective_from=dt.date(2026, 1, 1),
        shares={parties[c]: v for c, v in SIX_SHARES.items()},
    )
    services.key_decide(actor=officer, key=key, decision_reference="Council 2026/1")
    services.budget_set(
        actor=officer,
        programme=programme,
        status="committed",
        lines=[
            {
                "category": "services",
                "period_start": dt.date(2026, 1, 1),
                "period_end": dt.date(2026, 12, 31),
                "amount": total,
            }
        ],
    )
    services.assessment_issue(
        actor=officer, programme=programme, due_date=due or dt.date(2026, 3, 1)
    )
    return programme


@pytest.fixture
def programme_financed(officer: Any) -> Any:
    return financed(officer)
