"""Service errors as HTTP answers, and the one schema component of the error body.

Every error answer has the body `{"code": ..., "detail": ...}` and, for invalid input,
`"errors": {"dotted.field.name": [messages]}`. Endpoints document it with
`error_responses(400, 404, ...)`, which names the one `Error` component.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import exceptions as drf_exceptions
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from accord.core.errors import NotFound, ServiceError, ValidationFailed


@extend_schema_serializer(component_name="Error")
class ErrorOutput(serializers.Serializer):
    """The body of every error answer."""

    code = serializers.CharField()
    detail = serializers.CharField()
    # DRF's metaclass takes declared fields off the class: this does not hide
    # Serializer.errors, whatever the stubs say.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


def error_responses(*codes: int) -> dict[int, type[serializers.Serializer]]:
    """`{code: ErrorOutput}` for `extend_schema(responses=...)`."""
    return dict.fromkeys(codes, ErrorOutput)


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
