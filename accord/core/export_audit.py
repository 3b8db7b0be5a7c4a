"""Every file export is audited: which export, by whom, with which filters.

Exports are reads with no service of their own, and most were not audited (issue 17,
point 7: 5 of 7 export endpoints). Rather than one call per view (which a new export would
forget), this middleware recognises a file export by its URL — the route ends in .csv,
.xlsx, .json or .pdf, or in /csv/ or /xlsx/, or its name is `<thing>-export`, or its API
view renders CSV or a download — and, when it answered 200 and its view recorded no event
of its own (the trafficking table exports record which tables), records `export` with the
URL name and the query it was asked with. A view that records its own, richer event
(the trafficking table exports name their tables) is marked with `records_own_export`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, ResolverMatch, resolve

from accord.core.audit import record_event

_ROUTE = re.compile(r"\.(csv|xlsx|pdf|json)$|/(csv|xlsx|pdf)/$")
_NAME = re.compile(r".-export$")
_FILE_RENDERERS = {"CsvRenderer", "DownloadRenderer"}


def records_own_export(view: Any) -> Any:
    """Mark a view (function or API class) that records its own export event."""
    view.records_own_export = True
    return view


def is_file_export(match: ResolverMatch) -> bool:
    view = getattr(match.func, "cls", None)
    renderers = {r.__name__ for r in getattr(view, "renderer_classes", ())}
    return bool(
        _ROUTE.search(match.route or "")
        or _NAME.search(match.url_name or "")
        or renderers & _FILE_RENDERERS
    )


class ExportAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "GET":
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        if not is_file_export(match):
            return self.get_response(request)
        view = getattr(match.func, "cls", match.func)
        response = self.get_response(request)
        user: Any = getattr(request, "user", None)
        if (
            response.status_code == 200
            and user is not None
            and user.is_authenticated
            and not getattr(view, "records_own_export", False)
        ):
            record_event(
                actor=user,
                action="export",
                object_type="export",
                object_id=match.view_name,
                object_repr=request.get_full_path()[:300],
                after={
                    "export": match.view_name,
                    "arguments": {k: str(v) for k, v in match.kwargs.items()},
                    "query": {k: request.GET.getlist(k) for k in sorted(request.GET)},
                },
            )
        return response
