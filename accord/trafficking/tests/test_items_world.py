"""A small world for the item-register tests (fixtures only; imported by the others)."""

from __future__ import annotations

from typing import Any

from accord.core.models import Classification, Release
from accord.trafficking.services.items import item_register

CUSTOMS = "customs_officer"


def make_officers(make_user: Any) -> dict[str, Any]:
    """Customs officers of four parties, a Russian user without the role, and a Russian
    officer of low clearance. Each test file wraps this in its own `officers` fixture."""
    return {
        "rus": make_user("RUS", roles=[CUSTOMS], username="rus.customs"),
        "kaz": make_user("KAZ", roles=[CUSTOMS], username="kaz.customs"),
        "blr": make_user("BLR", roles=[CUSTOMS], username="blr.customs"),
        "arm": make_user("ARM", roles=[CUSTOMS], username="arm.customs"),
        "rus_norole": make_user("RUS", roles=[], username="rus.clerk"),
        "rus_low": make_user(
            "RUS", clearance=Classification.UNCLASSIFIED, roles=[CUSTOMS], username="rus.low"
        ),
    }


def register(actor: Any, serial: str, **fields: Any) -> Any:
    values: dict[str, Any] = {
        "kind": "uncrewed",
        "manufacturer": "Fictional Aero",
        "model": "FA-10",
        "serial_number": serial,
        "classification": Classification.RESTRICTED,
        "release": Release.OWNER,
    }
    values.update(fields)
    return item_register(actor=actor, **values)
