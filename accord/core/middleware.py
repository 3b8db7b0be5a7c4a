"""Pages answer service errors with their status and a translated message, never a 500;
denials (403, 404) and reads of CONFIDENTIAL records are audited (issue 17, point 7).

- `ServiceErrorMiddleware`: a service's error as its page; a bare 405 (Django's
  `require_POST`) as the error page with the request id.
- `DenialAuditMiddleware`: a signed-in user's 403 or 404 becomes an `access.denied` event
  (outcome "denied") naming only the method, the path asked for and the status, never
  the object. Coalesced: at most one event per user per ACCORD_DENIAL_AUDIT_WINDOW_SECONDS;
  the denials left out in a window are counted in the next event (`suppressed_before`),
  so a scanner costs the chain one event a minute, not one per probe (THREAT_MODEL.md).
- `ConfidentialReadAuditMiddleware`: every CONFIDENTIAL (or higher) record a signed-in
  user's GET loaded and may see, on a page or an API answer (an edit page, a list), is
  named in one `records.read` event per request; records the view already recorded a
  `view` event for are left out, and file exports have their own `export` event.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_init
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from accord.core.errors import PermissionDenied, ServiceError

_NOT_ALLOWED = _("This address does not accept this kind of request.")


def _signed_in_user(request: HttpRequest) -> Any:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class ServiceErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not request.path.startswith("/api/")
            and not getattr(response, "streaming", False)
            and not response.content
        ):
            page = render(
                request, "core/error.html", {"status": 405, "message": _NOT_ALLOWED}, status=405
            )
            if response.has_header("Allow"):
                page["Allow"] = response["Allow"]
            return page
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ServiceError):
            context = {"status": exception.status, "message": exception.message}
            if isinstance(exception, PermissionDenied):
                from accord.core.web import refusal_context

                context.update(refusal_context(request, exception))
            return render(request, "core/error.html", context, status=exception.status)
        return None


# --- Denials ----------------------------------------------------------------------------

DENIAL_ACTION = "access.denied"
DENIAL_OBJECT_TYPE = "request"


def _denial_window() -> int:
    return int(getattr(settings, "ACCORD_DENIAL_AUDIT_WINDOW_SECONDS", 60))


def record_denial(*, user: Any, method: str, path: str, status: int) -> bool:
    """Record a denial, unless one of this user's was recorded within the window (then
    only counted). Returns whether an event was written."""
    from accord.core.audit import record_event

    # The account's creation time too: an id reused (a test's rolled-back user, a
    # restored database) does not inherit another account's window.
    joined = getattr(user, "date_joined", None)
    key = f"accord:denials:{user.pk}:{joined.timestamp() if joined else ''}"
    now = time.time()
    window = _denial_window()
    state = cache.get(key)
    if isinstance(state, dict) and now < state.get("until", 0):
        state["suppressed"] = int(state.get("suppressed", 0)) + 1
        cache.set(key, state, timeout=window * 60)
        return False
    suppressed = int(state.get("suppressed", 0)) if isinstance(state, dict) else 0
    path = path[:250]
    record_event(
        actor=user,
        action=DENIAL_ACTION,
        object_type=DENIAL_OBJECT_TYPE,
        object_id="",
        object_repr=f"{method[:10]} {path}",
        after={
            "method": method[:10],
            "path": path,
            "status": status,
            "suppressed_before": suppressed,
        },
        outcome="denied",
    )
    cache.set(key, {"until": now + window, "suppressed": 0}, timeout=window * 60)
    return True


class DenialAuditMiddleware:
    """After the authentication layers, so that a token's user (set by DRF on the
    request) is known when the answer comes back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code in (403, 404)
            and getattr(settings, "ACCORD_AUDIT_DENIALS", True)
            and not request.path.startswith("/static/")
        ):
            user = _signed_in_user(request)
            if user is not None:
                record_denial(
                    user=user,
                    method=request.method or "",
                    path=request.path,
                    status=response.status_code,
                )
        return response


