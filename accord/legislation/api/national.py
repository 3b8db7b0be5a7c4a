"""National acts through the API: list (paginated, filtered), detail with the IHL
measures, create, update. A hidden act answers 404."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import enum_field, party_field
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.audit import record_view
from accord.core.models import Classification, Release
from accord.core.permissions import acting_user
from accord.legislation import selectors, services
from accord.legislation.api.filters import NationalFilter
from accord.legislation.models import NationalAct, NationalActKind

KindField = enum_field("NationalActKindEnum", NationalActKind.choices)


class ImplementingMeasureOutput(serializers.Serializer):
    area = serializers.CharField()
    area_label = serializers.CharField(source="get_area_display")
    instrument = serializers.CharField(source="instrument.code")
    rule = serializers.CharField(source="rule.code", allow_null=True, default=None)
    provisions = serializers.CharField()


class NationalOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    kind = serializers.CharField()
    title = serializers.CharField()
    language = serializers.CharField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    frbr_work = serializers.CharField()
    gazette = serializers.CharField()
    enacted_on = serializers.DateField()
    in_force_on = serializers.DateField(allow_null=True)
    repealed_on = serializers.DateField(allow_null=True)
    amends = serializers.IntegerField(source="amends_id", allow_null=True)
    classification = serializers.IntegerField()
    release = serializers.CharField()
    released_to = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_released_to(self, act: NationalAct) -> list[str]:
        return sorted(party.code for party in act.released_to.all())


class NationalDetailOutput(NationalOutput):
    text = serializers.CharField()
    measures = serializers.SerializerMethodField()

    def get_measures(self, act: NationalAct) -> list[dict[str, Any]]:
        return ImplementingMeasureOutput(selectors.measures_of(act), many=True).data  # type: ignore[return-value]


class NationalUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        help_text=_("The version you read; a stale one answers 409."),
    )
    kind = KindField(required=False)
    title = serializers.CharField(max_length=400, required=False)
    language = serializers.CharField(max_length=8, required=False)
    title_en = serializers.CharField(max_length=400, required=False, allow_blank=True)
    title_ru = serializers.CharField(max_length=400, required=False, allow_blank=True)
    frbr_work = serializers.CharField(max_length=200, required=False, allow_blank=True)
    gazette = serializers.CharField(max_length=200, required=False, allow_blank=True)
    enacted_on = serializers.DateField(required=False)
    in_force_on = serializers.DateField(required=False, allow_null=True)
    repealed_on = serializers.DateField(required=False, allow_null=True)
    amends = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, allow_null=True
    )
    text = serializers.CharField(required=False, allow_blank=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class NationalCreateInput(NationalUpdateInput):
    version = None  # type: ignore[assignment]
    kind = KindField()
    title = serializers.CharField(max_length=400)
    enacted_on = serializers.DateField()


class NationalListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(NationalFilter),
        responses={200: NationalOutput(many=True), **error_responses(400)},
        summary="The national acts I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(NationalFilter, request)
        acts = filters.filter_queryset(selectors.national_list(actor=acting_user(request)))
        return paginated(self, request, acts, NationalOutput)

    @extend_schema(
        request=NationalCreateInput,
        responses={201: NationalOutput, **error_responses(400, 403)},
        summary="Record a national act of my state",
    )
    def post(self, request: Request) -> Response:
        data = NationalCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        act = services.national_create(
            actor=acting_user(request), released_to=fields.pop("released_to", None), **fields
        )
        return Response(NationalOutput(act).data, status=status.HTTP_201_CREATED)


class NationalDetailApi(APIView):
    @extend_schema(
        responses={200: NationalDetailOutput, **error_responses(404)},
        summary="One national act with the IHL measures it implements",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        act = selectors.national_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=act)
        return Response(NationalDetailOutput(act).data)

    @extend_schema(
        request=NationalUpdateInput,
        responses={200: NationalOutput, **error_responses(400, 403, 404, 409)},
        summary="Change a national act (entry into force, repeal); stale version: 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        act = selectors.national_get(actor=actor, pk=pk)
        data = NationalUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        act = services.national_update(
            actor=actor,
            act=act,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(NationalOutput(act).data)
