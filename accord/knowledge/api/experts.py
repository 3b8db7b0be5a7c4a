"""The expert roster through the API: the experts I may see (filtered by domain,
language, availability), nominate one of my party, one expert, validate (the
Secretariat), change the availability."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import party_field
from accord.core.api.pagination import Pagination, paginated
from accord.core.api.query import validated_query
from accord.core.audit import record_view
from accord.core.models import Classification, Release
from accord.core.permissions import acting_user
from accord.knowledge import selectors, services
from accord.knowledge.models import Expert


class KnowledgeExpertOutput(serializers.Serializer):
    id = serializers.IntegerField()
    party = serializers.CharField(source="owner.code")
    name = serializers.CharField()
    position = serializers.CharField()
    domains = serializers.ListField(source="domain_list", child=serializers.CharField())
    languages = serializers.ListField(source="language_list", child=serializers.CharField())
    clearance = serializers.IntegerField()
    availability = serializers.CharField()
    status = serializers.CharField()
    classification = serializers.IntegerField()
    release = serializers.CharField()
    version = serializers.IntegerField()


class KnowledgeExpertInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    position = serializers.CharField(max_length=200, required=False, allow_blank=True)
    domains = serializers.CharField(max_length=400)
    languages = serializers.CharField(max_length=60)
    clearance = serializers.ChoiceField(choices=Classification.choices, required=False)
    availability = serializers.ChoiceField(choices=Expert.Availability.choices, required=False)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class KnowledgeExpertQuery(serializers.Serializer):
    domain = serializers.CharField(max_length=120, required=False, allow_blank=True)
    language = serializers.CharField(max_length=3, required=False, allow_blank=True)
    availability = serializers.ChoiceField(
        choices=Expert.Availability.choices, required=False, allow_blank=True
    )


class KnowledgeExpertVersionInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class KnowledgeExpertAvailabilityInput(KnowledgeExpertVersionInput):
    availability = serializers.ChoiceField(choices=Expert.Availability.choices)


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class ExpertListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=[KnowledgeExpertQuery],
        responses={200: KnowledgeExpertOutput(many=True), **error_responses(400)},
        summary="The experts I may see (my party's, and the Secretariat sees those listed to it)",
    )
    def get(self, request: Request) -> Response:
        query = validated_query(KnowledgeExpertQuery, request)
        experts = selectors.expert_list(actor=acting_user(request), **query)
        return paginated(self, request, experts, KnowledgeExpertOutput)

    @extend_schema(
        request=KnowledgeExpertInput,
        responses={201: KnowledgeExpertOutput, **error_responses(400, 403)},
        summary="Nominate an expert of my party",
    )
    def post(self, request: Request) -> Response:
        expert = services.expert_nominate(
            actor=acting_user(request), **_valid(KnowledgeExpertInput, request)
        )
        return Response(KnowledgeExpertOutput(expert).data, status=status.HTTP_201_CREATED)


class ExpertDetailApi(APIView):
    @extend_schema(
        responses={200: KnowledgeExpertOutput, **error_responses(404)},
        summary="One expert",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        expert = selectors.expert_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=expert)
        return Response(KnowledgeExpertOutput(expert).data)


class ExpertValidateApi(APIView):
    @extend_schema(
        request=KnowledgeExpertVersionInput,
        responses={200: KnowledgeExpertOutput, **error_responses(400, 403, 404, 409)},
        summary="Validate a nominated expert (the Secretariat's lessons manager)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        expert = selectors.expert_get(actor=actor, pk=pk)
        fields = _valid(KnowledgeExpertVersionInput, request)
        expert = services.expert_validate(actor=actor, expert=expert, **fields)
        return Response(KnowledgeExpertOutput(expert).data)


class ExpertAvailabilityApi(APIView):
    @extend_schema(
        request=KnowledgeExpertAvailabilityInput,
        responses={200: KnowledgeExpertOutput, **error_responses(400, 403, 404, 409)},
        summary="Change an expert's availability (the nominating party)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        expert = selectors.expert_get(actor=actor, pk=pk)
        fields = _valid(KnowledgeExpertAvailabilityInput, request)
        expert = services.expert_set_availability(actor=actor, expert=expert, **fields)
        return Response(KnowledgeExpertOutput(expert).data)
