"""The filters of the API's lists (`accord.core.api.filters`): an unknown parameter is a 400."""

from __future__ import annotations

import django_filters

from accord.core.api.filters import FilterSet, OrderingFilter
from accord.core.models import Classification
from accord.programmes.models import ActivityStatus, Programme, Stage, SupportKind, SupportRequest


class ProgrammeFilter(FilterSet):
    stage = django_filters.ChoiceFilter(choices=Stage.choices)
    status = django_filters.TypedChoiceFilter(choices=ActivityStatus.choices, coerce=int)
    classification = django_filters.TypedChoiceFilter(choices=Classification.choices, coerce=int)
    ordering = OrderingFilter(fields=("identifier", "title_en", "created_at"))
    search_fields = ("identifier", "title_en", "title_ru", "objectives")

    class Meta:
        model = Programme
        fields: list[str] = []


class SupportRequestFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=SupportKind.choices)
    status = django_filters.ChoiceFilter(choices=SupportRequest.Status.choices)
    search_fields = ("title_en", "title_ru", "description")

    class Meta:
        model = SupportRequest
        fields: list[str] = []
