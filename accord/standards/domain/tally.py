"""The adoption rules of a ballot, as a pure function over the votes (no database).

Counting rules (the same for both adoption rules):

- Only eligible parties count: the member states of the agreement. The Secretariat
  coordinates the ballot and does not vote; observers do not vote. Votes of parties not in
  `eligible` are ignored (the services refuse them anyway).
- *Voted*: an eligible party that returned any vote, abstentions included. The quorum is
  met when ``voted >= quorum × eligible`` (quorum is a share, e.g. 1/2).
- *Votes cast*: approvals (with or without comments) and disapprovals. Abstentions count
  toward the quorum but are not votes cast, so they neither help nor hurt a majority
  (the ISO/IEC directives count them the same way).

Consensus: the quorum is met, no eligible party disapproves, and at least one approves
(a ballot where everyone abstained adopts nothing).

Qualified majority: the quorum is met, at least one vote was cast, approvals are at least
``approve_share`` of the votes cast and disapprovals at most ``disapprove_share`` of them.

Shares are exact fractions (``Fraction("2/3")``), so two approvals out of three really
are two thirds.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

CONSENSUS = "consensus"
QUALIFIED_MAJORITY = "qualified_majority"

APPROVE = "approve"
APPROVE_WITH_COMMENTS = "approve_with_comments"
DISAPPROVE = "disapprove"
ABSTAIN = "abstain"
CHOICES = (APPROVE, APPROVE_WITH_COMMENTS, DISAPPROVE, ABSTAIN)

# Why a ballot failed; the pages translate these codes.
QUORUM_NOT_MET = "quorum_not_met"
DISAPPROVED = "disapproved"
NO_APPROVAL = "no_approval"
NO_VOTES_CAST = "no_votes_cast"
APPROVAL_BELOW_THRESHOLD = "approval_below_threshold"
DISAPPROVAL_ABOVE_LIMIT = "disapproval_above_limit"


def parse_share(value: Any) -> Fraction:
    """A share as an exact fraction: "2/3", "0.5", Decimal("0.25"), Fraction(1, 4).
    Raises ValueError for anything outside 0..1 or unreadable."""
    try:
        share = Fraction(str(value).strip())
    except (ValueError, ZeroDivisionError) as exc:
        raise ValueError(f"not a share: {value!r}") from exc
    if not 0 <= share <= 1:
        raise ValueError(f"share outside 0..1: {value!r}")
    return share


@dataclass(frozen=True)
class TallyParams:
    """The parameters of a rule: shares as exact fractions."""

    quorum: Fraction = Fraction(1, 2)
    approve_share: Fraction = Fraction(2, 3)
    disapprove_share: Fraction = Fraction(1, 4)

    @classmethod
    def of(cls, quorum: Any, approve_share: Any, disapprove_share: Any) -> TallyParams:
        return cls(parse_share(quorum), parse_share(approve_share), parse_share(disapprove_share))


@dataclass(frozen=True)
class TallyResult:
    """The figures of a tally and whether the rule is met."""

    rule: str
    eligible: int
    voted: int
    approve: int
    approve_with_comments: int
    disapprove: int
    abstain: int
    quorum_required: int
    params: TallyParams
    passed: bool
    failures: tuple[str, ...] = field(default_factory=tuple)

    @property
    def approvals(self) -> int:
        return self.approve + self.approve_with_comments

    @property
    def cast(self) -> int:
        """Votes cast: approvals and disapprovals, not abstentions."""
        return self.approvals + self.disapprove

    @property
    def quorum_met(self) -> bool:
        return self.eligible > 0 and self.voted >= self.quorum_required

    @property
    def approve_ratio(self) -> Fraction | None:
        return Fraction(self.approvals, self.cast) if self.cast else None

    @property
    def disapprove_ratio(self) -> Fraction | None:
        return Fraction(self.disapprove, self.cast) if self.cast else None

    def as_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready data, stored with the ballot's result."""

        def text(value: Fraction | None) -> str | None:
            return None if value is None else str(value)

        return {
            "rule": self.rule,
            "eligible": self.eligible,
            "voted": self.voted,
            "approve": self.approve,
            "approve_with_comments": self.approve_with_comments,
            "approvals": self.approvals,
            "disapprove": self.disapprove,
            "abstain": self.abstain,
            "cast": self.cast,
            "quorum": str(self.params.quorum),
            "quorum_required": self.quorum_required,
            "quorum_met": self.quorum_met,
            "approve_share": str(self.params.approve_share),
            "disapprove_share": str(self.params.disapprove_share),
            "approve_ratio": text(self.approve_ratio),
            "disapprove_ratio": text(self.disapprove_ratio),
            "passed": self.passed,
            "failures": list(self.failures),
        }


def tally(
    votes: Mapping[Any, str],
    eligible: Collection[Any],
    rule: str,
    params: TallyParams | None = None,
) -> TallyResult:
    """Count `votes` ({party: choice}) of the `eligible` parties under `rule`."""
    if rule not in (CONSENSUS, QUALIFIED_MAJORITY):
        raise ValueError(f"unknown rule: {rule!r}")
    params = params or TallyParams()
    eligible_set = set(eligible)
    counts = dict.fromkeys(CHOICES, 0)
    for party, choice in votes.items():
        if party not in eligible_set:
            continue
        if choice not in counts:
            raise ValueError(f"unknown vote: {choice!r}")
        counts[choice] += 1
    voted = sum(counts.values())
    quorum_required = max(1, math.ceil(params.quorum * len(eligible_set)))
    approvals = counts[APPROVE] + counts[APPROVE_WITH_COMMENTS]
    cast = approvals + counts[DISAPPROVE]

    failures: list[str] = []
    if not eligible_set or voted < quorum_required:
        failures.append(QUORUM_NOT_MET)
    if rule == CONSENSUS:
        if counts[DISAPPROVE]:
            failures.append(DISAPPROVED)
        if not approvals:
            failures.append(NO_APPROVAL)
    else:
        if not cast:
            failures.append(NO_VOTES_CAST)
        else:
            if Fraction(approvals, cast) < params.approve_share:
                failures.append(APPROVAL_BELOW_THRESHOLD)
            if Fraction(counts[DISAPPROVE], cast) > params.disapprove_share:
                failures.append(DISAPPROVAL_ABOVE_LIMIT)
    return TallyResult(
        rule=rule,
        eligible=len(eligible_set),
        voted=voted,
        approve=counts[APPROVE],
        approve_with_comments=counts[APPROVE_WITH_COMMENTS],
        disapprove=counts[DISAPPROVE],
        abstain=counts[ABSTAIN],
        quorum_required=quorum_required,
        params=params,
        passed=not failures,
        failures=tuple(failures),
    )
