"""What every page of the module shares: links to pages that may not exist yet and the
state parties. Rendering and running a service call for a page are `accord.core.web`'s."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

from accord.core.models import Party
from accord.core.selectors import party_list


def link(name: str, *args: Any) -> str | None:
    """The address of a page another part of the module serves (reports, exports), or None
    while it does not exist yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def states() -> Any:
    return party_list().filter(kind=Party.Kind.STATE)
