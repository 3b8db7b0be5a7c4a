"""Lists filter the same way everywhere (`accord.core.api.filters`): declared parameters,
`q`, `ordering`, a 400 naming an unknown parameter or a bad value."""

import django_filters
import pytest
from drf_spectacular.types import OpenApiTypes
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from accord.core.api.filters import (
    SELECTOR,
    BooleanFilter,
    FilterSet,
    OrderingFilter,
    filter_parameters,
    filter_query,
)
from accord.core.errors import ValidationFailed
from accord.core.models import Classification, Party, Release
from tests.markedapp.models import Dossier


class DossierFilter(FilterSet):
    classification = django_filters.ChoiceFilter(choices=Classification.choices)
    urgent = BooleanFilter(method=SELECTOR)
    ordering = OrderingFilter(fields=("title", "classification"))
    search_fields = ("title", "body")

    class Meta:
        model = Dossier
        fields: list[str] = []


def _request(**params):
    return Request(APIRequestFactory().get("/x/", params))


@pytest.fixture
def dossiers(db):
    arm = Party.objects.get(code="ARM")
    make = Dossier.objects.create
    return [
        make(owner=arm, classification=1, release=Release.OWNER, title="Beta", body="laser"),
        make(owner=arm, classification=2, release=Release.OWNER, title="Alpha", body="radar"),
        make(owner=arm, classification=2, release=Release.OWNER, title="Gamma", body="LASER"),
    ]


def _titles(filters):
    return [d.title for d in filters.filter_queryset(Dossier.objects.order_by("pk"))]


def test_filters_search_and_order(dossiers):
    assert _titles(filter_query(DossierFilter, _request(classification=2))) == ["Alpha", "Gamma"]
    assert _titles(filter_query(DossierFilter, _request(q="laser"))) == ["Beta", "Gamma"]
    assert _titles(filter_query(DossierFilter, _request(ordering="title"))) == [
        "Alpha",
        "Beta",
        "Gamma",
    ]
    assert _titles(filter_query(DossierFilter, _request(ordering="-classification,title"))) == [
        "Alpha",
        "Gamma",
        "Beta",
    ]
    # Pagination and format parameters belong to every list.
    assert (
        len(_titles(filter_query(DossierFilter, _request(limit=1, offset=0, format="json")))) == 3
    )


def test_an_unknown_parameter_is_refused_by_name():
    with pytest.raises(ValidationFailed) as refused:
        filter_query(DossierFilter, _request(clasification=2, q="x"))
    assert list(refused.value.errors) == ["clasification"]
    assert "clasification" in str(refused.value.errors["clasification"][0])
    with pytest.raises(ValidationFailed) as two:
        filter_query(DossierFilter, _request(stauts="open", sort="x"))
    assert sorted(two.value.errors) == ["sort", "stauts"]


@pytest.mark.parametrize(
    ("param", "value"),
    [("classification", "9"), ("ordering", "body"), ("urgent", "maybe")],
)
def test_a_bad_value_is_refused_on_its_parameter(param, value):
    with pytest.raises(ValidationFailed) as refused:
        filter_query(DossierFilter, _request(**{param: value}))
    assert list(refused.value.errors) == [param]


def test_selector_filters_are_validated_and_handed_over_not_applied(dossiers):
    filters = filter_query(DossierFilter, _request(urgent="yes"))
    assert filters.selector_arguments() == {"urgent": True}
    assert len(_titles(filters)) == 3
    assert filter_query(DossierFilter, _request(urgent="0")).selector_arguments() == {
        "urgent": False
    }
    assert filter_query(DossierFilter, _request()).selector_arguments() == {}


def test_q_is_unknown_where_there_is_nothing_to_search():
    class Plain(FilterSet):
        ordering = OrderingFilter(fields=("title",))

        class Meta:
            model = Dossier
            fields: list[str] = []

    assert "q" not in {p.name for p in filter_parameters(Plain)}
    with pytest.raises(ValidationFailed) as refused:
        filter_query(Plain, _request(q="x"))
    assert list(refused.value.errors) == ["q"]


def test_every_parameter_is_in_the_schema():
    parameters = {p.name: p for p in filter_parameters(DossierFilter)}
    assert set(parameters) == {"q", "classification", "urgent", "ordering"}
    assert parameters["classification"].enum == list(Classification.values)
    assert parameters["ordering"].enum == ["title", "classification", "-title", "-classification"]
    assert parameters["urgent"].type is OpenApiTypes.BOOL
    assert parameters["classification"].type is OpenApiTypes.INT
    assert parameters["q"].type is OpenApiTypes.STR


def test_an_api_list_answers_400_naming_the_unknown_parameter(make_user, api_client):
    client = api_client(make_user("RUS", roles=["customs_officer"]))
    response = client.get("/api/v1/audit/events/", {"acton": "x"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and list(body["errors"]) == ["acton"]
    assert client.get("/api/v1/audit/events/", {"action": "x"}).status_code == 200
    assert client.get("/api/v1/notifications/", {"unread": "true"}).status_code == 200
    assert client.get("/api/v1/notifications/", {"unread": "perhaps"}).status_code == 400


def test_a_page_reads_the_same_filters_and_drops_what_it_cannot_use(dossiers):
    from django.test import RequestFactory

    from accord.core.api.filters import page_filters

    request = RequestFactory().get("/x/", {"page": "2", "classification": "9", "q": "laser"})
    filters = page_filters(DossierFilter, request)
    # `page` is the page's own, the bad classification is dropped, the search applies.
    assert _titles(filters) == ["Beta", "Gamma"]
    request = RequestFactory().get("/x/", {"ordering": "-title", "urgent": "1"})
    filters = page_filters(DossierFilter, request)
    assert _titles(filters) == ["Gamma", "Beta", "Alpha"]
    assert filters.selector_arguments() == {"urgent": True}
