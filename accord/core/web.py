"""The web toolkit every module's pages are built from.

- `perform` / `attempt`: run a service call for a page. This is the one place a
  service's refusal becomes what the user sees: invalid data goes onto the form, any
  other refusal becomes a message (or a form error), and `NotFound` passes on so the
  middleware answers 404 and a hidden record stays hidden.
- `add_service_errors`: a service's errors onto a form's fields (or the form itself).
- `render_page`: a template with the navigation section marked.
- `DateInput` / `DateField`: the one date widget of the project (`<input type=date>`
  whose value is always ISO `YYYY-MM-DD`, whatever the active language).
- `ReleasedToField`: the form field for a marked record's list of
  parties it is released to, and `PartyChoice` / `PartiesChoice` labelled "CODE — name".
- `page_not_found` / `permission_denied`: the 404 and 403 handlers; under `/api/` they
  answer the API's JSON error body instead of the HTML page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from accord.core.errors import NotFound, PermissionDenied, ServiceError, ValidationFailed
from accord.core.models import Party


class Done(Enum):
    """What became of a service call run for a page."""

    OK = "ok"  # the service did it
    INVALID = "invalid"  # the form or the service found errors in the data: show them
    REFUSED = "refused"  # the service refused: the message is queued (or on the form)


@dataclass(frozen=True)
class Outcome:
    """`Done` and, when the call succeeded, what the service returned."""

    done: Done
    value: Any = None

    @property
    def ok(self) -> bool:
        return self.done is Done.OK


def add_service_errors(
    form: forms.BaseForm, errors: Mapping[str, Sequence[Any]] | ServiceError
) -> None:
    """Put a service's errors on the form: a `ValidationFailed`'s (or a mapping's) field
    errors on their fields, unknown names and any other refusal on the form itself."""
    if isinstance(errors, ValidationFailed):
        errors = errors.errors or {"__all__": [errors.message]}
    elif isinstance(errors, ServiceError):
        errors = {"__all__": [errors.message]}
    for name, texts in errors.items():
        form.add_error(name if name in form.fields else None, [str(t) for t in texts])


def _messages_for(request: HttpRequest, exc: ServiceError) -> None:
    if isinstance(exc, ValidationFailed):
        for texts in (exc.errors or {"__all__": [exc.message]}).values():
            for text in texts:
                messages.error(request, str(text))
    else:
        messages.error(request, str(exc.message))


def attempt(
    request: HttpRequest,
    form: forms.BaseForm | None,
    call: Callable[[], Any],
    *,
    refusal_on_form: bool = False,
    success: Any = None,
    passes: tuple[type[ServiceError], ...] = (NotFound,),
) -> Outcome:
    """Run `call` for a page and say what became of it (with its return value).

    - the form (when given) is validated first: an invalid form is `INVALID`, not called;
    - `ValidationFailed` goes onto the form (`INVALID`), or becomes messages without one;
    - `passes` (NotFound by default) propagate, so the middleware renders them (a hidden
      record answers 404 like a missing one); `passes=(ServiceError,)` lets every refusal
      but invalid data answer its own error page;
    - any other refusal becomes a message (`REFUSED`), or a form error when
      `refusal_on_form` (the form is then shown again, `INVALID`);
    - `success`, when given, is the message queued when the call succeeded.
    """
    if form is not None and not form.is_valid():
        return Outcome(Done.INVALID)
    try:
        value = call()
    except ValidationFailed as exc:
        if form is None:
            _messages_for(request, exc)
            return Outcome(Done.REFUSED)
        add_service_errors(form, exc)
        return Outcome(Done.INVALID)
    except passes:
        raise
    except ServiceError as exc:
        if form is not None and refusal_on_form:
            add_service_errors(form, exc)
            return Outcome(Done.INVALID)
        _messages_for(request, exc)
        return Outcome(Done.REFUSED)
    if success is not None:
        messages.success(request, str(success))
    return Outcome(Done.OK, value)


def perform(
    request: HttpRequest,
    form: forms.BaseForm | None,
    call: Callable[[], Any],
    *,
    refusal_on_form: bool = False,
    success: Any = None,
    passes: tuple[type[ServiceError], ...] = (NotFound,),
) -> Done:
    """`attempt` when only what became of the call matters."""
    return attempt(
        request, form, call, refusal_on_form=refusal_on_form, success=success, passes=passes
    ).done


def render_page(
    request: HttpRequest, template: str, section: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render a page with its navigation section marked."""
    return render(request, template, {"section": section, **context}, status=status)


ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """`<input type=date>` with its value always written as ISO `YYYY-MM-DD`.

    The browser's date picker accepts only ISO values (it shows the date in the user's own
    format itself); a plain `DateInput` writes the active language's format ("06.01.2027" in
    Russian), which the browser rejects, so the field shows empty and the form is sent
    without its date. Every date field of every form uses this widget.
    """

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)


