"""The services: who may write, what is validated, the audit trail, the version, and the
money rules end to end (key -> budget -> assessment -> contribution -> arrears)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Release
from accord.programmes import selectors, services
from accord.programmes.models import (
    AssessmentPart,
    Contribution,
    CostShareKey,
    Programme,
    StageRecord,
)
from accord.programmes.tests.conftest import OFFICER, financed, make_programme


def test_create_records_an_event_and_the_lead(officer):
    programme = make_programme(officer)
    assert programme.owner.code == "RUS" and programme.version == 1
    assert [(p.party.code, p.role) for p in programme.participations.all()] == [("RUS", "lead")]
    assert AuditEvent.objects.filter(
        action="programmes.programme.create", object_id=str(programme.pk)
    ).exists()


def test_create_is_refused_without_a_role_and_writes_nothing(make_user):
    with pytest.raises(PermissionDenied):
        make_programme(make_user("RUS"))
    assert not Programme.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="programmes.").exists()


def test_create_validates(officer):
    with pytest.raises(ValidationFailed):
        make_programme(officer, identifier="")
    with pytest.raises(ValidationFailed):
        make_programme(officer, currency="RUBLE")
    with pytest.raises(ValidationFailed):
        make_programme(officer, planned_start=dt.date(2026, 5, 1), planned_end=dt.date(2026, 1, 1))
    make_programme(officer)
    with pytest.raises(ValidationFailed):  # the identifier is taken
        make_programme(officer)
    assert Programme.objects.count() == 1


def test_update_checks_lead_visibility_and_version(officer, make_user):
    programme = make_programme(officer)
    services.programme_update(actor=officer, programme=programme, version=1, title_en="New")
    with pytest.raises(Conflict):
        services.programme_update(actor=officer, programme=programme, version=1, title_en="X")
    with pytest.raises(PermissionDenied):  # sees it (members) but does not lead it
        services.programme_update(
            actor=make_user("KAZ", roles=OFFICER), programme=programme, version=2, title_en="X"
        )
    with pytest.raises(NotFound):  # an observer does not see a members-only programme
        services.programme_update(
            actor=make_user("IRN", roles=OFFICER), programme=programme, version=2, title_en="X"
        )
    programme.refresh_from_db()
    assert (programme.title_en, programme.version) == ("New", 2)


def test_a_participant_sees_what_is_not_released_to_it(officer, make_user, party):
    programme = make_programme(officer, release=Release.OWNER)
    viewer = make_user("IRN")
    assert not selectors.programme_list(actor=viewer).filter(pk=programme.pk).exists()
    services.participant_add(
        actor=officer, programme=programme, party=party("IRN"), role="implementing"
    )
    assert selectors.programme_list(actor=viewer).filter(pk=programme.pk).exists()


def test_lifecycle_from_proposal_to_closure(officer):
    programme = make_programme(officer)
    with pytest.raises(Conflict):  # a decision before eligibility
        services.programme_advance(
            actor=officer,
            programme=programme,
            version=1,
            stage="decided",
            decision_rule="consensus",
            reference="X",
        )
    with pytest.raises(ValidationFailed):  # eligibility without its reasons
        services.programme_advance(
            actor=officer, programme=programme, version=1, stage="eligibility", criteria="c"
        )
    steps = [
        ("eligibility", {"criteria": "Within the agreement", "reasons": "Meets all"}),
        ("decided", {"decision_rule": "consensus", "reference": "Council 2026/7"}),
        ("implementation", {}),
        ("acceptance", {"statement": "Deliverables accepted jointly"}),
        ("closed", {"statement": "Final statement"}),
    ]
    for version, (stage, record) in enumerate(steps, start=1):
        services.programme_advance(
            actor=officer, programme=programme, version=version, stage=stage, **record
        )
    programme.refresh_from_db()
    assert (programme.stage, programme.status, programme.version) == ("closed", 4, 6)
    assert [r.stage for r in selectors.timeline(programme)] == [s for s, _r in steps]
    with pytest.raises(Conflict):  # stale version
        services.programme_advance(actor=officer, programme=programme, version=1, stage="closed")


def test_a_signed_record_is_superseded_never_edited(officer):
    programme = make_programme(officer)
    first = services.programme_advance(
        actor=officer,
        programme=programme,
        version=1,
        stage="eligibility",
        criteria="c",
        reasons="r",
    )
    second = services.stage_record_supersede(actor=officer, record=first, reasons="Better reasons")
    first.refresh_from_db()
    assert (first.reasons, second.reasons, second.supersedes_id) == (
        "r",
        "Better reasons",
        first.pk,
    )
    with pytest.raises(Conflict):
        services.stage_record_supersede(actor=officer, record=first, reasons="Again")
    assert StageRecord.objects.count() == 2


def test_key_shares_must_sum_to_exactly_100(officer, party):
    programme = make_programme(officer)
    with pytest.raises(ValidationFailed) as refused:
        services.key_propose(
            actor=officer,
            programme=programme,
            basis="fixed",
            effective_from=dt.date(2026, 1, 1),
            shares={party("RUS"): Decimal("60"), party("KAZ"): Decimal("39.99")},
        )
    assert "shares" in refused.value.errors
    assert not CostShareKey.objects.exists()


def test_assessment_parts_sum_to_the_budget(officer):
    programme = financed(officer, total="1000000.01")
    assessment = programme.assessments.get()
    parts = {p.party.code: p.amount for p in assessment.parts.all()}
    assert sum(parts.values()) == Decimal("1000000.01") == assessment.total
    # The odd kopeck goes to the largest remainder (35 % of 0.01 = 0.0035: RUS).
    assert parts == {
        "ARM": Decimal("100000.00"),
        "BLR": Decimal("150000.00"),
        "KAZ": Decimal("200000.00"),
        "KGZ": Decimal("100000.00"),
        "RUS": Decimal("350000.01"),
        "TJK": Decimal("100000.00"),
    }


def test_statement_arrears_and_they_are_not_redistributed(officer, make_user, party):
    programme = financed(officer, due=dt.date(2026, 3, 1))
    before = list(AssessmentPart.objects.order_by("pk").values_list("party__code", "amount"))
    services.contribution_record(
        actor=officer,
        programme=programme,
        party=party("RUS"),
        kind="cash",
        amount="350000.00",
        currency="RUB",
        value_date=dt.date(2026, 2, 20),
    )
    services.contribution_record(
        actor=officer,
        programme=programme,
        party=party("KAZ"),
        kind="in_kind",
        amount="50000.00",
        currency="RUB",
        value_date=dt.date(2026, 2, 25),
        valuation_method="Market price",
        valuer="Joint valuation board",
        evidence="Act 12",
    )
    rows = {r.party.code: r for r in selectors.statement(programme, dt.date(2026, 6, 1))}
    assert rows["RUS"].arrears == 0 and rows["RUS"].balance == 0
    assert (rows["KAZ"].in_kind, rows["KAZ"].arrears) == (Decimal("50000.00"), Decimal("150000.00"))
    assert rows["KAZ"].ageing[1] == Decimal("150000.00")  # 92 days: 91-180
    assert rows["TJK"].arrears == Decimal("100000.00")
    # Arrears change nobody else's assessed share: only a new key on a decision would.
    assert (
        list(AssessmentPart.objects.order_by("pk").values_list("party__code", "amount")) == before
    )
    assert rows["RUS"].assessed == Decimal("350000.00")


def test_in_kind_needs_valuation_valuer_and_evidence(officer, party):
    programme = financed(officer)
    with pytest.raises(ValidationFailed) as refused:
        services.contribution_record(
            actor=officer,
            programme=programme,
            party=party("KAZ"),
            kind="in_kind",
            amount="10.00",
            currency="RUB",
            value_date=dt.date(2026, 2, 1),
        )
    assert set(refused.value.errors) == {"valuation_method", "valuer", "evidence"}
    assert not Contribution.objects.exists()


def test_a_participant_records_only_its_own_contribution(officer, make_user, party):
    programme = financed(officer)
    services.participant_add(actor=officer, programme=programme, party=party("KAZ"), role="funding")
    kaz = make_user("KAZ", roles=["finance_officer"])
    services.contribution_record(
        actor=kaz,
        programme=programme,
        party=party("KAZ"),
        kind="cash",
        amount="1.00",
        currency="RUB",
        value_date=dt.date(2026, 2, 1),
    )
    with pytest.raises(PermissionDenied):
        services.contribution_record(
            actor=kaz,
            programme=programme,
            party=party("BLR"),
            kind="cash",
            amount="1.00",
            currency="RUB",
            value_date=dt.date(2026, 2, 1),
        )
    assert Contribution.objects.count() == 1


def test_historical_conversions_are_frozen(officer, party):
    programme = financed(officer)
    services.rate_set(
        actor=officer, currency="KZT", quote="RUB", rate_date=dt.date(2026, 1, 1), rate="0.18"
    )
    paid = services.contribution_record(
        actor=officer,
        programme=programme,
        party=party("KAZ"),
        kind="cash",
        amount="1000000.00",
        currency="KZT",
        value_date=dt.date(2026, 2, 1),
    )
    assert (paid.rate, paid.converted) == (Decimal("0.18"), Decimal("180000.00"))
    # Today's rate changes, and the rate of the very day is corrected: the figure stays.
    services.rate_set(
        actor=officer, currency="KZT", quote="RUB", rate_date=dt.date.today(), rate="0.25"
    )
    services.rate_set(
        actor=officer, currency="KZT", quote="RUB", rate_date=dt.date(2026, 1, 1), rate="0.20"
    )
    paid.refresh_from_db()
    assert (paid.rate, paid.converted) == (Decimal("0.18000000"), Decimal("180000.00"))
    rows = {r.party.code: r for r in selectors.statement(programme, dt.date(2026, 2, 2))}
    assert rows["KAZ"].paid_cash == Decimal("180000.00")
    with pytest.raises(ValidationFailed):  # no rate for this currency
        services.contribution_record(
            actor=officer,
            programme=programme,
            party=party("ARM"),
            kind="cash",
            amount="5.00",
            currency="AMD",
            value_date=dt.date(2026, 2, 1),
        )


def test_rates_import_rejects_a_bad_file_whole(officer):
    good = b"currency,quote,date,rate\r\nBYN,RUB,2026-01-01,28.5\r\nAMD,RUB,2026-01-01,0.23\r\n"
    assert services.rates_import(actor=officer, source=good, file_name="rates.csv") == 2
    bad = b"currency,quote,date,rate\r\nKGS,RUB,2026-01-01,1.05\r\nTJS,RUB,not-a-date,9\r\n"
    with pytest.raises(ValidationFailed) as refused:
        services.rates_import(actor=officer, source=bad, file_name="rates.csv")
    assert "3" in str(refused.value.errors["file"][0])
    from accord.programmes.models import ExchangeRate

    assert not ExchangeRate.objects.filter(currency="KGS").exists()


def test_a_later_key_ends_the_earlier_one_which_stays_for_its_period(officer, party):
    programme = financed(officer)
    first = programme.keys.get()
    second = services.key_propose(
        actor=officer,
        programme=programme,
        basis="negotiated",
        effective_from=dt.date(2027, 1, 1),
        shares={party("RUS"): Decimal("50"), party("KAZ"): Decimal("50")},
        caps={party("KAZ"): "100000.00"},
    )
    assert selectors.key_in_force(programme, dt.date(2027, 2, 1)) == first  # proposed only
    services.key_decide(actor=officer, key=second, decision_reference="Council 2026/12")
    first.refresh_from_db()
    assert first.effective_to == dt.date(2026, 12, 31)
    assert selectors.key_in_force(programme, dt.date(2026, 6, 1)) == first
    assert selectors.key_in_force(programme, dt.date(2027, 2, 1)) == second
    with pytest.raises(Conflict):
        services.key_decide(actor=officer, key=second, decision_reference="again")
    rows = {r[0].code: r[1:] for r in selectors.what_if(programme, {party("RUS"): Decimal(100)})}
    assert rows["RUS"] == (Decimal("350000.00"), Decimal("1000000.00"), Decimal("650000.00"))


def test_budget_revision_says_why(officer):
    programme = financed(officer)
    line = {
        "category": "equipment",
        "period_start": dt.date(2026, 1, 1),
        "period_end": dt.date(2026, 12, 31),
        "amount": "1200000.00",
    }
    with pytest.raises(ValidationFailed):
        services.budget_set(actor=officer, programme=programme, status="committed", lines=[line])
    revised = services.budget_set(
        actor=officer, programme=programme, status="committed", lines=[line], reason="Prices"
    )
    assert (revised.revision, revised.kind) == (2, "revised")
    assert selectors.budget_total(programme.budgets.get(revision=1)) == Decimal("1000000.00")


def test_evm_snapshot_is_stored_once(officer):
    programme = make_programme(officer)
    snap = services.evm_record(
        actor=officer,
        programme=programme,
        period=dt.date(2026, 3, 15),
        pv="100000",
        ev="80000",
        ac="90000",
        bac="500000",
    )
    assert (snap.period, snap.cpi, snap.eac) == (
        dt.date(2026, 3, 1),
        Decimal("0.8889"),
        Decimal("562500.00"),
    )
    with pytest.raises(Conflict):
        services.evm_record(
            actor=officer,
            programme=programme,
            period=dt.date(2026, 3, 1),
            pv="1",
            ev="1",
            ac="1",
            bac="1",
        )


def test_baseline_keeps_dates_and_costs_after_a_slip(officer, party):
    programme = make_programme(officer)
    package = services.work_package_add(
        actor=officer,
        programme=programme,
        wbs_code="1.1",
        title="Study",
        owner=party("RUS"),
        start=dt.date(2026, 1, 1),
        finish=dt.date(2026, 6, 30),
        budget_at_completion="100.00",
    )
    baseline = services.baseline_take(actor=officer, programme=programme, name="Approved")
    services.work_package_reschedule(
        actor=officer,
        package=package,
        start=dt.date(2026, 2, 1),
        finish=dt.date(2026, 9, 30),
        budget_at_completion="130.00",
    )
    item = baseline.items.get()
    assert (item.finish, item.budget_at_completion) == (dt.date(2026, 6, 30), Decimal("100.00"))


def test_support_request_offer_accept_deliver(make_user, party):
    asker = make_user("KGZ", roles=["programme_officer"])
    giver = make_user("KAZ", roles=["programme_officer"])
    request = services.support_request_create(
        actor=asker, kind="methodological", title_en="Training", release=Release.MEMBERS
    )
    with pytest.raises(PermissionDenied):  # one's own request
        services.offer_make(actor=asker, request=request, form="x", value="1")
    offer = services.offer_make(actor=giver, request=request, form="Course", value="5000.00")
    with pytest.raises(PermissionDenied):
        services.offer_accept(actor=giver, offer=offer)
    with pytest.raises(Conflict):
        services.offer_deliver(actor=asker, offer=offer, delivered_on=dt.date(2026, 5, 1))
    services.offer_accept(actor=asker, offer=offer)
    services.offer_deliver(actor=asker, offer=offer, delivered_on=dt.date(2026, 5, 1))
    request.refresh_from_db()
    assert request.status == "fulfilled"
    rows = selectors.fulfilment(actor=giver)
    assert [(r["kind"], r["party"], r["ratio"]) for r in rows] == [("methodological", "KGZ", "1/1")]
    hidden = services.support_request_create(
        actor=asker, kind="technical", title_en="Own only", release=Release.OWNER
    )
    with pytest.raises(NotFound):
        services.offer_make(actor=giver, request=hidden, form="x", value="1")


def test_a_refused_write_changes_nothing(officer, make_user, party):
    programme = financed(officer)
    reader = make_user("RUS")
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.assessment_issue(actor=reader, programme=programme, due_date=dt.date(2026, 5, 1))
    with pytest.raises(PermissionDenied):
        services.contribution_record(
            actor=reader,
            programme=programme,
            party=party("RUS"),
            kind="cash",
            amount="1.00",
            currency="RUB",
            value_date=dt.date(2026, 2, 1),
        )
    assert AuditEvent.objects.count() == events
    assert programme.assessments.count() == 1 and not Contribution.objects.exists()


def test_demo_is_safe_to_run_twice(db):
    from accord.accounts import demo as accounts_demo
    from accord.programmes import demo

    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    counts = [m.objects.count() for m in demo.COUNTED]
    events = AuditEvent.objects.count()
    demo.load(io.StringIO())
    assert [m.objects.count() for m in demo.COUNTED] == counts
    assert AuditEvent.objects.count() == events
    assert Programme.objects.exists()
