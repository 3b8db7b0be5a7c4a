"""Facilities, assessments, improvement plans, aggregates: API.

One APIView per operation; every write goes through `services.facilities`, every read
through `selectors.facilities` (what the actor may not see answers 404).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import party_field
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.models import Classification, Release
from accord.core.permissions import acting_user
from accord.standards.api.filters import ActionFilter, FacilityFilter
from accord.standards.domain import scoring
from accord.standards.models import Action, AssessmentAnswer, Facility
from accord.standards.selectors import facilities as selectors
from accord.standards.services import facilities as services

# --- Serializers -----------------------------------------------------------------------------


class FacilityOutput(serializers.Serializer):
    id = serializers.IntegerField()
    owner = serializers.CharField(source="owner.code")
    name = serializers.CharField()
    sector = serializers.CharField()
    protection_class = serializers.CharField()
    region = serializers.CharField()
    country = serializers.CharField()
    description = serializers.CharField()
    classification = serializers.IntegerField()
    release = serializers.CharField()
    released_to = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_released_to(self, facility: Facility) -> list[str]:
        return sorted(party.code for party in facility.released_to.all())


class FacilityUpdateInput(serializers.Serializer):
    version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )
    name = serializers.CharField(max_length=200, required=False)
    sector = serializers.ChoiceField(choices=Facility.Sector.choices, required=False)
    protection_class = serializers.CharField(max_length=16, required=False)
    region = serializers.CharField(max_length=200, required=False, allow_blank=True)
    country = serializers.CharField(max_length=100, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)
    released_to = party_field(active_only=True, many=True, required=False)


class FacilityRegisterInput(FacilityUpdateInput):
    version = None  # type: ignore[assignment]
    name = serializers.CharField(max_length=200)
    sector = serializers.ChoiceField(choices=Facility.Sector.choices)
    protection_class = serializers.CharField(max_length=16)


class AnswerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    clause = serializers.IntegerField(source="clause_id")
    clause_uid = serializers.CharField(source="clause.uid")
    clause_number = serializers.CharField(source="clause.number")
    status = serializers.CharField()
    maturity = serializers.IntegerField()
    justification = serializers.CharField()
    notes = serializers.CharField()
    carried_over_from = serializers.IntegerField(source="carried_over_from_id", allow_null=True)
    version = serializers.IntegerField()
    evidence = serializers.SerializerMethodField()

    def get_evidence(self, answer: AssessmentAnswer) -> list[dict[str, Any]]:
        return [
            {
                "id": e.pk,
                "title": e.title,
                "file_name": e.file_name,
                "sha256": e.sha256,
                "size": e.size,
            }
            for e in answer.evidence.all()
        ]


class AssessmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    facility = serializers.IntegerField(source="facility_id")
    standard_version = serializers.IntegerField(source="standard_version_id")
    standard = serializers.CharField(source="standard_version.standard.code")
    version_number = serializers.IntegerField(source="standard_version.number")
    protection_class = serializers.CharField()
    state = serializers.CharField()
    previous = serializers.IntegerField(source="previous_id", allow_null=True)
    score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    started_at = serializers.DateTimeField()
    completed_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()


class AssessmentDetailOutput(AssessmentOutput):
    carry_over = serializers.JSONField()
    answered = serializers.IntegerField()
    total = serializers.IntegerField()
    progress = serializers.IntegerField()
    answers = AnswerOutput(many=True)


class StartInput(serializers.Serializer):
    standard_version = serializers.IntegerField()


class ReassessInput(serializers.Serializer):
    standard_version = serializers.IntegerField(
        required=False, help_text=_("By default the latest adopted version of the standard.")
    )


class AnswerInput(serializers.Serializer):
    clause = serializers.IntegerField()
    expected_version = serializers.IntegerField(
        default=0, help_text=_("The answer's version you read; 0 when it had no answer.")
    )
    status = serializers.ChoiceField(choices=AssessmentAnswer.Status.choices)
    maturity = serializers.IntegerField(min_value=0, max_value=5, default=0)
    justification = serializers.CharField(required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class VersionInput(serializers.Serializer):
    version = serializers.IntegerField(
        help_text=_("The version you read; a stale one answers 409.")
    )


class EvidenceInput(serializers.Serializer):
    file = serializers.FileField()
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ActionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    assessment = serializers.IntegerField(source="assessment_id")
    answer = serializers.IntegerField(source="answer_id", allow_null=True)
    title = serializers.CharField()
    description = serializers.CharField()
    owner_name = serializers.CharField()
    owner_user = serializers.IntegerField(source="owner_user_id", allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    overdue = serializers.BooleanField(source="is_overdue")
    version = serializers.IntegerField()


class ActionUpdateInput(serializers.Serializer):
    version = serializers.IntegerField()
    title = serializers.CharField(max_length=300, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    owner_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    owner_user = serializers.IntegerField(required=False, allow_null=True)
    due_date = serializers.DateField(required=False, allow_null=True)
    answer = serializers.IntegerField(required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # A partial update still needs the version read (DRF's partial skips "required").
        if "version" in self.fields and "version" not in attrs:
            raise serializers.ValidationError(
                {"version": [self.fields["version"].error_messages["required"]]}
            )
        return attrs


class ActionCreateInput(ActionUpdateInput):
    version = None  # type: ignore[assignment]
    title = serializers.CharField(max_length=300)


class ActionStatusInput(serializers.Serializer):
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Action.Status.choices)


class AggregateQuery(serializers.Serializer):
    version = serializers.IntegerField(required=False)


# --- Facilities ------------------------------------------------------------------------------


class FacilityListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(FacilityFilter),
        responses={200: FacilityOutput(many=True), **error_responses(400)},
        summary="Facilities I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(FacilityFilter, request)
        rows = selectors.facility_list(actor=acting_user(request)).prefetch_related("released_to")
        return paginated(self, request, filters.filter_queryset(rows), FacilityOutput)

    @extend_schema(
        request=FacilityRegisterInput,
        responses={201: FacilityOutput, **error_responses(400, 403)},
        summary="Register a facility of my party (facility assessors); CONFIDENTIAL, OWNER",
    )
    def post(self, request: Request) -> Response:
        data = FacilityRegisterInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        facility = services.facility_register(
            actor=acting_user(request), released_to=fields.pop("released_to", None), **fields
        )
        return Response(FacilityOutput(facility).data, status=status.HTTP_201_CREATED)


class FacilityDetailApi(APIView):
    @extend_schema(responses={200: FacilityOutput, **error_responses(404)}, summary="One facility")
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            FacilityOutput(selectors.facility_get(actor=acting_user(request), pk=pk)).data
        )

    @extend_schema(
        request=FacilityUpdateInput,
        responses={200: FacilityOutput, **error_responses(400, 403, 404, 409)},
        summary="Change a facility; a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        facility = selectors.facility_get(actor=actor, pk=pk, audit=False)
        data = FacilityUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        facility = services.facility_update(
            actor=actor,
            facility=facility,
            version=fields.pop("version"),
            released_to=fields.pop("released_to", None),
            **fields,
        )
        return Response(FacilityOutput(facility).data)


class FacilityAssessmentsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: AssessmentOutput(many=True), **error_responses(404)},
        summary="A facility's assessments, newest first",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        facility = selectors.facility_get(actor=actor, pk=pk, audit=False)
        rows = selectors.assessment_list(actor=actor, facility=facility)
        return paginated(self, request, rows, AssessmentOutput)

    @extend_schema(
        request=StartInput,
        responses={201: AssessmentDetailOutput, **error_responses(400, 403, 404, 409)},
        summary=(
            "Start an assessment against an adopted version at the facility's class "
            "(after a complete one it is a reassessment: unchanged answers carry over)"
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        facility = selectors.facility_get(actor=actor, pk=pk, audit=False)
        data = StartInput(data=request.data)
        data.is_valid(raise_exception=True)
        assessment = services.assessment_start(
            actor=actor, facility=facility, standard_version=data.validated_data["standard_version"]
        )
        return Response(_detail(assessment), status=status.HTTP_201_CREATED)


# --- Assessments -----------------------------------------------------------------------------


def _detail(assessment: Any) -> Any:
    """The detail body (AssessmentDetailOutput): the assessment, progress, answers."""
    answered, total = selectors.assessment_progress(assessment)
    position = selectors.document_positions(assessment.standard_version_id)
    answers = sorted(
        AssessmentAnswer.objects.filter(assessment=assessment)
        .select_related("clause")
        .prefetch_related("evidence"),
        key=lambda answer: position.get(answer.clause_id, 0),
    )
    return {
        **AssessmentOutput(assessment).data,
        "carry_over": assessment.carry_over,
        "answered": answered,
        "total": total,
        "progress": scoring.progress(answered, total),
        "answers": AnswerOutput(answers, many=True).data,
    }


class AssessmentDetailApi(APIView):
    @extend_schema(
        responses={200: AssessmentDetailOutput, **error_responses(404)},
        summary="One assessment with its answers and progress",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(selectors.assessment_get(actor=acting_user(request), pk=pk)))


class AnswerSaveApi(APIView):
    @extend_schema(
        request=AnswerInput,
        responses={200: AnswerOutput, **error_responses(400, 403, 404, 409)},
        summary="Save the answer to one requirement (autosave); a stale version answers 409",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        assessment = selectors.assessment_get(actor=actor, pk=pk, audit=False)
        data = AnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        answer = services.answer_save(
            actor=actor,
            assessment=assessment,
            clause=fields.pop("clause"),
            expected_version=fields.pop("expected_version"),
            **fields,
        )
        return Response(AnswerOutput(answer).data)


class AssessmentCompleteApi(APIView):
    @extend_schema(
        request=VersionInput,
        responses={200: AssessmentOutput, **error_responses(400, 403, 404, 409)},
        summary="Complete an assessment (every requirement answered) and record its score",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        assessment = selectors.assessment_get(actor=actor, pk=pk, audit=False)
        data = VersionInput(data=request.data)
        data.is_valid(raise_exception=True)
        assessment = services.assessment_complete(
            actor=actor, assessment=assessment, version=data.validated_data["version"]
        )
        return Response(AssessmentOutput(assessment).data)


class AssessmentReassessApi(APIView):
    @extend_schema(
        request=ReassessInput,
        responses={201: AssessmentDetailOutput, **error_responses(400, 403, 404, 409)},
        summary=(
            "Reassess a facility after a complete assessment: unchanged requirements carry "
            "their answers over, changed and added ones are left to answer"
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        assessment = selectors.assessment_get(actor=actor, pk=pk, audit=False)
        data = ReassessInput(data=request.data)
        data.is_valid(raise_exception=True)
        new = services.assessment_reassess(
            actor=actor,
            assessment=assessment,
            standard_version=data.validated_data.get("standard_version"),
        )
        return Response(_detail(new), status=status.HTTP_201_CREATED)


class EvidenceAddApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": EvidenceInput},
        responses={201: AnswerOutput, **error_responses(400, 403, 404, 409)},
        summary="Attach an evidence file to an answer (type, size and SHA-256 checked)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        answer = selectors.answer_get(actor=actor, pk=pk)
        data = EvidenceInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.evidence_add(
            actor=actor,
            answer=answer,
            upload=data.validated_data["file"],
            title=data.validated_data["title"],
        )
        return Response(AnswerOutput(answer).data, status=status.HTTP_201_CREATED)


# --- Improvement plan ------------------------------------------------------------------------


class AssessmentActionsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: ActionOutput(many=True), **error_responses(404)},
        summary="The improvement-plan actions of an assessment",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        assessment = selectors.assessment_get(actor=actor, pk=pk, audit=False)
        rows = selectors.action_list(actor=actor, assessment=assessment)
        return paginated(self, request, rows, ActionOutput)

    @extend_schema(
        request=ActionCreateInput,
        responses={201: ActionOutput, **error_responses(400, 403, 404)},
        summary="Add an action to the improvement plan",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        assessment = selectors.assessment_get(actor=actor, pk=pk, audit=False)
        data = ActionCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        action = services.action_create(actor=actor, assessment=assessment, **data.validated_data)
        return Response(ActionOutput(action).data, status=status.HTTP_201_CREATED)


class PlanFromGapsApi(APIView):
    @extend_schema(
        request=None,
        responses={201: ActionOutput(many=True), **error_responses(403, 404)},
        summary="One open action for each gap (partly or not implemented) without one",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        assessment = selectors.assessment_get(actor=actor, pk=pk, audit=False)
        actions = services.plan_from_gaps(actor=actor, assessment=assessment)
        return Response(ActionOutput(actions, many=True).data, status=status.HTTP_201_CREATED)


class ActionListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(ActionFilter),
        responses={200: ActionOutput(many=True), **error_responses(400)},
        summary="Every improvement-plan action of the facilities I may see",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(ActionFilter, request)
        rows = selectors.action_list(actor=acting_user(request))
        return paginated(self, request, filters.filter_queryset(rows), ActionOutput)


class ActionDetailApi(APIView):
    @extend_schema(
        request=ActionUpdateInput,
        responses={200: ActionOutput, **error_responses(400, 403, 404, 409)},
        summary="Change an action; a stale version answers 409",
    )
    def patch(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        action = selectors.action_get(actor=actor, pk=pk)
        data = ActionUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        action = services.action_update(
            actor=actor, action=action, version=fields.pop("version"), **fields
        )
        return Response(ActionOutput(action).data)


class ActionStatusApi(APIView):
    @extend_schema(
        request=ActionStatusInput,
        responses={200: ActionOutput, **error_responses(400, 403, 404, 409)},
        summary="Move an action to another status",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        action = selectors.action_get(actor=actor, pk=pk)
        data = ActionStatusInput(data=request.data)
        data.is_valid(raise_exception=True)
        action = services.action_set_status(actor=actor, action=action, **data.validated_data)
        return Response(ActionOutput(action).data)


# --- Aggregates ------------------------------------------------------------------------------


class VersionAggregateOutput(serializers.Serializer):
    standard = serializers.CharField(source="version.standard.code")
    version = serializers.IntegerField(source="version.pk")
    number = serializers.IntegerField(source="version.number")
    facilities = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()
    average_score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)


class RequirementAggregateOutput(serializers.Serializer):
    clause = serializers.IntegerField(source="clause.pk")
    number = serializers.CharField(source="clause.number")
    uid = serializers.CharField(source="clause.uid")
    suppressed = serializers.BooleanField()
    facilities = serializers.SerializerMethodField()
    share_implemented = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    average_maturity = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)

    def get_facilities(self, row: Any) -> int | None:
        return None if row.suppressed else row.facilities


class AggregatesOutput(serializers.Serializer):
    across_parties = serializers.BooleanField()
    min_facilities = serializers.IntegerField()
    overdue_actions = serializers.IntegerField(source="overdue_count", allow_null=True)
    versions = VersionAggregateOutput(many=True)
    selected = VersionAggregateOutput(allow_null=True)
    requirements = RequirementAggregateOutput(many=True)


class AggregatesApi(APIView):
    @extend_schema(
        parameters=[AggregateQuery],
        responses=AggregatesOutput,
        summary=(
            "Aggregates per standard version and requirement (the Secretariat's: across "
            "parties, figures from fewer facilities than the threshold suppressed)"
        ),
    )
    def get(self, request: Request) -> Response:
        query = AggregateQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = selectors.aggregates(
            actor=acting_user(request), version_pk=query.validated_data.get("version")
        )
        return Response(AggregatesOutput(result).data)


# --- OSCAL assessment results ----------------------------------------------------------------


class AssessmentOscalApi(APIView):
    @extend_schema(
        responses={200: dict, **error_responses(404)},
        summary="An assessment as OSCAL assessment results (JSON)",
    )
    def get(self, request: Request, pk: int) -> Response:
        from accord.standards.oscal.assessment import export_assessment

        assessment = selectors.assessment_get(actor=acting_user(request), pk=pk)
        return Response(export_assessment(assessment))


class FacilityOscalImportApi(APIView):
    @extend_schema(
        request=dict,
        responses={201: AssessmentDetailOutput, **error_responses(400, 403, 404, 409)},
        summary=(
            "Import OSCAL assessment results into a new assessment of the facility "
            "(one transaction: a bad finding rejects the whole document)"
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        from accord.standards.oscal.assessment import assessment_import

        actor = acting_user(request)
        facility = selectors.facility_get(actor=actor, pk=pk, audit=False)
        assessment = assessment_import(actor=actor, facility=facility, document=request.data)
        return Response(_detail(assessment), status=status.HTTP_201_CREATED)
