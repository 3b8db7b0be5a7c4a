"""What the reviews produce: the interoperability matrix (each visible version × each
state party: its standing), one party's clearance on one version (the gate other modules
ask), and a reviewer's dashboard."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.access import can_see
from accord.core.api.errors import error_responses
from accord.core.api.query import validated_query
from accord.core.models import Party
from accord.core.permissions import acting_user
from accord.expertise import selectors
from accord.expertise.api.common import standing_label
from accord.expertise.api.reviews import ReviewOutput
from accord.law import selectors as law_selectors

SYSTEM_PARAMETER = OpenApiParameter(
    "system", OpenApiTypes.INT, description=_("Only this system's versions (its id).")
)


class SystemQuery(serializers.Serializer):
    system = serializers.IntegerField(required=False, min_value=1)


def matrix_for(request: Request) -> tuple[Any, Any, Any]:
    """The matrix the actor may read, for ?system= (NotFound for a hidden system)."""
    actor = acting_user(request)
    query = validated_query(SystemQuery, request)
    system = selectors.system_get(actor=actor, pk=query["system"]) if "system" in query else None
    return selectors.matrix(actor=actor, system=system)


class StandingOutput(serializers.Serializer):
    """A party's standing on a version. The standing is shared with whoever sees the
    version; the conclusion (outcome, conditions), the reason for re-review and the review
    itself only with those who may open the review (as `selectors.matrix` decides)."""

    status = serializers.CharField(
        help_text=_("lawful, lawful_with_conditions, unlawful, needs_rereview or not_reviewed.")
    )
    status_label = serializers.CharField()
    outcome = serializers.CharField(
        allow_null=True, help_text=_("The signed conclusion, also when re-review is needed.")
    )
    conditions = serializers.ListField(child=serializers.CharField())
    review = serializers.IntegerField(allow_null=True)
    concluded_at = serializers.DateTimeField(allow_null=True)
    reason = serializers.CharField()


def standing_body(standing: selectors.Standing) -> dict[str, Any]:
    review, conclusion = standing.review, standing.conclusion
    return {
        "status": standing.status,
        "status_label": standing_label(standing.status),
        "outcome": conclusion.outcome if conclusion else None,
        "conditions": standing.conditions,
        "review": review.pk if review else None,
        "concluded_at": review.concluded_at if review else None,
        "reason": standing.reason,
    }


class MatrixVersionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    system = serializers.IntegerField(source="system_id")
    designation = serializers.CharField(source="system.designation")
    owner = serializers.CharField(source="system.owner.code")
    number = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]


class MatrixPartyOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ExpertiseMatrixCellOutput(StandingOutput):
    version = serializers.IntegerField()
    party = serializers.CharField()


class ExpertiseMatrixOutput(serializers.Serializer):
    versions = MatrixVersionOutput(many=True)
    parties = MatrixPartyOutput(many=True)
    cells = ExpertiseMatrixCellOutput(many=True)


class MatrixApi(APIView):
    @extend_schema(
        parameters=[SYSTEM_PARAMETER],
        responses={200: ExpertiseMatrixOutput, **error_responses(400, 404)},
        summary="The interoperability matrix: each state party's standing on each version",
    )
    def get(self, request: Request) -> Response:
        versions, parties, cells = matrix_for(request)
        body = {
            "versions": versions,
            "parties": parties,
            "cells": [
                {
                    "version": version.pk,
                    "party": party.code,
                    **standing_body(cells[(version.pk, party.pk)]),
                }
                for version in versions
                for party in parties
            ],
        }
        return Response(ExpertiseMatrixOutput(body).data)


class ClearanceOutput(StandingOutput):
    version = serializers.IntegerField()
    party = serializers.CharField()


class ClearanceApi(APIView):
    @extend_schema(
        responses={200: ClearanceOutput, **error_responses(404)},
        summary="One party's standing on one version (the gate other modules ask)",
    )
    def get(self, request: Request, pk: int, code: str) -> Response:
        actor = acting_user(request)
        version = selectors.version_get(actor=actor, pk=pk)
        party: Party = law_selectors.party_get(code=code)
        standing = selectors.clearance_for(version, party)
        if standing.review is not None and not can_see(actor, standing.review):
            # As in the matrix: the standing, not what only the review's readers may read.
            # TODO(lead): an `actor` argument of clearance_for could do this for every caller.
            standing = selectors.Standing(standing.status)
        body = {"version": version.pk, "party": party.code, **standing_body(standing)}
        return Response(ClearanceOutput(body).data)


# --- The dashboard ---------------------------------------------------------------------------


class DueRequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    review = serializers.IntegerField(source="review_id")
    designation = serializers.CharField(source="review.subject.system.designation")
    asking_party = serializers.CharField(source="asking_party.code")
    question = serializers.CharField()
    due_date = serializers.DateField()


class DashboardOutput(serializers.Serializer):
    today = serializers.DateField()
    open_reviews = ReviewOutput(many=True, help_text=_("Open reviews my party takes part in."))
    requests_due = DueRequestOutput(many=True, help_text=_("Open requests, soonest due first."))
    rereview = ReviewOutput(many=True, help_text=_("Concluded reviews needing re-review."))


class DashboardApi(APIView):
    @extend_schema(
        responses=DashboardOutput, summary="My desk: open reviews, requests due, re-reviews"
    )
    def get(self, request: Request) -> Response:
        return Response(DashboardOutput(selectors.dashboard(actor=acting_user(request))).data)
