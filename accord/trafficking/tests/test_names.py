"""Name normalisation: transliteration, spelling folds, legal forms, token order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.trafficking.domain.names import (
    detect_script,
    fold_token,
    name_key,
    name_tokens,
    normalise_identifier,
    parse_name,
    transliterate,
)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Сергей Иванов", "Sergey Ivanov"),
        ("Сергей Иванов", "Sergei IVANOV"),
        ("Иванов Сергей", "Sergey Ivanov"),
        ("Иванов, Сергей", "IVANOV Sergei"),
        ("Юлия Хачатрян", "Iuliia Khachatrian"),
        ("Юлия Хачатрян", "Yuliya Khachatryan"),
        ("Фёдор Щукин", "Fyodor Shchukin"),
        ("Фёдор Щукин", "Fedor Schukin"),
        ("Евгений Григорьев", "Yevgeniy Grigoryev"),
        ("Наталья", "Natalia"),
        ("Иванов", "Ivanoff"),
        ("Иванов", "Iwanow"),
        ("ООО «Ромашка»", "Romashka LLC"),
        ('ООО "Ромашка"', "OOO Romashka"),
        ("Общество с ограниченной ответственностью «Ромашка»", "Romashka L.L.C."),
        ("АО «Вектор»", "Vektor JSC"),
        ("ЗАО «Алмаз»", "Almaz CJSC"),
        ("ПАО «Нефтегазстрой»", "Neftegazstroy PJSC"),
        ("ОАО «Север»", "Sever OJSC"),
        ("ТОО «Беркут»", "Berkut LLP"),
        ("ИП Смирнов", "Smirnov Individual Entrepreneur"),
        ("Волга-3", "Volga 3"),
    ],
)
def test_same_key(left: str, right: str) -> None:
    assert name_key(left) == name_key(right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Сергей Иванов", "Sergey Petrov"),
        ("Иванов", "Ivanova"),
        ("Волга 3", "Volga 5"),
        ("ООО «Ромашка»", "Lyutik LLC"),
    ],
)
def test_different_key(left: str, right: str) -> None:
    assert name_key(left) != name_key(right)


def test_legal_forms_are_recognised_and_kept_apart() -> None:
    parsed = parse_name("ООО «Ромашка»")
    assert parsed.tokens == ("romashka",)
    assert [code for code, _written in parsed.legal_forms] == ["llc"]
    assert [code for code, _w in parse_name("Public Joint Stock Company Sever").legal_forms] == [
        "pjsc"
    ]
    # A name that is nothing but a legal-form word keeps it as its name.
    assert name_key("ООО") != ""


def test_transliteration_and_script() -> None:
    assert transliterate("Сергей") == "Sergey"
    assert detect_script("Сергей Ivan") == "cyrillic"
    assert detect_script("Sergey") == "latin"
    assert detect_script("北京") == "other"
    assert detect_script("123") == "latin"


def test_tokens_in_written_order_without_duplicates() -> None:
    assert name_tokens("Ivan Ivan Petrov LLC") == ["ivan", "petrov"]


def test_identifier_normalisation_folds_lookalike_letters() -> None:
    assert normalise_identifier("ЕК-123.45") == normalise_identifier("ek 12345") == "EK12345"
    assert normalise_identifier("IMO 9123456") == "IMO9123456"
    assert normalise_identifier(" - ") == ""


names = st.lists(
    st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщыэюяabcdefghijklmnopqrstuvwxyz", min_size=1),
    min_size=1,
    max_size=4,
)


@settings(max_examples=200, deadline=None)
@given(names)
def test_key_ignores_order_case_and_punctuation(words: list[str]) -> None:
    text = " ".join(words)
    shuffled = ", ".join(reversed(words)).upper()
    assert name_key(text) == name_key(shuffled)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_key_is_ascii_and_stable(text: str) -> None:
    key = name_key(text)
    assert key.isascii()
    tokens = key.split(" ") if key else []
    assert tokens == sorted(tokens)
    assert all(token and token.isalnum() for token in tokens)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12))
def test_fold_is_idempotent_enough(token: str) -> None:
    # Folding twice may fold further (a fold can create a new pair), but never grows
    # a token by more than the x → ks expansion allows.
    assert len(fold_token(token)) <= 2 * len(token)
    assert fold_token(token).isascii()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="АВЕКМНОРСТХABEKMHOPCTX0123456789 -./", max_size=20))
def test_identifier_lookalikes(value: str) -> None:
    latin = value.translate(str.maketrans("АВЕКМНОРСТХ", "ABEKMHOPCTX"))
    assert normalise_identifier(value) == normalise_identifier(latin)
