"""CSV for API clients: a renderer for `Accept: text/csv` and a download response."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpResponse
from rest_framework import renderers

from accord.reports import tabular


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
