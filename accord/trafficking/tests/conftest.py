"""Shared fixtures of the trafficking module's tests: officers of several parties and a
small helper to record an incident directly (tests of other parts go through the
incidents services; these fixtures only need rows to count)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from accord.core.models import Classification, Party, Release

_numbers = itertools.count(1)


@pytest.fixture
def officers(make_user: Callable[..., Any]) -> dict[str, Any]:
    """Customs officers of Russia, Kazakhstan, Belarus and Armenia; a Russian user without
    the role; a Russian officer of low clearance."""
    return {
        "rus": make_user("RUS", roles=["customs_officer"], username="rus.customs"),
        "kaz": make_user("KAZ", roles=["customs_officer"], username="kaz.customs"),
        "blr": make_user("BLR", roles=["customs_officer"], username="blr.customs"),
        "arm": make_user("ARM", roles=["customs_officer"], username="arm.customs"),
        "rus_norole": make_user("RUS", roles=[], username="rus.plain"),
        "rus_low": make_user(
            "RUS",
            clearance=Classification.UNCLASSIFIED,
            roles=["customs_officer"],
            username="rus.low",
        ),
    }


@pytest.fixture
def record_incident(db: Any) -> Callable[..., Any]:
    """record_incident("KAZ", kind="seizure", items=[("uav_component", "SN1", 2)],
    entities=["Ivan Petrov"]) — an incident row with its items and entities."""
    from accord.trafficking.models import Incident, IncidentEntity, IncidentItem

    def record(
        code: str,
        *,
        kind: str = "seizure",
        occurred_on: dt.date | None = None,
        classification: int = Classification.RESTRICTED,
        release: str = Release.OWNER,
        items: list[tuple[str, str, int]] | None = None,
        entities: list[str] | None = None,
        operation: Any = None,
    ) -> Any:
        incident = Incident.objects.create(
            reference=f"T-INC-{next(_numbers):05d}",
            owner=Party.objects.get(code=code),
            classification=classification,
            release=release,
            kind=kind,
            occurred_on=occurred_on or dt.date(2025, 3, 10),
            country=code if len(code) == 3 else "RUS",
            operation=operation,
        )
        for item_kind, serial, quantity in items or []:
            IncidentItem.objects.create(
                incident=incident,
                kind=item_kind,
                serial_number=serial,
                serial_norm=serial.upper(),
                quantity=quantity,
            )
        for name in entities or []:
            IncidentEntity.objects.create(
                incident=incident, kind="person", name=name, name_norm=name.lower()
            )
        return incident

    return record


@pytest.fixture
def joint_operation(officers: dict[str, Any], party: Callable[[str], Any]) -> Any:
    """A RESTRICTED, OWNER-release operation led by Russia with Kazakhstan taking part."""
    from accord.trafficking.services import operations as services

    operation = services.operation_create(
        actor=officers["rus"],
        name="Operation Test Frontier (fictional)",
        code="OP-TEST-1",
        starts_on=dt.date(2025, 3, 1),
        ends_on=dt.date(2025, 3, 31),
        area="Test border area",
        objectives="Interdict fictional shipments.",
        classification=Classification.RESTRICTED,
        release=Release.OWNER,
        agencies="Federal Customs Service (test)",
    )
    services.participant_add(
        actor=officers["rus"],
        operation=operation,
        party=party("KAZ"),
        agencies="State Revenue Committee (test)",
    )
    return operation
