"""Sessions of users who use (or whose role requires) a second factor stay limited to the
second-factor pages until the one-time code is given."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
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
