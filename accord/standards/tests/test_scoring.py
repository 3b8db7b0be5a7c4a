"""The scoring formula of `accord.standards.domain.scoring`, on plain values."""

from decimal import Decimal

from accord.standards.domain.scoring import Scored, progress, score, summarise


def test_all_implemented_is_100():
    assert score([Scored("shall", "implemented"), Scored("may", "implemented")]) == 100


def test_weighted_by_normative_level():
    # shall implemented (3 of 3), should missing (0 of 2), may partly (0.5 of 1): 3.5 / 6
    answers = [
        Scored("shall", "implemented"),
        Scored("should", "not_implemented"),
        Scored("may", "partly"),
    ]
    assert score(answers) == Decimal("58.33")


def test_missing_shall_costs_more_than_missing_may():
    missing_shall = score([Scored("shall", "not_implemented"), Scored("may", "implemented")])
    missing_may = score([Scored("shall", "implemented"), Scored("may", "not_implemented")])
    assert missing_shall is not None and missing_may is not None
    assert missing_shall < missing_may


def test_not_applicable_is_left_out():
    base = [Scored("shall", "implemented"), Scored("should", "not_implemented")]
    with_na = [*base, Scored("shall", "not_applicable")]
    assert score(base) == score(with_na) == Decimal("60.00")


def test_nothing_applicable_is_not_scored():
    assert score([Scored("shall", "not_applicable")]) is None
    assert score([]) is None


def test_summary_counts_gaps_and_maturity():
    summary = summarise(
        [
            Scored("shall", "implemented", 4),
            Scored("shall", "partly", 2),
            Scored("should", "not_implemented", 0),
            Scored("may", "not_applicable", 5),
        ]
    )
    assert summary.answered == 4
    assert summary.gaps == 2
    assert summary.average_maturity == Decimal("2.00")  # N/A's maturity left out
    assert summary.counts["implemented"] == 1


def test_progress():
    assert progress(0, 300) == 0
    assert progress(299, 300) == 99
    assert progress(300, 300) == 100
    assert progress(0, 0) == 100
