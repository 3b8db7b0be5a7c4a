"""Instruments of weapons law, each party's participation status in one, and the status
matrix of every treaty party in every instrument."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.endpoints import PartyOutput
from accord.core.api.errors import error_responses
from accord.core.api.filters import filter_parameters, filter_query
from accord.core.api.pagination import Pagination, paginated
from accord.core.api.query import validated_query
from accord.law import selectors
from accord.law.api.acts import ActFactsOutput
from accord.law.api.common import ON_PARAMETER, OnDateQuery, on_date_or_today
from accord.law.api.filters import InstrumentFilter


class InstrumentOutput(serializers.Serializer):
    code = serializers.CharField()
    parent = serializers.CharField(source="parent.code", allow_null=True)  # type: ignore[assignment]
    kind = serializers.CharField()
    short_name = serializers.CharField()
    short_name_en = serializers.CharField()
    short_name_ru = serializers.CharField()
    title = serializers.CharField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    adopted = serializers.DateField(allow_null=True)
    entry_into_force = serializers.DateField(allow_null=True)
    entry_into_force_year_only = serializers.BooleanField()
    activities = serializers.ListField(child=serializers.CharField())
    conflicts = serializers.ListField(child=serializers.CharField())
    reciprocity = serializers.BooleanField()
    forbids_assistance = serializers.BooleanField()


class InstrumentDetailOutput(InstrumentOutput):
    scope_note_en = serializers.CharField()
    scope_note_ru = serializers.CharField()
    children = serializers.SerializerMethodField()

    def get_children(self, instrument: Any) -> list[str]:
        return sorted(child.code for child in instrument.children.all())


class InstrumentListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(InstrumentFilter),
        responses={200: InstrumentOutput(many=True), **error_responses(400)},
        summary="Instruments of weapons law",
    )
    def get(self, request: Request) -> Response:
        filters = filter_query(InstrumentFilter, request)
        instruments = filters.filter_queryset(selectors.instrument_list())
        return paginated(self, request, instruments, InstrumentOutput)


class InstrumentDetailApi(APIView):
    @extend_schema(
        responses={200: InstrumentDetailOutput, **error_responses(404)},
        summary="One instrument, with its protocols and amendments",
    )
    def get(self, request: Request, code: str) -> Response:
        instrument = selectors.instrument_get(code=code)
        return Response(InstrumentDetailOutput(instrument).data)


# --- Participation status ------------------------------------------------------------------


class PartyStatusOutput(serializers.Serializer):
    party = serializers.CharField()
    party_name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    bound = serializers.BooleanField()
    to_verify = serializers.BooleanField()
    act = ActFactsOutput(allow_null=True, help_text=_("The act the status rests on."))
    acts = ActFactsOutput(many=True, help_text=_("Every act of the party on the instrument."))
    pending = ActFactsOutput(many=True, help_text=_("Acts done but not yet in effect."))


class InstrumentParticipationOutput(serializers.Serializer):
    instrument = serializers.CharField()
    on = serializers.DateField()
    parties = PartyStatusOutput(many=True)


class InstrumentParticipationApi(APIView):
    @extend_schema(
        parameters=[ON_PARAMETER],
        responses={200: InstrumentParticipationOutput, **error_responses(400, 404)},
        summary="Each party's status in an instrument on a date, and the acts behind it",
    )
    def get(self, request: Request, code: str) -> Response:
        instrument = selectors.instrument_get(code=code)
        on_date = on_date_or_today(validated_query(OnDateQuery, request))
        rows = selectors.instrument_participation(instrument=instrument, on_date=on_date)
        body = {
            "instrument": instrument.code,
            "on": on_date,
            "parties": [
                {
                    "party": party.code,
                    "party_name": party.name,
                    "status": answer.status,
                    "status_label": answer.label,
                    "bound": answer.bound,
                    "to_verify": answer.to_verify,
                    "act": answer.act,
                    "acts": answer.acts,
                    "pending": answer.pending,
                }
                for party, answer in rows
            ],
        }
        return Response(InstrumentParticipationOutput(body).data)


class MatrixInstrumentOutput(serializers.Serializer):
    code = serializers.CharField()
    parent = serializers.CharField(source="parent.code", allow_null=True)  # type: ignore[assignment]
    kind = serializers.CharField()
    short_name = serializers.CharField()


class MatrixCellOutput(serializers.Serializer):
    party = serializers.CharField()
    instrument = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    to_verify = serializers.BooleanField()


class MatrixOutput(serializers.Serializer):
    on = serializers.DateField()
    parties = PartyOutput(many=True)
    instruments = MatrixInstrumentOutput(many=True)
    cells = MatrixCellOutput(many=True)


class MatrixApi(APIView):
    @extend_schema(
        parameters=[ON_PARAMETER],
        responses={200: MatrixOutput, **error_responses(400)},
        summary="Every treaty party's status in every instrument on a date",
    )
    def get(self, request: Request) -> Response:
        on_date = on_date_or_today(validated_query(OnDateQuery, request))
        parties, instruments, statuses = selectors.matrix(on_date=on_date)
        cells = [
            {
                "party": party.code,
                "instrument": instrument.code,
                "status": answer.status,
                "status_label": answer.label,
                "to_verify": answer.to_verify,
            }
            for party in parties
            for instrument in instruments
            for answer in [statuses[(party.pk, instrument.pk)]]
        ]
        body = {"on": on_date, "parties": parties, "instruments": instruments, "cells": cells}
        return Response(MatrixOutput(body).data)
