"""The filters of the API's list (`accord.core.api.filters`): an unknown parameter is a 400."""

from __future__ import annotations

import django_filters

from accord.core.api.filters import FilterSet, OrderingFilter
from accord.core.models import Classification
from accord.programmes.models import Record


class RecordFilter(FilterSet):
    classification = django_filters.ChoiceFilter(choices=Classification.choices)
    ordering = OrderingFilter(fields=("title_en", "created_at"))
    search_fields = ("title_en", "title_ru", "summary")

    class Meta:
        model = Record
        fields: list[str] = []
