"""Knowledge items through the API: the list and search (paginated, filtered, with facet
counts), detail, submit or publish, edit, and the lifecycle's steps. An item the reader
may not see answers 404 like a missing one; a stale version or a refused step 409; bad
input 400 naming the field."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
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
from accord.knowledge import selectors, services
from accord.knowledge.api.filters import ItemFilter, criteria_of
from accord.knowledge.models import Area, Kind, KnowledgeItem, SolutionType


class KnowledgeActionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    lesson = serializers.IntegerField(source="lesson_id")
    action_body = serializers.CharField(source="action_body.code")
    description = serializers.CharField()
    due_on = serializers.DateField()
    status = serializers.CharField()
    outcome = serializers.CharField()
    version = serializers.IntegerField()


class KnowledgeItemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    kind = serializers.CharField()
    stage = serializers.CharField()
    title = serializers.CharField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    summary_en = serializers.CharField()
    summary_ru = serializers.CharField()
    areas = serializers.ListField(source="area_list", child=serializers.CharField())
    topic = serializers.CharField()
    solution_type = serializers.CharField()
    classification = serializers.IntegerField()
    release = serializers.CharField()
    released_to = serializers.SerializerMethodField()
    review_due = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()
    version = serializers.IntegerField()

    def get_released_to(self, item: KnowledgeItem) -> list[str]:
        return sorted(party.code for party in item.released_to.all())


class KnowledgeItemDetailOutput(KnowledgeItemOutput):
    body = serializers.CharField()
    ip_note = serializers.CharField()
    root_cause = serializers.CharField()
    recommendation = serializers.CharField()
    validation_result = serializers.CharField()
    rejection_reason = serializers.CharField()
    actions = KnowledgeActionOutput(many=True, source="actions.all")


AreaField = enum_field("KnowledgeArea", Area.choices)


class KnowledgeItemUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )
    title_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    title_ru = serializers.CharField(max_length=300, required=False, allow_blank=True)
    summary_en = serializers.CharField(required=False, allow_blank=True)
    summary_ru = serializers.CharField(required=False, allow_blank=True)
    body = serializers.CharField(required=False, allow_blank=True)
    areas = serializers.ListField(child=AreaField(), required=False)
    topic = serializers.CharField(max_length=120, required=False, allow_blank=True)
    solution_type = serializers.ChoiceField(
        choices=SolutionType.choices, required=False, allow_blank=True
    )
    ip_note = serializers.CharField(required=False, allow_blank=True)
    review_due = serializers.DateField(required=False, allow_null=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class KnowledgeItemCreateInput(KnowledgeItemUpdateInput):
    version = None  # type: ignore[assignment]
    kind = serializers.ChoiceField(choices=Kind.choices, default=Kind.OBSERVATION)
    areas = serializers.ListField(child=AreaField(), allow_empty=False)


class KnowledgeVersionInput(serializers.Serializer):
    version = serializers.IntegerField()


class KnowledgeRejectInput(KnowledgeVersionInput):
    reason = serializers.CharField()


class KnowledgeIdentifyInput(KnowledgeVersionInput):
    root_cause = serializers.CharField()
    recommendation = serializers.CharField()


class KnowledgeValidateInput(KnowledgeVersionInput):
    result = serializers.CharField()


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class ItemListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(ItemFilter),
        responses={200: KnowledgeItemOutput(many=True), **error_responses(400)},
        summary="The knowledge items I may see (with search words and facet values)",
    )
    def get(self, request: Request) -> Response:
        criteria = criteria_of(filter_query(ItemFilter, request))
        items = selectors.item_search(actor=acting_user(request), criteria=criteria)
        return paginated(self, request, items, KnowledgeItemOutput)

    @extend_schema(
        request=KnowledgeItemCreateInput,
        responses={201: KnowledgeItemDetailOutput, **error_responses(400, 403)},
        summary="Submit an observation, or publish another kind of item, of my party",
    )
    def post(self, request: Request) -> Response:
        fields = _valid(KnowledgeItemCreateInput, request)
        item = services.item_create(
            actor=acting_user(request), released_to=fields.pop("released_to", None), **fields
        )
        return Response(KnowledgeItemDetailOutput(item).data, status=status.HTTP_201_CREATED)


FacetRow = inline_serializer(
    "KnowledgeFacetRow",
    {
        "value": serializers.CharField(),
        "label": serializers.CharField(),
        "count": serializers.IntegerField(),
    },
)


class KnowledgeFacetsOutput(serializers.Serializer):
    area = serializers.SerializerMethodField()
    kind = serializers.SerializerMethodField()
    topic = serializers.SerializerMethodField()
    party = serializers.SerializerMethodField()
    solution_type = serializers.SerializerMethodField()

    @staticmethod
    def _rows(rows: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
        return [{"value": v, "label": label, "count": n} for v, label, n in rows]

    def get_area(self, facets: Any) -> list[dict[str, Any]]:
        return self._rows(facets.area)

    def get_kind(self, facets: Any) -> list[dict[str, Any]]:
        return self._rows(facets.kind)

    def get_topic(self, facets: Any) -> list[dict[str, Any]]:
        return self._rows(facets.topic)

    def get_party(self, facets: Any) -> list[dict[str, Any]]:
        return self._rows(facets.party)

    def get_solution_type(self, facets: Any) -> list[dict[str, Any]]:
        return self._rows(facets.solution_type)


class FacetsApi(APIView):
    @extend_schema(
        parameters=filter_parameters(ItemFilter),
        responses={200: KnowledgeFacetsOutput, **error_responses(400)},
        summary="Facet counts of a search, over the items I may see only",
    )
    def get(self, request: Request) -> Response:
        criteria = criteria_of(filter_query(ItemFilter, request))
        facets = selectors.item_facets(actor=acting_user(request), criteria=criteria)
        return Response(KnowledgeFacetsOutput(facets).data)


class KnowledgeSuggestQuery(serializers.Serializer):
    q = serializers.CharField(max_length=100, allow_blank=True)


class SuggestApi(APIView):
    @extend_schema(
        parameters=[KnowledgeSuggestQuery],
        responses={
            200: {"type": "array", "items": {"type": "string"}},
            **error_responses(400),
        },
        summary="Titles of the items I may see starting with what I typed",
    )
    def get(self, request: Request) -> Response:
        query = KnowledgeSuggestQuery(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        titles = selectors.item_suggest(actor=acting_user(request), text=query.validated_data["q"])
        return Response(titles)


class ItemDetailApi(APIView):
    @extend_schema(
        responses={200: KnowledgeItemDetailOutput, **error_responses(404)},
        summary="One item (reading a confidential one is audited)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        item = selectors.item_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=item)
        return Response(KnowledgeItemDetailOutput(item).data)

    @extend_schema(
        request=KnowledgeItemUpdateInput,
        responses={200: KnowledgeItemDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Change an item; a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        item = selectors.item_get(actor=actor, pk=pk)
        fields = _valid(KnowledgeItemUpdateInput, request)
        item = services.item_update(
            actor=actor,
            item=item,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(KnowledgeItemDetailOutput(item).data)


class RelatedApi(APIView):
    @extend_schema(
        responses={200: KnowledgeItemOutput(many=True), **error_responses(404)},
        summary="Items related to this one (same topic or area), among those I may see",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        item = selectors.item_get(actor=actor, pk=pk)
        return Response(
            KnowledgeItemOutput(selectors.item_related(actor=actor, item=item), many=True).data
        )


def _step_view(
    input_class: type[serializers.Serializer], service: Any, summary: str
) -> type[APIView]:
    class StepApi(APIView):
        @extend_schema(
            request=input_class,
            responses={200: KnowledgeItemDetailOutput, **error_responses(400, 403, 404, 409)},
            summary=summary,
        )
        def post(self, request: Request, pk: int) -> Response:
            actor = acting_user(request)
            item = selectors.item_get(actor=actor, pk=pk)
            fields = _valid(input_class, request)
            item = service(actor=actor, item=item, **fields)
            return Response(KnowledgeItemDetailOutput(item).data)

    StepApi.__name__ = StepApi.__qualname__ = f"{service.__name__.title().replace('_', '')}Api"
    return StepApi


VerifyApi = _step_view(
    KnowledgeVersionInput, services.item_verify, "Verify a submitted observation"
)
RejectApi = _step_view(
    KnowledgeRejectInput, services.item_reject, "Reject (archive) a submitted observation"
)
IdentifyApi = _step_view(
    KnowledgeIdentifyInput, services.item_identify, "Record the analysis: a lesson identified"
)
ValidateApi = _step_view(
    KnowledgeValidateInput, services.item_validate, "Record the validation result"
)
LearnApi = _step_view(
    KnowledgeVersionInput,
    services.item_learn,
    "Call the lesson learned (409 unless its actions are done and it is validated)",
)


class KnowledgeActionInput(serializers.Serializer):
    action_body = party_field(active_only=True)
    description = serializers.CharField()
    due_on = serializers.DateField()


class KnowledgeActionCloseInput(KnowledgeVersionInput):
    status = serializers.ChoiceField(choices=[("done", "done"), ("cancelled", "cancelled")])
    outcome = serializers.CharField(required=False, allow_blank=True)


class ItemActionsApi(APIView):
    @extend_schema(
        responses={200: KnowledgeActionOutput(many=True), **error_responses(404)},
        summary="The remedial actions of a lesson",
    )
    def get(self, request: Request, pk: int) -> Response:
        item = selectors.item_get(actor=acting_user(request), pk=pk)
        return Response(
            KnowledgeActionOutput(item.actions.select_related("action_body"), many=True).data
        )

    @extend_schema(
        request=KnowledgeActionInput,
        responses={201: KnowledgeActionOutput, **error_responses(400, 403, 404, 409)},
        summary="Task a remedial action of a lesson identified to an action body",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        item = selectors.item_get(actor=actor, pk=pk)
        action = services.action_add(
            actor=actor, lesson=item, **_valid(KnowledgeActionInput, request)
        )
        return Response(KnowledgeActionOutput(action).data, status=status.HTTP_201_CREATED)


class ActionCloseApi(APIView):
    @extend_schema(
        request=KnowledgeActionCloseInput,
        responses={200: KnowledgeActionOutput, **error_responses(400, 403, 404, 409)},
        summary="Close a remedial action as done or cancelled",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        action = selectors.action_get(actor=actor, pk=pk)
        action = services.action_close(
            actor=actor, action=action, **_valid(KnowledgeActionCloseInput, request)
        )
        return Response(KnowledgeActionOutput(action).data)


class OverdueApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: KnowledgeActionOutput(many=True), **error_responses(400)},
        summary="Open remedial actions past their due date, of the lessons I may see",
    )
    def get(self, request: Request) -> Response:
        actions = selectors.overdue_actions(actor=acting_user(request))
        return paginated(self, request, actions, KnowledgeActionOutput)


class KnowledgeDisseminationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    recipient = serializers.CharField(source="recipient.code")
    release = serializers.CharField()
    classification = serializers.IntegerField()
    item_version = serializers.IntegerField()
    note = serializers.CharField()
    sent_at = serializers.DateTimeField()


class KnowledgeDisseminationInput(serializers.Serializer):
    recipients = party_field(active_only=True, many=True)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class DisseminationApi(APIView):
    @extend_schema(
        responses={200: KnowledgeDisseminationOutput(many=True), **error_responses(404)},
        summary="The dissemination log of an item (my party's deliveries, or all for its owner)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        item = selectors.item_get(actor=actor, pk=pk)
        entries = selectors.dissemination_log(actor=actor, item=item)
        return Response(KnowledgeDisseminationOutput(entries, many=True).data)

    @extend_schema(
        request=KnowledgeDisseminationInput,
        responses={
            201: KnowledgeDisseminationOutput(many=True),
            **error_responses(400, 403, 404),
        },
        summary="Record that the item was sent to parties its release reaches",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        item = selectors.item_get(actor=actor, pk=pk)
        fields = _valid(KnowledgeDisseminationInput, request)
        entries = services.item_disseminate(
            actor=actor,
            item=item,
            recipients=list(fields["recipients"]),
            note=fields.get("note", ""),
        )
        return Response(
            KnowledgeDisseminationOutput(entries, many=True).data, status=status.HTTP_201_CREATED
        )
