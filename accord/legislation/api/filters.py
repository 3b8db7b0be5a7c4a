"""The filters of the module's API lists (`accord.core.api.filters`): an unknown parameter
is a 400."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from accord.core.api.filters import FilterSet, OrderingFilter, party_filter
from accord.legislation.models import ModelAct, NationalAct, NationalActKind, Stage


class ActFilter(FilterSet):
    stage = django_filters.ChoiceFilter(choices=Stage.choices)
    ordering = OrderingFilter(fields=("number", "created_at"))
    search_fields = ("number", "title_en", "title_ru", "summary")

    class Meta:
        model = ModelAct
        fields: list[str] = []


class NationalFilter(FilterSet):
    party = party_filter(field_name="owner", help_text=_("Only this state's acts (its code)."))
    kind = django_filters.ChoiceFilter(choices=NationalActKind.choices)
    in_force_on = django_filters.DateFilter(
        method="in_force_filter", help_text=_("Only acts in force on this date.")
    )
    ordering = OrderingFilter(fields=("enacted_on", "in_force_on"))
    search_fields = ("title", "title_en", "title_ru", "frbr_work", "gazette")

    class Meta:
        model = NationalAct
        fields: list[str] = []

    def in_force_filter(self, queryset: Any, name: str, value: Any) -> Any:
        """In force on `value`: entered into force by then, not repealed by then (an act
        without a date of entry into force is never in force)."""
        from django.db.models import Q

        return queryset.filter(in_force_on__lte=value).filter(
            Q(repealed_on__isnull=True) | Q(repealed_on__gt=value)
        )