class DateField(forms.DateField):
    """A form date field drawn with `DateInput` (ISO first among the accepted formats; the
    language's own formats still parse, for hand-typed values)."""

    widget = DateInput


def party_label(party: Party) -> str:
    return f"{party.code} — {party.name}"


class PartyChoice(forms.ModelChoiceField):
    """One party, labelled "CODE — name"."""

    def label_from_instance(self, obj: Any) -> str:
        return party_label(obj)


class PartiesChoice(forms.ModelMultipleChoiceField):
    """Parties, labelled "CODE — name"."""

    def label_from_instance(self, obj: Any) -> str:
        return party_label(obj)


class ReleasedToField(forms.ModelMultipleChoiceField):
    """The parties a record released to "owner and listed parties" is shown to.

    The queryset starts empty: the form sets the parties the actor may list (usually the
    active parties other than the owner) in its `__init__`.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Released to"))
        kwargs.setdefault("queryset", Party.objects.none())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _json_error(error: ServiceError) -> JsonResponse:
    return JsonResponse(
        {"code": error.code, "detail": str(error.message)},
        status=error.status,
        json_dumps_params={"ensure_ascii": False},
    )


def refusal_context(request: HttpRequest, exception: Exception | None) -> dict[str, Any]:
    """What the 403 page says beyond the refusal: the roles any one of which would allow
    the action (when the refusal names them) and whom to ask for one."""
    from accord.core.roles import Role
    from accord.core.selectors import administrators_to_ask

    codes = getattr(exception, "roles", ()) or ()
    labels = [str(Role(code).label) if code in Role.values else code for code in codes]
    user = getattr(request, "user", None)
    ask = administrators_to_ask(user) if user is not None and user.is_authenticated else []
    return {"needed_roles": labels, "ask": ask}


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 handler: the HTML page, or the API's JSON error body under `/api/`."""
    if _wants_json(request):
        return _json_error(NotFound())
    return render(request, "404.html", status=404)


def database_unavailable(exception: BaseException | None) -> bool:
    """Whether an exception means the database cannot serve now: it is down or
    unreachable, the connection broke, or it is full (SQLite's "database or disk is full",
    PostgreSQL's DiskFull, both OperationalError), or locked past the timeout. These
    answer 503 (try again later), not 500 (a fault in Accord)."""
    from django.db import InterfaceError, OperationalError

    while exception is not None:
        if isinstance(exception, OperationalError | InterfaceError):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


# Seconds a client is asked to wait before trying again after a 503.
RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: the plain page with the request id (core.request_id), so that a
    user's report can be matched with the log line; JSON under `/api/`.

    When the database is unavailable or full, the answer is 503 with `Retry-After`
    (JSON under `/api/`, the plain 503 page elsewhere): neither page reads the database
    (no session, no navigation), so both render while it is down."""
    import sys

    from django.template import loader

    from accord.core.request_id import current_request_id

    request_id = current_request_id()
    if database_unavailable(sys.exception()):
        status, template, code = 503, "503.html", "service_unavailable"
        detail = _("The service is unavailable for a moment. Try again in a few minutes.")
    else:
        status, template, code = 500, "500.html", "server_error"
        detail = _("Something went wrong on our side; it has been logged.")
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"code": code, "detail": str(detail), "request_id": request_id},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = HttpResponse(
            loader.render_to_string(template, {"request_id": request_id}), status=status
        )
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 400 handler (a suspicious or malformed request Django refuses before any view):
    the error page with the request id, or the API's JSON error body under `/api/`."""
    error = ValidationFailed(message=_("The request could not be understood."))
    if _wants_json(request):
        return _json_error(error)
    return _error_page(request, 400, error.message)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent without a valid security token (an expired page, a
    forged request) answers the 403 page with the request id, not Django's own page."""
    message = _(
        "The form could not be accepted: its security token is missing or expired. "
        "Reload the page and send it again."
    )
    if _wants_json(request):
        return _json_error(PermissionDenied(message))
    return _error_page(request, 403, message)


def _error_page(request: HttpRequest, status: int, message: Any) -> HttpResponse:
    """The page of an error status with its message (core/error.html, with the request
    id); what the service-error middleware and the 400/405/CSRF handlers answer."""
    return render(request, "core/error.html", {"status": status, "message": message}, status=status)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 403 handler: the HTML page, or the API's JSON error body under `/api/`."""
    if _wants_json(request):
        return _json_error(PermissionDenied())
    return render(request, "403.html", refusal_context(request, exception), status=403)
