"""CSV and JSON exports of the register and the interoperability matrix: what the reader
may see, whole (no pages), rendered by `accord.expertise.exports`."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import renderers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.renderers import CsvRenderer, csv_attachment
from accord.core.permissions import acting_user
from accord.expertise import exports, selectors
from accord.expertise.api.matrix import SYSTEM_PARAMETER, matrix_for


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


CSV_RESPONSE = {(200, "text/csv"): OpenApiTypes.STR}


class RegisterCsvApi(APIView):
    renderer_classes = [renderers.JSONRenderer, CsvRenderer]

    @extend_schema(
        responses=CSV_RESPONSE,
        operation_id="expertise_export_register_csv",
        summary="The weapons register I may see, as CSV",
    )
    def get(self, request: Request) -> HttpResponse:
        systems = selectors.system_list(actor=acting_user(request))
        return csv_attachment(exports.register_csv(systems), "register.csv")


class RegisterJsonApi(APIView):
    @extend_schema(
        responses=OpenApiTypes.OBJECT,
        operation_id="expertise_export_register_json",
        summary="The weapons register I may see, as JSON",
    )
    def get(self, request: Request) -> Response:
        systems = selectors.system_list(actor=acting_user(request))
        return Response(exports.register_json(systems), headers=_attachment("register.json"))


class MatrixCsvApi(APIView):
    renderer_classes = [renderers.JSONRenderer, CsvRenderer]

    @extend_schema(
        parameters=[SYSTEM_PARAMETER],
        responses={**CSV_RESPONSE, **error_responses(400, 404)},
        operation_id="expertise_export_matrix_csv",
        summary="The interoperability matrix I may see, as CSV",
    )
    def get(self, request: Request) -> HttpResponse:
        return csv_attachment(exports.matrix_csv(*matrix_for(request)), "matrix.csv")


class MatrixJsonApi(APIView):
    @extend_schema(
        parameters=[SYSTEM_PARAMETER],
        responses={200: OpenApiTypes.OBJECT, **error_responses(400, 404)},
        operation_id="expertise_export_matrix_json",
        summary="The interoperability matrix I may see, as JSON",
    )
    def get(self, request: Request) -> Response:
        return Response(
            exports.matrix_json(*matrix_for(request)), headers=_attachment("matrix.json")
        )
