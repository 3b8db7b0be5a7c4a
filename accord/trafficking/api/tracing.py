"""Tracing requests between parties: the API. One class per operation; every step calls
its service, and answers the request as it now is. A request the actor may not see
answers 404; the wrong side or role, 403; a step the state does not allow, 409."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import enum_field, party_field
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.api.renderers import CsvRenderer, csv_attachment
from accord.core.audit import record_view
from accord.core.models import Classification
from accord.core.permissions import acting_user
from accord.trafficking.api.filters import TracingFilter
from accord.trafficking.models.items import ItemKind
from accord.trafficking.models.tracing import TracingRequest
from accord.trafficking.selectors import tracing as selectors
from accord.trafficking.services import tracing as services

TracingStateField = enum_field("TracingStateEnum", TracingRequest.State.choices)
TracingOutcomeField = enum_field("TracingOutcomeEnum", TracingRequest.Outcome.choices)
TracingItemKindField = enum_field("TracingItemKindEnum", ItemKind.choices)
TracingBoxField = enum_field("TracingBoxEnum", [(b, b) for b in selectors.BOXES])


# --- Output -----------------------------------------------------------------------------------


class TracingItemIO(serializers.Serializer):
    kind = TracingItemKindField(required=False, allow_blank=True)
    manufacturer = serializers.CharField(required=False, allow_blank=True, max_length=200)
    model = serializers.CharField(required=False, allow_blank=True, max_length=200)
    serial_number = serializers.CharField(required=False, allow_blank=True, max_length=100)
    other_markings = serializers.CharField(required=False, allow_blank=True)
    incident_item = serializers.IntegerField(
        required=False, allow_null=True, source="incident_item_id"
    )


class TracingTransferIO(serializers.Serializer):
    date = serializers.DateField(required=False, allow_null=True)
    from_holder = serializers.CharField(required=False, allow_blank=True, max_length=300)
    to_holder = serializers.CharField(required=False, allow_blank=True, max_length=300)
    document_reference = serializers.CharField(required=False, allow_blank=True, max_length=200)


class TracingSummaryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    requesting_party = serializers.CharField(source="owner.code")
    requested_party = serializers.CharField(source="requested_party.code")
    state = TracingStateField()
    outcome = serializers.CharField()
    classification = serializers.IntegerField()
    sent_at = serializers.DateTimeField()
    due_date = serializers.DateField()
    overdue = serializers.BooleanField()
    item_count = serializers.IntegerField(required=False)
    version = serializers.IntegerField()


class TracingDetailOutput(TracingSummaryOutput):
    incident = serializers.IntegerField(source="incident_id", allow_null=True)
    circumstances = serializers.CharField()
    grounds = serializers.CharField()
    intended_use = serializers.CharField()
    legal_basis = serializers.CharField()
    requested_information = serializers.CharField()
    confidentiality = serializers.CharField()
    answer = serializers.CharField()
    last_legal_holder = serializers.CharField()
    withdrawal_reason = serializers.CharField()
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    reminded_before_at = serializers.DateTimeField(allow_null=True)
    reminded_overdue_at = serializers.DateTimeField(allow_null=True)
    items = TracingItemIO(many=True, source="items.all")
    transfers = TracingTransferIO(many=True, source="transfers.all")


def _detail(actor: Any, pk: int, status: int = 200) -> Response:
    tracing = selectors.tracing_request_get(user=actor, pk=pk)
    return Response(TracingDetailOutput(tracing).data, status=status)


# --- The boxes and a new request --------------------------------------------------------------


class TracingSendInput(serializers.Serializer):
    requested_party = party_field(active_only=True)
    items = TracingItemIO(many=True)
    circumstances = serializers.CharField()
    grounds = serializers.CharField()
    intended_use = serializers.CharField(required=False, allow_blank=True, default="")
    legal_basis = serializers.CharField(required=False, allow_blank=True, default="")
    requested_information = serializers.CharField(required=False, allow_blank=True, default="")
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    confidentiality = serializers.CharField(required=False, allow_blank=True, default="")
    incident = serializers.IntegerField(required=False, allow_null=True, default=None)
    classification = serializers.ChoiceField(
        choices=Classification.choices, required=False, default=Classification.RESTRICTED
    )


def _item_data(item: dict[str, Any]) -> dict[str, Any]:
    data = dict(item)
    if "incident_item_id" in data:
        data["incident_item"] = data.pop("incident_item_id")
    return data


class TracingListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(TracingFilter),
        responses={200: TracingSummaryOutput(many=True), **error_responses(400)},
        summary="Tracing requests I may see: my party's inbox, outbox or both",
    )
    def get(self, request: Request) -> Response:
        actor = acting_user(request)
        filters = filter_query(TracingFilter, request)
        rows = selectors.tracing_request_list(user=actor, **filters.selector_arguments())
        return paginated(self, request, filters.filter_queryset(rows), TracingSummaryOutput)

    @extend_schema(
        request=TracingSendInput,
        responses={201: TracingDetailOutput, **error_responses(400, 403, 404)},
        summary="Send a tracing request to another party (customs officers)",
    )
    def post(self, request: Request) -> Response:
        actor = acting_user(request)
        data = TracingSendInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["items"] = [_item_data(i) for i in values["items"]]
        tracing = services.tracing_request_send(actor=actor, **values)
        return _detail(actor, tracing.pk, status=201)


class TracingDetailApi(APIView):
    @extend_schema(
        responses={200: TracingDetailOutput, **error_responses(404)},
        summary="One tracing request, with its items and the answer",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        tracing = selectors.tracing_request_get(user=actor, pk=pk)
        record_view(actor=actor, obj=tracing)
        return Response(TracingDetailOutput(tracing).data)


# --- The steps --------------------------------------------------------------------------------


class TracingVersionInput(serializers.Serializer):
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class TracingAnswerInput(TracingVersionInput):
    outcome = TracingOutcomeField()
    answer = serializers.CharField()
    last_legal_holder = serializers.CharField(required=False, allow_blank=True, default="")
    transfers = TracingTransferIO(many=True, required=False, default=list)


class TracingWithdrawInput(TracingVersionInput):
    reason = serializers.CharField()


def _step(
    request: Request,
    pk: int,
    service: Callable[..., Any],
    input_class: type[serializers.Serializer] = TracingVersionInput,
) -> Response:
    actor = acting_user(request)
    tracing = selectors.tracing_request_get(user=actor, pk=pk)
    data = input_class(data=request.data)
    data.is_valid(raise_exception=True)
    values = dict(data.validated_data)
    expected = values.pop("version", None)
    service(actor=actor, request=tracing, expected_version=expected, **values)
    return _detail(actor, pk)


STEP_ERRORS = error_responses(400, 403, 404, 409)


class TracingAcknowledgeApi(APIView):
    @extend_schema(
        request=TracingVersionInput,
        responses={200: TracingDetailOutput, **STEP_ERRORS},
        summary="Acknowledge a tracing request received (the requested party)",
    )
    def post(self, request: Request, pk: int) -> Response:
        return _step(request, pk, services.tracing_request_acknowledge)


class TracingAnswerApi(APIView):
    @extend_schema(
        request=TracingAnswerInput,
        responses={200: TracingDetailOutput, **STEP_ERRORS},
        summary="Answer a tracing request: fully, partially or cannot trace (the requested party)",
    )
    def post(self, request: Request, pk: int) -> Response:
        return _step(request, pk, services.tracing_request_answer, TracingAnswerInput)


class TracingCloseApi(APIView):
    @extend_schema(
        request=TracingVersionInput,
        responses={200: TracingDetailOutput, **STEP_ERRORS},
        summary="Close an answered tracing request (the requesting party)",
    )
    def post(self, request: Request, pk: int) -> Response:
        return _step(request, pk, services.tracing_request_close)


class TracingWithdrawApi(APIView):
    @extend_schema(
        request=TracingWithdrawInput,
        responses={200: TracingDetailOutput, **STEP_ERRORS},
        summary="Withdraw a tracing request not yet answered (the requesting party)",
    )
    def post(self, request: Request, pk: int) -> Response:
        return _step(request, pk, services.tracing_request_withdraw, TracingWithdrawInput)


# --- Statistics and export --------------------------------------------------------------------


class TracingStatsOutput(serializers.Serializer):
    party = serializers.CharField()
    party_name = serializers.CharField()
    received = serializers.IntegerField()
    acknowledged = serializers.IntegerField()
    answered = serializers.IntegerField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    answered_late = serializers.IntegerField()
    median_days_to_acknowledge = serializers.FloatField(allow_null=True)
    mean_days_to_acknowledge = serializers.FloatField(allow_null=True)
    median_days_to_answer = serializers.FloatField(allow_null=True)
    mean_days_to_answer = serializers.FloatField(allow_null=True)


class TracingStatsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses=TracingStatsOutput(many=True),
        summary="Response times per requested party, over the requests I may see (a page)",
    )
    def get(self, request: Request) -> Response:
        stats = selectors.tracing_stats(user=acting_user(request))
        return paginated(self, request, [s.as_dict() for s in stats], TracingStatsOutput)


class TracingExportApi(APIView):
    renderer_classes = [CsvRenderer]

    @extend_schema(
        parameters=filter_parameters(TracingFilter),
        responses={(200, "text/csv"): OpenApiTypes.STR, **error_responses(400)},
        summary="Tracing requests I may see, as CSV (same filters as the list)",
    )
    def get(self, request: Request) -> Any:
        actor = acting_user(request)
        filters = filter_query(TracingFilter, request)
        rows = selectors.tracing_request_list(user=actor, **filters.selector_arguments())
        return csv_attachment(
            selectors.tracing_csv(filters.filter_queryset(rows)), "tracing-requests.csv"
        )