# --- Reads of CONFIDENTIAL records ------------------------------------------------------

READ_ACTION = "records.read"
READ_OBJECT_TYPE = "page"

_LOADED: contextvars.ContextVar[dict[str, dict[Any, int]] | None] = contextvars.ContextVar(
    "accord_confidential_loaded", default=None
)
_VIEWED: contextvars.ContextVar[set[tuple[str, str]] | None] = contextvars.ContextVar(
    "accord_viewed", default=None
)
_CONNECTED: list[bool] = []


def note_viewed(label: str, pk: Any) -> None:
    """A `view` event was recorded for this record in this request (core.audit)."""
    viewed = _VIEWED.get()
    if viewed is not None:
        viewed.add((label, str(pk)))


def _note_loaded(sender: Any, instance: Any, **_: Any) -> None:
    loaded = _LOADED.get()
    if loaded is None:
        return
    # Only what was loaded: a deferred field is not read (that would be a query).
    classification = instance.__dict__.get("classification")
    pk = instance.__dict__.get(instance._meta.pk.attname)
    if classification is None or pk is None:
        return
    from accord.core.models import Classification

    if classification >= Classification.CONFIDENTIAL:
        loaded.setdefault(instance._meta.label_lower, {})[pk] = int(classification)


def _connect_marked_models() -> None:
    if _CONNECTED:
        return
    from django.apps import apps

    from accord.core.models import MarkedModel

    for model in apps.get_models():
        if not issubclass(model, MarkedModel):
            continue
        post_init.connect(_note_loaded, sender=model, dispatch_uid=f"accord.read.{model}")
    _CONNECTED.append(True)


def _is_export(request: HttpRequest) -> str | None:
    """The view name of the page, or None for a file export (audited on its own)."""
    from accord.core.export_audit import is_file_export

    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return None if is_file_export(match) else match.view_name


def record_reads(*, user: Any, view_name: str, path: str, loaded: dict[str, dict[Any, int]]) -> Any:
    """One event naming the CONFIDENTIAL (or higher) records `user` was shown (those of
    `loaded` the user may see), or None when there were none."""
    from django.apps import apps

    from accord.core.audit import record_event

    viewed = _VIEWED.get() or set()
    records: dict[str, list[Any]] = {}
    highest = 0
    for label, by_pk in sorted(loaded.items()):
        pks = [pk for pk in by_pk if (label, str(pk)) not in viewed]
        if not pks:
            continue
        model = apps.get_model(label)
        shown = sorted(
            model.objects.visible_to(user).filter(pk__in=pks).values_list("pk", flat=True)
        )
        if shown:
            records[label] = shown
            highest = max([highest, *(by_pk[pk] for pk in shown)])
    if not records:
        return None
    return record_event(
        actor=user,
        action=READ_ACTION,
        object_type=READ_OBJECT_TYPE,
        object_id=view_name[:64],
        object_repr=path[:300],
        after={"records": records},
        classification=highest,
    )


class ConfidentialReadAuditMiddleware:
    """Collects the CONFIDENTIAL records a signed-in user's GET loads, and records them in
    one event when the answer is a 200 page or API answer (not a file export)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        _connect_marked_models()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        loaded: dict[str, dict[Any, int]] = {}
        token = _LOADED.set(loaded)
        viewed_token = _VIEWED.set(set())
        try:
            response = self.get_response(request)
            # Collection stops before the event is written (its own reads are not shown).
            _LOADED.set(None)
            if loaded and response.status_code == 200:
                user = _signed_in_user(request)
                view_name = _is_export(request) if user is not None else None
                if user is not None and view_name is not None:
                    record_reads(user=user, view_name=view_name, path=request.path, loaded=loaded)
        finally:
            _VIEWED.reset(viewed_token)
            _LOADED.reset(token)
        return response
