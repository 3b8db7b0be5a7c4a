"""The pure rules: the lifecycle's transitions and `may_learn`, and the search words
(which never carry an operator of FTS5 or tsquery syntax)."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from accord.knowledge.domain import lifecycle, terms
from accord.knowledge.domain.lifecycle import Stage, Step

STATUSES = st.lists(st.sampled_from(["open", "done", "cancelled"]), max_size=8)


@given(STATUSES, st.booleans())
def test_learned_only_with_every_action_closed_one_done_and_a_validation(statuses, validated):
    expected = validated and "done" in statuses and "open" not in statuses
    assert lifecycle.may_learn(statuses, validated) is expected
    assert (lifecycle.why_not_learned(statuses, validated) == []) is expected


@given(STATUSES)
def test_never_learned_without_validation(statuses):
    assert not lifecycle.may_learn(statuses, False)
    assert "not_validated" in lifecycle.why_not_learned(statuses, False)


@given(st.sampled_from(list(Stage)), st.sampled_from([*list(Step), "delete", ""]))
def test_transitions_follow_the_table(stage, step):
    target = lifecycle.next_stage(stage, step)
    if target is None:
        assert step not in lifecycle.steps_from(stage)
    else:
        assert lifecycle.TRANSITIONS[Step(step)] == (stage, target)
    # A rejected or learned item, and a published one, go nowhere: archived or final.
    if stage in (Stage.REJECTED, Stage.LEARNED, Stage.PUBLISHED):
        assert target is None


def test_the_chain_in_order():
    stage = Stage.SUBMITTED
    for step in (Step.VERIFY, Step.IDENTIFY, Step.LEARN):
        stage = lifecycle.next_stage(stage, step)
    assert stage == Stage.LEARNED


_fts = sqlite3.connect(":memory:")
_fts.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 2')")
_fts.execute("INSERT INTO t (a) VALUES ('Защита energy sites')")


@given(st.text(max_size=60), st.booleans())
def test_any_text_gives_a_query_fts5_accepts(text, prefix):
    query = terms.fts5_query(text, prefix=prefix)
    if query is None:
        assert terms.words(text) == []
        return
    _fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (query,)).fetchall()  # never raises
    assert len(terms.words(text)) <= terms.MAX_WORDS


@given(st.text(max_size=60))
def test_tsquery_text_quotes_only_words(text):
    query = terms.tsquery_text(text)
    if query is not None:
        for part in query.split(" & "):
            assert part.startswith("'") and part.endswith("'")
            assert "'" not in part[1:-1] and "\\" not in part[1:-1]


def test_words_fold_case_in_both_alphabets():
    assert terms.words("ЗАЩИТА Energy, energy; OR NEAR(") == ["защита", "energy", "or", "near"]
    assert terms.fts5_query("защ", prefix=True) == '"защ"*'
