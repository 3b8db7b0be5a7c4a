"""The bilateral register: agreements a party records, marked and released like any
other record (one the reader may not see answers 404)."""

from __future__ import annotations

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
from accord.law import selectors, services
from accord.law.api.filters import BilateralFilter
from accord.law.models import BilateralAgreement

BilateralStatusField = enum_field("BilateralStatusEnum", BilateralAgreement.Status.choices)


class BilateralOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    counterpart = serializers.CharField(source="counterpart.code")
    title = serializers.CharField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    subject = serializers.CharField()
    signed_on = serializers.DateField(allow_null=True)
    in_force_from = serializers.DateField(allow_null=True)
    in_force_until = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    document_reference = serializers.CharField()
    classification = serializers.IntegerField()
    classification_label = serializers.CharField(source="get_classification_display")
    release = serializers.CharField()
    released_to = serializers.SerializerMethodField()
    notified_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField()

    def get_released_to(self, agreement: BilateralAgreement) -> list[str]:
        return sorted(party.code for party in agreement.released_to.all())


class BilateralUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )
    counterpart = party_field(active_only=True, required=False)
    title_en = serializers.CharField(max_length=300, required=False)
    title_ru = serializers.CharField(max_length=300, required=False, allow_blank=True)
    subject = serializers.CharField(required=False, allow_blank=True)
    signed_on = serializers.DateField(required=False, allow_null=True)
    in_force_from = serializers.DateField(required=False, allow_null=True)
    in_force_until = serializers.DateField(required=False, allow_null=True)
    status = BilateralStatusField(required=False)
    document_reference = serializers.CharField(max_length=300, required=False, allow_blank=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class BilateralRegisterInput(BilateralUpdateInput):
    version = None  # type: ignore[assignment]
    counterpart = party_field(active_only=True)
    title_en = serializers.CharField(max_length=300)


class BilateralListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(BilateralFilter),
        responses={200: BilateralOutput(many=True), **error_responses(400)},
        summary="The bilateral agreements I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(BilateralFilter, request)
        agreements = filters.filter_queryset(selectors.bilateral_list(actor=acting_user(request)))
        return paginated(self, request, agreements, BilateralOutput)

    @extend_schema(
        request=BilateralRegisterInput,
        responses={201: BilateralOutput, **error_responses(400, 403)},
        summary="Register a bilateral agreement of my party (notifies the Secretariat)",
    )
    def post(self, request: Request) -> Response:
        data = BilateralRegisterInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        agreement = services.bilateral_register(
            actor=acting_user(request), released_to=fields.pop("released_to", None), **fields
        )
        return Response(BilateralOutput(agreement).data, status=status.HTTP_201_CREATED)


class BilateralDetailApi(APIView):
    @extend_schema(
        responses={200: BilateralOutput, **error_responses(404)},
        summary="One bilateral agreement (reading a confidential one is audited)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        agreement = selectors.bilateral_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=agreement)
        return Response(BilateralOutput(agreement).data)

    @extend_schema(
        request=BilateralUpdateInput,
        responses={200: BilateralOutput, **error_responses(400, 403, 404, 409)},
        summary="Change a registered agreement (its owner party); a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        agreement = selectors.bilateral_get(actor=actor, pk=pk)
        data = BilateralUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        agreement = services.bilateral_update(
            actor=actor,
            agreement=agreement,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(BilateralOutput(agreement).data)
