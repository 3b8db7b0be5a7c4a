"""Validation helpers every service uses, so that a model's own rules and unknown input
become the one error vocabulary (`ValidationFailed`, field by field)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _

from accord.core.errors import ValidationFailed


def full_clean(obj: Any, exclude: list[str] | None = None) -> None:
    """`obj.full_clean()`, its errors as ValidationFailed."""
    try:
        obj.full_clean(exclude=exclude)
    except DjangoValidationError as exc:
        raise ValidationFailed.from_django(exc) from exc


def reject_unknown(fields: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Refuse input naming fields a service does not accept."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationFailed.single(
            "__all__", _("Unknown field: %(f)s.") % {"f": ", ".join(sorted(unknown))}
        )
