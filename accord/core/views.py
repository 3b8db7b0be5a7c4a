"""Pages of the shared kernel: home, module placeholders, the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core import selectors, services
from accord.core.desk import DeskLine, desk_for
from accord.core.navigation import module_by_slug
from accord.core.permissions import acting_user, has_any_role, is_whole_chain_auditor
from accord.core.roles import Role


def desk_by_module(user: Any) -> list[tuple[Any, list[DeskLine]]]:
    """The desk's lines grouped under their module's navigation entry (None: the kernel)."""
    groups: dict[str, list[DeskLine]] = {}
    for line in desk_for(user):
        groups.setdefault(line.module, []).append(line)
    return [(module_by_slug(slug), lines) for slug, lines in groups.items()]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "core/home.html",
        {
            "roles": [Role(code).label for code in sorted(user.role_codes) if code in Role.values],  # type: ignore[union-attr]
            "desk": desk_by_module(user),
            # Activity, not reads: who viewed what is the audit page's business.
            "events": selectors.audit_events_visible_to(user).exclude(action="view")[:10],
        },
    )


@login_required
def module(request: HttpRequest, slug: str) -> HttpResponse:
    entry = module_by_slug(slug)
    if entry is None:
        raise Http404
    return render(request, "core/module_placeholder.html", {"module": entry})


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    events = selectors.audit_events_visible_to(request.user)
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_list.html",
        {
            "page": page,
            "action": action,
            "can_verify": has_any_role(request.user, Role.AUDITOR),
            "whole_chain": is_whole_chain_auditor(request.user),
        },
    )


@login_required
@require_POST
def audit_verify(request: HttpRequest) -> HttpResponse:
    result = services.audit_chain_verify(actor=acting_user(request))
    if result.ok:
        messages.success(
            request, _("The audit chain is intact: %(n)s events checked.") % {"n": result.checked}
        )
        if result.head_id is not None:
            messages.info(
                request,
                _(
                    "Head of the chain: event %(id)s, hash %(hash)s. Record it: if that event "
                    "is ever missing, events were removed from the end of the chain."
                )
                % {"id": result.head_id, "hash": result.head_hash},
            )
    elif result.broken_event_id is not None:
        messages.error(
            request,
            _("The audit chain is broken at event %(id)s: %(reason)s.")
            % {"id": result.broken_event_id, "reason": result.reason},
        )
    else:
        messages.error(
            request,
            _(
                "The audit chain is broken at an event you may not read: "
                "ask the Secretariat's auditors."
            ),
        )
    return redirect("core:audit")


def favicon(request: HttpRequest) -> HttpResponse:
    """`/favicon.ico`, which browsers ask for by themselves: the site's icon (pages also
    name it in their `<link rel=icon>`), instead of a 404 on every first load."""
    from django.http import HttpResponseRedirect
    from django.templatetags.static import static

    # A plain (302) redirect: the icon's hashed address changes with each release.
    return HttpResponseRedirect(static("accord/favicon.svg"))
