"""Provision's lines on the home desk (`core.desk`): what awaits an officer's party —
commitments to take through the legal gate, inspections to sign, end-use checks due,
discrepancy reports open (each with how many are overdue) and retransfer requests awaiting
the party's consent. Read through `selectors.desk_queries`, so only what the user sees."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.core.desk import DeskLine
from accord.provision import permissions as may
from accord.provision import selectors


def lines(user: Any) -> Iterator[DeskLine]:
    if not may.is_officer(user):
        return
    found = selectors.desk_queries(actor=user)
    today = timezone.localdate()
    home = reverse("provision:index")
    yield DeskLine(
        "provision", _("Commitments to take through the legal gate"), found["gates"].count(), home
    )
    yield DeskLine(
        "provision", _("Acceptance inspections to sign"), found["inspections"].count(), home
    )
    yield DeskLine(
        "provision",
        _("End-use checks due"),
        found["checks"].count(),
        home,
        overdue=found["checks"].filter(due_on__lt=today).count(),
    )
    yield DeskLine(
        "provision",
        _("Discrepancy reports open"),
        found["discrepancies"].count(),
        home,
        overdue=found["discrepancies"].filter(due_on__lt=today).count(),
    )
    yield DeskLine(
        "provision",
        _("Retransfer requests awaiting your consent"),
        found["consents"].count(),
        reverse("provision:retransfer-list"),
    )
