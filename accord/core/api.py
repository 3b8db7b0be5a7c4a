"""API plumbing shared by every module: error mapping and the base viewsets."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions as drf_exceptions
from rest_framework import renderers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from accord.core.errors import NotFound, ServiceError, ValidationFailed
from accord.reports import tabular


def flat_errors(data: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested errors ({"items": [{}, {"kind": [...]}]}) as the flat shape every error
    body has ({"items.1.kind": [...]}), the same dotted names the services use."""
    if isinstance(data, dict):
        out: dict[str, list[str]] = {}
        for key, value in data.items():
            out.update(flat_errors(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(data, list) and all(isinstance(m, str) for m in data):
        return {prefix or "__all__": [str(m) for m in data]} if data else {}
    if isinstance(data, list):
        out = {}
        for index, value in enumerate(data):
            out.update(flat_errors(value, f"{prefix}.{index}" if prefix else str(index)))
        return out
    return {prefix or "__all__": [str(data)]}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Answer service errors with their status and a translated message.

    Body: {"code": ..., "detail": ...} and, for validation, {"errors": {field: [...]}}.
    """
    if isinstance(exc, ValidationFailed):
        return Response(
            {
                "code": exc.code,
                "detail": str(exc.message),
                "errors": {k: [str(m) for m in v] for k, v in exc.errors.items()},
            },
            status=exc.status,
        )
    if isinstance(exc, ServiceError):
        return Response({"code": exc.code, "detail": str(exc.message)}, status=exc.status)
    if isinstance(exc, Http404 | drf_exceptions.NotFound):
        return Response(
            {"code": NotFound.code, "detail": str(NotFound.default_message)},
            status=status.HTTP_404_NOT_FOUND,
        )
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, drf_exceptions.ValidationError):
        response.data = {
            "code": ValidationFailed.code,
            "detail": _("Some of the data is not valid."),
            "errors": flat_errors(response.data),
        }
    elif response is not None and isinstance(exc, drf_exceptions.APIException):
        response.data = {"code": exc.default_code, "detail": str(exc.detail)}
    return response


# --- Endpoints of the shared kernel -------------------------------------------------------

from drf_spectacular.utils import extend_schema  # noqa: E402
from rest_framework import serializers  # noqa: E402
from rest_framework.pagination import LimitOffsetPagination  # noqa: E402
from rest_framework.request import Request  # noqa: E402
from rest_framework.views import APIView  # noqa: E402

from accord.core import selectors, services  # noqa: E402


class PartyOutput(serializers.Serializer):
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_ru = serializers.CharField()
    kind = serializers.CharField()
    standing = serializers.CharField()
    active = serializers.BooleanField()


class PartyListApi(APIView):
    @extend_schema(responses=PartyOutput(many=True), summary="Parties to the agreement")
    def get(self, request: Request) -> Response:
        return Response(PartyOutput(selectors.party_list(active_only=False), many=True).data)


class AuditEventOutput(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    actor_username = serializers.CharField()
    actor_party_code = serializers.CharField()
    action = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    object_repr = serializers.CharField()
    before = serializers.JSONField(source="before_data")
    after = serializers.JSONField(source="after_data")
    prev_hash = serializers.CharField()
    hash = serializers.CharField()


class AuditEventListApi(APIView):
    @extend_schema(
        responses=AuditEventOutput(many=True), summary="Audit events I may read, newest first"
    )
    def get(self, request: Request) -> Response:
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(
            selectors.audit_events_visible_to(request.user), request, view=self
        )
        return paginator.get_paginated_response(AuditEventOutput(page, many=True).data)


class AuditVerifyOutput(serializers.Serializer):
    ok = serializers.BooleanField()
    checked = serializers.IntegerField()
    broken_event_id = serializers.IntegerField(allow_null=True)
    reason = serializers.CharField()


class AuditVerifyApi(APIView):
    @extend_schema(
        request=None, responses=AuditVerifyOutput, summary="Verify the whole audit chain (auditors)"
    )
    def post(self, request: Request) -> Response:
        result = services.audit_chain_verify(actor=request.user)
        body = {
            "ok": result.ok,
            "checked": result.checked,
            "broken_event_id": result.broken_event_id,
            "reason": str(result.reason),
        }
        return Response(AuditVerifyOutput(body).data)


class CsvRenderer(renderers.BaseRenderer):
    """Lets a client ask for text/csv. Exports answer with their CSV directly; an error
    asked for as CSV comes as one row of code and detail."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if isinstance(data, str):
            return data.encode()
        rows = [[data.get("code", ""), data.get("detail", "")]] if isinstance(data, dict) else []
        return tabular.csv_bytes(["code", "detail"], rows)


def csv_attachment(text: str, filename: str) -> HttpResponse:
    """A CSV download."""
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
