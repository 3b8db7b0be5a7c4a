"""Model acts through the API: list (paginated, filtered), detail with versions and
provisions, create, update, provisions, new versions, stage steps. A hidden act answers
404 like a missing one; a step that does not fit the stage, or a stale version, 409."""

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
from accord.legislation.api.filters import ActFilter
from accord.legislation.models import ModelAct, Stage
from accord.legislation.services.acts import TRANSITIONS

StageField = enum_field("ModelActStageEnum", Stage.choices)
ActionField = enum_field("ModelActActionEnum", [(k, k) for k in TRANSITIONS])


class ModelActProvisionOutput(serializers.Serializer):
    eid = serializers.CharField()
    num = serializers.CharField()
    heading_en = serializers.CharField()
    heading_ru = serializers.CharField()
    text_en = serializers.CharField()
    text_ru = serializers.CharField()
    position = serializers.IntegerField()


class ModelActVersionOutput(serializers.Serializer):
    number = serializers.IntegerField()
    note = serializers.CharField()
    provisions = ModelActProvisionOutput(many=True, source="provisions.all")


class ModelActOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    number = serializers.CharField()
    title = serializers.CharField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    summary = serializers.CharField()
    programme_item = serializers.CharField()
    stage = serializers.CharField()
    stage_label = serializers.CharField(source="get_stage_display")
    adopted_on = serializers.DateField(allow_null=True)
    classification = serializers.IntegerField()
    release = serializers.CharField()
    released_to = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_released_to(self, act: ModelAct) -> list[str]:
        return sorted(party.code for party in act.released_to.all())


class ModelActDetailOutput(ModelActOutput):
    versions = serializers.SerializerMethodField()

    def get_versions(self, act: ModelAct) -> list[dict[str, Any]]:
        return ModelActVersionOutput(selectors.versions_of(act), many=True).data  # type: ignore[return-value]


class ModelActUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        help_text=_("The version you read; a stale one answers 409."),
    )
    number = serializers.CharField(max_length=10, required=False)
    title_en = serializers.CharField(max_length=300, required=False)
    title_ru = serializers.CharField(max_length=300, required=False, allow_blank=True)
    summary = serializers.CharField(required=False, allow_blank=True)
    programme_item = serializers.CharField(max_length=100, required=False, allow_blank=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class ModelActCreateInput(ModelActUpdateInput):
    version = None  # type: ignore[assignment]
    number = serializers.CharField(max_length=10)
    title_en = serializers.CharField(max_length=300)


class ModelActProvisionInput(serializers.Serializer):
    eid = serializers.CharField(max_length=100)
    num = serializers.CharField(max_length=30, required=False, allow_blank=True)
    heading_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    heading_ru = serializers.CharField(max_length=300, required=False, allow_blank=True)
    text_en = serializers.CharField(required=False, allow_blank=True)
    text_ru = serializers.CharField(required=False, allow_blank=True)


class ModelActTransitionInput(serializers.Serializer):
    action = ActionField()
    version = serializers.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        help_text=_("The version you read; a stale one answers 409."),
    )
    on = serializers.DateField(required=False, help_text=_("The date of the plenary (adopt)."))


class ModelActVersionInput(serializers.Serializer):
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ActListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(ActFilter),
        responses={200: ModelActOutput(many=True), **error_responses(400)},
        summary="The model acts I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(ActFilter, request)
        acts = filters.filter_queryset(selectors.act_list(actor=acting_user(request)))
        return paginated(self, request, acts, ModelActOutput)

    @extend_schema(
        request=ModelActCreateInput,
        responses={201: ModelActOutput, **error_responses(400, 403)},
        summary="Register a model act (the Secretariat's parliamentary staff)",
    )
    def post(self, request: Request) -> Response:
        data = ModelActCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        act = services.act_create(
            actor=acting_user(request), released_to=fields.pop("released_to", None), **fields
        )
        return Response(ModelActOutput(act).data, status=status.HTTP_201_CREATED)


class ActDetailApi(APIView):
    @extend_schema(
        responses={200: ModelActDetailOutput, **error_responses(404)},
        summary="One model act with its versions and provisions",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        act = selectors.act_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=act)
        return Response(ModelActDetailOutput(act).data)

    @extend_schema(
        request=ModelActUpdateInput,
        responses={200: ModelActOutput, **error_responses(400, 403, 404, 409)},
        summary="Change a model act; a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        act = selectors.act_get(actor=actor, pk=pk)
        data = ModelActUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        act = services.act_update(
            actor=actor,
            act=act,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(ModelActOutput(act).data)


class ActProvisionApi(APIView):
    @extend_schema(
        request=ModelActProvisionInput,
        responses={200: ModelActProvisionOutput, **error_responses(400, 403, 404, 409)},
        summary="Add or change a provision of the act's current version",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        act = selectors.act_get(actor=actor, pk=pk)
        data = ModelActProvisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        provision = services.provision_save(actor=actor, act=act, **data.validated_data)
        return Response(ModelActProvisionOutput(provision).data)


class ActVersionApi(APIView):
    @extend_schema(
        request=ModelActVersionInput,
        responses={201: ModelActVersionOutput, **error_responses(400, 403, 404, 409)},
        summary="Start a new version of a draft act (a copy of the current one)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        act = selectors.act_get(actor=actor, pk=pk)
        data = ModelActVersionInput(data=request.data)
        data.is_valid(raise_exception=True)
        version = services.version_create(actor=actor, act=act, **data.validated_data)
        return Response(ModelActVersionOutput(version).data, status=status.HTTP_201_CREATED)


class ActTransitionApi(APIView):
    @extend_schema(
        request=ModelActTransitionInput,
        responses={200: ModelActOutput, **error_responses(400, 403, 404, 409)},
        summary="Move the act a stage on (adoption takes a proposer and another confirmer)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        act = selectors.act_get(actor=actor, pk=pk)
        data = ModelActTransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        act = services.act_transition(actor=actor, act=act, **data.validated_data)
        return Response(ModelActOutput(act).data)
