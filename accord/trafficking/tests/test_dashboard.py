"""The dashboard: its figures equal what the user may see (another party's record that is
not released does not count), its charts are drawn from them, page and API agree."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.core.models import Release
from accord.trafficking.models import Item, TracingRequest
from accord.trafficking.selectors import dashboard as selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(record_incident, party):
    """Russia: 2 own incidents (Jan, Mar); Kazakhstan: 1 released to members (Mar) and one
    not released (Mar); items of both; tracing requests answered after 4 and 10 days."""
    record_incident("RUS", kind="seizure", occurred_on=dt.date(2025, 1, 5))
    record_incident("RUS", kind="theft", occurred_on=dt.date(2025, 3, 7))
    record_incident("KAZ", kind="seizure", occurred_on=dt.date(2025, 3, 9), release=Release.MEMBERS)
    record_incident("KAZ", kind="loss", occurred_on=dt.date(2025, 3, 20), release=Release.OWNER)
    for code, kind, status, release in (
        ("RUS", "laser", "in_service", Release.OWNER),
        ("RUS", "laser", "stolen", Release.OWNER),
        ("KAZ", "component", "lost", Release.MEMBERS),
        ("KAZ", "uncrewed", "in_service", Release.OWNER),  # hidden from Russia
    ):
        Item.objects.create(
            owner=party(code),
            kind=kind,
            status=status,
            serial_number=f"S-{code}-{kind}-{status}",
            serial_norm=f"S{code}{kind}{status}".upper(),
            release=release,
        )
    now = timezone.now()
    for n, (days, owner, requested, release) in enumerate(
        (
            (4, "RUS", "KAZ", Release.OWNER),
            (10, "RUS", "KAZ", Release.OWNER),
            (2, "BLR", "ARM", Release.OWNER),  # Russia takes no part: hidden
        )
    ):
        TracingRequest.objects.create(
            reference=f"T-DASH-{n}",
            owner=party(owner),
            requested_party=party(requested),
            circumstances="c",
            grounds="g",
            release=release,
            state=TracingRequest.State.ANSWERED,
            sent_at=now - dt.timedelta(days=days + 1),
            answered_at=now - dt.timedelta(days=1),
        )


def _by(rows, key="code"):
    return {row[key]: row for row in rows}


def test_figures_count_only_what_the_user_may_see(officers, world):
    figures = selectors.dashboard(actor=officers["rus"])
    kinds = {code: row["count"] for code, row in _by(figures["by_kind"]).items()}
    assert kinds == {
        "seizure": 2,
        "interdiction": 0,
        "attempted_export": 0,
        "theft": 1,
        "loss": 0,  # Kazakhstan's unreleased loss does not count
    }
    assert [(r["label"], r["count"]) for r in figures["by_month"]] == [
        ("2025-01", 1),
        ("2025-02", 0),
        ("2025-03", 2),
    ]
    assert [(r["code"], r["count"]) for r in figures["by_party"]] == [("RUS", 2), ("KAZ", 1)]
    items = _by(figures["items_by_kind"])
    assert items["laser"]["count"] == 2 and items["laser"]["wanted"] == 1
    assert items["component"]["wanted"] == 1
    assert "uncrewed" not in items
    tracing = _by(figures["tracing"])
    assert set(tracing) == {"KAZ"}
    assert tracing["KAZ"]["answered"] == 2
    assert tracing["KAZ"]["median_days"] == 7.0
    assert tracing["KAZ"]["max_days"] == 10.0


def test_the_other_party_sees_its_own_figures(officers, world):
    figures = selectors.dashboard(actor=officers["kaz"])
    assert [(r["code"], r["count"]) for r in figures["by_party"]] == [("KAZ", 2)]
    # Kazakhstan is the requested party of Russia's requests: it sees them.
    assert _by(figures["tracing"])["KAZ"]["requests"] == 2


def test_date_filter(officers, world):
    figures = selectors.dashboard(actor=officers["rus"], start=dt.date(2025, 3, 1))
    assert sum(r["count"] for r in figures["by_kind"]) == 2


def test_page_draws_charts_and_tables(client, officers, world, django_assert_max_num_queries):
    client.force_login(officers["rus"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("trafficking:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<svg class="chart"') == 5
    assert 'data-testid="party-KAZ"' in html
    assert 'data-testid="month-2025-02"' in html


def test_page_in_russian(client, officers, world):
    client.force_login(officers["rus"])
    response = client.get(reverse("trafficking:dashboard"), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert '<html lang="ru">' in response.content.decode()


def test_page_without_data(client, officers):
    client.force_login(officers["arm"])
    response = client.get(reverse("trafficking:dashboard"))
    assert response.status_code == 200
    assert '<svg class="chart"' not in response.content.decode()


def test_api_agrees_with_the_selector(api_client, officers, world):
    data = api_client(officers["rus"]).get("/api/v1/trafficking/dashboard/").json()
    assert [(r["code"], r["count"]) for r in data["incidents_by_party"]] == [
        ("RUS", 2),
        ("KAZ", 1),
    ]
    assert data["tracing_response_times"][0]["median_days"] == 7.0
    bad = api_client(officers["rus"]).get("/api/v1/trafficking/dashboard/?start=nope")
    assert bad.status_code == 400
