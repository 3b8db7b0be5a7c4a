"""The one pagination of every list endpoint: limit and offset, with a bounded count.

A page answers `{"count", "count_exact", "next", "previous", "results"}`. Counting every
row a user may see costs as much as reading them (the access rule is part of the query),
so the count stops at `ACCORD_API_COUNT_CAP` rows: `count_exact` is false when there are
more, and `count` is then the cap. `next` never depends on the count: the page reads one
row more than it returns to know whether another page follows. When the page is the last
one the count comes from the page itself, with no COUNT query at all.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from accord.core.errors import ValidationFailed

DEFAULT_COUNT_CAP = 10_000


def count_cap() -> int:
    return int(getattr(settings, "ACCORD_API_COUNT_CAP", DEFAULT_COUNT_CAP))


class Pagination(LimitOffsetPagination):
    """`?limit=` (default `PAGE_SIZE`, at most `max_limit`) and `?offset=`.

    A limit above `max_limit` is read as `max_limit`; a limit or offset that is not a
    whole number (a limit below 1, an offset below 0) answers 400 naming it, instead of
    being read silently as the default."""

    max_limit = 500
    # Beyond any list's length, and within every database's integer (a larger offset was a
    # 500: SQLite's OverflowError).
    max_offset = 1_000_000_000

    @staticmethod
    def _whole_number(
        request: Request, name: str, minimum: int, maximum: int | None = None
    ) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        text = raw.strip()
        if not (text.isascii() and text.lstrip("-").isdigit()) or int(text) < minimum:
            raise ValidationFailed.single(
                name, _("Enter a whole number of at least %(minimum)d.") % {"minimum": minimum}
            )
        if maximum is not None and int(text) > maximum:
            raise ValidationFailed.single(
                name, _("Enter a whole number of at most %(maximum)d.") % {"maximum": maximum}
            )
        return int(text)

    def get_limit(self, request: Request) -> int | None:
        limit = self._whole_number(request, self.limit_query_param, 1)
        if limit is None:
            return self.default_limit
        return min(limit, self.max_limit) if self.max_limit else limit

    def get_offset(self, request: Request) -> int:
        return self._whole_number(request, self.offset_query_param, 0, self.max_offset) or 0

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"]["minimum"] = 1
            elif parameter["name"] == self.offset_query_param:
                parameter["schema"].update(minimum=0, maximum=self.max_offset)
        return parameters

    count_exact: bool = True
    has_next: bool = False

    def paginate_queryset(
        self, queryset: Any, request: Request, view: Any = None
    ) -> list[Any] | None:
        self.request = request
        self.limit = self.get_limit(request)
        if self.limit is None:
            return None
        self.offset = self.get_offset(request)
        window = list(queryset[self.offset : self.offset + self.limit + 1])
        self.has_next = len(window) > self.limit
        rows = window[: self.limit]
        if rows and not self.has_next:
            # The last page: everything before it plus what it holds, no COUNT needed.
            self.count, self.count_exact = self.offset + len(rows), True
        else:
            cap = count_cap()
            counted = self._count_up_to(queryset, cap + 1)
            self.count, self.count_exact = min(counted, cap), counted <= cap
        return rows

    @staticmethod
    def _count_up_to(queryset: Any, bound: int) -> int:
        if isinstance(queryset, QuerySet):
            return queryset[:bound].count()
        return len(queryset[:bound])

    def get_next_link(self) -> str | None:
        if not self.has_next or self.request is None or self.limit is None:
            return None
        url = self.request.build_absolute_uri()
        url = replace_query_param(url, self.limit_query_param, self.limit)
        return replace_query_param(url, self.offset_query_param, (self.offset or 0) + self.limit)

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {
                "count": self.count,
                "count_exact": self.count_exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        answer = super().get_paginated_response_schema(schema)
        answer["properties"]["count"]["description"] = (
            "Rows in the list, counted up to a cap (ACCORD_API_COUNT_CAP)."
        )
        answer["properties"]["count_exact"] = {
            "type": "boolean",
            "description": "False when the list holds more rows than the cap: count is the cap.",
            "example": True,
        }
        answer["required"] = ["count", "count_exact", "results"]
        return answer


def paginated(
    view: Any, request: Request, rows: Any, output: type[serializers.Serializer]
) -> Response:
    """One page of `rows` serialised with `output`, through the view's pagination."""
    paginator = getattr(view, "pagination_class", None) or Pagination
    pager = paginator()
    page = pager.paginate_queryset(rows, request, view=view)
    return pager.get_paginated_response(output(page, many=True).data)
