"""Screening quality on a labelled set of name pairs (data/name_pairs.csv): matches and
non-matches in both scripts, reordered names, legal forms, spelling variants. Precision
and recall are printed (pytest -s) and held to a floor: once by the pure scorer, once
through the whole screening (SQL narrowing included) against a watchlist holding every
listed name at once."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from accord.trafficking.screening import MATCH_THRESHOLD, score_names, screen_name
from accord.trafficking.services.watchlist import entity_create

PAIRS = Path(__file__).parent / "data" / "name_pairs.csv"
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.93


def load_pairs() -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def measure(outcomes: list[tuple[bool, bool]], label: str) -> tuple[float, float]:
    true_pos = sum(1 for expected, hit in outcomes if expected and hit)
    false_pos = sum(1 for expected, hit in outcomes if hit and not expected)
    false_neg = sum(1 for expected, hit in outcomes if expected and not hit)
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    print(
        f"\n{label}: {len(outcomes)} pairs, precision {precision:.3f}, recall {recall:.3f} "
        f"(tp {true_pos}, fp {false_pos}, fn {false_neg}, threshold {MATCH_THRESHOLD})"
    )
    return precision, recall


def test_the_labelled_set_is_large_and_balanced() -> None:
    pairs = load_pairs()
    assert len(pairs) >= 60
    matches = [p for p in pairs if p["match"] == "1"]
    assert 0.4 < len(matches) / len(pairs) < 0.8
    kinds = {p["kind"] for p in pairs}
    assert kinds == {"person", "organisation", "vessel", "aircraft"}


def test_scorer_precision_and_recall() -> None:
    outcomes = []
    misses = []
    for pair in load_pairs():
        result = score_names(pair["query"], pair["listed"])
        expected = pair["match"] == "1"
        hit = result.score >= MATCH_THRESHOLD
        outcomes.append((expected, hit))
        if expected != hit:
            misses.append((pair["query"], pair["listed"], result.score))
    precision, recall = measure(outcomes, "scorer")
    print("disagreements:", misses)
    assert precision >= PRECISION_FLOOR
    assert recall >= RECALL_FLOOR


@pytest.mark.django_db
def test_screening_precision_and_recall(make_user: Any) -> None:
    """Every distinct listed name is one entity on one watchlist; a pair is a hit when the
    screening of its query returns the entity of its listed name at or above the
    threshold (the other entities compete for the candidate places, as in real use)."""
    officer = make_user("RUS", roles=["customs_officer"])
    pairs = load_pairs()
    entities = {}
    for pair in pairs:
        key = (pair["listed"], pair["kind"])
        if key not in entities:
            entities[key] = entity_create(
                actor=officer, kind=pair["kind"], name=pair["listed"], reason="Fictional."
            )
    outcomes = []
    for pair in pairs:
        wanted = entities[(pair["listed"], pair["kind"])]
        candidates = screen_name(actor=officer, name=pair["query"], limit=50)
        hit = any(c.entity.pk == wanted.pk and c.score >= MATCH_THRESHOLD for c in candidates)
        outcomes.append((pair["match"] == "1", hit))
    precision, recall = measure(outcomes, "screening")
    assert precision >= PRECISION_FLOOR
    assert recall >= RECALL_FLOOR
