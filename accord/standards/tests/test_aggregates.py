"""Aggregates across parties: counts and shares only, suppressed below the threshold,
never a facility the reader may not see."""

from __future__ import annotations

import pytest

from accord.core.models import Release
from accord.standards.selectors import facilities as selectors
from accord.standards.services import facilities as services
from accord.standards.tests import test_facilities_world as world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    return world.make_people(make_user)


@pytest.fixture
def version(db):
    return world.build_standard()


@pytest.fixture
def facility(people):
    return world.register_facility(people["rus"])


def _assessed(actor, version, name, status="implemented", **marking):
    facility = services.facility_register(
        actor=actor, name=name, sector="water", protection_class="PC1", **marking
    )
    assessment = services.assessment_start(actor=actor, facility=facility, standard_version=version)
    world.answer_all(actor, assessment, status=status, maturity=4)
    services.assessment_complete(actor=actor, assessment=assessment, version=1)
    services.action_create(
        actor=actor, assessment=assessment, title=f"Fix {name}", due_date="2001-01-01"
    )
    return facility


@pytest.fixture
def three_facilities(people, version):
    return [
        _assessed(people["rus"], version, "Secret Dam A (fictional)"),
        _assessed(people["rus"], version, "Secret Dam B (fictional)", status="not_implemented"),
        _assessed(people["kaz"], version, "Steppe Pumping Station (fictional)"),
    ]


def test_secretariat_sees_figures_from_three_facilities(people, version, three_facilities):
    result = selectors.aggregates(actor=people["sec"])
    assert result.across_parties
    (row,) = result.versions
    assert (row.facilities, row.suppressed) == (3, False)
    first = result.requirements[0]
    assert str(first.share_implemented) == "66.67"
    assert first.average_maturity == 4
    # The Secretariat still sees none of the facilities themselves.
    assert not selectors.facility_list(actor=people["sec"]).exists()


def test_fewer_than_three_facilities_are_suppressed_for_the_secretariat(people, version):
    _assessed(people["rus"], version, "Lonely Dam (fictional)")
    _assessed(people["kaz"], version, "Lonely Station (fictional)")
    result = selectors.aggregates(actor=people["sec"])
    (row,) = result.versions
    assert row.suppressed and row.facilities is None and row.average_score is None
    assert result.requirements == []


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [("rus", 2), ("kaz", 1), ("rus_plain", 2)],
)
def test_parties_aggregate_only_what_they_see(people, version, three_facilities, viewer, expected):
    result = selectors.aggregates(actor=people[viewer])
    assert not result.across_parties
    (row,) = result.versions
    assert row.facilities == expected


def test_a_released_facility_counts_for_the_party_it_is_released_to(people, version, party):
    facility = _assessed(people["rus"], version, "Shared Dam (fictional)", release=Release.LISTED)
    facility.released_to.set([party("KAZ")])
    assert selectors.aggregates(actor=people["kaz"]).versions[0].facilities == 1
    assert selectors.facility_list(actor=people["kaz"]).get() == facility


@pytest.mark.parametrize("viewer", ["sec", "kaz", "rus"])
def test_dashboard_page_never_names_an_unreleased_facility(
    client, people, version, three_facilities, viewer
):
    client.force_login(people[viewer])
    response = client.get("/standards/dashboard/")
    assert response.status_code == 200
    text = response.content.decode()
    for facility in three_facilities:
        shown = facility.name in text
        assert shown == (facility.owner_id == people[viewer].party_id and viewer != "sec")


@pytest.mark.parametrize("viewer", ["sec", "kaz"])
def test_aggregates_api_never_names_an_unreleased_facility(
    api_client, people, version, three_facilities, viewer
):
    response = api_client(people[viewer]).get("/api/v1/standards/aggregates/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Secret Dam" not in text


def test_threshold_is_a_setting(settings, people, version, three_facilities):
    settings.ACCORD_STANDARDS_AGGREGATE_MIN_FACILITIES = 4
    result = selectors.aggregates(actor=people["sec"])
    (row,) = result.versions
    assert result.min_facilities == 4
    assert row.suppressed and row.facilities is None and result.requirements == []
    assert result.overdue_count is None
    settings.ACCORD_STANDARDS_AGGREGATE_MIN_FACILITIES = 2
    _assessed(people["rus"], version, "Extra Dam (fictional)")
    result = selectors.aggregates(actor=people["sec"])
    assert result.min_facilities == 2 and result.versions[0].facilities == 4


def test_threshold_defaults_to_three(settings):
    if hasattr(settings, "ACCORD_STANDARDS_AGGREGATE_MIN_FACILITIES"):
        del settings.ACCORD_STANDARDS_AGGREGATE_MIN_FACILITIES
    assert selectors.min_facilities() == 3
