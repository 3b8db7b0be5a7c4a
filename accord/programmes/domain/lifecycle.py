"""The lifecycle of a programme as a transitions table: proposal -> eligibility (or not
eligible) -> decision -> implementation -> joint acceptance -> closure. Each step is a
signed record; what a step must carry is in `REQUIRES`."""

from __future__ import annotations

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "proposal": ("eligibility", "rejected"),
    "eligibility": ("decided",),
    "decided": ("implementation",),
    "implementation": ("acceptance",),
    "acceptance": ("closed",),
    "closed": (),
    "rejected": (),
}

# The fields a step's record must fill in.
REQUIRES: dict[str, tuple[str, ...]] = {
    "eligibility": ("criteria", "reasons"),
    "rejected": ("criteria", "reasons"),
    "decided": ("decision_rule", "reference"),
    "implementation": (),
    "acceptance": ("statement",),
    "closed": ("statement",),
}

# The IATI ActivityStatus a stage puts the programme in.
IATI_STATUS = {
    "proposal": 1,
    "eligibility": 1,
    "decided": 1,
    "implementation": 2,
    "acceptance": 3,
    "closed": 4,
    "rejected": 5,
}


def may_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, ())


def missing(target: str, record: dict[str, str]) -> list[str]:
    """The fields `target`'s record still lacks."""
    return [name for name in REQUIRES.get(target, ()) if not str(record.get(name, "")).strip()]
