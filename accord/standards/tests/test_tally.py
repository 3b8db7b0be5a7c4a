"""The ballot adoption rules (pure: no database)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.standards.domain.tally import (
    ABSTAIN,
    APPROVAL_BELOW_THRESHOLD,
    APPROVE,
    APPROVE_WITH_COMMENTS,
    CHOICES,
    CONSENSUS,
    DISAPPROVAL_ABOVE_LIMIT,
    DISAPPROVE,
    DISAPPROVED,
    NO_APPROVAL,
    NO_VOTES_CAST,
    QUALIFIED_MAJORITY,
    QUORUM_NOT_MET,
    TallyParams,
    parse_share,
    tally,
)

SIX = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


def votes(*choices: str) -> dict[str, str]:
    return dict(zip(SIX, choices, strict=False))


# --- consensus ------------------------------------------------------------------------------


def test_consensus_passes_with_quorum_and_no_disapproval() -> None:
    result = tally(votes(APPROVE, APPROVE_WITH_COMMENTS, ABSTAIN), SIX, CONSENSUS)
    assert result.passed
    assert result.voted == 3 and result.quorum_required == 3 and result.quorum_met
    assert result.approvals == 2 and result.cast == 2 and result.abstain == 1


def test_consensus_one_disapproval_blocks() -> None:
    result = tally(votes(APPROVE, APPROVE, APPROVE, APPROVE, APPROVE, DISAPPROVE), SIX, CONSENSUS)
    assert not result.passed
    assert result.failures == (DISAPPROVED,)


def test_consensus_needs_quorum() -> None:
    result = tally(votes(APPROVE, APPROVE), SIX, CONSENSUS)
    assert not result.passed
    assert result.failures == (QUORUM_NOT_MET,)


def test_abstentions_count_toward_quorum() -> None:
    result = tally(votes(APPROVE, ABSTAIN, ABSTAIN), SIX, CONSENSUS)
    assert result.quorum_met and result.passed


def test_consensus_of_abstentions_adopts_nothing() -> None:
    result = tally(votes(ABSTAIN, ABSTAIN, ABSTAIN, ABSTAIN), SIX, CONSENSUS)
    assert not result.passed and result.failures == (NO_APPROVAL,)


def test_quorum_share_is_configurable() -> None:
    params = TallyParams(quorum=Fraction(1))
    assert not tally(votes(*[APPROVE] * 5), SIX, CONSENSUS, params).passed
    assert tally(votes(*[APPROVE] * 6), SIX, CONSENSUS, params).passed


def test_votes_of_ineligible_parties_are_ignored() -> None:
    result = tally(
        {"SEC": DISAPPROVE, "IRN": DISAPPROVE, **votes(APPROVE, APPROVE, APPROVE)}, SIX, CONSENSUS
    )
    assert result.passed and result.voted == 3 and result.disapprove == 0


def test_no_eligible_parties_never_passes() -> None:
    result = tally({}, [], CONSENSUS)
    assert not result.passed and QUORUM_NOT_MET in result.failures


# --- qualified majority ---------------------------------------------------------------------


def test_qualified_majority_two_thirds_exactly_passes() -> None:
    # 4 approve, 2 disapprove: 4/6 = 2/3 approve, 2/6 = 1/3 disapprove > 1/4: fails
    result = tally(
        votes(APPROVE, APPROVE, APPROVE, APPROVE, DISAPPROVE, DISAPPROVE), SIX, QUALIFIED_MAJORITY
    )
    assert result.approve_ratio == Fraction(2, 3)
    assert result.failures == (DISAPPROVAL_ABOVE_LIMIT,)
    # 3 approve, 1 disapprove, 2 abstain: 3/4 approve, 1/4 disapprove: passes at the limits
    result = tally(
        votes(APPROVE, APPROVE, APPROVE, DISAPPROVE, ABSTAIN, ABSTAIN), SIX, QUALIFIED_MAJORITY
    )
    assert result.passed
    assert result.cast == 4 and result.disapprove_ratio == Fraction(1, 4)


def test_qualified_majority_two_of_three_is_two_thirds() -> None:
    params = TallyParams(disapprove_share=Fraction(1, 2))
    result = tally(
        votes(APPROVE, APPROVE_WITH_COMMENTS, DISAPPROVE), SIX, QUALIFIED_MAJORITY, params
    )
    assert result.passed


def test_qualified_majority_below_threshold() -> None:
    result = tally(votes(APPROVE, DISAPPROVE, DISAPPROVE, ABSTAIN), SIX, QUALIFIED_MAJORITY)
    assert set(result.failures) == {APPROVAL_BELOW_THRESHOLD, DISAPPROVAL_ABOVE_LIMIT}


def test_qualified_majority_all_abstain() -> None:
    result = tally(votes(ABSTAIN, ABSTAIN, ABSTAIN), SIX, QUALIFIED_MAJORITY)
    assert result.failures == (NO_VOTES_CAST,)


def test_qualified_majority_also_needs_quorum() -> None:
    result = tally(votes(APPROVE, APPROVE), SIX, QUALIFIED_MAJORITY)
    assert result.failures == (QUORUM_NOT_MET,)


def test_abstentions_do_not_dilute_the_majority() -> None:
    with_abstentions = tally(
        votes(APPROVE, APPROVE, DISAPPROVE, ABSTAIN, ABSTAIN, ABSTAIN), SIX, QUALIFIED_MAJORITY
    )
    assert with_abstentions.approve_ratio == Fraction(2, 3)


# --- input ----------------------------------------------------------------------------------


def test_unknown_rule_and_vote_refused() -> None:
    with pytest.raises(ValueError):
        tally({}, SIX, "unanimity")
    with pytest.raises(ValueError):
        tally({"ARM": "maybe"}, SIX, CONSENSUS)


@pytest.mark.parametrize(
    ("text", "value"), [("2/3", Fraction(2, 3)), ("0.25", Fraction(1, 4)), ("1", Fraction(1))]
)
def test_parse_share(text: str, value: Fraction) -> None:
    assert parse_share(text) == value


@pytest.mark.parametrize("text", ["", "x", "3/2", "-0.1", "1/0"])
def test_parse_share_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_share(text)


def test_figures_are_json_ready() -> None:
    import json

    figures = tally(votes(APPROVE, APPROVE, ABSTAIN), SIX, QUALIFIED_MAJORITY).as_dict()
    assert json.loads(json.dumps(figures))["approve_ratio"] == "1"
    assert figures["quorum"] == "1/2" and figures["passed"] is True


# --- properties -----------------------------------------------------------------------------

ballots = st.dictionaries(st.sampled_from(SIX), st.sampled_from(CHOICES))
shares = st.fractions(min_value=0, max_value=1, max_denominator=12)


@given(ballots, shares)
def test_property_consensus(cast: dict[str, str], quorum: Fraction) -> None:
    result = tally(cast, SIX, CONSENSUS, TallyParams(quorum=quorum))
    expected = (
        len(cast) >= max(1, -(-quorum * 6 // 1))
        and DISAPPROVE not in cast.values()
        and any(v in (APPROVE, APPROVE_WITH_COMMENTS) for v in cast.values())
    )
    assert result.passed == expected
    assert result.voted == len(cast)
    assert result.approvals + result.disapprove + result.abstain == result.voted


@given(ballots, shares, shares, shares)
def test_property_qualified_majority(
    cast: dict[str, str], quorum: Fraction, approve: Fraction, disapprove: Fraction
) -> None:
    result = tally(cast, SIX, QUALIFIED_MAJORITY, TallyParams(quorum, approve, disapprove))
    yes = sum(v in (APPROVE, APPROVE_WITH_COMMENTS) for v in cast.values())
    no = sum(v == DISAPPROVE for v in cast.values())
    expected = (
        len(cast) >= max(1, -(-quorum * 6 // 1))
        and yes + no > 0
        and yes >= approve * (yes + no)
        and no <= disapprove * (yes + no)
    )
    assert result.passed == expected


@given(ballots)
def test_property_abstaining_never_turns_a_pass_into_a_failure_once_quorate(
    cast: dict[str, str],
) -> None:
    """An abstention from a party that had not voted only adds to the quorum."""
    for rule in (CONSENSUS, QUALIFIED_MAJORITY):
        before = tally(cast, SIX, rule)
        for party in SIX:
            if party not in cast:
                after = tally({**cast, party: ABSTAIN}, SIX, rule)
                assert not (before.passed and not after.passed)


@given(ballots)
def test_property_a_disapproval_always_blocks_consensus(cast: dict[str, str]) -> None:
    if DISAPPROVE in cast.values():
        assert not tally(cast, SIX, CONSENSUS).passed
