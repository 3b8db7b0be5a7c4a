"""The matrix arithmetic (`domain/conformity.py`) and the version comparison, with
examples and properties."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from accord.legislation.domain import compare as cmp
from accord.legislation.domain import conformity as c

EIDS = [f"art_{i}" for i in range(1, 7)]
DAY = dt.date(2026, 1, 1)
days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def entries(draw: st.DrawFn) -> c.Entry:
    enacted = draw(st.none() | days)
    in_force = draw(st.none() | days)
    if enacted and in_force and in_force < enacted:
        enacted, in_force = in_force, enacted
    return c.Entry(draw(st.sampled_from(c.STATUSES)), enacted, in_force)


columns = st.dictionaries(st.sampled_from(EIDS), entries())


def test_rollup_examples() -> None:
    column = {
        "art_1": c.Entry(c.TRANSPOSED),
        "art_2": c.Entry(c.WITH_CHANGES),
        "art_3": c.Entry(c.NOT_APPLICABLE),
    }
    full = c.rollup(column, EIDS[:3])
    assert (full.fully, full.at_least_partially, full.applicable) == (True, True, 2)
    assert full.share == 1
    # A provision with no entry is unknown: counted, never inferred transposed.
    part = c.rollup(column, EIDS[:4])
    assert (part.fully, part.at_least_partially, part.share) == (False, True, Fraction(2, 3))
    assert part.counts[c.UNKNOWN] == 1
    only_partial = c.rollup({"art_1": c.Entry(c.PARTIALLY)}, EIDS[:2])
    assert (only_partial.fully, only_partial.at_least_partially) == (False, True)
    nothing = c.rollup({"art_1": c.Entry(c.NOT_APPLICABLE)}, EIDS[:1])
    assert (nothing.fully, nothing.at_least_partially, nothing.share) == (False, False, 0)


def test_as_at_keeps_enactment_and_entry_into_force_apart() -> None:
    entry = c.Entry(c.TRANSPOSED, dt.date(2025, 6, 1), dt.date(2026, 3, 1))
    assert c.as_at(entry, dt.date(2025, 1, 1)) == c.NOT_YET_ENACTED
    assert c.as_at(entry, dt.date(2025, 6, 1)) == c.ENACTED_NOT_IN_FORCE
    assert c.as_at(entry, dt.date(2026, 2, 28)) == c.ENACTED_NOT_IN_FORCE
    assert c.as_at(entry, dt.date(2026, 3, 1)) == c.IN_FORCE
    # No date of entry into force: never inferred in force.
    assert c.as_at(c.Entry(c.TRANSPOSED, dt.date(2020, 1, 1), None), DAY) == c.ENACTED_NOT_IN_FORCE
    assert c.as_at(c.Entry(c.NOT_TRANSPOSED), DAY) == c.NOT_TRANSPOSED
    enacted_only = {"art_1": c.Entry(c.TRANSPOSED, dt.date(2025, 1, 1), dt.date(2027, 1, 1))}
    assert c.rollup(enacted_only, ["art_1"]).fully
    assert not c.rollup_as_at(enacted_only, ["art_1"], DAY).at_least_partially
    assert c.rollup_as_at(enacted_only, ["art_1"], dt.date(2027, 1, 1)).fully


@given(columns)
def test_counts_add_up_and_fully_implies_partially(column: dict[str, c.Entry]) -> None:
    result = c.rollup(column, EIDS)
    assert sum(result.counts.values()) == len(EIDS)
    assert result.applicable == len(EIDS) - result.counts[c.NOT_APPLICABLE]
    assert 0 <= result.share <= 1
    if result.fully:
        assert result.at_least_partially and result.share == 1
    assert result.fully == (result.applicable > 0 and result.share == 1)


@given(columns, days)
def test_in_force_never_exceeds_recorded(column: dict[str, c.Entry], day: dt.date) -> None:
    recorded = c.rollup(column, EIDS)
    now = c.rollup_as_at(column, EIDS, day)
    assert now.share <= recorded.share
    assert not now.fully or recorded.fully
    assert not now.at_least_partially or recorded.at_least_partially


@given(columns, days, days)
def test_uptake_only_grows_with_time(column: dict[str, c.Entry], a: dt.date, b: dt.date) -> None:
    early, late = sorted([a, b])
    assert c.rollup_as_at(column, EIDS, early).share <= c.rollup_as_at(column, EIDS, late).share


@given(st.dictionaries(st.sampled_from(["ARM", "BLR", "KAZ", "RUS"]), columns))
def test_act_rollup_and_timeline(states: dict[str, dict[str, c.Entry]]) -> None:
    rollups = [c.rollup(column, EIDS) for column in states.values()]
    total = c.act_rollup(rollups)
    assert total.states == len(states)
    assert total.fully <= total.at_least_partially <= total.states
    timeline = c.uptake_timeline(states, EIDS)
    assert [day for day, _ in timeline] == sorted({day for day, _ in timeline})
    for (_d1, first), (_d2, second) in itertools.pairwise(timeline):
        assert first.fully <= second.fully and first.at_least_partially <= second.at_least_partially
    for _day, point in timeline:
        assert point.fully <= total.fully and point.at_least_partially <= total.at_least_partially


def test_compare_two_versions() -> None:
    old = {"art_1": "A", "art_2": "B", "art_3": "C"}
    new = {"art_1": "A", "art_2": "B2", "art_4": "D"}
    diff = {d.eid: d.change for d in cmp.compare(old, new, order=["art_1", "art_2", "art_4"])}
    assert diff == {"art_1": "same", "art_2": "changed", "art_4": "added", "art_3": "removed"}


@given(st.dictionaries(st.sampled_from(EIDS), st.text(max_size=3)))
def test_a_version_compared_with_itself_is_unchanged(texts: dict[str, str]) -> None:
    assert all(d.change == cmp.SAME for d in cmp.compare(texts, texts))


@given(st.dictionaries(st.sampled_from(["ARM", "BLR", "KAZ", "RUS"]), columns))
def test_timeline_agrees_with_the_roll_up_as_at_each_date(
    states: dict[str, dict[str, c.Entry]],
) -> None:
    """The linear timeline gives, on each date, what the roll-up as at that date gives."""
    for day, point in c.uptake_timeline(states, EIDS):
        assert point == c.act_rollup(
            c.rollup_as_at(column, EIDS, day) for column in states.values()
        )
