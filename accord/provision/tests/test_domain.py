"""The pure rules: serial reconciliation (property-tested over random received sets), the
legal gate's decision, the returns' rows, retransfer consent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.provision.domain.consent import serials_outside_consent
from accord.provision.domain.gate import PartyStanding, decide
from accord.provision.domain.reconcile import fold, reconcile
from accord.provision.domain.returns import DeliveryFact, att_rows, unroca_rows

serial = st.text(alphabet="ABCX0123456789-", min_size=1, max_size=6)
# The machine is shared: a slow draw is load, not a strategy generating too much.
relaxed = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


@relaxed
@given(
    declared=st.sets(serial, max_size=40),
    received=st.sets(serial, max_size=40),
    data=st.data(),
)
def test_reconciliation_partitions_every_serial(declared, received, data):
    damaged = data.draw(st.sets(st.sampled_from(sorted(received)))) if received else set()
    result = reconcile(declared, received, damaged)
    expected = {fold(s) for s in declared}
    got = {fold(s) for s in received}
    groups = [set(result.matched), set(result.missing), set(result.extra), set(result.damaged)]
    # Every serial is in exactly one group, and the groups are what they say.
    assert sum(len(g) for g in groups) == len(expected | got)
    assert set().union(*groups) == expected | got
    assert set(result.matched) | set(result.damaged) | set(result.missing) == expected
    assert set(result.extra) == got - expected
    assert set(result.damaged) <= {fold(s) for s in damaged}
    assert result.clean == (expected == got and not (set(result.damaged)))


@relaxed
@given(declared=st.sets(serial, max_size=30))
def test_receiving_exactly_what_was_declared_is_clean(declared):
    result = reconcile(declared, [s.lower() + " " for s in declared])
    assert result.clean and len(result.matched) == len({fold(s) for s in declared})


@relaxed
@given(declared=st.sets(serial, min_size=1, max_size=30), data=st.data())
def test_a_dropped_serial_is_missing(declared, data):
    dropped = data.draw(st.sampled_from(sorted(declared)))
    result = reconcile(declared, declared - {dropped})
    assert result.missing == [fold(dropped)] and not result.clean


def test_the_gate_names_each_party_missing_and_copies_conditions():
    passed = decide(
        [
            PartyStanding("KAZ", "lawful_with_conditions", ("Human control.",)),
            PartyStanding("BLR", "lawful"),
        ]
    )
    assert passed.passed and passed.assurances == ["Human control."]
    refused = decide(
        [
            PartyStanding("KAZ", "lawful", ("A",)),
            PartyStanding("BLR", "unlawful"),
            PartyStanding("ARM", "not_reviewed"),
        ]
    )
    assert not refused.passed and refused.assurances == []
    assert [(r["party"], r["status"]) for r in refused.reasons] == [
        ("BLR", "unlawful"),
        ("ARM", "not_reviewed"),
    ]
    assert not decide([]).passed


def _fact(**kw):
    base = {
        "supplier": "RUS",
        "title_from": "RUS",
        "title_to": "KAZ",
        "category": "IV",
        "quantity": 2,
        "description": "Drone",
        "year": 2026,
    }
    base.update(kw)
    return DeliveryFact(**base)


def test_unroca_reports_only_title_changes_between_states():
    states = {"RUS", "KAZ", "BLR"}
    facts = [
        _fact(),
        _fact(quantity=3),
        _fact(title_to="RUS"),  # contingent-owned: no title change
        _fact(title_to="SEC"),  # not a state
        _fact(year=2025),
    ]
    exports = unroca_rows(facts, party="RUS", year=2026, states=states)
    assert [(r["direction"], r["counterpart"], r["category"], r["quantity"]) for r in exports] == [
        ("export", "KAZ", "IV", 5)
    ]
    imports = unroca_rows(facts, party="KAZ", year=2026, states=states)
    assert [(r["direction"], r["counterpart"], r["quantity"]) for r in imports] == [
        ("import", "RUS", 5)
    ]
    assert unroca_rows([_fact(title_to="RUS")], party="RUS", year=2026, states=states) == []


def test_att_rows_count_withheld_rows_only():
    rows, withheld = att_rows(
        [_fact(), _fact(withheld=True), _fact(supplier="KAZ", title_to="KAZ")],
        party="RUS",
        year=2026,
    )
    assert len(rows) == 1 and withheld == 1


@relaxed
@given(
    requested=st.sets(serial, min_size=1, max_size=10),
    consented=st.sets(serial, max_size=10),
)
def test_consent_is_scoped_to_serials_and_recipient(requested, consented):
    outside = serials_outside_consent(
        preferential=True,
        moving=requested,
        recipient="BLR",
        consented=consented,
        consented_recipient="BLR",
    )
    assert set(outside) == {fold(s) for s in requested} - {fold(s) for s in consented}
    other = serials_outside_consent(
        preferential=True,
        moving=requested,
        recipient="ARM",
        consented=consented,
        consented_recipient="BLR",
    )
    assert set(other) == {fold(s) for s in requested}
    assert not serials_outside_consent(
        preferential=False,
        moving=requested,
        recipient="ARM",
        consented=[],
        consented_recipient=None,
    )
