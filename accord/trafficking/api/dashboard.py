"""The dashboard's figures and the exports over the API."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.core.api.errors import error_responses
from accord.core.audit import record_event
from accord.core.errors import NotFound, PermissionDenied
from accord.core.export_audit import records_own_export
from accord.core.permissions import acting_user
from accord.trafficking import exports
from accord.trafficking.selectors import dashboard as selectors


class TraffickingCountOutput(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()


class TraffickingMonthOutput(serializers.Serializer):
    month = serializers.CharField(source="label")
    count = serializers.IntegerField()


class TraffickingItemKindOutput(TraffickingCountOutput):
    wanted = serializers.IntegerField()


class TracingResponseTimesOutput(serializers.Serializer):
    party = serializers.CharField(source="code")
    requests = serializers.IntegerField()
    answered = serializers.IntegerField()
    overdue = serializers.IntegerField()
    median_days = serializers.FloatField(allow_null=True)
    max_days = serializers.FloatField(allow_null=True)


class TraffickingDashboardOutput(serializers.Serializer):
    incidents_by_kind = TraffickingCountOutput(many=True, source="by_kind")
    incidents_by_month = TraffickingMonthOutput(many=True, source="by_month")
    incidents_by_party = TraffickingCountOutput(many=True, source="by_party")
    items_by_kind = TraffickingItemKindOutput(many=True)
    tracing_response_times = TracingResponseTimesOutput(many=True, source="tracing")


class TraffickingDashboardQuery(serializers.Serializer):
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)


class DashboardApi(APIView):
    @extend_schema(
        parameters=[TraffickingDashboardQuery],
        responses={200: TraffickingDashboardOutput, **error_responses(400)},
        summary=(
            "Dashboard figures: incidents by kind, month and party; items by kind; tracing "
            "response times per party — counted over the records I may see"
        ),
    )
    def get(self, request: Request) -> Response:
        query = TraffickingDashboardQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        figures = selectors.dashboard(actor=acting_user(request), **query.validated_data)
        return Response(TraffickingDashboardOutput(figures).data)


class TraffickingExportTableOutput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    rows = serializers.IntegerField()
    columns = serializers.ListField(child=serializers.CharField())


class ExportListApi(APIView):
    @extend_schema(
        responses=TraffickingExportTableOutput(many=True),
        summary="The tables I can export, with the number of rows I may see in each",
    )
    def get(self, request: Request) -> Response:
        actor = acting_user(request)
        rows = [
            {"code": t.code, "title": t.title, "rows": n, "columns": list(t.columns)}
            for t, n in exports.table_counts(actor=actor)
        ]
        return Response(TraffickingExportTableOutput(rows, many=True).data)


def audit_export(actor: Any, tables: list[str], file_format: str) -> None:
    with transaction.atomic():
        record_event(
            actor=actor,
            action="trafficking.export",
            object_type="trafficking.export",
            object_repr=", ".join(tables),
            after={"tables": tables, "format": file_format},
        )


def csv_response(actor: Any, code: str) -> StreamingHttpResponse:
    t = exports.table(code)
    if t is None:
        raise NotFound()
    if not t.may(actor):
        raise PermissionDenied()
    audit_export(actor, [t.code], "csv")
    response = StreamingHttpResponse(
        exports.csv_lines(t, actor=actor), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="trafficking-{t.code}.csv"'
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(actor: Any, code: str | None = None) -> HttpResponse:
    if code is None:
        tables = exports.readable(actor=actor)
        name = "trafficking"
    else:
        found = exports.table(code)
        if found is None:
            raise NotFound()
        if not found.may(actor):
            raise PermissionDenied()
        tables = [found]
        name = f"trafficking-{found.code}"
    audit_export(actor, [t.code for t in tables], "xlsx")
    response = HttpResponse(exports.xlsx_bytes(tables, actor=actor), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@records_own_export
class ExportCsvApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH, enum=exports.TABLE_CODES)],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY),
            **error_responses(404),
        },
        summary="One table as CSV (UTF-8 with BOM; codes, not labels)",
    )
    def get(self, request: Request, code: str) -> Any:
        return csv_response(acting_user(request), code)


@records_own_export
class ExportXlsxApi(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "code",
                str,
                OpenApiParameter.PATH,
                enum=(*exports.TABLE_CODES, "all"),
                description="A table's code, or `all` for one sheet per table",
            )
        ],
        responses={(200, XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY), **error_responses(404)},
        summary="One table, or all of them (code `all`), as an XLSX workbook",
    )
    def get(self, request: Request, code: str) -> Any:
        return xlsx_response(acting_user(request), None if code == "all" else code)
