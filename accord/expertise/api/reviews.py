"""Joint reviews: the list, opening a review, and the review file (participants, the
screening attached on submission, requests, findings, conclusions, re-review, and the
reader's own party's internal notes — never another party's)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import party_field
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.audit import record_view
from accord.core.permissions import acting_user
from accord.expertise import selectors, services
from accord.expertise.api.common import ConflictTypeField, VisibleVersionField
from accord.expertise.api.filters import ReviewFilter
from accord.expertise.models import Review, ReviewParticipant

# --- Parts of the file -----------------------------------------------------------------------


class SubjectOutput(serializers.Serializer):
    """The version reviewed."""

    id = serializers.IntegerField()
    system = serializers.IntegerField(source="system_id")
    designation = serializers.CharField(source="system.designation")
    number = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]


class ParticipantOutput(serializers.Serializer):
    party = serializers.CharField(source="party.code")
    party_name = serializers.CharField(source="party.name")
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")
    concludes = serializers.BooleanField(
        help_text=_("The states conclude; the Secretariat coordinates.")
    )
    lead_reviewer = serializers.CharField(source="lead_reviewer.username", allow_null=True)
    reviewers = serializers.SerializerMethodField()

    def get_reviewers(self, participant: ReviewParticipant) -> list[str]:
        return sorted(user.username for user in participant.reviewers.all())


class RequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    review = serializers.IntegerField(source="review_id")
    asking_party = serializers.CharField(source="asking_party.code")
    asked_by = serializers.CharField(source="asked_by.username")
    question = serializers.CharField()
    due_date = serializers.DateField()
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    answer = serializers.CharField()
    answered_by = serializers.CharField(source="answered_by.username", allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class FindingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    review = serializers.IntegerField(source="review_id")
    party = serializers.CharField(source="party.code")
    rule = serializers.CharField(source="rule.code")
    rule_title = serializers.CharField(source="rule.title")
    outcome = serializers.CharField()
    outcome_label = serializers.CharField(source="get_outcome_display")
    restriction = serializers.CharField()
    reasoning = serializers.CharField()
    evidence = serializers.SerializerMethodField()
    author = serializers.CharField(source="author.username")
    updated_at = serializers.DateTimeField()
    version = serializers.IntegerField()

    def get_evidence(self, finding: Any) -> list[int]:
        return sorted(evidence.pk for evidence in finding.evidence.all())


class ConclusionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    review = serializers.IntegerField(source="review_id")
    party = serializers.CharField(source="party.code")
    outcome = serializers.CharField()
    outcome_label = serializers.CharField(source="get_outcome_display")
    conditions = serializers.ListField(child=serializers.CharField())
    reasoning = serializers.CharField()
    opinion = serializers.CharField()
    opinion_label = serializers.CharField(source="get_opinion_display")
    opinion_text = serializers.CharField()
    signed_by = serializers.CharField(source="signed_by.username")
    signed_at = serializers.DateTimeField()


class NoteOutput(serializers.Serializer):
    """A party's internal note: only ever shown to users of that party."""

    id = serializers.IntegerField()
    review = serializers.IntegerField(source="review_id")
    party = serializers.CharField(source="owner.code")
    author = serializers.CharField(source="author.username")
    text = serializers.CharField()
    classification = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class RereviewOutput(serializers.Serializer):
    needed = serializers.BooleanField()
    reason = serializers.CharField()
    marked_at = serializers.DateTimeField(allow_null=True)
    expires_on = serializers.DateField(allow_null=True)


# --- The review ------------------------------------------------------------------------------


class ReviewOutput(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    subject = SubjectOutput()
    owner = serializers.CharField(source="owner.code")
    initiating_party = serializers.CharField(source="initiating_party.code")
    classification = serializers.IntegerField()
    classification_label = serializers.CharField(source="get_classification_display")
    parties = serializers.SerializerMethodField()
    law_date = serializers.DateField()
    conflict_type = serializers.CharField()
    expires_on = serializers.DateField(allow_null=True)
    needs_rereview = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    concluded_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()

    def get_parties(self, review: Review) -> list[str]:
        return [participant.party.code for participant in review.participants.all()]

    def get_needs_rereview(self, review: Review) -> bool:
        return selectors.needs_rereview(review)


@dataclass
class ReviewFile:
    """A review with the parts of its file the reader may see, read through selectors."""

    review: Review
    requests: list[Any]
    findings: list[Any]
    conclusions: list[Any]
    notes: list[Any]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.review, name)


