"""The review's moves, each a POST action calling one service: submit, start,
deliberate, withdraw; inviting a party and naming reviewers; marking a concluded review
for re-review. A move the review's state does not allow answers 409 with the reason, and
changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import party_field
from accord.core.permissions import acting_user
from accord.expertise import selectors, services
from accord.expertise.api.common import PartyUserField
from accord.expertise.api.reviews import (
    ParticipantOutput,
    ReviewDetailOutput,
    review_file_response,
)

MOVE_ERRORS = error_responses(403, 404, 409)


def _move(request: Request, pk: int, service: Callable[..., Any], **arguments: Any) -> Response:
    """Call a transition service on a review the actor sees; answer the file as it now is."""
    actor = acting_user(request)
    review = selectors.review_get(actor=actor, pk=pk)
    service(actor=actor, review=review, **arguments)
    return review_file_response(actor=actor, pk=pk)


class ReviewSubmitApi(APIView):
    @extend_schema(
        request=None,
        responses={200: ReviewDetailOutput, **error_responses(400), **MOVE_ERRORS},
        summary=(
            "Submit a draft (initiating or owner party, or the Secretariat): the screening "
            "is attached and the version frozen"
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        return _move(request, pk, services.review_submit)


class ReviewStartApi(APIView):
    @extend_schema(
        request=None,
        responses={200: ReviewDetailOutput, **MOVE_ERRORS},
        summary="Open the joint examination of a submitted review (the Secretariat)",
    )
    def post(self, request: Request, pk: int) -> Response:
        return _move(request, pk, services.review_start)


class ReviewDeliberateApi(APIView):
    @extend_schema(
        request=None,
        responses={200: ReviewDetailOutput, **MOVE_ERRORS},
        summary="Move to deliberation (the Secretariat), once no request is open",
    )
    def post(self, request: Request, pk: int) -> Response:
        return _move(request, pk, services.review_deliberate)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField()


class ReviewWithdrawApi(APIView):
    @extend_schema(
        request=ReasonInput,
        responses={200: ReviewDetailOutput, **error_responses(400), **MOVE_ERRORS},
        summary="Withdraw a review not yet concluded (initiating party or Secretariat)",
    )
    def post(self, request: Request, pk: int) -> Response:
        data = ReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        return _move(request, pk, services.review_withdraw, reason=data.validated_data["reason"])


class ReviewRereviewApi(APIView):
    @extend_schema(
        request=ReasonInput,
        responses={200: ReviewDetailOutput, **error_responses(400), **MOVE_ERRORS},
        summary="Mark a concluded review as needing re-review, with the reason (Secretariat)",
    )
    def post(self, request: Request, pk: int) -> Response:
        data = ReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        return _move(request, pk, services.rereview_mark, reason=data.validated_data["reason"])


# --- Participants ----------------------------------------------------------------------------


class InviteInput(serializers.Serializer):
    party = party_field(active_only=True)


class ReviewInviteApi(APIView):
    @extend_schema(
        request=InviteInput,
        responses={200: ParticipantOutput, **error_responses(400), **MOVE_ERRORS},
        summary="Invite a state to a review not yet under way (initiating party or Secretariat)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        review = selectors.review_get(actor=actor, pk=pk)
        data = InviteInput(data=request.data)
        data.is_valid(raise_exception=True)
        participant = services.participant_invite(
            actor=actor, review=review, party=data.validated_data["party"]
        )
        return Response(ParticipantOutput(participant).data)


class ReviewersInput(serializers.Serializer):
    lead_reviewer = PartyUserField(
        help_text=_("Username of your party's lead reviewer (needs the lead reviewer role).")
    )
    reviewers = PartyUserField(
        many=True,
        required=False,
        default=list,
        help_text=_("Usernames of your party's reviewers."),
    )


class ReviewReviewersApi(APIView):
    @extend_schema(
        request=ReviewersInput,
        responses={200: ParticipantOutput, **error_responses(400), **MOVE_ERRORS},
        summary="Name my party's lead reviewer and reviewers (its legal advisers)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        review = selectors.review_get(actor=actor, pk=pk)
        data = ReviewersInput(data=request.data, context={"actor": actor})
        data.is_valid(raise_exception=True)
        participant = services.participant_name_reviewers(
            actor=actor, review=review, **data.validated_data
        )
        return Response(ParticipantOutput(participant).data)
