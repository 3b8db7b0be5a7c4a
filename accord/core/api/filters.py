"""Lists filter the same way everywhere: django-filter FilterSets with `q` and `ordering`.

A module declares one `FilterSet` per list (its filters, `ordering`, and `q` over
`search_fields`), and the list endpoint calls

    filters = filter_query(ItemFilter, request)
    rows = filters.filter_queryset(selectors.item_list(actor=actor, **filters.selector_arguments()))

- Every parameter is declared, so `filter_parameters(ItemFilter)` documents them all in the
  OpenAPI schema (`extend_schema(parameters=...)`).
- A parameter the list does not know is a 400 naming it (translated), never silently
  ignored, so a typo ("stauts=open") does not answer the whole list. `limit`, `offset`
  and `format` belong to every list.
- A bad value (an unknown state, a date that is not one) is a 400 on that parameter.
- Filtering stays behind the access rule: FilterSets only narrow a queryset that already
  went through `visible_to` (the selector's), and filters whose meaning the selector owns
  (a search across scripts, an inbox/outbox) are declared with `SELECTOR` so the FilterSet
  validates them and hands their values to the selector.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request

from accord.core.errors import ValidationFailed

# Parameters every list takes besides its filters (pagination, DRF's format override).
COMMON_PARAMETERS = frozenset({"limit", "offset", "format"})


def SELECTOR(queryset: Any, name: str, value: Any) -> Any:
    """The `method` of a filter the selector applies: the FilterSet leaves it alone."""
    return queryset


def PARAMETER(queryset: Any, name: str, value: Any) -> Any:
    """The `method` of a parameter the endpoint reads itself (an export's file format):
    declared and validated here, applied to nothing."""
    return queryset


class StrictBooleanField(forms.Field):
    """true/false (also 1/0, yes/no); anything else is an error, not "no filter"."""

    default_error_messages = {"invalid": _("Enter true or false.")}
    TRUE = frozenset({"true", "1", "yes"})
    FALSE = frozenset({"false", "0", "no"})

    def to_python(self, value: Any) -> bool | None:
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise DjangoValidationError(self.error_messages["invalid"], code="invalid")


class BooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


class FilterSet(django_filters.FilterSet):
    """The base of every list's FilterSet.

    `search_fields`: the lookups `q` searches (`icontains`, OR-ed); a FilterSet whose
    search the selector owns declares `q` itself with `method=SELECTOR`.
    """

    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(method="search", label=_("Search"))

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value or not self.search_fields:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)

    @classmethod
    def parameters(cls) -> dict[str, django_filters.Filter]:
        """The declared filters; `q` only where there is something to search (a list
        without `search_fields` and no search of its own refuses `q` like any unknown
        parameter, rather than ignoring it)."""
        filters = dict(cls.base_filters)
        q = filters.get("q")
        if q is not None and q.method == "search" and not cls.search_fields:
            del filters["q"]
        return filters

    @classmethod
    def known_parameters(cls) -> set[str]:
        return set(cls.parameters()) | COMMON_PARAMETERS

    def unknown_parameters(self) -> list[str]:
        return sorted(set(self.data or {}) - self.known_parameters())

    def empty_parameters(self) -> list[str]:
        """Parameters given with an empty value where the schema documents a value that
        cannot be empty (a choice, a number, a date, true/false). A form's empty field
        means "any"; an API client that sends `state=` has a bug to hear about."""
        filters = self.parameters()
        return sorted(
            name
            for name, value in (self.data or {}).items()
            if name in filters and value == "" and not _may_be_empty(filters[name])
        )

    def errors_by_parameter(self) -> dict[str, list[Any]]:
        errors: dict[str, list[Any]] = {
            name: [_("Unknown parameter “%(name)s”.") % {"name": name}]
            for name in self.unknown_parameters()
        }
        for name in self.empty_parameters():
            errors[name] = [_("Give a value, or leave the parameter out.")]
        if not self.form.is_valid():
            for name, messages in self.form.errors.items():
                errors.setdefault(name, []).extend(str(m) for m in messages)
        return errors

    def selector_arguments(self) -> dict[str, Any]:
        """The cleaned values of the filters the selector applies (`method=SELECTOR`),
        only those given."""
        return {
            name: self.form.cleaned_data[name]
            for name, f in self.filters.items()
            if f.method is SELECTOR and self.form.cleaned_data.get(name) not in (None, "")
        }


def filter_query(
    filterset_class: type[FilterSet], request: Request, queryset: QuerySet | None = None
) -> FilterSet:
    """The list's FilterSet over the request's query parameters, validated: an unknown
    parameter or a bad value raises `ValidationFailed` (400) naming each one."""
    filterset = filterset_class(data=request.query_params, queryset=queryset, request=request)
    errors = filterset.errors_by_parameter()
    if errors:
        raise ValidationFailed(errors)
    return filterset


def page_filters(filterset_class: type[FilterSet], request: Any) -> FilterSet:
    """The list's FilterSet for a page: the same filters as its API list, read from the
    query string. A page's own controls never send a bad value, so one that comes anyway
    is dropped (its filter is not applied) instead of answering 400, and the page's own
    parameters (`page`, a tab) are not filters."""
    data = {k: v for k, v in request.GET.items() if k in filterset_class.parameters()}
    filterset = filterset_class(data, request=request)
    filterset.form.is_valid()  # cleaned_data holds the valid values only
    return filterset


def _may_be_empty(f: django_filters.Filter) -> bool:
    """Whether the schema documents the parameter as free text (see filter_parameters)."""
    has_enum = isinstance(f, django_filters.OrderingFilter | django_filters.ChoiceFilter)
    return not has_enum and _parameter_type(f) == OpenApiTypes.STR


def _parameter_type(f: django_filters.Filter) -> Any:
    if isinstance(f, BooleanFilter):
        return OpenApiTypes.BOOL
    if isinstance(f, django_filters.NumberFilter | django_filters.ModelChoiceFilter) and not (
        getattr(f, "extra", {}).get("to_field_name")
    ):
        return OpenApiTypes.INT
    if isinstance(f, django_filters.DateFilter):
        return OpenApiTypes.DATE
    return OpenApiTypes.STR


def filter_parameters(filterset_class: type[FilterSet]) -> list[OpenApiParameter]:
    """The FilterSet's parameters for `extend_schema(parameters=...)`."""
    parameters = []
    for name, f in filterset_class.parameters().items():
        enum: list[Any] | None = None
        description = f.extra.get("help_text") or f.label or ""
        if isinstance(f, django_filters.OrderingFilter):
            enum = [*f.param_map, *(f"-{key}" for key in f.param_map)]
            description = _("Order by this field; a leading “-” reverses it.")
        elif isinstance(f, django_filters.ChoiceFilter):
            enum = [value for value, _label in f.extra.get("choices", []) if value != ""]
        elif name == "q" and not description:
            description = _("Search")
        kind = _parameter_type(f)
        if enum and all(isinstance(value, int) for value in enum):
            kind = OpenApiTypes.INT
        parameters.append(
            OpenApiParameter(name, kind, required=False, enum=enum, description=description)
        )
    return parameters


class OrderingFilter(django_filters.OrderingFilter):
    """`?ordering=field` or `?ordering=-field` (several, comma-separated); the list's own
    order follows as the tie-breaker, so pages stay stable."""

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        ordering = [self.get_ordering_value(param) for param in value]
        return qs.order_by(*ordering, *qs.query.order_by, "pk")


def party_filter(*, method: Any = None, **kwargs: Any) -> django_filters.ModelChoiceFilter:
    """A party given by its code; an unknown code is a 400 on the parameter."""
    from accord.core.selectors import party_list

    return django_filters.ModelChoiceFilter(
        queryset=party_list(active_only=False),
        to_field_name="code",
        method=method,
        error_messages={"invalid_choice": _("No party has the code %(value)s.")},
        **kwargs,
    )