class ReviewDetailOutput(ReviewOutput):
    participants = ParticipantOutput(many=True, source="participants.all")
    screening = serializers.DictField(
        help_text=_(
            "The law engine's screening as attached on submission: per concluding party, "
            "the rules the described characteristics engage, with their legal basis."
        )
    )
    requests = RequestOutput(many=True)
    findings = FindingOutput(many=True)
    conclusions = ConclusionOutput(many=True)
    rereview = serializers.SerializerMethodField()
    withdrawal_reason = serializers.SerializerMethodField()
    conclusion_event_hash = serializers.CharField(
        help_text=_("The audit hash of the conclusion event (printed on the report).")
    )
    notes = NoteOutput(
        many=True, help_text=_("Your own party's internal notes (never another party's).")
    )

    @extend_schema_field(RereviewOutput)
    def get_rereview(self, file: ReviewFile) -> dict[str, Any]:
        review = file.review
        body = {
            "needed": selectors.needs_rereview(review),
            "reason": review.rereview_reason,
            "marked_at": review.rereview_marked_at,
            "expires_on": review.expires_on,
        }
        return RereviewOutput(body).data

    def get_withdrawal_reason(self, file: ReviewFile) -> str:
        return file.review.withdrawal_reason


def review_file(*, actor: Any, pk: int) -> ReviewFile:
    """The review file as `actor` may read it (NotFound when the review is hidden)."""
    review = selectors.review_get(actor=actor, pk=pk)
    return ReviewFile(
        review=review,
        requests=list(selectors.requests_of(review)),
        findings=list(selectors.findings_of(review)),
        conclusions=list(selectors.conclusions_of(review)),
        notes=list(selectors.notes_for(actor=actor, review=review).select_related("owner")),
    )


def review_file_response(*, actor: Any, pk: int, status_code: int = 200) -> Response:
    return Response(ReviewDetailOutput(review_file(actor=actor, pk=pk)).data, status=status_code)


# --- Endpoints -------------------------------------------------------------------------------


class ReviewOpenInput(serializers.Serializer):
    version = VisibleVersionField()
    law_date = serializers.DateField(
        required=False, allow_null=True, default=None, help_text=_("Today when omitted.")
    )
    conflict_type = ConflictTypeField(required=False, allow_blank=True, default="")
    invited = party_field(
        active_only=True,
        many=True,
        required=False,
        default=list,
        help_text=_("Codes of further states invited to take part."),
    )
    expires_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("When the conclusion falls due for re-review."),
    )


class ReviewListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(ReviewFilter),
        responses={200: ReviewOutput(many=True), **error_responses(400)},
        summary="The joint reviews I may see, newest first",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(ReviewFilter, request)
        reviews = filters.filter_queryset(selectors.review_list(actor=acting_user(request)))
        return paginated(self, request, reviews, ReviewOutput)

    @extend_schema(
        request=ReviewOpenInput,
        responses={201: ReviewDetailOutput, **error_responses(400, 403, 404)},
        summary=(
            "Open a draft review of a version (legal advisers, or the Secretariat); the "
            "owner, the contingents using it, the invited and the Secretariat take part"
        ),
    )
    def post(self, request: Request) -> Response:
        actor = acting_user(request)
        data = ReviewOpenInput(data=request.data, context={"actor": actor})
        data.is_valid(raise_exception=True)
        review = services.review_open(actor=actor, **data.validated_data)
        return review_file_response(actor=actor, pk=review.pk, status_code=status.HTTP_201_CREATED)


class ReviewDetailApi(APIView):
    @extend_schema(
        responses={200: ReviewDetailOutput, **error_responses(404)},
        summary="The review file (reading a confidential one is audited)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        file = review_file(actor=actor, pk=pk)
        record_view(actor=actor, obj=file.review)
        return Response(ReviewDetailOutput(file).data)
