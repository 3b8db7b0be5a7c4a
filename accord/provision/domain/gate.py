"""The legal gate, as a pure decision over the joint review's standings.

A commitment passes only if, for every receiving contingent's party, the system version
has a concluded joint review whose conclusion permits that party's use ("lawful" or
"lawful with conditions") and is not due for re-review. The refusal names, party by party,
what is missing. The conditions of every permitting conclusion become the end-use
assurances (each once, in the order met).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PERMITTING = frozenset({"lawful", "lawful_with_conditions"})


@dataclass(frozen=True)
class PartyStanding:
    party: str  # the party's code
    status: str  # lawful | lawful_with_conditions | unlawful | needs_rereview | not_reviewed
    conditions: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class GateDecision:
    passed: bool
    reasons: list[dict[str, str]] = field(default_factory=list)
    assurances: list[str] = field(default_factory=list)


def decide(standings: list[PartyStanding]) -> GateDecision:
    reasons: list[dict[str, str]] = []
    assurances: list[str] = []
    if not standings:
        return GateDecision(False, [{"party": "", "status": "no_receiving_party"}], [])
    for standing in standings:
        if standing.status in PERMITTING:
            for condition in standing.conditions:
                if condition not in assurances:
                    assurances.append(condition)
        else:
            reasons.append(
                {"party": standing.party, "status": standing.status, "detail": standing.reason}
            )
    return GateDecision(not reasons, reasons, assurances if not reasons else [])
