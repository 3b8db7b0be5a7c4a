"""Pieces the expertise API's modules share (the toolkit itself is `accord.core.api`):
named enums, fields that resolve what a request names (a party, a rule, a version, a
piece of evidence, a user of the actor's party) through what the actor may see, and the
labels of a party's standing in the matrix."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accord.accounts import selectors as accounts_selectors
from accord.core.api.fields import enum_field
from accord.expertise import selectors
from accord.expertise.models import (
    Conclusion,
    Finding,
    Review,
    WeaponSystem,
)
from accord.law import selectors as law_selectors
from accord.law.models import ConflictType

WeaponCategoryField = enum_field("WeaponCategoryEnum", WeaponSystem.Category.choices)
LifecycleStageField = enum_field("LifecycleStageEnum", WeaponSystem.Stage.choices)
ReviewStateField = enum_field("ReviewStateEnum", Review.State.choices)
FindingOutcomeField = enum_field("FindingOutcomeEnum", Finding.Outcome.choices)
ConclusionOutcomeField = enum_field("ConclusionOutcomeEnum", Conclusion.Outcome.choices)
OpinionField = enum_field("ConclusionOpinionEnum", Conclusion.Opinion.choices)
# The same choice set as the law API's: one enum of the schema.
ConflictTypeField = enum_field("ConflictTypeEnum", ConflictType.choices)


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
