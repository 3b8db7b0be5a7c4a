"""The pages: the index with its desk, a programme with its timeline and money, the
forms of the chain (key, budget, call, contribution) and support, in English and Russian."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from accord.core.models import Classification, Release
from accord.core.tests.queries import assert_flat
from accord.programmes import services
from accord.programmes.models import Contribution, CostShareKey, Programme
from accord.programmes.tests.conftest import OFFICER, financed, make_programme


def test_new_detail_edit_advance(client, officer):
    client.force_login(officer)
    assert client.get(reverse("programmes:programme-new")).status_code == 200
    created = client.post(
        reverse("programmes:programme-new"),
        {
            "identifier": "PG-1",
            "title_en": "From the page",
            "currency": "RUB",
            "classification": Classification.RESTRICTED,
            "release": Release.MEMBERS,
        },
    )
    programme = Programme.objects.get(identifier="PG-1")
    assert created.status_code == 302
    assert created["Location"] == reverse("programmes:programme-detail", args=[programme.pk])
    page = client.get(created["Location"])
    assert page.status_code == 200 and "From the page" in page.content.decode()
    edit = reverse("programmes:programme-edit", args=[programme.pk])
    data = {
        "identifier": "PG-1",
        "title_en": "Edited",
        "currency": "RUB",
        "classification": Classification.RESTRICTED,
        "release": Release.MEMBERS,
        "version": 1,
    }
    assert client.post(edit, data).status_code == 302
    stale = client.post(edit, {**data, "title_en": "Stale"})
    assert stale.status_code == 400 and 'data-testid="form-errors"' in stale.content.decode()
    advance = reverse("programmes:programme-advance", args=[programme.pk])
    assert client.get(advance).status_code == 200
    bad = client.post(advance, {"version": 2, "stage": "eligibility", "criteria": "c"})
    assert bad.status_code == 400
    ok = client.post(
        advance, {"version": 2, "stage": "eligibility", "criteria": "c", "reasons": "In scope"}
    )
    assert ok.status_code == 302
    page = client.get(reverse("programmes:programme-detail", args=[programme.pk])).content.decode()
    assert "In scope" in page and "Eligible" in page


def test_the_money_forms(client, officer):
    programme = make_programme(officer)
    client.force_login(officer)
    key_url = reverse("programmes:programme-key-new", args=[programme.pk])
    assert client.get(key_url).status_code == 200
    uneven = client.post(
        key_url,
        {"basis": "fixed", "effective_from": "2026-01-01", "share_RUS": "60", "share_KAZ": "30"},
    )
    assert uneven.status_code == 400 and not CostShareKey.objects.exists()
    assert (
        client.post(
            key_url,
            {
                "basis": "fixed",
                "effective_from": "2026-01-01",
                "share_RUS": "60",
                "share_KAZ": "40",
            },
        ).status_code
        == 302
    )
    decide = reverse("programmes:programme-key-decide", args=[programme.pk])
    key = CostShareKey.objects.get()
    assert client.post(decide, {"key": key.pk, "decision_reference": "C-1"}).status_code == 302
    budget = reverse("programmes:programme-budget-new", args=[programme.pk])
    assert client.get(budget).status_code == 200
    lines = {
        "lines-TOTAL_FORMS": "3",
        "lines-INITIAL_FORMS": "0",
        "lines-0-category": "services",
        "lines-0-period_start": "2026-01-01",
        "lines-0-period_end": "2026-12-31",
        "lines-0-amount": "100.01",
    }
    assert client.post(budget, {"status": "committed", **lines}).status_code == 302
    call = reverse("programmes:programme-assessment-new", args=[programme.pk])
    assert client.post(call, {"due_date": "2026-03-01"}).status_code == 302
    pay = reverse("programmes:programme-contribution-new", args=[programme.pk])
    in_kind = {
        "party": officer.party.pk,
        "kind": "in_kind",
        "amount": "10.00",
        "currency": "RUB",
        "value_date": "2026-02-01",
    }
    refused = client.post(pay, in_kind)
    assert refused.status_code == 400 and not Contribution.objects.exists()
    assert (
        client.post(
            pay, {**in_kind, "valuation_method": "Market", "valuer": "Panel", "evidence": "Act 1"}
        ).status_code
        == 302
    )
    page = client.get(reverse("programmes:programme-detail", args=[programme.pk]))
    body = page.content.decode()
    assert 'data-testid="statement-RUS"' in body and "60.01" in body
    what_if = client.get(
        reverse("programmes:programme-what-if", args=[programme.pk]), {"share_RUS": "100"}
    )
    assert what_if.status_code == 200 and "100.01" in what_if.content.decode()


def test_refusals_and_the_desk(client, officer, make_user):
    programme = financed(officer)
    client.force_login(make_user("RUS"))
    assert client.get(reverse("programmes:programme-new")).status_code == 403
    assert (
        client.get(reverse("programmes:programme-key-new", args=[programme.pk])).status_code == 403
    )
    assert client.get(reverse("programmes:programme-detail", args=[999999])).status_code == 404
    client.force_login(make_user("IRN", roles=OFFICER))
    hidden = reverse("programmes:programme-budget-new", args=[programme.pk])
    assert client.get(hidden).status_code == 404
    tjk = make_user("TJK", roles=["finance_officer"])
    client.force_login(tjk)
    desk = client.get(reverse("programmes:index")).content.decode()
    assert 'data-testid="desk"' in desk and "CSTO-PRG-1" in desk and "arrears" in desk


def test_index_in_russian_and_flat(client, officer):
    make_programme(officer, title_en="English", title_ru="Русский")
    client.force_login(officer)
    page = client.get(reverse("programmes:index"), HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200 and "Русский" in page.content.decode()
    count = iter(range(1000))

    def grow() -> None:
        for _ in range(3):
            make_programme(officer, identifier=f"F-{next(count)}")

    assert_flat(
        lambda: client.get(reverse("programmes:index")),
        grow,
        rows=lambda r: r.content.decode().count('data-testid="programme-'),
        at_most=25,
    )


def test_support_pages(client, make_user):
    asker = make_user("KGZ", roles=["programme_officer"])
    giver = make_user("KAZ", roles=["programme_officer"])
    client.force_login(asker)
    made = client.post(
        reverse("programmes:support-new"),
        {
            "kind": "scientific",
            "title_en": "Expert opinion",
            "classification": Classification.RESTRICTED,
            "release": Release.MEMBERS,
        },
    )
    assert made.status_code == 302
    request = services.support_request_create(
        actor=asker, kind="informational", title_en="Digest", release=Release.MEMBERS
    )
    client.force_login(giver)
    offer_url = reverse("programmes:support-offer", args=[request.pk])
    assert (
        client.post(offer_url, {"form": "Report", "value": "5.00", "currency": "RUB"}).status_code
        == 302
    )
    offer = request.offers.get()
    client.force_login(asker)
    accept = reverse("programmes:support-accept", args=[request.pk])
    assert client.post(accept, {"offer": offer.pk}).status_code == 302
    deliver = reverse("programmes:support-deliver", args=[request.pk])
    assert client.get(deliver, {"offer": offer.pk}).status_code == 200
    assert (
        client.post(deliver, {"offer": offer.pk, "delivered_on": dt.date(2026, 5, 1)}).status_code
        == 302
    )
    offer.refresh_from_db()
    assert offer.status == "delivered"
    listing = client.get(reverse("programmes:support-list")).content.decode()
    assert "Expert opinion" in listing and "1/1" in listing


def test_schedule_gantt_and_s_curve_render(client, officer, party):
    programme = make_programme(officer)
    services.work_package_add(
        actor=officer,
        programme=programme,
        wbs_code="1",
        title="Study <b>",
        owner=party("RUS"),
        start=dt.date(2026, 1, 1),
        finish=dt.date(2026, 6, 30),
        budget_at_completion="100.00",
    )
    services.baseline_take(actor=officer, programme=programme, name="Plan")
    for month, (pv, ev, ac) in enumerate([("10", "8", "9"), ("20", "18", "21")], start=1):
        services.evm_record(
            actor=officer,
            programme=programme,
            period=dt.date(2026, month, 1),
            pv=pv,
            ev=ev,
            ac=ac,
            bac="100",
        )
    client.force_login(officer)
    body = client.get(reverse("programmes:programme-detail", args=[programme.pk])).content.decode()
    assert 'data-testid="gantt"' in body and 'data-testid="s-curve"' in body
    assert "Study &lt;b&gt;" in body and "<b>" not in body.split('data-testid="gantt"')[1][:2000]
    assert body.count("<polyline") == 3
