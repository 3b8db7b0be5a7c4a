"""Trafficking's lines on the home desk: tracing requests my party must answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from accord.core.desk import DeskLine
from accord.trafficking.permissions import may_send_tracing
from accord.trafficking.selectors.tracing import tracing_box_counts


def lines(user: Any) -> Iterator[DeskLine]:
    if not may_send_tracing(user):
        return
    counts = tracing_box_counts(user=user)
    yield DeskLine(
        "trafficking",
        _("Tracing requests to answer"),
        counts["inbox_open"],
        reverse("trafficking:tracing") + "?box=inbox",
        overdue=counts["inbox_overdue"],
    )
