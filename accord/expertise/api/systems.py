"""The weapons register: systems a party registers, marked and released like any other
record, and their versions (each modification is a new version)."""

from __future__ import annotations

from typing import Any

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
from accord.expertise import selectors, services
from accord.expertise.api.common import LifecycleStageField, WeaponCategoryField
from accord.expertise.api.filters import SystemFilter
from accord.expertise.api.versions import VersionOutput
from accord.expertise.models import WeaponSystem


class VersionSummaryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    frozen_at = serializers.DateTimeField(
        allow_null=True, help_text=_("Set when a review of the version is submitted.")
    )
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField()


class SystemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    designation = serializers.CharField()
    category = serializers.CharField()
    category_label = serializers.CharField(source="get_category_display")
    description = serializers.CharField()
    stage = serializers.CharField()
    stage_label = serializers.CharField(source="get_stage_display")
    classification = serializers.IntegerField()
    classification_label = serializers.CharField(source="get_classification_display")
    release = serializers.CharField()
    released_to = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField()

    def get_released_to(self, system: WeaponSystem) -> list[str]:
        return sorted(party.code for party in system.released_to.all())


class SystemDetailOutput(SystemOutput):
    versions = VersionSummaryOutput(many=True, source="versions.all")


class SystemUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )
    designation = serializers.CharField(max_length=200, required=False)
    category = WeaponCategoryField(required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    stage = LifecycleStageField(required=False)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class SystemRegisterInput(SystemUpdateInput):
    version = None  # type: ignore[assignment]
    designation = serializers.CharField(max_length=200)
    category = WeaponCategoryField()


class VersionCreateInput(serializers.Serializer):
    label = serializers.CharField(  # type: ignore[assignment]
        max_length=100, required=False, allow_blank=True, default=""
    )


def _with_release_lists(systems: Any) -> Any:
    return systems.prefetch_related("released_to")


class SystemListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(SystemFilter),
        responses={200: SystemOutput(many=True), **error_responses(400)},
        summary="The weapons register: systems I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(SystemFilter, request)
        systems = filters.filter_queryset(selectors.system_list(actor=acting_user(request)))
        return paginated(self, request, _with_release_lists(systems), SystemOutput)

    @extend_schema(
        request=SystemRegisterInput,
        responses={201: SystemDetailOutput, **error_responses(400, 403)},
        summary="Register a system of my party (legal advisers); its first version comes too",
    )
    def post(self, request: Request) -> Response:
        data = SystemRegisterInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        system = services.system_register(
            actor=acting_user(request), released_to=fields.pop("released_to", None), **fields
        )
        return Response(SystemDetailOutput(system).data, status=status.HTTP_201_CREATED)


class SystemDetailApi(APIView):
    @extend_schema(
        responses={200: SystemDetailOutput, **error_responses(404)},
        summary="One system, with its versions (reading a confidential one is audited)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        system = selectors.system_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=system)
        return Response(SystemDetailOutput(system).data)

    @extend_schema(
        request=SystemUpdateInput,
        responses={200: SystemDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Change a system (its owner party's legal advisers); a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        system = selectors.system_get(actor=actor, pk=pk)
        data = SystemUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        system = services.system_update(
            actor=actor,
            system=system,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(SystemDetailOutput(system).data)


class SystemVersionsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: VersionSummaryOutput(many=True), **error_responses(404)},
        summary="The versions of a system",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        system = selectors.system_get(actor=actor, pk=pk)
        versions = selectors.version_list(actor=actor, system=system)
        return paginated(self, request, versions, VersionSummaryOutput)

    @extend_schema(
        request=VersionCreateInput,
        responses={201: VersionOutput, **error_responses(400, 403, 404)},
        summary=(
            "Register a modification: a new version starting from the latest answers "
            "(concluded reviews of earlier versions are marked for re-review)"
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        system = selectors.system_get(actor=actor, pk=pk)
        data = VersionCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        version = services.version_create(
            actor=actor, system=system, label=data.validated_data["label"]
        )
        return Response(VersionOutput(version).data, status=status.HTTP_201_CREATED)
