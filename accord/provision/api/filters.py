"""The filters of the API's lists (`accord.core.api.filters`): an unknown parameter is a 400."""

from __future__ import annotations

import django_filters

from accord.core.api.filters import FilterSet, OrderingFilter
from accord.provision.models import Commitment, Requirement, RetransferRequest, Return


class RequirementFilter(FilterSet):
    state = django_filters.ChoiceFilter(choices=Requirement.State.choices)
    ordering = OrderingFilter(fields=("needed_by", "created_at", "reference"))
    search_fields = ("reference", "capability")

    class Meta:
        model = Requirement
        fields: list[str] = []


class CommitmentFilter(FilterSet):
    state = django_filters.ChoiceFilter(choices=Commitment.State.choices)
    terms = django_filters.ChoiceFilter(choices=Commitment.Terms.choices)
    requirement = django_filters.NumberFilter(field_name="requirement_id")
    ordering = OrderingFilter(fields=("created_at", "quantity"))

    class Meta:
        model = Commitment
        fields: list[str] = []


class RetransferFilter(FilterSet):
    state = django_filters.ChoiceFilter(choices=RetransferRequest.State.choices)

    class Meta:
        model = RetransferRequest
        fields: list[str] = []


class ReturnFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=Return.Kind.choices)
    state = django_filters.ChoiceFilter(choices=Return.State.choices)
    year = django_filters.NumberFilter()

    class Meta:
        model = Return
        fields: list[str] = []
