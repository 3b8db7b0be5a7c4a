"""Pieces the expertise API's modules share: pagination, the error body and its schema,
named enums, fields that resolve what a request names (a party, a rule, a version, a
piece of evidence, a user of the actor's party) through what the actor may see, and the
labels of a party's standing in the matrix."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination

from accord.accounts import selectors as accounts_selectors
from accord.expertise import selectors
from accord.expertise.models import (
    Conclusion,
    Finding,
    Review,
    WeaponSystem,
)
from accord.law import selectors as law_selectors

# The same vocabulary as the law API's: one enum of the schema, one party lookup.
from accord.law.api.common import ConflictTypeField, party_field, validated_query

__all__ = ["ConflictTypeField", "party_field", "validated_query"]


class ExpertisePagination(LimitOffsetPagination):
    """Limit/offset pages; the exports serve whole tables."""

    max_limit = 500


def paginated(view: Any, request: Any, rows: Any, output: type[serializers.Serializer]) -> Any:
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(rows, request, view=view)
    return paginator.get_paginated_response(output(page, many=True).data)


class ExpertiseError(serializers.Serializer):
    """The body of every error answer (see accord.core.api.exception_handler)."""

    code = serializers.CharField()
    detail = serializers.CharField()
    # DRF's metaclass takes declared fields off the class: this does not hide
    # Serializer.errors, whatever the stubs say.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


def error_responses(*codes: int) -> dict[int, type[serializers.Serializer]]:
    return dict.fromkeys(codes, ExpertiseError)


class _EnumField(serializers.ChoiceField):
    enum_choices: Any = ()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=self.enum_choices, **kwargs)


def _enum_field(name: str, choices: Any) -> type[_EnumField]:
    """A ChoiceField whose choice set is one named component of the OpenAPI schema (the
    review's and the request's `state`, the finding's and the conclusion's `outcome`
    would otherwise collide)."""

    @extend_schema_field(
        {"type": "string", "enum": [value for value, _label in choices]}, component_name=name
    )
    class EnumField(_EnumField):
        enum_choices = choices

    EnumField.__name__ = EnumField.__qualname__ = f"{name}Field"
    return EnumField


WeaponCategoryField = _enum_field("WeaponCategoryEnum", WeaponSystem.Category.choices)
LifecycleStageField = _enum_field("LifecycleStageEnum", WeaponSystem.Stage.choices)
ReviewStateField = _enum_field("ReviewStateEnum", Review.State.choices)
FindingOutcomeField = _enum_field("FindingOutcomeEnum", Finding.Outcome.choices)
ConclusionOutcomeField = _enum_field("ConclusionOutcomeEnum", Conclusion.Outcome.choices)
OpinionField = _enum_field("ConclusionOpinionEnum", Conclusion.Opinion.choices)


# --- What a request names, resolved through what the actor may see ------------------------


@extend_schema_field(OpenApiTypes.INT)
class VisibleVersionField(serializers.PrimaryKeyRelatedField):
    """A system version the actor may see (context["actor"]); any other id is refused
    with the same message, whether it exists or not."""

    default_error_messages = {
        "does_not_exist": _("No version you may see has the id {pk_value}."),
    }

    def get_queryset(self) -> Any:
        return selectors.version_list(actor=self.context["actor"])


@extend_schema_field(OpenApiTypes.INT)
class ReviewedEvidenceField(serializers.PrimaryKeyRelatedField):
    """Evidence of the reviewed version (context["review"])."""

    default_error_messages = {
        "does_not_exist": _("The reviewed version has no evidence {pk_value}."),
    }

    def get_queryset(self) -> Any:
        return selectors.version_evidence(self.context["review"].subject)


@extend_schema_field(OpenApiTypes.STR)
class PartyUserField(serializers.SlugRelatedField):
    """An active user of the actor's own party (context["actor"]), by username. Users of
    other parties are not looked up at all, so their names do not leak."""

    default_error_messages = {
        "does_not_exist": _("No user of your party has the username {value}."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="username", **kwargs)

    def get_queryset(self) -> Any:
        return accounts_selectors.party_users(party_id=self.context["actor"].party_id)


def rule_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=law_selectors.rule_list(include_inactive=True),
        error_messages={"does_not_exist": _("No rule has the code {value}.")},
        **kwargs,
    )


# --- The matrix's vocabulary ---------------------------------------------------------------


def standing_label(status: str) -> str:
    return selectors.standing_label(status)
