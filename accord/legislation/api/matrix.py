"""The conformity matrix through the API: the matrix of a model act (as recorded, or as
at a date), a state's cell save (its own column only), and one cell with its history."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.fields import enum_field
from accord.core.api.query import validated_query
from accord.core.audit import record_view
from accord.core.models import Classification, Release
from accord.core.permissions import acting_user
from accord.legislation import selectors, services
from accord.legislation.models import CellStatus, ConformityCell

StatusField = enum_field("ConformityStatusEnum", CellStatus.choices)


class ConformityCellOutput(serializers.Serializer):
    id = serializers.IntegerField()
    act = serializers.IntegerField(source="act_id")
    provision_eid = serializers.CharField()
    state = serializers.CharField(source="owner.code")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    national_act = serializers.IntegerField(source="national_act_id", allow_null=True)
    national_provisions = serializers.CharField()
    enacted_on = serializers.DateField(allow_null=True)
    in_force_on = serializers.DateField(allow_null=True)
    evidence = serializers.CharField()
    deviation_note = serializers.CharField()
    classification = serializers.IntegerField()
    release = serializers.CharField()
    version = serializers.IntegerField()


class ConformityCellEventOutput(serializers.Serializer):
    """One write in a cell's history (`core.selectors.record_timeline`: labelled, no
    before/after detail)."""

    created_at = serializers.DateTimeField(source="at")
    action = serializers.CharField()
    action_label = serializers.CharField(source="label")
    actor_party_code = serializers.CharField(source="party_code")
    actor_username = serializers.CharField(source="actor_name")


class ConformityCellDetailOutput(ConformityCellOutput):
    history = serializers.SerializerMethodField()

    def get_history(self, cell: ConformityCell) -> list[dict[str, Any]]:
        actor = self.context["actor"]
        return ConformityCellEventOutput(selectors.cell_history(actor, cell), many=True).data  # type: ignore[return-value]


class ConformityCellInput(serializers.Serializer):
    provision_eid = serializers.CharField(max_length=100)
    version = serializers.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        required=False,
        allow_null=True,
        help_text=_("The version you read (none for a new cell); a stale one answers 409."),
    )
    status = StatusField(required=False)
    national_act = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, required=False, allow_null=True
    )
    national_provisions = serializers.CharField(max_length=300, required=False, allow_blank=True)
    enacted_on = serializers.DateField(required=False, allow_null=True)
    in_force_on = serializers.DateField(required=False, allow_null=True)
    evidence = serializers.CharField(required=False, allow_blank=True)
    deviation_note = serializers.CharField(required=False, allow_blank=True)
    classification = serializers.ChoiceField(choices=Classification.choices, required=False)
    release = serializers.ChoiceField(choices=Release.choices, required=False)


class ConformityAtQuery(serializers.Serializer):
    at = serializers.DateField(required=False, help_text=_("Show the matrix as at this date."))


class ConformityRollupOutput(serializers.Serializer):
    state = serializers.CharField()
    fully = serializers.BooleanField()
    at_least_partially = serializers.BooleanField()
    applicable = serializers.IntegerField()
    share = serializers.CharField(help_text=_("Exact fraction of applicable provisions."))
    counts = serializers.DictField(child=serializers.IntegerField())


class ConformityMatrixOutput(serializers.Serializer):
    act = serializers.IntegerField()
    at = serializers.DateField(allow_null=True)
    provisions = serializers.ListField(child=serializers.CharField())
    states = serializers.ListField(child=serializers.CharField())
    cells = ConformityCellOutput(many=True)
    as_at = serializers.DictField(child=serializers.CharField())
    rollups = ConformityRollupOutput(many=True)
    states_fully = serializers.IntegerField()
    states_at_least_partially = serializers.IntegerField()


def matrix_data(matrix: selectors.Matrix) -> dict[str, Any]:
    return {
        "act": matrix.act.pk,
        "at": matrix.at,
        "provisions": [p.eid for p in matrix.provisions],
        "states": [s.code for s in matrix.states],
        "cells": list(matrix.cells.values()),
        "as_at": {f"{eid}/{code}": value for (eid, code), value in matrix.as_at.items()},
        "rollups": [
            {
                "state": code,
                "fully": r.fully,
                "at_least_partially": r.at_least_partially,
                "applicable": r.applicable,
                "share": str(r.share),
                "counts": dict(r.counts),
            }
            for code, r in matrix.rollups.items()
        ],
        "states_fully": matrix.act_rollup.fully,
        "states_at_least_partially": matrix.act_rollup.at_least_partially,
    }


class MatrixApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("at", str, description="YYYY-MM-DD")],
        responses={200: ConformityMatrixOutput, **error_responses(400, 404)},
        summary="The conformity matrix of a model act (cells I may see; hidden = unknown)",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        act = selectors.act_get(actor=actor, pk=pk)
        at = validated_query(ConformityAtQuery, request).get("at")
        return Response(
            ConformityMatrixOutput(
                matrix_data(selectors.matrix_get(actor=actor, act=act, at=at))
            ).data
        )

    @extend_schema(
        request=ConformityCellInput,
        responses={200: ConformityCellOutput, **error_responses(400, 403, 404, 409)},
        summary="Save my state's cell for one provision (my own column only)",
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        act = selectors.act_get(actor=actor, pk=pk)
        data = ConformityCellInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        cell = services.cell_save(
            actor=actor,
            act=act,
            provision_eid=fields.pop("provision_eid"),
            version=fields.pop("version", None),
            **fields,
        )
        return Response(ConformityCellOutput(cell).data)


class CellDetailApi(APIView):
    @extend_schema(
        responses={200: ConformityCellDetailOutput, **error_responses(404)},
        summary="One cell of the matrix with its audited history",
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = acting_user(request)
        cell = selectors.cell_get(actor=actor, pk=pk)
        record_view(actor=actor, obj=cell)
        return Response(ConformityCellDetailOutput(cell, context={"actor": actor}).data)
