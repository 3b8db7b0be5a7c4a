"""Participation acts: a party's signature, ratification, accession or withdrawal on an
instrument, with its source and verification state."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import party_field
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.permissions import acting_user
from accord.law import selectors, services
from accord.law.api.common import ActKindField, instrument_field
from accord.law.api.filters import ActFilter
from accord.law.models import ParticipationAct


class ActFactsOutput(serializers.Serializer):
    """One act, without naming its party and instrument (the context does)."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    date = serializers.DateField(allow_null=True)
    date_precision = serializers.CharField()
    effective_date = serializers.DateField(allow_null=True)
    reservations = serializers.CharField()
    declarations = serializers.CharField()
    source_url = serializers.CharField()
    source_note = serializers.CharField()
    status_confirmed = serializers.BooleanField()
    date_confirmed = serializers.BooleanField()
    to_verify = serializers.BooleanField()
    verified_by = serializers.CharField(source="verified_by.username", allow_null=True)
    verified_at = serializers.DateTimeField(allow_null=True)


class ActOutput(ActFactsOutput):
    party = serializers.CharField(source="party.code")
    instrument = serializers.CharField(source="instrument.code")


class ActUpdateInput(serializers.Serializer):
    kind = ActKindField(required=False)
    date = serializers.DateField(required=False, allow_null=True)
    effective_date = serializers.DateField(required=False, allow_null=True)
    date_precision = serializers.ChoiceField(
        choices=ParticipationAct.DatePrecision.choices, required=False
    )
    reservations = serializers.CharField(required=False, allow_blank=True)
    declarations = serializers.CharField(required=False, allow_blank=True)
    source_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    source_note = serializers.CharField(required=False, allow_blank=True)
    status_confirmed = serializers.BooleanField(required=False)
    date_confirmed = serializers.BooleanField(required=False)


class ActRecordInput(ActUpdateInput):
    party = party_field()
    instrument = instrument_field()
    kind = ActKindField()


class ActVerifyInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ActListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(ActFilter),
        responses={200: ActOutput(many=True), **error_responses(400)},
        summary="Participation acts, with their sources and verification state",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(ActFilter, request)
        acts = filters.filter_queryset(selectors.acts_for(**filters.selector_arguments()))
        return paginated(self, request, acts, ActOutput)

    @extend_schema(
        request=ActRecordInput,
        responses={201: ActOutput, **error_responses(400, 403)},
        summary="Record a party's act on an instrument (the Secretariat's law editors)",
    )
    def post(self, request: Request) -> Response:
        data = ActRecordInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        act = services.act_record(
            actor=acting_user(request),
            party=fields.pop("party"),
            instrument=fields.pop("instrument"),
            **fields,
        )
        return Response(ActOutput(act).data, status=status.HTTP_201_CREATED)


class ActDetailApi(APIView):
    @extend_schema(
        responses={200: ActOutput, **error_responses(404)}, summary="One participation act"
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(ActOutput(selectors.act_get(pk=pk)).data)

    @extend_schema(
        request=ActUpdateInput,
        responses={200: ActOutput, **error_responses(400, 403, 404)},
        summary="Correct an act (the Secretariat's law editors); it needs verifying again",
    )
    def patch(self, request: Request, pk: int) -> Response:
        act = selectors.act_get(pk=pk)
        data = ActUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        act = services.act_update(actor=acting_user(request), act=act, **data.validated_data)
        return Response(ActOutput(act).data)


class ActVerifyApi(APIView):
    @extend_schema(
        request=ActVerifyInput,
        responses={200: ActOutput, **error_responses(400, 403, 404)},
        summary="Verify an act against the depositary (the Secretariat's administrators)",
    )
    def post(self, request: Request, pk: int) -> Response:
        act = selectors.act_get(pk=pk)
        data = ActVerifyInput(data=request.data)
        data.is_valid(raise_exception=True)
        act = services.act_verify(
            actor=acting_user(request), act=act, note=data.validated_data["note"]
        )
        return Response(ActOutput(act).data)
