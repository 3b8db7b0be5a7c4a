"""The API toolkit (`accord.core.api`): one pagination, one error body, named enums,
parties by code and validated query parameters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from accord.core.api.errors import ErrorOutput, error_responses
from accord.core.api.fields import enum_field, party_field
from accord.core.api.query import validated_query
from accord.core.models import Classification, Party, Release
from tests.markedapp.models import Dossier

LIST = "/api/test/dossiers/"


@pytest.fixture
def reader(make_user, api_client):
    user = make_user("ARM", clearance=Classification.SECRET)
    arm = Party.objects.get(code="ARM")
    rus = Party.objects.get(code="RUS")
    for n in range(7):
        Dossier.objects.create(owner=arm, classification=1, release=Release.OWNER, title=f"own {n}")
    for n in range(3):  # another party's, not released: never counted
        Dossier.objects.create(owner=rus, classification=1, release=Release.OWNER, title=f"x{n}")
    return api_client(user)


def _count_queries(ctx):
    return [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]


def test_pages_follow_each_other_and_count_only_visible_rows(reader):
    first = reader.get(LIST, {"limit": 3}).json()
    assert first["count"] == 7 and first["count_exact"] is True
    assert len(first["results"]) == 3 and first["previous"] is None
    assert "offset=3" in first["next"]
    last = reader.get(LIST, {"limit": 3, "offset": 6}).json()
    assert [d["title"] for d in last["results"]] == ["own 0"]
    assert last["next"] is None and last["count"] == 7 and last["count_exact"] is True


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("limit", "null"),
        ("limit", "0"),
        ("limit", "-2"),
        ("limit", "1.5"),
        ("offset", "x"),
        ("offset", "-1"),
        ("offset", "٣"),
    ],
)
def test_a_limit_or_offset_that_is_not_a_whole_number_is_a_400_naming_it(reader, name, value):
    response = reader.get(LIST, {name: value})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [name]


def test_a_limit_above_the_maximum_reads_as_the_maximum(reader):
    body = reader.get(LIST, {"limit": 100000}).json()
    assert body["count"] == 7 and len(body["results"]) == 7


def test_an_offset_beyond_any_list_is_a_400_not_a_server_error(reader):
    response = reader.get(LIST, {"offset": "14588621909136995516416"})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["offset"]


@pytest.mark.parametrize("value", ["", "xml"])
def test_a_format_the_endpoint_does_not_render_is_a_400_naming_it(reader, value):
    response = reader.get(LIST, {"format": value})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert list(response.json()["errors"]) == ["format"]
    assert reader.get(LIST, {"format": "json"}).status_code == 200


@pytest.mark.parametrize("value", ["", "nonsense"])
def test_an_empty_or_unknown_choice_filter_is_a_400_naming_it(make_user, api_client, value):
    client = api_client(make_user("ARM"))
    response = client.get("/api/v1/parties/", {"standing": value})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["standing"]
    # free text may be empty: it filters nothing
    assert client.get("/api/v1/parties/", {"q": ""}).json()["count"] == 8


def test_the_schema_documents_the_error_answers_of_every_operation(make_user, api_client):
    schema = api_client(make_user("ARM")).get("/api/v1/schema/", {"format": "json"}).json()
    revoke = schema["paths"]["/api/v1/tokens/{token_id}/"]["delete"]["responses"]
    assert {"401", "403", "404"} <= set(revoke)
    tokens = schema["paths"]["/api/v1/tokens/"]["get"]["responses"]
    assert {"400", "401", "403"} <= set(tokens) and "404" not in tokens
    error = {"$ref": "#/components/schemas/Error"}
    assert tokens["400"]["content"]["application/json"]["schema"] == error
    offset = next(
        p for p in schema["paths"]["/api/v1/parties/"]["get"]["parameters"] if p["name"] == "offset"
    )
    assert offset["schema"]["minimum"] == 0 and offset["schema"]["maximum"] == 1_000_000_000


def test_the_last_page_is_counted_without_a_count_query(reader):
    with CaptureQueriesContext(connection) as ctx:
        body = reader.get(LIST, {"limit": 50}).json()
    assert body["count"] == 7 and len(body["results"]) == 7
    dossier_counts = [sql for sql in _count_queries(ctx) if "markedapp_dossier" in sql]
    assert dossier_counts == []
    with CaptureQueriesContext(connection) as ctx:
        reader.get(LIST, {"limit": 2})
    assert [sql for sql in _count_queries(ctx) if "markedapp_dossier" in sql]


def test_the_count_stops_at_the_cap_and_says_so(reader, settings):
    settings.ACCORD_API_COUNT_CAP = 4
    body = reader.get(LIST, {"limit": 2}).json()
    assert body["count"] == 4 and body["count_exact"] is False
    assert len(body["results"]) == 2 and body["next"]
    settings.ACCORD_API_COUNT_CAP = 7
    body = reader.get(LIST, {"limit": 2}).json()
    assert body["count"] == 7 and body["count_exact"] is True
    # Past the end: an empty page, still counted (up to the cap).
    body = reader.get(LIST, {"offset": 100}).json()
    assert body["results"] == [] and body["count"] == 7 and body["next"] is None


def test_limit_is_bounded_by_the_one_max_limit(make_user, api_client):
    from accord.core.api.pagination import Pagination

    arm = Party.objects.get(code="ARM")
    Dossier.objects.bulk_create(
        Dossier(owner=arm, classification=1, release=Release.OWNER, title=f"d{n}")
        for n in range(Pagination.max_limit + 5)
    )
    client = api_client(make_user("ARM"))
    body = client.get(LIST, {"limit": 10_000}).json()
    assert len(body["results"]) == Pagination.max_limit
    assert body["count"] == Pagination.max_limit + 5


def test_error_responses_name_the_one_error_component():
    assert error_responses(400, 404) == {400: ErrorOutput, 404: ErrorOutput}
    body = ErrorOutput({"code": "invalid", "detail": "d", "errors": {"a.b": ["m"]}}).data
    assert body == {"code": "invalid", "detail": "d", "errors": {"a.b": ["m"]}}


def test_enum_field_is_one_component_per_name():
    choices = [("open", "Open"), ("closed", "Closed")]
    first = enum_field("ToolkitTestStateEnum", choices)
    assert enum_field("ToolkitTestStateEnum", choices) is first
    field = first()
    assert field.to_internal_value("open") == "open"
    with pytest.raises(ValidationError):
        field.to_internal_value("ajar")
    schema = first._spectacular_annotation["field"]
    assert schema["enum"] == ["open", "closed"]
    assert schema["x-enum-descriptions"] == ["Open", "Closed"]
    with pytest.raises(ValueError):
        enum_field("ToolkitTestStateEnum", [("open", "Open")])


@pytest.mark.django_db
def test_party_field_takes_a_code_and_names_an_unknown_one():
    class Input(serializers.Serializer):
        party = party_field()

    good = Input(data={"party": "KAZ"})
    assert good.is_valid() and good.validated_data["party"].code == "KAZ"
    bad = Input(data={"party": "XXX"})
    assert not bad.is_valid()
    assert bad.errors["party"] == ["No party has the code XXX."]
    Party.objects.filter(code="KAZ").update(active=False)

    class ActiveInput(serializers.Serializer):
        party = party_field(active_only=True)

    assert not ActiveInput(data={"party": "KAZ"}).is_valid()


def test_validated_query_keeps_absent_parameters_absent_and_rejects_bad_ones():
    class Query(serializers.Serializer):
        on = serializers.DateField(required=False)
        unread = serializers.BooleanField(required=False)

    request = Request(APIRequestFactory().get("/x/", {"on": "2026-01-02"}))
    assert {k: str(v) for k, v in validated_query(Query, request).items()} == {"on": "2026-01-02"}
    with pytest.raises(ValidationError) as bad:
        validated_query(Query, Request(APIRequestFactory().get("/x/", {"on": "soon"})))
    assert "on" in bad.value.detail


def test_the_api_root_lists_the_modules_and_the_kernel(make_user, api_client):
    client = api_client(make_user("ARM"))
    body = client.get("/api/v1/").json()
    names = [m["name"] for m in body["modules"]]
    assert names == [
        "expertise",
        "knowledge",
        "law",
        "legislation",
        "programmes",
        "provision",
        "standards",
        "trafficking",
    ]
    assert body["modules"][0]["url"] == "http://testserver/api/v1/expertise/"
    assert body["kernel"]["parties"] == "http://testserver/api/v1/parties/"
    assert body["schema"].endswith("/api/v1/schema/")
    assert client.post("/api/v1/").status_code == 405
    assert client.post("/api/v1/").json()["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    "path", ["/api/v1/nowhere/", "/api/v2/", "/api/v1/law/nothing-here/", "/api/v1/parties/x/"]
)
def test_an_unknown_path_under_the_api_answers_json(client, path):
    for method in (client.get, client.post, client.delete):
        response = method(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"code": "not_found", "detail": "Not found."}


def test_an_unknown_page_still_answers_the_html_page(client):
    response = client.get("/nowhere-at-all/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
