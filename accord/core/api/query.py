"""Query parameters through a serializer: a bad one answers 400 naming it."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.request import Request


def validated_query(
    serializer_class: type[serializers.Serializer], request: Request
) -> dict[str, Any]:
    """Validated query parameters; a bad one answers 400 naming it. (A plain dict, so that
    an absent parameter stays absent instead of becoming an empty form value.)"""
    query = serializer_class(data=request.query_params.dict())
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)
