"""The guideline pages: the editions I may see with an "as at a date" reading, one
edition with its clauses and the lessons on each, the clause comparison between two
editions, a new edition, and pointing a lesson at the clause it changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accord.core.access import party_of
from accord.core.audit import record_view
from accord.core.errors import PermissionDenied
from accord.core.permissions import acting_user
from accord.core.web import attempt, perform, render_page
from accord.knowledge import selectors, services
from accord.knowledge.domain.guidelines import summary
from accord.knowledge.forms import ClauseLinkForm, GuidelineForm
from accord.knowledge.models import is_lessons_manager

SECTION = "knowledge"


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> Any:
    return render_page(
        request, f"{SECTION}/{template}", SECTION, {"ns": SECTION, **context}, status
    )


def _date(value: str | None) -> dt.date | None:
    try:
        return parse_date(value or "")
    except ValueError:
        return None


@login_required
def guideline_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    code = request.GET.get("code", "").strip()[:40]
    on = _date(request.GET.get("on"))
    as_at = None
    asked = bool(code and request.GET.get("on"))
    if code and on:
        as_at = selectors.guideline_as_at(actor=user, code=code, on=on)
    bad_date = asked and on is None
    return _page(
        request,
        "guideline_list.html",
        {
            "editions": selectors.guideline_list(actor=user)[:500],
            "code": code,
            "on": request.GET.get("on", "")[:10],
            "asked": asked,
            "as_at": as_at,
            "bad_date": bad_date,
            "may_publish": is_lessons_manager(user),
        },
        400 if bad_date else 200,
    )


@login_required
def guideline_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    edition = selectors.guideline_get(actor=user, pk=pk)
    record_view(actor=user, obj=edition)
    lessons = selectors.lessons_by_clause(actor=user, edition=edition)
    clauses = [(c, lessons.get(c.key, [])) for c in selectors.clauses_of(edition)]
    previous = None
    if edition.supersedes_id is not None:
        previous = selectors.guideline_list(actor=user).filter(pk=edition.supersedes_id).first()
    return _page(
        request,
        "guideline_detail.html",
        {
            "edition": edition,
            "clauses": clauses,
            "previous": previous,
            "later": selectors.superseding(actor=user, edition=edition),
            "others": selectors.guideline_list(actor=user, code=edition.code).exclude(
                pk=edition.pk
            ),
        },
    )


@login_required
def guideline_compare(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    old = selectors.guideline_get(actor=user, pk=pk)
    to = request.GET.get("to", "")
    if not to.isdigit() or len(to) > 10:
        return _page(
            request,
            "guideline_compare.html",
            {"old": old, "new": None, "error": _("Choose the edition to compare with.")},
            400,
        )
    new = selectors.guideline_get(actor=user, pk=int(to))
    changes = selectors.guideline_compare(actor=user, old=old, new=new)
    return _page(
        request,
        "guideline_compare.html",
        {"old": old, "new": new, "changes": changes, "summary": summary(changes)},
    )


@login_required
def guideline_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not is_lessons_manager(user):
        raise PermissionDenied()
    own = party_of(user)
    editions = selectors.guideline_list(actor=user).filter(
        owner_id=own.pk if own else None, superseded_by__isnull=True
    )
    form = GuidelineForm(
        request.POST if request.method == "POST" else None,
        clearance=user.clearance,
        editions=editions,
    )
    if request.method == "POST":
        outcome = attempt(
            request,
            form,
            lambda: services.guideline_publish(actor=user, **form.service_arguments()),
            refusal_on_form=True,
            success=_("The edition is published."),
        )
        if outcome.ok:
            return redirect(f"{SECTION}:guideline-detail", pk=outcome.value.pk)
    return _page(request, "guideline_form.html", {"form": form}, 400 if form.errors else 200)


@login_required
@require_POST
def item_clause(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    item = selectors.item_get(actor=user, pk=pk)
    form = ClauseLinkForm(request.POST, clauses=selectors.clause_choices(actor=user))
    perform(
        request,
        form,
        lambda: services.item_link_clause(
            actor=user,
            item=item,
            version=form.cleaned_data["version"],
            clause=form.cleaned_data["clause"],
        ),
        success=_("The lesson points at the clause."),
    )
    return redirect(f"{SECTION}:item-detail", pk=item.pk)
