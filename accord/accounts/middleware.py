"""Sessions of users who use (or whose role requires) a second factor stay limited to the
second-factor pages until the one-time code is given."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django_otp import user_has_device

from accord.accounts.selectors import second_factor_required

# Pages reachable before the second factor is given.
_OPEN_URL_NAMES = (
    "accounts:sign-in",
    "accounts:sign-out",
    "accounts:second-factor",
    "set_language",
)
# Open before the second factor only to a user who has no confirmed device yet (first
# enrolment); otherwise the password alone would replace the device (issue 17.1).
_ENROLMENT_URL_NAME = "accounts:second-factor-setup"


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not self._is_open(request)
        ):
            has_device = user_has_device(user)
            if not has_device and request.path == reverse(_ENROLMENT_URL_NAME):
                return self.get_response(request)
            if has_device or second_factor_required(user):
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {
                            "code": "second_factor_required",
                            "detail": _("Give your one-time code on the sign-in page first."),
                        },
                        status=403,
                    )
                target = "accounts:second-factor" if has_device else "accounts:second-factor-setup"
                return redirect(reverse(target) + "?next=" + request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _is_open(request: HttpRequest) -> bool:
        if request.path.startswith(("/static/", "/favicon")):
            return True
        return any(request.path == reverse(name) for name in _OPEN_URL_NAMES)


# The session key holding the time (epoch seconds) of the user's last request.
LAST_SEEN_KEY = "accord_last_seen"


class IdleTimeoutMiddleware:
    """Sign out a session idle for longer than ACCORD_SESSION_IDLE_MINUTES, beside the
    absolute lifetime of SESSION_COOKIE_AGE. The time is written at most once a minute,
    so that reading pages does not write the session on every request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            idle = settings.ACCORD_SESSION_IDLE_MINUTES * 60
            if isinstance(last_seen, int | float) and now - last_seen > idle:
                from accord.accounts.services import idle_sign_out_record

                idle_sign_out_record(actor=user, idle_seconds=int(now - last_seen))
                logout(request)  # the request goes on signed out: pages ask to sign in
            elif not isinstance(last_seen, int | float) or now - last_seen > 60:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def note_sign_in_time(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Start the idle clock at sign-in, so that the first page does not write the session."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = time.time()


class NoStoreMiddleware:
    """`Cache-Control: no-store` (with Django's never-cache set) on every answer to a
    signed-in user and on the whole API (token-authenticated or not) and its exports, so
    that neither a shared proxy nor the browser's history keeps a page someone was cleared
    to read (issue 17.8). Static files are served before this and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or request.path.startswith("/api/") or "Authorization" in request.headers:
            add_never_cache_headers(response)
        return response
