"""The fold of serial numbers and markings: Cyrillic/Latin look-alikes, separators, case;
idempotent for every input (property tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.trafficking.domain.normalise import fold_lookalike_digits, fold_marking, fold_name

CYRILLIC_LOOKALIKES = "АВЕКМНОРСТХУавекмнорстху"
LATIN_EQUIVALENTS = "ABEKMHOPCTXYABEKMHOPCTXY"


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("АК-12 № 04.51", "AK12NO0451"),
        ("ak12 no 0451", "AK12NO0451"),
        ("ВМ 7–45/33", "BM74533"),  # en dash and slash
        ("  x y\tz\n", "XYZ"),
        ("РТС-100", "PTC100"),
        ("", ""),
        ("---", ""),
        ("Ё1", "E1"),
        ("１２３", "123"),  # full-width digits
    ],
)
def test_examples(typed: str, folded: str) -> None:
    assert fold_marking(typed) == folded


def test_each_cyrillic_lookalike_folds_to_its_latin_letter() -> None:
    for cyrillic, latin in zip(CYRILLIC_LOOKALIKES, LATIN_EQUIVALENTS, strict=True):
        assert fold_marking(cyrillic) == latin
        assert fold_marking(latin.lower()) == latin


def test_digits_and_letters_stay_apart_in_the_exact_fold() -> None:
    assert fold_marking("O1") != fold_marking("01")
    assert fold_lookalike_digits(fold_marking("O1")) == fold_lookalike_digits(fold_marking("01"))
    assert fold_lookalike_digits("SB2IZ") == "58212"


def test_names_fold_like_markings() -> None:
    assert fold_name("Орлан-10") == fold_name("ОРЛАН 10")


@settings(max_examples=500)
@given(st.text())
def test_idempotent(text: str) -> None:
    once = fold_marking(text)
    assert fold_marking(once) == once


@settings(max_examples=300)
@given(st.text(alphabet=CYRILLIC_LOOKALIKES + LATIN_EQUIVALENTS + "0123456789 -.", max_size=30))
def test_script_does_not_matter(text: str) -> None:
    latin = text.translate(str.maketrans(CYRILLIC_LOOKALIKES, LATIN_EQUIVALENTS))
    assert fold_marking(text) == fold_marking(latin)


@settings(max_examples=300)
@given(st.text(), st.sampled_from([" ", "-", ".", "–", "/", "_", "\t"]), st.integers(0, 40))
def test_separators_do_not_matter(text: str, separator: str, at: int) -> None:
    at = min(at, len(text))
    assert fold_marking(text[:at] + separator + text[at:]) == fold_marking(text)


@settings(max_examples=300)
@given(st.text())
def test_output_is_upper_alphanumeric(text: str) -> None:
    folded = fold_marking(text)
    assert all(c.isalnum() for c in folded)
    assert folded == folded.upper()
