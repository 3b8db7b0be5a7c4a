"""The records through the API: list (paginated, filtered), detail, create, update. A
record the reader may not see answers 404, like a missing one."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import party_field
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.audit import record_view
from accord.core.models import Classification, Release
from accord.core.permissions import acting_user
from accord.programmes import selectors, services
from accord.programmes.api.filters import RecordFilter
from accord.programmes.models import Record


class RecordOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    title = serializers.CharField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    summary = serializers.CharField()
    classification = serializers.IntegerField()
    classification_label = serializers.CharField(source="get_classification_display")
    release = serializers.CharField()
    released_to = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField()

    def get_released_to(self, record: Record) -> list[str]:
        return sorted(party.code for party in record.released_to.all())


class RecordUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )
    title_en = serializers.CharField(max_length=300, required=False)
    title_ru = serializers.CharField(max_length=300, required=False, allow_blank=True)
    summary = serializers.CharField(required=False, allow_blank=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class RecordCreateInput(RecordUpdateInput):
    version = None  # type: ignore[assignment]
    title_en = serializers.CharField(max_length=300)


class RecordListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(RecordFilter),
        responses={200: RecordOutput(many=True), **error_responses(400)},
        summary="The records I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(RecordFilter, request)
        records = filters.filter_queryset(selectors.record_list(actor=acting_user(request)))
        return paginated(self, request, records, RecordOutput)

    @extend_schema(
        request=RecordCreateInput,
        responses={201: RecordOutput, **error_responses(400, 403)},
        summary="Create a record of my party",
    )
    def post(self, request: Request) -> Response:
        data = RecordCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        record = services.record_create(
            actor=acting_user(request), released_to=fields.pop("released_to", None), **fields
        )
        return Response(RecordOutput(record).data, status=status.HTTP_201_CREATED)


class RecordDetailApi(APIView):
    @extend_schema(
        responses={200: RecordOutput, **error_responses(404)},
        summary="One record (reading a confidential one is audited)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        record = selectors.record_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=record)
        return Response(RecordOutput(record).data)

    @extend_schema(
        request=RecordUpdateInput,
        responses={200: RecordOutput, **error_responses(400, 403, 404, 409)},
        summary="Change a record (its owner party); a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        record = selectors.record_get(actor=actor, pk=pk)
        data = RecordUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        record = services.record_update(
            actor=actor,
            record=record,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(RecordOutput(record).data)
