"""What every page of the module shares: rendering with the navigation section, links to
pages that may not exist yet, the state parties, and running a service call for a page.

`perform` is where a service's refusal becomes what the user sees: invalid data goes onto
the form, any other refusal becomes a message, and NotFound passes on to answer 404.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from accord.core.errors import NotFound, ServiceError, ValidationFailed
from accord.core.models import Party
from accord.core.selectors import party_list
from accord.expertise.forms import add_service_errors


def render_page(
    request: HttpRequest, template: str, section: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, template, {"section": section, **context}, status=status)


def link(name: str, *args: Any) -> str | None:
    """The address of a page another part of the module serves (reports, exports), or None
    while it does not exist yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def states() -> Any:
    return party_list().filter(kind=Party.Kind.STATE)


class Done(Enum):
    OK = "ok"  # the service did it
    INVALID = "invalid"  # the form or the service found errors in the data: show them
    REFUSED = "refused"  # the service refused: the message is queued


def perform(request: HttpRequest, form: forms.BaseForm | None, call: Callable[[], Any]) -> Done:
    """Run a service call for a page. NotFound passes on (the middleware answers 404, so a
    hidden record stays hidden); invalid data goes onto the form; any other refusal
    becomes a message for the page the user is sent back to."""
    if form is not None and not form.is_valid():
        return Done.INVALID
    try:
        call()
    except NotFound:
        raise
    except ValidationFailed as exc:
        errors = exc.errors or {"__all__": [exc.message]}
        if form is None:
            for texts in errors.values():
                for text in texts:
                    messages.error(request, str(text))
            return Done.REFUSED
        add_service_errors(form, errors)
        return Done.INVALID
    except ServiceError as exc:
        messages.error(request, str(exc.message))
        return Done.REFUSED
    return Done.OK
