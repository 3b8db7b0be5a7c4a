"""Sign-in and sign-out, the second factor, and the profile page with API tokens."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.accounts import selectors, services
from accord.accounts.forms import (
    OneTimeCodeForm,
    PasswordChangeForm,
    SignInForm,
    TokenCreateForm,
)
from accord.core.errors import ServiceError, ValidationFailed
from accord.core.permissions import acting_user


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.sign_in_record(actor=form.get_user())
        return response


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.sign_out_record(actor=acting_user(request))
    from django.contrib.auth import logout

    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("accounts:sign-in")


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """What django-axes answers once an account is locked after repeated failures."""
    form = SignInForm(request)
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "locked_out": True},
        status=429,
    )


def _verified_login(request: HttpRequest, device: TOTPDevice) -> None:
    """Mark the session verified under a new session id: an id seen before the code
    (e.g. planted or read from a shared machine) is worth nothing after it."""
    request.session.cycle_key()
    otp_login(request, device)


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Ask for the one-time code of an enrolled device."""
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"].strip())
        if device is not None:
            _verified_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("code", _("The code is not valid. Try the current one."))
    return render(
        request, "accounts/second_factor.html", {"form": form, "next": _safe_next(request)}
    )


@login_required
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the key as a QR code, confirm with one code. A user
    with a confirmed device re-enrols only after giving its code in this session."""
    user = acting_user(request)
    verified = bool(user.is_verified())  # type: ignore[attr-defined]  # set by OTPMiddleware
    if not verified and services.has_confirmed_device(user):
        return redirect(reverse("accounts:second-factor") + "?next=" + request.get_full_path())
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        try:
            services.second_factor_confirm(
                actor=acting_user(request),
                device=device,
                code=form.cleaned_data["code"],
                verified=verified,
            )
        except ValidationFailed as exc:
            form.add_error("code", exc.errors["code"])
        else:
            _verified_login(request, device)
            messages.success(request, _("Your second factor is set up."))
            return redirect(_safe_next(request))
    if device is None:
        device = services.second_factor_start(actor=acting_user(request))
    qr = segno.make(device.config_url, error="m")
    qr_svg = base64.b64encode(qr.svg_inline(scale=4).encode()).decode()
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "qr_svg_b64": qr_svg,
            "secret": secret,
            "next": _safe_next(request),
            "required": selectors.second_factor_required(request.user),
        },
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The user's own party, clearance, roles, second factor and API tokens."""
    new_key = request.session.pop("new_api_token_key", None)
    return render(
        request,
        "accounts/profile.html",
        {
            "tokens": selectors.token_list(user=request.user),
            "token_form": TokenCreateForm(),
            "new_key": new_key,
            "has_second_factor": TOTPDevice.objects.filter(
                user=request.user, confirmed=True
            ).exists(),
            "second_factor_required": selectors.second_factor_required(request.user),
        },
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST)
    if form.is_valid():
        try:
            _token, key = services.token_create(
                actor=acting_user(request),
                name=form.cleaned_data["name"],
                days=form.cleaned_data.get("days"),
                verified=selectors.session_verified(request.user),
            )
        except ServiceError as exc:
            messages.error(request, str(exc.message))
        else:
            request.session["new_api_token_key"] = key
            messages.success(request, _("Token created. Copy the key now: it is shown only once."))
    else:
        messages.error(request, _("Give the token a name of at most 100 characters."))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    services.token_revoke(actor=acting_user(request), token_id=token_id)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")


@login_required
@require_POST
def second_factor_remove(request: HttpRequest) -> HttpResponse:
    services.second_factor_remove(actor=acting_user(request))
    messages.success(request, _("Second factor removed."))
    return redirect("accounts:profile")


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """The user changes their own password (the current one, then the new one twice)."""
    form = PasswordChangeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            user = acting_user(request)
            try:
                services.password_change(
                    actor=user,
                    current_password=form.cleaned_data["current_password"],
                    new_password=form.cleaned_data["new_password"],
                    keep_session_key=request.session.session_key or "",
                )
            except ValidationFailed as exc:
                for field, errors in exc.errors.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                update_session_auth_hash(request, user)
                messages.success(request, _("Your password is changed."))
                return redirect("accounts:profile")
        status = 400
    return render(request, "accounts/password_change.html", {"form": form}, status=status)
