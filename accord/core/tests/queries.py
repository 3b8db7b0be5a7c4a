"""Query counts that prove something: the rows are there, and twice the rows cost no more
queries than the rows (an N+1 shows as a difference, whatever the ceiling)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(fetch: Callable[[], Any]) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as context:
        result = fetch()
    return len(context.captured_queries), result


def assert_flat(
    fetch: Callable[[], Any],
    grow: Callable[[], Any],
    *,
    rows: Callable[[Any], int],
    at_most: int,
) -> tuple[int, int]:
    """`fetch()` shows `rows(answer)` rows; after `grow()` adds more it shows more (twice as
    many when `grow` adds as many again) with the same number of queries, never more than
    `at_most`. Returns the two row counts."""
    fetch()  # warm what is cached once per process or session (content types, the user)
    before, first = queries_of(fetch)
    shown = rows(first)
    assert shown > 0, "nothing rendered"
    grow()
    after, second = queries_of(fetch)
    doubled = rows(second)
    assert doubled > shown, (shown, doubled)
    assert after == before, f"{before} queries for {shown} rows, {after} for {doubled}"
    assert before <= at_most, (before, at_most)
    return shown, doubled


def rows_of(response: Any) -> int:
    """Rows of an API answer: CSV lines after the header; a JSON list's items, a page's
    results, or the items of every list in a JSON object."""
    if response["Content-Type"].startswith("text/csv"):
        return len(response.content.decode().strip().splitlines()) - 1
    data = response.json()
    if isinstance(data, list):
        return len(data)
    if "results" in data:
        return len(data["results"])
    return sum(len(value) for value in data.values() if isinstance(value, list))
