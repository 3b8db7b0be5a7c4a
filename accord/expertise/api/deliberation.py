"""The work inside a review: requests for information (asked by reviewers, answered by
the owner party), each party's findings per rule, each party's signed conclusion, and
each party's internal notes (read only through `selectors.notes_for`: a party's notes
never reach another party)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core import stepup
from accord.core.api.errors import error_responses
from accord.core.api.pagination import Pagination, paginated
from accord.core.permissions import acting_user
from accord.expertise import selectors, services
from accord.expertise.api.common import (
    ConclusionOutcomeField,
    FindingOutcomeField,
    OpinionField,
    ReviewedEvidenceField,
    rule_field,
)
from accord.expertise.api.reviews import (
    ConclusionOutput,
    FindingOutput,
    NoteOutput,
    RequestOutput,
)

# --- Requests for information ----------------------------------------------------------------


class RequestAskInput(serializers.Serializer):
    question = serializers.CharField()
    due_date = serializers.DateField()


class RequestAnswerInput(serializers.Serializer):
    answer = serializers.CharField()


class ReviewRequestsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: RequestOutput(many=True), **error_responses(404)},
        summary="The requests for information of a review",
    )
    def get(self, request: Request, pk: int) -> Response:
        review = selectors.review_get(actor=acting_user(request), pk=pk)
        return paginated(self, request, selectors.requests_of(review), RequestOutput)

    @extend_schema(
        request=RequestAskInput,
        responses={201: RequestOutput, **error_responses(400, 403, 404, 409)},
        summary="Ask the owner party for information (a reviewer, while the review is in review)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        review = selectors.review_get(actor=actor, pk=pk)
        data = RequestAskInput(data=request.data)
        data.is_valid(raise_exception=True)
        asked = services.request_ask(actor=actor, review=review, **data.validated_data)
        return Response(RequestOutput(asked).data, status=status.HTTP_201_CREATED)


class RequestAnswerApi(APIView):
    @extend_schema(
        request=RequestAnswerInput,
        responses={200: RequestOutput, **error_responses(400, 403, 404, 409)},
        summary="Answer an open request (the owner party's legal advisers)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        asked = selectors.request_get(actor=actor, pk=pk)
        data = RequestAnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        asked = services.request_answer(
            actor=actor, request=asked, answer=data.validated_data["answer"]
        )
        return Response(RequestOutput(asked).data)


class RequestWithdrawApi(APIView):
    @extend_schema(
        request=None,
        responses={200: RequestOutput, **error_responses(403, 404, 409)},
        summary="Withdraw an open request (a reviewer of the asking party)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        asked = selectors.request_get(actor=actor, pk=pk)
        asked = services.request_withdraw(actor=actor, request=asked)
        return Response(RequestOutput(asked).data)


# --- Findings --------------------------------------------------------------------------------


class FindingRecordInput(serializers.Serializer):
    rule = rule_field()
    outcome = FindingOutcomeField()
    reasoning = serializers.CharField()
    restriction = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The restriction needed (required when the outcome is 'restriction')."),
    )
    evidence = ReviewedEvidenceField(many=True, required=False, default=list)
    expected_version = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("When revising a finding: the version you read; a stale one answers 409."),
    )


class ReviewFindingsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: FindingOutput(many=True), **error_responses(404)},
        summary="Every party's findings in a review",
    )
    def get(self, request: Request, pk: int) -> Response:
        review = selectors.review_get(actor=acting_user(request), pk=pk)
        return paginated(self, request, selectors.findings_of(review), FindingOutput)

    @extend_schema(
        request=FindingRecordInput,
        responses={
            200: FindingOutput,
            201: FindingOutput,
            **error_responses(400, 403, 404, 409),
        },
        summary=(
            "Record my party's finding on a rule (201), or revise it (200) — a reviewer, "
            "until my party signs its conclusion"
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        review = selectors.review_get(actor=actor, pk=pk)
        data = FindingRecordInput(data=request.data, context={"review": review})
        data.is_valid(raise_exception=True)
        finding = services.finding_record(actor=actor, review=review, **data.validated_data)
        finding = selectors.findings_of(review).get(pk=finding.pk)
        created = finding.version == 1  # a revision raises the version
        return Response(
            FindingOutput(finding).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


# --- Conclusions -----------------------------------------------------------------------------


class ConclusionSignInput(serializers.Serializer):
    outcome = ConclusionOutcomeField()
    conditions = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text=_("The conditions of use (only with 'lawful with conditions')."),
    )
    reasoning = serializers.CharField()
    opinion = OpinionField(required=False, allow_blank=True, default="")
    opinion_text = serializers.CharField(required=False, allow_blank=True, default="")
    confirm = serializers.CharField(
        required=False,
        write_only=True,
        allow_blank=True,
        default="",
        help_text="Step-up: the signer's current one-time code or password (required unless "
        "ACCORD_STEP_UP_SIGNATURES is off).",
    )


class ReviewConclusionsApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: ConclusionOutput(many=True), **error_responses(404)},
        summary="The parties' signed conclusions",
    )
    def get(self, request: Request, pk: int) -> Response:
        review = selectors.review_get(actor=acting_user(request), pk=pk)
        return paginated(self, request, selectors.conclusions_of(review), ConclusionOutput)

    @extend_schema(
        request=ConclusionSignInput,
        responses={201: ConclusionOutput, **error_responses(400, 403, 404, 409)},
        summary=(
            "Sign my party's conclusion (its lead reviewer, in deliberation); the last "
            "signature adopts the joint conclusion"
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        review = selectors.review_get(actor=actor, pk=pk)
        data = ConclusionSignInput(data=request.data)
        data.is_valid(raise_exception=True)
        arguments = dict(data.validated_data)
        confirmed_by = stepup.confirm_identity(actor, arguments.pop("confirm", ""))
        conclusion = services.conclusion_sign(
            actor=actor, review=review, confirmed_by=confirmed_by, **arguments
        )
        return Response(ConclusionOutput(conclusion).data, status=status.HTTP_201_CREATED)


# --- Internal notes --------------------------------------------------------------------------


class NoteAddInput(serializers.Serializer):
    text = serializers.CharField()


class ReviewNotesApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        responses={200: NoteOutput(many=True), **error_responses(404)},
        summary="My party's internal notes in a review (never another party's)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        review = selectors.review_get(actor=actor, pk=pk)
        notes = selectors.notes_for(actor=actor, review=review).select_related("owner")
        return paginated(self, request, notes, NoteOutput)

    @extend_schema(
        request=NoteAddInput,
        responses={201: NoteOutput, **error_responses(400, 403, 404)},
        summary="Add an internal note of my party (release: my party only)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        review = selectors.review_get(actor=actor, pk=pk)
        data = NoteAddInput(data=request.data)
        data.is_valid(raise_exception=True)
        note = services.note_add(actor=actor, review=review, text=data.validated_data["text"])
        return Response(NoteOutput(note).data, status=status.HTTP_201_CREATED)
