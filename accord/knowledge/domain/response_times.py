"""Per-party response times of requests for information, as a pure function.

For each addressee party: how many requests it was sent, how many it answered, how many
of those by the due date, how many are still unanswered past it, and the median number
of days from the request to its first answer (None when it answered none).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Asked:
    party: str
    sent_on: dt.date
    due_on: dt.date
    first_answer_on: dt.date | None


@dataclass(frozen=True)
class PartyTimes:
    party: str
    sent: int
    answered: int
    on_time: int
    overdue: int
    median_days: float | None


def response_times(rows: Iterable[Asked], today: dt.date) -> list[PartyTimes]:
    by_party: dict[str, list[Asked]] = {}
    for row in rows:
        by_party.setdefault(row.party, []).append(row)
    result = []
    for party in sorted(by_party):
        asked = by_party[party]
        answered = [a for a in asked if a.first_answer_on is not None]
        days = [(a.first_answer_on - a.sent_on).days for a in answered]  # type: ignore[operator]
        result.append(
            PartyTimes(
                party=party,
                sent=len(asked),
                answered=len(answered),
                on_time=sum(a.first_answer_on <= a.due_on for a in answered),  # type: ignore[operator]
                overdue=sum(a.first_answer_on is None and a.due_on < today for a in asked),
                median_days=statistics.median(days) if days else None,
            )
        )
    return result
