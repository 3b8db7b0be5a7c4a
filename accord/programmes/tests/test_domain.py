"""The pure money, earned-value and lifecycle rules, as property tests and against
hand-computed values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.programmes.domain import evm, lifecycle, money

CENT = Decimal("0.01")


@st.composite
def keys(draw: st.DrawFn) -> dict[str, Decimal]:
    """Shares in ten-thousandths of a percent, positive, summing to exactly 100."""
    n = draw(st.integers(min_value=1, max_value=9))
    cuts = sorted(draw(st.sets(st.integers(1, 999_999), min_size=n - 1, max_size=n - 1)))
    bounds = [0, *cuts, 1_000_000]
    return {f"P{i}": Decimal(bounds[i + 1] - bounds[i]) / Decimal(10_000) for i in range(n)}


totals = st.integers(min_value=0, max_value=10**14).map(lambda c: Decimal(c) * CENT)


@given(keys())
def test_generated_keys_sum_to_exactly_100(shares):
    money.check_shares(shares)
    assert money.shares_total(shares) == 100


@given(totals, keys())
def test_assessment_parts_add_up_to_the_whole_to_the_last_kopeck(total, shares):
    parts = money.apportion(total, shares, CENT)
    assert sum(parts.values(), Decimal(0)) == total
    for party, part in parts.items():
        exact = total * shares[party] / 100
        assert part == part.quantize(CENT)
        assert abs(part - exact) < CENT  # within one kopeck of its exact share


@given(st.integers(min_value=0, max_value=10**9), keys())
def test_apportion_in_whole_units_of_a_currency_without_minor_unit(total, shares):
    parts = money.apportion(Decimal(total), shares, money.unit_of("JPY"))
    assert sum(parts.values()) == total and all(p == p.to_integral_value() for p in parts.values())


def test_largest_remainder_by_hand():
    # 100.00 in three equal shares: 33.33 each and one kopeck left, to the first in order.
    third = Decimal("33.3333")
    shares = {"ARM": third, "BLR": third, "KAZ": Decimal("33.3334")}
    assert money.apportion(Decimal("100.00"), shares, CENT) == {
        "ARM": Decimal("33.33"),
        "BLR": Decimal("33.33"),
        "KAZ": Decimal("33.34"),
    }
    # 0.05 over 50/30/20: exact 0.025 / 0.015 / 0.010 -> 0.02 / 0.01 / 0.01 plus the
    # leftover kopeck to the largest remainder (0.005, a tie broken by order: ARM).
    assert money.apportion(
        Decimal("0.05"), {"ARM": Decimal(50), "BLR": Decimal(30), "KAZ": Decimal(20)}, CENT
    ) == {"ARM": Decimal("0.03"), "BLR": Decimal("0.01"), "KAZ": Decimal("0.01")}


@pytest.mark.parametrize(
    "shares",
    [
        {},
        {"A": Decimal("99.99")},
        {"A": Decimal("50"), "B": Decimal("50.0001")},
        {"A": Decimal("100"), "B": Decimal("0")},
        {"A": Decimal("110"), "B": Decimal("-10")},
    ],
)
def test_keys_not_summing_to_exactly_100_are_refused(shares):
    with pytest.raises(money.MoneyError):
        money.check_shares(shares)


def test_a_float_share_is_refused():
    with pytest.raises(money.MoneyError):
        money.check_shares({"A": 100.0})  # type: ignore[dict-item]


def test_apportion_refuses_fractions_of_the_unit():
    with pytest.raises(money.MoneyError):
        money.apportion(Decimal("1.005"), {"A": Decimal(100)}, CENT)


@given(
    st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 800)), min_size=0, max_size=6),
    st.integers(0, 10**10),
)
def test_balance_identities(calls, paid_cents):
    as_of = dt.date(2026, 12, 31)
    rows = [money.Call(Decimal(a) * CENT, as_of - dt.timedelta(days=d)) for a, d in calls]
    paid = Decimal(paid_cents) * CENT
    result = money.balance(rows, paid, as_of)
    assert result.balance == result.assessed - paid
    assert 0 <= result.arrears <= max(result.assessed - paid, Decimal(0))
    assert sum(result.ageing, Decimal(0)) == result.arrears


def test_arrears_by_hand_oldest_call_settled_first():
    as_of = dt.date(2026, 7, 1)
    calls = [
        money.Call(Decimal("100.00"), dt.date(2026, 1, 1)),  # 181 days overdue
        money.Call(Decimal("100.00"), dt.date(2026, 6, 1)),  # 30 days overdue
        money.Call(Decimal("100.00"), dt.date(2026, 9, 1)),  # not yet due
    ]
    result = money.balance(calls, Decimal("150.00"), as_of)
    assert result.arrears == Decimal("50.00")
    assert result.ageing == (Decimal("50.00"), Decimal(0), Decimal(0), Decimal(0))
    assert result.balance == Decimal("150.00")
    late = money.balance(calls, Decimal("0"), as_of)
    assert late.ageing == (Decimal("100.00"), Decimal(0), Decimal("100.00"), Decimal(0))


def test_what_if_compares_per_party():
    rows = money.what_if(
        Decimal("1000.00"),
        {"A": Decimal(50), "B": Decimal(50)},
        {"A": Decimal(40), "B": Decimal(40), "C": Decimal(20)},
        CENT,
    )
    assert rows == {
        "A": (Decimal("500.00"), Decimal("400.00"), Decimal("-100.00")),
        "B": (Decimal("500.00"), Decimal("400.00"), Decimal("-100.00")),
        "C": (Decimal("0.00"), Decimal("200.00"), Decimal("200.00")),
    }


def test_rate_on_the_value_date():
    rates = [(dt.date(2026, 1, 1), Decimal("5.10")), (dt.date(2026, 3, 1), Decimal("5.40"))]
    assert money.rate_on(rates, dt.date(2026, 2, 28)) == Decimal("5.10")
    assert money.rate_on(rates, dt.date(2026, 3, 1)) == Decimal("5.40")
    with pytest.raises(money.MoneyError):
        money.rate_on(rates, dt.date(2025, 12, 31))
    assert money.convert(Decimal("10.01"), Decimal("0.125"), CENT) == Decimal("1.25")


def test_evm_against_hand_computed_values():
    # PV 100 000, EV 80 000, AC 90 000, BAC 500 000 (computed by hand):
    # CV = -10 000; SV = -20 000; CPI = 0.8889; SPI = 0.8; EAC = 500 000 x 90/80 = 562 500;
    # VAC = -62 500; TCPI = 420 000 / 410 000 = 1.0244.
    f = evm.figures(
        pv=Decimal("100000"), ev=Decimal("80000"), ac=Decimal("90000"), bac=Decimal("500000")
    )
    assert f.cv == Decimal("-10000.00") and f.sv == Decimal("-20000.00")
    assert f.cpi == Decimal("0.8889") and f.spi == Decimal("0.8000")
    assert f.eac == Decimal("562500.00") and f.vac == Decimal("-62500.00")
    assert f.tcpi == Decimal("1.0244")


def test_evm_undefined_indices_are_none():
    f = evm.figures(pv=Decimal(0), ev=Decimal(0), ac=Decimal(0), bac=Decimal(0))
    assert (f.cpi, f.spi, f.eac, f.vac, f.tcpi) == (None, None, None, None, None)
    with pytest.raises(TypeError):
        evm.figures(pv=1.0, ev=Decimal(1), ac=Decimal(1), bac=Decimal(1))  # type: ignore[arg-type]


@given(st.integers(1, 10**9), st.integers(1, 10**9), st.integers(1, 10**9), st.integers(1, 10**9))
def test_evm_identities(pv, ev, ac, bac):
    f = evm.figures(pv=Decimal(pv), ev=Decimal(ev), ac=Decimal(ac), bac=Decimal(bac))
    assert f.cv == ev - ac and f.sv == ev - pv
    assert f.eac is not None and f.vac == bac - f.eac


def test_lifecycle_table():
    assert lifecycle.may_move("proposal", "eligibility")
    assert not lifecycle.may_move("proposal", "decided")
    assert not lifecycle.may_move("closed", "proposal")
    assert lifecycle.missing("decided", {"decision_rule": "consensus"}) == ["reference"]
    assert lifecycle.missing("eligibility", {"criteria": "x", "reasons": "y"}) == []
