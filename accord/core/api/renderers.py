"""CSV for API clients: a renderer for `Accept: text/csv` and a download response; the
content negotiation of every endpoint."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from rest_framework import negotiation, renderers
from rest_framework.request import Request

from accord.core.errors import ValidationFailed
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


class ContentNegotiation(negotiation.DefaultContentNegotiation):
    """DRF's negotiation, but `?format=` naming no format the endpoint renders (or empty)
    is a 400 on the parameter, where DRF answered an empty one with the default format and
    an unknown one with 404."""

    def select_renderer(
        self,
        request: Request,
        renderers: Iterable[renderers.BaseRenderer],
        format_suffix: str | None = None,
    ) -> Any:
        given = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE or "format")
        if format_suffix is None and given is not None:
            renderers = list(renderers)
            known = [str(renderer.format) for renderer in renderers]
            if given not in known:
                raise ValidationFailed.single(
                    "format",
                    _("Unknown format “%(format)s”: use one of %(known)s.")
                    % {"format": given, "known": ", ".join(known)},
                )
        return super().select_renderer(request, renderers, format_suffix)
