"""The trigger language: parsing, clear errors with positions, three-valued evaluation."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.law.domain.conditions import (
    MAX_DEPTH,
    MAX_LENGTH,
    ConditionError,
    evaluate,
    fields_of,
    parse,
)

MINE = (
    "weapon_type = anti_personnel_mine and delivery = remotely_delivered "
    "and (not self_destruction or not self_deactivation)"
)


@pytest.mark.parametrize(
    ("description", "value"),
    [
        (
            {
                "weapon_type": "anti_personnel_mine",
                "delivery": "remotely_delivered",
                "self_destruction": False,
                "self_deactivation": True,
            },
            True,
        ),
        (
            {
                "weapon_type": "anti_personnel_mine",
                "delivery": "remotely_delivered",
                "self_destruction": True,
                "self_deactivation": True,
            },
            False,
        ),
        ({"weapon_type": "anti_personnel_mine", "delivery": "hand_emplaced"}, False),
        (
            {
                "weapon_type": "anti_personnel_mine",
                "delivery": "remotely_delivered",
                "self_destruction": True,
            },
            None,
        ),
        ({}, None),
        ({"weapon_type": "anti_vehicle_mine"}, False),
    ],
)
def test_three_valued_evaluation(description, value):
    assert evaluate(parse(MINE), description).value is value


def test_evaluation_explains_itself():
    result = evaluate(
        parse(MINE),
        {
            "weapon_type": "anti_personnel_mine",
            "delivery": "remotely_delivered",
            "self_destruction": True,
        },
    )
    assert result.held == [
        "weapon_type = anti_personnel_mine",
        "delivery = remotely_delivered",
        "self_destruction = true",
    ]
    assert result.missing == ["self_deactivation"]


@pytest.mark.parametrize(
    ("text", "description", "value"),
    [
        (
            "injury_mechanism has fragmentation",
            {"injury_mechanism": ["blast", "fragmentation"]},
            True,
        ),
        ("injury_mechanism has fragmentation", {"injury_mechanism": []}, False),
        ("intended_use in (hostilities, both)", {"intended_use": "law_enforcement"}, False),
        ("intended_use in (hostilities, both)", {"intended_use": "both"}, True),
        ("laser_function != none", {"laser_function": "dazzling"}, True),
        ("self_destruction is unknown", {}, True),
        ("self_destruction is known", {"self_destruction": False}, True),
        ("biological_agent or toxic_chemical = other_toxic", {"biological_agent": True}, True),
        ("biological_agent or toxic_chemical = other_toxic", {"biological_agent": False}, None),
        ("not biological_agent", {"biological_agent": False}, True),
    ],
)
def test_operators(text, description, value):
    assert evaluate(parse(text), description).value is value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("colour = red", "Unknown characteristic 'colour'"),
        ("weapon_type = spoon", "'spoon' is not a value of weapon_type"),
        ("self_destruction = maybe", "takes true or false"),
        ("weapon_type", "not a yes/no characteristic"),
        ("(delivery = other", "Expected )"),
        ("delivery = other and", "Expected more"),
        ("injury_mechanism = blast", "use has"),
        ("delivery has other", "not a set"),
        ("delivery = other extra", "Unexpected extra"),
        ("self_destruction is maybe", "is known"),
        ("delivery = other # x", "Unexpected character"),
    ],
)
def test_bad_conditions_say_what_and_where(text, message):
    with pytest.raises(ConditionError, match=re.escape(message)):
        parse(text)


def test_fields_of():
    assert fields_of(parse(MINE)) == {
        "weapon_type",
        "delivery",
        "self_destruction",
        "self_deactivation",
    }


# --- Hostile input (issue 12, point 4) ---------------------------------------------------


_WORDS = st.sampled_from(
    [
        "not",
        "and",
        "or",
        "(",
        ")",
        ",",
        "=",
        "!=",
        "in",
        "has",
        "is",
        "known",
        "unknown",
        "autonomy",
        "weapon_type",
        "anti_personnel_mine",
        "true",
        "false",
        "injury_mechanism",
        "fragmentation",
        "§",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=400).map(" ".join) | st.text(max_size=300))
def test_parse_raises_nothing_but_condition_error(text):
    try:
        tree = parse(text)
    except ConditionError as exc:
        assert str(exc)
    else:
        evaluate(tree, {})  # what parses also evaluates


def test_nesting_and_length_are_bounded_but_real_triggers_fit():
    assert parse("not " * MAX_DEPTH + "self_destruction")
    assert parse("(" * (MAX_DEPTH - 1) + "self_destruction" + ")" * (MAX_DEPTH - 1))
    with pytest.raises(ConditionError, match="nests too deeply"):
        parse("not " * (MAX_DEPTH + 1) + "self_destruction")
    with pytest.raises(ConditionError, match="too long"):
        parse("self_destruction or " * (MAX_LENGTH // 12 + 1) + "self_destruction")
