"""Fields every module's serializers share: named choice sets and parties by code."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accord.core import selectors as core_selectors


class EnumField(serializers.ChoiceField):
    """A ChoiceField over a fixed choice set (`enum_choices`)."""

    enum_choices: Any = ()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=self.enum_choices, **kwargs)


_ENUMS: dict[str, tuple[tuple[Any, ...], type[EnumField]]] = {}


def enum_field(name: str, choices: Any) -> type[EnumField]:
    """A ChoiceField whose choice set is one named component (`name`) of the OpenAPI
    schema, so that choice sets sharing a field name ("state", "kind", "outcome") stay
    apart and a set used under two names is still one enum for client generators.

    The component lists the values (what is sent and answered) and, as
    `x-enum-descriptions` and in its description, each value's label (`{value, label}`).
    Asking twice for the same name with the same choices gives the same field class; the
    same name with other choices is a programming error.
    """
    pairs = tuple((value, label) for value, label in choices)
    known = _ENUMS.get(name)
    if known is not None:
        if tuple(v for v, _label in known[0]) != tuple(v for v, _label in pairs):
            raise ValueError(f"enum_field: {name} is already defined with other values")
        return known[1]
    labels = [str(label) for _value, label in pairs]
    schema = {
        "type": "string",
        "enum": [value for value, _label in pairs],
        "x-enum-descriptions": labels,
        "description": "\n".join(f"* `{value}` - {label}" for value, label in pairs),
    }

    @extend_schema_field(schema, component_name=name)
    class Field(EnumField):
        enum_choices = pairs

    Field.__name__ = Field.__qualname__ = f"{name}Field"
    _ENUMS[name] = (pairs, Field)
    return Field


def party_field(*, active_only: bool = False, **kwargs: Any) -> serializers.SlugRelatedField:
    """A party given by its code; an unknown code is a validation error on the field."""
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=core_selectors.party_list(active_only=active_only),
        error_messages={"does_not_exist": _("No party has the code {value}.")},
        **kwargs,
    )
