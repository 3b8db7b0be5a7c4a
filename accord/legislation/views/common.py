"""What the module's pages share: the page renderer and the party choices."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accord.core.access import party_of
from accord.core.models import Party
from accord.core.permissions import acting_user
from accord.core.selectors import party_list
from accord.core.web import render_page

SECTION = "legislation"


def page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> Any:
    return render_page(request, f"{SECTION}/{template}", SECTION, context, status)


def other_parties(request: HttpRequest) -> Any:
    own = party_of(acting_user(request))
    return party_list().exclude(pk=own.pk) if own else Party.objects.none()
