"""The filters of the trafficking API's lists (`accord.core.api.filters`).

The registers' searches (serial prefixes folded, names in any script, inbox and outbox)
belong to the selectors: these FilterSets declare and validate them (`method=SELECTOR`)
and add ordering; the selectors apply them behind `visible_to`.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from accord.core.api.filters import (
    PARAMETER,
    SELECTOR,
    BooleanFilter,
    FilterSet,
    OrderingFilter,
)
from accord.trafficking.models import Entity, Incident, Item, Operation, TracingRequest
from accord.trafficking.models.items import ItemKind, MakeModel
from accord.trafficking.selectors import tracing as tracing_selectors


class ItemFilter(FilterSet):
    q = django_filters.CharFilter(
        method=SELECTOR, help_text=_("Serial start, manufacturer, model or markings.")
    )
    serial = django_filters.CharFilter(method=SELECTOR, help_text=_("Start of the serial."))
    kind = django_filters.ChoiceFilter(method=SELECTOR, choices=ItemKind.choices)
    status = django_filters.ChoiceFilter(method=SELECTOR, choices=Item.Status.choices)
    owner = django_filters.CharFilter(method=SELECTOR, help_text=_("Owner party code."))
    make_model = django_filters.NumberFilter(
        method=SELECTOR, min_value=1, max_value=2**31 - 1, help_text=_("A make and model's id.")
    )
    country = django_filters.CharFilter(
        method=SELECTOR, help_text=_("Country of manufacture (its code).")
    )
    ordering = OrderingFilter(fields=("serial_number", "manufacturer", "status"))

    class Meta:
        model = Item
        fields: list[str] = []


class ItemExportFilter(ItemFilter):
    file_format = django_filters.ChoiceFilter(
        method=PARAMETER,
        choices=[("csv", "csv"), ("xlsx", "xlsx")],
        help_text=_("Default csv."),
    )

    class Meta(ItemFilter.Meta):
        pass


class IncidentFilter(FilterSet):
    kind = django_filters.ChoiceFilter(method=SELECTOR, choices=Incident.Kind.choices)
    status = django_filters.ChoiceFilter(method=SELECTOR, choices=Incident.Status.choices)
    country = django_filters.CharFilter(method=SELECTOR, max_length=3)
    owner = django_filters.CharFilter(
        method=SELECTOR, max_length=8, help_text=_("Owner party code.")
    )
    q = django_filters.CharFilter(
        method=SELECTOR, max_length=100, help_text=_("Reference or locality.")
    )
    serial = django_filters.CharFilter(method=SELECTOR, max_length=100)
    name = django_filters.CharFilter(method=SELECTOR, max_length=300)
    since = django_filters.DateFilter(method=SELECTOR, help_text=_("Occurred on or after."))
    until = django_filters.DateFilter(method=SELECTOR, help_text=_("Occurred on or before."))
    ordering = OrderingFilter(fields=("occurred_on", "reference", "status"))

    class Meta:
        model = Incident
        fields: list[str] = []


class EntityFilter(FilterSet):
    q = django_filters.CharFilter(method=SELECTOR, help_text=_("A name in any script, or an id."))
    kind = django_filters.ChoiceFilter(method=SELECTOR, choices=Entity.Kind.choices)
    status = django_filters.ChoiceFilter(method=SELECTOR, choices=Entity.Status.choices)
    owner = django_filters.CharFilter(method=SELECTOR, help_text=_("Listing party code."))
    nationality = django_filters.CharFilter(method=SELECTOR)
    ordering = OrderingFilter(fields=("name", "listed_on"))

    class Meta:
        model = Entity
        fields: list[str] = []


class OperationFilter(FilterSet):
    status = django_filters.ChoiceFilter(method=SELECTOR, choices=Operation.Status.choices)
    q = django_filters.CharFilter(method=SELECTOR, help_text=_("Part of the name or reference."))
    participant = django_filters.CharFilter(
        method=SELECTOR, help_text=_("A participating party's code.")
    )
    ordering = OrderingFilter(fields=("starts_on", "name", "code"))

    class Meta:
        model = Operation
        fields: list[str] = []


class TracingFilter(FilterSet):
    box = django_filters.ChoiceFilter(
        method=SELECTOR, choices=[(b, b) for b in tracing_selectors.BOXES]
    )
    state = django_filters.ChoiceFilter(method=SELECTOR, choices=TracingRequest.State.choices)
    overdue = BooleanFilter(method=SELECTOR)
    ordering = OrderingFilter(fields=("sent_at", "due_date", "reference"))

    class Meta:
        model = TracingRequest
        fields: list[str] = []


class MakeModelFilter(FilterSet):
    q = django_filters.CharFilter(
        method=SELECTOR, help_text=_("Part of the manufacturer's or model's name, any script.")
    )
    kind = django_filters.ChoiceFilter(choices=ItemKind.choices)
    ordering = OrderingFilter(fields=("manufacturer", "model"))

    class Meta:
        model = MakeModel
        fields: list[str] = []
