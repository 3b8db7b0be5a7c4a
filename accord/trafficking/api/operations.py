"""Joint operations over the API: the list, creating one, reading and editing it, its
status, participants, linked incidents and after-action figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
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
from accord.trafficking.api.filters import OperationFilter
from accord.trafficking.models import Operation
from accord.trafficking.selectors import operations as selectors
from accord.trafficking.services import operations as services

StatusField = enum_field("OperationStatusEnum", Operation.Status.choices)


# --- Serializers -----------------------------------------------------------------------------


class OperationParticipantOutput(serializers.Serializer):
    party = serializers.CharField(source="party.code")
    agencies = serializers.CharField()


class OperationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    lead_party = serializers.CharField(source="owner.code")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    area = serializers.CharField()
    objectives = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    participants = OperationParticipantOutput(many=True, source="participants.all")
    classification = serializers.IntegerField()
    release = serializers.CharField()
    version = serializers.IntegerField()


class OperationDetailOutput(OperationOutput):
    after_action_summary = serializers.CharField()
    released_to = serializers.SerializerMethodField()

    def get_released_to(self, operation: Operation) -> list[str]:
        return sorted(p.code for p in operation.released_to.all())


class OperationUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )
    name = serializers.CharField(max_length=200, required=False)
    code = serializers.CharField(max_length=40, required=False)
    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False, allow_null=True)
    area = serializers.CharField(required=False, allow_blank=True)
    objectives = serializers.CharField(required=False, allow_blank=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class OperationCreateInput(OperationUpdateInput):
    version = None  # type: ignore[assignment]
    name = serializers.CharField(max_length=200)
    code = serializers.CharField(max_length=40)
    starts_on = serializers.DateField()
    agencies = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Your party's agencies.")
    )


class OperationStatusInput(serializers.Serializer):
    status = StatusField()
    version = serializers.IntegerField(required=False)


class OperationSummaryInput(serializers.Serializer):
    after_action_summary = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField()


class OperationParticipantInput(serializers.Serializer):
    party = party_field(active_only=True)
    agencies = serializers.CharField(required=False, allow_blank=True, default="")


class OperationParticipantRemoveInput(serializers.Serializer):
    party = party_field()


class OperationIncidentInput(serializers.Serializer):
    incident = serializers.IntegerField(help_text=_("The id of an incident you may see."))


class OperationIncidentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    reporting_party = serializers.CharField(source="owner.code")
    kind = serializers.CharField()
    occurred_on = serializers.DateField()
    country = serializers.CharField()
    status = serializers.CharField()
    items = serializers.IntegerField(source="item_count")


class OperationKindCountOutput(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()


class OperationFiguresOutput(serializers.Serializer):
    incidents = serializers.IntegerField()
    incidents_by_kind = OperationKindCountOutput(many=True)
    seizures = serializers.IntegerField()
    item_records = serializers.IntegerField()
    items = serializers.IntegerField(help_text=_("Quantity of items in the linked incidents."))
    items_seized = serializers.IntegerField()
    entities = serializers.IntegerField()
    tracing_requests = serializers.IntegerField()
    tracing_answered = serializers.IntegerField()


# --- Views -----------------------------------------------------------------------------------


def _detail(actor: Any, pk: Any) -> Operation:
    return selectors.operation_get(actor=actor, pk=pk)


class OperationListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(OperationFilter),
        responses={200: OperationOutput(many=True), **error_responses(400)},
        summary="Joint operations I may see (led by my party, taking part, or released to it)",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(OperationFilter, request)
        arguments = filters.selector_arguments()
        if "q" in arguments:
            arguments["query"] = arguments.pop("q")
        rows = selectors.operation_list(actor=acting_user(request), **arguments)
        return paginated(self, request, filters.filter_queryset(rows), OperationOutput)

    @extend_schema(
        request=OperationCreateInput,
        responses={201: OperationDetailOutput, **error_responses(400, 403)},
        summary="Plan a joint operation led by my party (customs officers)",
    )
    def post(self, request: Request) -> Response:
        data = OperationCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        actor = acting_user(request)
        operation = services.operation_create(
            actor=actor,
            released_to=fields.pop("released_to", None),
            agencies=fields.pop("agencies", ""),
            **fields,
        )
        return Response(
            OperationDetailOutput(_detail(actor, operation.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class OperationDetailApi(APIView):
    @extend_schema(
        responses={200: OperationDetailOutput, **error_responses(404)},
        summary="One joint operation (reading a confidential one is audited)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        operation = _detail(actor, pk)
        record_view(actor=actor, obj=operation)
        return Response(OperationDetailOutput(operation).data)

    @extend_schema(
        request=OperationUpdateInput,
        responses={200: OperationDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Change an operation (the lead party's officers); a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        operation = _detail(actor, pk)
        data = OperationUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        services.operation_update(
            actor=actor,
            operation=operation,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(OperationDetailOutput(_detail(actor, pk)).data)


class OperationStatusApi(APIView):
    @extend_schema(
        request=OperationStatusInput,
        responses={200: OperationDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Move an operation: planned → active → concluded, or cancelled",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        operation = _detail(actor, pk)
        data = OperationStatusInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.operation_set_status(
            actor=actor,
            operation=operation,
            status=data.validated_data["status"],
            version=data.validated_data.get("version"),
        )
        return Response(OperationDetailOutput(_detail(actor, pk)).data)


class OperationSummaryApi(APIView):
    @extend_schema(
        request=OperationSummaryInput,
        responses={200: OperationDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Write the after-action summary (its figures are computed: see /figures/)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        operation = _detail(actor, pk)
        data = OperationSummaryInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.operation_summarise(actor=actor, operation=operation, **data.validated_data)
        return Response(OperationDetailOutput(_detail(actor, pk)).data)


class OperationParticipantsApi(APIView):
    @extend_schema(
        request=OperationParticipantInput,
        responses={200: OperationDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Add a participating party, or change the agencies it commits",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        operation = _detail(actor, pk)
        data = OperationParticipantInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.participant_add(actor=actor, operation=operation, **data.validated_data)
        return Response(OperationDetailOutput(_detail(actor, pk)).data)

    @extend_schema(
        request=OperationParticipantRemoveInput,
        responses={200: OperationDetailOutput, **error_responses(400, 403, 404, 409)},
        summary="Remove a participating party (not the lead; no incidents of it linked)",
    )
    def delete(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        operation = _detail(actor, pk)
        data = OperationParticipantRemoveInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.participant_remove(actor=actor, operation=operation, **data.validated_data)
        return Response(OperationDetailOutput(_detail(actor, pk)).data)


class OperationIncidentsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: OperationIncidentOutput(many=True), **error_responses(404)},
        summary="The incidents linked to an operation that I may see (a page of them)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        operation = _detail(actor, pk)
        rows = selectors.operation_incidents(actor=actor, operation=operation)
        return paginated(self, request, rows, OperationIncidentOutput)

    @extend_schema(
        request=OperationIncidentInput,
        responses={200: OperationIncidentOutput(many=True), **error_responses(400, 403, 404, 409)},
        summary="Link an incident reported by a participating party to the operation",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        operation = _detail(actor, pk)
        data = OperationIncidentInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.operation_link_incident(
            actor=actor, operation=operation, incident=data.validated_data["incident"]
        )
        rows = selectors.operation_incidents(actor=actor, operation=operation)
        return Response(OperationIncidentOutput(rows, many=True).data)

    @extend_schema(
        request=OperationIncidentInput,
        responses={200: OperationIncidentOutput(many=True), **error_responses(400, 403, 404)},
        summary="Unlink an incident from the operation",
    )
    def delete(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        operation = _detail(actor, pk)
        data = OperationIncidentInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.operation_unlink_incident(
            actor=actor, operation=operation, incident=data.validated_data["incident"]
        )
        rows = selectors.operation_incidents(actor=actor, operation=operation)
        return Response(OperationIncidentOutput(rows, many=True).data)


class OperationLinkableIncidentsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: OperationIncidentOutput(many=True), **error_responses(404)},
        summary=(
            "Incidents I could link to the operation: visible to me, not linked yet, reported "
            "by a participating party (my own party's only, unless my party leads it)"
        ),
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        operation = _detail(actor, pk)
        rows = selectors.linkable_incidents(actor=actor, operation=operation).annotate(
            item_count=Count("items", distinct=True)
        )
        return paginated(self, request, rows, OperationIncidentOutput)


class OperationFiguresApi(APIView):
    @extend_schema(
        responses={200: OperationFiguresOutput, **error_responses(404)},
        summary="After-action figures, computed from the records I may see",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        operation = _detail(actor, pk)
        figures = selectors.after_action_figures(actor=actor, operation=operation)
        return Response(OperationFiguresOutput(figures).data)
