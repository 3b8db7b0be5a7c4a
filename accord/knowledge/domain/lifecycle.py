"""The lessons lifecycle, as pure rules (no ORM): which stage follows which, and when a
lesson may be called *learned*.

    observation: submitted ──verify──▶ verified ──identify──▶ identified ──learn──▶ learned
                           └─reject──▶ rejected (archived, never deleted)

Other kinds of knowledge (best practice, legal experience, training material, an answer
to a request) are published as they are: they enter at `published` and stay there.

A lesson becomes *learned* only when it has at least one remedial action, every one of
its remedial actions is done (a cancelled one does not count as done), **and** a
validation result is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Stage(StrEnum):
    SUBMITTED = "submitted"
    VERIFIED = "verified"
    REJECTED = "rejected"
    IDENTIFIED = "identified"
    LEARNED = "learned"
    PUBLISHED = "published"


class Step(StrEnum):
    VERIFY = "verify"
    REJECT = "reject"
    IDENTIFY = "identify"
    LEARN = "learn"


# step: (from stage, to stage)
TRANSITIONS: dict[Step, tuple[Stage, Stage]] = {
    Step.VERIFY: (Stage.SUBMITTED, Stage.VERIFIED),
    Step.REJECT: (Stage.SUBMITTED, Stage.REJECTED),
    Step.IDENTIFY: (Stage.VERIFIED, Stage.IDENTIFIED),
    Step.LEARN: (Stage.IDENTIFIED, Stage.LEARNED),
}

# Where a remedial action may be tasked, and a validation result recorded.
OPEN_FOR_ACTIONS = frozenset({Stage.IDENTIFIED})

ACTION_DONE = "done"
ACTION_CANCELLED = "cancelled"
ACTION_OPEN = "open"


def next_stage(stage: str, step: str) -> Stage | None:
    """The stage `step` leads to from `stage`, or None when the step is refused there."""
    try:
        source, target = TRANSITIONS[Step(step)]
    except ValueError:
        return None
    return target if stage == source else None


def steps_from(stage: str) -> list[Step]:
    """The steps that may be taken from `stage` (whatever the conditions of `learn`)."""
    return [step for step, (source, _target) in TRANSITIONS.items() if source == stage]


def may_learn(action_statuses: Iterable[str], validation_recorded: bool) -> bool:
    """A lesson is learned when its actions are all done and it is validated: at least one
    action done, none still open, and a validation result recorded."""
    statuses = list(action_statuses)
    done = sum(status == ACTION_DONE for status in statuses)
    still_open = any(status not in (ACTION_DONE, ACTION_CANCELLED) for status in statuses)
    return validation_recorded and done >= 1 and not still_open


def why_not_learned(action_statuses: Iterable[str], validation_recorded: bool) -> list[str]:
    """The missing conditions of `may_learn`, as codes ("no_action", "open_actions",
    "not_validated"); empty exactly when `may_learn` holds."""
    statuses = list(action_statuses)
    missing = []
    if not any(status == ACTION_DONE for status in statuses):
        missing.append("no_action")
    if any(status not in (ACTION_DONE, ACTION_CANCELLED) for status in statuses):
        missing.append("open_actions")
    if not validation_recorded:
        missing.append("not_validated")
    return missing
