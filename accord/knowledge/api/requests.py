"""Requests for information through the API: list, send, detail (with the answers the
reader may see, each with its own marking), answer, close, turn into an item, and the
per-party response times."""

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
from accord.core.audit import record_view
from accord.core.models import Classification, Release
from accord.core.permissions import acting_user
from accord.knowledge import selectors, services
from accord.knowledge.api.items import AreaField, KnowledgeItemDetailOutput
from accord.knowledge.models import InformationRequest


class KnowledgeAnswerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    party = serializers.CharField(source="owner.code")
    text = serializers.CharField()
    classification = serializers.IntegerField()
    release = serializers.CharField()
    answered_at = serializers.DateTimeField()


class KnowledgeRequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    requester = serializers.CharField(source="owner.code")
    title = serializers.CharField()
    question = serializers.CharField()
    due_on = serializers.DateField()
    status = serializers.CharField()
    addressees = serializers.SerializerMethodField()
    classification = serializers.IntegerField()
    item = serializers.IntegerField(source="item_id", allow_null=True)
    version = serializers.IntegerField()

    def get_addressees(self, request: InformationRequest) -> list[str]:
        return sorted(p.code for p in request.addressees.all())


class KnowledgeRequestDetailOutput(KnowledgeRequestOutput):
    answers = serializers.SerializerMethodField()

    def get_answers(self, request: InformationRequest) -> list[dict[str, Any]]:
        actor = self.context["actor"]
        return list(
            KnowledgeAnswerOutput(
                selectors.answers_of(actor=actor, request=request), many=True
            ).data
        )


class KnowledgeRequestInput(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    question = serializers.CharField()
    due_on = serializers.DateField()
    addressees = party_field(active_only=True, many=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)


class KnowledgeAnswerInput(serializers.Serializer):
    text = serializers.CharField()
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class KnowledgeToItemInput(serializers.Serializer):
    areas = serializers.ListField(child=AreaField(), allow_empty=False)


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class RequestListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: KnowledgeRequestOutput(many=True), **error_responses(400)},
        summary="The requests for information I may see (mine and those sent to my party)",
    )
    def get(self, request: Request) -> Response:
        return paginated(
            self,
            request,
            selectors.request_list(actor=acting_user(request)),
            KnowledgeRequestOutput,
        )

    @extend_schema(
        request=KnowledgeRequestInput,
        responses={201: KnowledgeRequestOutput, **error_responses(400, 403)},
        summary="Send a request for information to other parties",
    )
    def post(self, request: Request) -> Response:
        sent = services.request_send(
            actor=acting_user(request), **_valid(KnowledgeRequestInput, request)
        )
        return Response(KnowledgeRequestOutput(sent).data, status=status.HTTP_201_CREATED)


class RequestDetailApi(APIView):
    @extend_schema(
        responses={200: KnowledgeRequestDetailOutput, **error_responses(404)},
        summary="One request, with the answers I may see",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        rfi = selectors.request_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=rfi)
        return Response(KnowledgeRequestDetailOutput(rfi, context={"actor": actor}).data)


class RequestAnswerApi(APIView):
    @extend_schema(
        request=KnowledgeAnswerInput,
        responses={201: KnowledgeAnswerOutput, **error_responses(400, 403, 404, 409)},
        summary="Answer a request sent to my party, with the answer's own marking",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        rfi = selectors.request_get(actor=actor, pk=pk)
        answer = services.answer_add(
            actor=actor, request=rfi, **_valid(KnowledgeAnswerInput, request)
        )
        return Response(KnowledgeAnswerOutput(answer).data, status=status.HTTP_201_CREATED)


class RequestCloseApi(APIView):
    @extend_schema(
        request=None,
        responses={200: KnowledgeRequestOutput, **error_responses(403, 404, 409)},
        summary="Close my party's request",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        rfi = selectors.request_get(actor=actor, pk=pk)
        return Response(
            KnowledgeRequestOutput(services.request_close(actor=actor, request=rfi)).data
        )


class RequestToItemApi(APIView):
    @extend_schema(
        request=KnowledgeToItemInput,
        responses={201: KnowledgeItemDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Turn my party's answered request into a knowledge item",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        rfi = selectors.request_get(actor=actor, pk=pk)
        item = services.request_to_item(
            actor=actor, request=rfi, **_valid(KnowledgeToItemInput, request)
        )
        return Response(KnowledgeItemDetailOutput(item).data, status=status.HTTP_201_CREATED)


class KnowledgePartyTimesOutput(serializers.Serializer):
    party = serializers.CharField()
    sent = serializers.IntegerField()
    answered = serializers.IntegerField()
    on_time = serializers.IntegerField()
    overdue = serializers.IntegerField()
    median_days = serializers.FloatField(allow_null=True)


class ResponseTimesApi(APIView):
    @extend_schema(
        responses={200: KnowledgePartyTimesOutput(many=True)},
        summary="Per-party response times over the requests and answers I may see",
    )
    def get(self, request: Request) -> Response:
        rows = selectors.request_response_times(actor=acting_user(request))
        return Response(KnowledgePartyTimesOutput(rows, many=True).data)
