"""CSV export and import of instruments, participation acts and rules, in the reference
format (see accord.law.csvio)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import renderers, serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.api.renderers import CsvRenderer, csv_attachment
from accord.core.permissions import acting_user
from accord.law import csvio, selectors, services

CSV_RESPONSE = {(200, "text/csv"): OpenApiTypes.STR}


class InstrumentsExportApi(APIView):
    renderer_classes = [renderers.JSONRenderer, CsvRenderer]

    @extend_schema(
        responses=CSV_RESPONSE,
        operation_id="law_export_instruments",
        summary="All instruments as CSV (reference format)",
    )
    def get(self, request: Request) -> HttpResponse:
        return csv_attachment(
            csvio.write_instruments(selectors.instrument_list()), "instruments.csv"
        )


class ParticipationExportApi(APIView):
    renderer_classes = [renderers.JSONRenderer, CsvRenderer]

    @extend_schema(
        responses=CSV_RESPONSE,
        operation_id="law_export_participation",
        summary="All participation acts as CSV (reference format)",
    )
    def get(self, request: Request) -> HttpResponse:
        return csv_attachment(csvio.write_participation(selectors.acts_for()), "participation.csv")


class RulesExportApi(APIView):
    renderer_classes = [renderers.JSONRenderer, CsvRenderer]

    @extend_schema(
        responses=CSV_RESPONSE,
        operation_id="law_export_rules",
        summary="The whole rules catalogue as CSV (reference format)",
    )
    def get(self, request: Request) -> HttpResponse:
        rules = selectors.rule_list(include_inactive=True)
        return csv_attachment(csvio.write_rules(rules), "rules.csv")


class CsvImportInput(serializers.Serializer):
    file = serializers.FileField(help_text=_("A UTF-8 CSV file in the reference format."))


class CsvImportOutput(serializers.Serializer):
    changed = serializers.IntegerField(help_text=_("How many records were created or changed."))


class _CsvImportApi(APIView):
    """A whole file or nothing: a bad row answers 400 with errors.file listing
    "Row N: reason", and nothing of the file is stored."""

    parser_classes = [MultiPartParser, FormParser]
    import_file: Callable[..., int]

    @extend_schema(
        request={"multipart/form-data": CsvImportInput},
        responses={200: CsvImportOutput, **error_responses(400, 403)},
        summary="Import a CSV file (the Secretariat's law editors)",
    )
    def post(self, request: Request) -> Response:
        data = CsvImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        # One byte over the limit is enough for the parser to refuse the file as too large.
        content = data.validated_data["file"].read(csvio.MAX_BYTES + 1)
        changed = type(self).import_file(actor=acting_user(request), content=content)
        return Response(CsvImportOutput({"changed": changed}).data)


class InstrumentsImportApi(_CsvImportApi):
    import_file = staticmethod(services.instruments_import)


class ParticipationImportApi(_CsvImportApi):
    import_file = staticmethod(services.participation_import)


class RulesImportApi(_CsvImportApi):
    import_file = staticmethod(services.rules_import)
