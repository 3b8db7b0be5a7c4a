"""The home page's desk: what awaits the signed-in user, module by module.

Each module registers, from its `AppConfig.ready()`, one function that answers for a user
the lines of its desk (`register_desk(slug, lines)`): a sentence in the reader's language,
a count, where to go, and how many of them are overdue. The function reads through the
module's own selectors, so the access rule and the module's role checks apply; it answers
nothing for a user whose roles have no work there. Core names no module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DeskLine:
    module: str  # the navigation slug of the module it belongs to
    label: str  # what awaits, as a sentence ("Tracing requests to answer")
    count: int
    url: str
    overdue: int = 0


DeskSource = Callable[[Any], Iterable[DeskLine]]
_SOURCES: dict[str, DeskSource] = {}


def register_desk(module: str, lines: DeskSource) -> None:
    _SOURCES[module] = lines


def desk_for(user: Any) -> list[DeskLine]:
    """The lines that have something waiting (a count above zero), by module order of
    registration, the overdue first within a module."""
    result: list[DeskLine] = []
    for module in sorted(_SOURCES):
        lines = [line for line in _SOURCES[module](user) if line.count > 0]
        result.extend(sorted(lines, key=lambda line: -line.overdue))
    return result


def notification_lines(user: Any) -> Iterable[DeskLine]:
    """The kernel's own line: unread notifications."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from accord.core.views_notifications import notification_list

    unread = notification_list(user=user, unread_only=True).count()
    return [DeskLine("core", _("Unread notifications"), unread, reverse("core:notifications"))]
