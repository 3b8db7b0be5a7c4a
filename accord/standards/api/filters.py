"""The filters of the standards API's lists (`accord.core.api.filters`)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from accord.core.api.filters import SELECTOR, FilterSet, OrderingFilter
from accord.standards.models import Action, Comment, Facility, Standard


class StandardFilter(FilterSet):
    owner = django_filters.CharFilter(
        field_name="owner__code", help_text=_("Only this party's standards (its code).")
    )
    ordering = OrderingFilter(fields=("code", "created_at", "updated_at"))
    search_fields = ("code", "title_en", "title_ru")

    class Meta:
        model = Standard
        fields: list[str] = []


class CommentFilter(FilterSet):
    party = django_filters.CharFilter(
        method=SELECTOR, max_length=8, help_text=_("Only this party's comments (its code).")
    )
    type = django_filters.ChoiceFilter(method=SELECTOR, choices=Comment.Type.choices)
    disposition = django_filters.ChoiceFilter(
        method=SELECTOR,
        choices=[*Comment.Disposition.choices, ("open", "open")],
        help_text=_("A disposition, or “open” for comments not yet disposed of."),
    )
    ordering = OrderingFilter(fields=("created_at", "clause_number"))
    search_fields = ("comment", "proposed_change")

    class Meta:
        model = Comment
        fields: list[str] = []


class FacilityFilter(FilterSet):
    sector = django_filters.ChoiceFilter(choices=Facility.Sector.choices)
    owner = django_filters.CharFilter(
        field_name="owner__code", help_text=_("Only this party's facilities (its code).")
    )
    ordering = OrderingFilter(fields=("name", "sector"))
    search_fields = ("name",)

    class Meta:
        model = Facility
        fields: list[str] = []


class ActionFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=Action.Status.choices)
    ordering = OrderingFilter(fields=("due_date", "title", "created_at"))
    search_fields = ("title", "description", "owner_name")

    class Meta:
        model = Action
        fields: list[str] = []
