"""Pieces the law API's modules share: pagination, the error body and its schema,
named enums, query-parameter validation, and fields that take a party or an instrument
by its code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

from accord.core import selectors as core_selectors
from accord.law import selectors
from accord.law.models import ConflictType, ParticipationAct, Rule
from accord.law.vocabulary import BOOL, CHOICE, SET


class LawPagination(LimitOffsetPagination):
    """Limit/offset pages; the CSV exports serve whole tables."""

    max_limit = 500


class LawError(serializers.Serializer):
    """The body of every error answer (see accord.core.api.exception_handler)."""

    code = serializers.CharField()
    detail = serializers.CharField()
    # DRF's metaclass takes declared fields off the class: this does not hide
    # Serializer.errors (nor `parent` and `label` below hide Field's), whatever the stubs say.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


def error_responses(*codes: int) -> dict[int, type[serializers.Serializer]]:
    return dict.fromkeys(codes, LawError)


class _EnumField(serializers.ChoiceField):
    enum_choices: Any = ()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=self.enum_choices, **kwargs)


def _enum_field(name: str, choices: Any) -> type[_EnumField]:
    """A ChoiceField whose choice set is one named component of the OpenAPI schema, so
    that choice sets sharing a field name ("kind") stay apart and a set used under two
    names (conflict_type, conflicts) is still one enum for client generators."""

    @extend_schema_field(
        {"type": "string", "enum": [value for value, _label in choices]}, component_name=name
    )
    class EnumField(_EnumField):
        enum_choices = choices

    EnumField.__name__ = EnumField.__qualname__ = f"{name}Field"
    return EnumField


ActKindField = _enum_field("ParticipationActKindEnum", ParticipationAct.Kind.choices)
RuleKindField = _enum_field("RuleKindEnum", Rule.Kind.choices)
ConflictTypeField = _enum_field("ConflictTypeEnum", ConflictType.choices)
CharacteristicKindField = _enum_field(
    "CharacteristicKindEnum", [(CHOICE, CHOICE), (SET, SET), (BOOL, BOOL)]
)


ON_PARAMETER = OpenApiParameter(
    "on",
    OpenApiTypes.DATE,
    description=_("The date the answer is for (YYYY-MM-DD); today when omitted."),
)


def validated_query(
    serializer_class: type[serializers.Serializer], request: Request
) -> dict[str, Any]:
    """Validated query parameters; a bad one answers 400 naming it. (A plain dict, so that
    an absent parameter stays absent instead of becoming an empty form value.)"""
    query = serializer_class(data=request.query_params.dict())
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


def party_field(*, active_only: bool = False, **kwargs: Any) -> serializers.SlugRelatedField:
    """A party given by its code; an unknown code is a validation error on the field."""
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=core_selectors.party_list(active_only=active_only),
        error_messages={"does_not_exist": _("No party has the code {value}.")},
        **kwargs,
    )


def instrument_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=selectors.instrument_list(),
        error_messages={"does_not_exist": _("No instrument has the code {value}.")},
        **kwargs,
    )


class OnDateQuery(serializers.Serializer):
    on = serializers.DateField(required=False)


def on_date_or_today(values: dict[str, Any]) -> dt.date:
    return values.get("on") or timezone.localdate()
