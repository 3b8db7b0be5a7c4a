"""The filters of the expertise API's lists (`accord.core.api.filters`)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from accord.core.api.filters import SELECTOR, FilterSet, OrderingFilter
from accord.expertise.models import Review, WeaponSystem


class ReviewFilter(FilterSet):
    state = django_filters.ChoiceFilter(
        choices=Review.State.choices, help_text=_("Only reviews in this state.")
    )
    ordering = OrderingFilter(fields=("created_at", "state", "law_date", "expires_on"))
    search_fields = ("subject__system__designation", "subject__label")

    class Meta:
        model = Review
        fields: list[str] = []


class SystemFilter(FilterSet):
    category = django_filters.ChoiceFilter(
        choices=WeaponSystem.Category.choices, help_text=_("Only systems of this category.")
    )
    stage = django_filters.ChoiceFilter(
        choices=WeaponSystem.Stage.choices, help_text=_("Only systems at this lifecycle stage.")
    )
    owner = django_filters.CharFilter(
        field_name="owner__code", help_text=_("Only this party's systems (its code).")
    )
    ordering = OrderingFilter(fields=("designation", "created_at", "category"))
    search_fields = ("designation",)

    class Meta:
        model = WeaponSystem
        fields: list[str] = []


class MatrixFilter(FilterSet):
    """The interoperability matrix's filter: one system's versions (the selector applies
    it, among the systems the user sees)."""

    system = django_filters.NumberFilter(
        method=SELECTOR, min_value=1, help_text=_("Only this system's versions (its id).")
    )

    class Meta:
        model = WeaponSystem
        fields: list[str] = []
