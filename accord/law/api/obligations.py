"""A party's obligations: every rule binding it on a date, and why."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.query import validated_query
from accord.law import selectors
from accord.law.api.common import ON_PARAMETER, ConflictTypeField, OnDateQuery, on_date_or_today
from accord.law.models import ConflictType


class BasisOutput(serializers.Serializer):
    """Why a rule binds: custom, or a provision of an instrument the party is bound by."""

    customary = serializers.BooleanField()
    instrument = serializers.CharField(source="instrument.code", allow_null=True)
    provision = serializers.CharField()
    act_kind = serializers.CharField(source="status.act.kind", allow_null=True)
    act_date = serializers.DateField(source="status.act.date", allow_null=True)
    act_date_precision = serializers.CharField(source="status.act.date_precision", allow_null=True)
    to_verify = serializers.BooleanField()
    text = serializers.CharField(source="describe")


class ObligationOutput(serializers.Serializer):
    rule = serializers.CharField(source="rule.code")
    title = serializers.CharField(source="rule.title")
    kind = serializers.CharField(source="rule.kind")
    bases = BasisOutput(many=True)
    conditions = serializers.ListField(child=serializers.CharField())
    customary_only = serializers.BooleanField()
    to_verify = serializers.BooleanField()


class ObligationsQuery(OnDateQuery):
    conflict = ConflictTypeField(required=False)


class ObligationsOutput(serializers.Serializer):
    party = serializers.CharField()
    on = serializers.DateField()
    conflict = serializers.CharField(allow_null=True)
    obligations = ObligationOutput(many=True)


class PartyObligationsApi(APIView):
    @extend_schema(
        parameters=[
            ON_PARAMETER,
            OpenApiParameter(
                "conflict",
                str,
                enum=ConflictType.values,
                description=_("Only the law applying in this type of armed conflict."),
            ),
        ],
        responses={200: ObligationsOutput, **error_responses(400, 404)},
        summary="Every rule binding a party on a date, with its bases and conditions",
    )
    def get(self, request: Request, code: str) -> Response:
        party = selectors.party_get(code=code)
        query = validated_query(ObligationsQuery, request)
        on_date = on_date_or_today(query)
        conflict = query.get("conflict")
        obligations = selectors.obligations_for(
            party=party, on_date=on_date, conflict_type=conflict
        )
        body = {
            "party": party.code,
            "on": on_date,
            "conflict": conflict,
            "obligations": obligations,
        }
        return Response(ObligationsOutput(body).data)
