"""Pieces the law API's modules share (the toolkit itself is `accord.core.api`): named
enums, the `on` date parameter and the field that takes an instrument by its code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from accord.core.api.fields import enum_field
from accord.law import selectors
from accord.law.domain.vocabulary import BOOL, CHOICE, SET
from accord.law.models import ConflictType, ParticipationAct, Rule

ActKindField = enum_field("ParticipationActKindEnum", ParticipationAct.Kind.choices)
RuleKindField = enum_field("RuleKindEnum", Rule.Kind.choices)
ConflictTypeField = enum_field("ConflictTypeEnum", ConflictType.choices)
CharacteristicKindField = enum_field(
    "CharacteristicKindEnum", [(CHOICE, CHOICE), (SET, SET), (BOOL, BOOL)]
)


ON_PARAMETER = OpenApiParameter(
    "on",
    OpenApiTypes.DATE,
    description=_("The date the answer is for (YYYY-MM-DD); today when omitted."),
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
