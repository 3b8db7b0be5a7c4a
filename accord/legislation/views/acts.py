"""The model acts' pages: the index (the desk and the acts), an act (versions, provisions,
stage steps, its audited timeline), its form, a provision's form, comparison of two
versions. Every write goes through `core.web.perform`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accord.core.audit import record_view
from accord.core.errors import PermissionDenied
from accord.core.permissions import acting_user
from accord.core.web import Done, attempt, perform
from accord.legislation import selectors, services
from accord.legislation.domain.compare import compare
from accord.legislation.forms import ActForm, ProvisionForm
from accord.legislation.models import ModelAct
from accord.legislation.permissions import can_draft, can_edit_act
from accord.legislation.views.common import SECTION, other_parties, page

STEP_LABELS = {
    "to_commission": _("Send to the commission"),
    "propose": _("Propose adoption"),
    "adopt": _("Confirm adoption"),
    "send": _("Send to the parliaments"),
}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    acts = Paginator(selectors.act_list(actor=user), 50).get_page(request.GET.get("page"))
    return page(
        request,
        "index.html",
        {"page": acts, "desk": selectors.desk(actor=user), "may_create": can_draft(user)},
    )


@login_required
def act_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    record_view(actor=user, obj=act)
    versions = selectors.versions_of(act)
    may_edit = can_edit_act(user, act)
    steps = [
        (name, STEP_LABELS[name])
        for name, (source, _target) in services.acts.TRANSITIONS.items()
        if source == act.stage
        and (name != "propose" or act.adoption_proposed_by_id is None)
        and (name != "adopt" or act.adoption_proposed_by_id not in (None, user.pk))
    ]
    return page(
        request,
        "act_detail.html",
        {
            "act": act,
            "versions": versions,
            "current": versions[-1] if versions else None,
            "may_edit": may_edit,
            "editable": may_edit and act.stage in services.acts.EDITABLE_STAGES,
            "steps": steps if may_edit else [],
            "timeline": selectors.act_timeline(user, act),
            "programme_items": list(selectors.programme_items_of(act)),
            "open_comments": selectors.comments_of(act, open_only=True).count(),
        },
    )


def _act_form(request: HttpRequest, **kwargs: Any) -> ActForm:
    data = request.POST if request.method == "POST" else None
    return ActForm(
        data, clearance=acting_user(request).clearance, parties=other_parties(request), **kwargs
    )


@login_required
def act_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not can_draft(user):
        raise PermissionDenied()
    form = _act_form(request)
    if request.method == "POST":
        outcome = attempt(
            request,
            form,
            lambda: services.act_create(actor=user, **form.service_arguments()),
            refusal_on_form=True,
            success=_("The model act is registered."),
        )
        if outcome.ok:
            return redirect(f"{SECTION}:act-detail", pk=outcome.value.pk)
    return page(request, "act_form.html", {"form": form, "act": None}, 400 if form.errors else 200)


@login_required
def act_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    if not can_edit_act(user, act):
        raise PermissionDenied()
    initial: dict[str, Any] = {name: getattr(act, name) for name in services.ACT_FIELDS}
    initial.update(released_to=[p.pk for p in act.released_to.all()], version=act.version)
    form = _act_form(request, initial=initial, versioned=True)
    if request.method == "POST":

        def save() -> ModelAct:
            data = form.service_arguments()
            version = data.pop("version")
            return services.act_update(actor=user, act=act, version=version, **data)

        if perform(request, form, save, refusal_on_form=True, success=_("Saved.")) is Done.OK:
            return redirect(f"{SECTION}:act-detail", pk=act.pk)
    return page(request, "act_form.html", {"form": form, "act": act}, 400 if form.errors else 200)


@login_required
def act_provision(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a provision to the current version, or change one (`?eid=`)."""
    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    if not can_edit_act(user, act):
        raise PermissionDenied()
    existing = None
    if request.GET.get("eid"):
        existing = services.current_version(act).provisions.filter(eid=request.GET["eid"]).first()
    form = ProvisionForm(request.POST if request.method == "POST" else None, instance=existing)
    if request.method == "POST":

        def save() -> Any:
            data = dict(form.cleaned_data)
            return services.provision_save(actor=user, act=act, eid=data.pop("eid"), **data)

        if perform(request, form, save, refusal_on_form=True, success=_("Saved.")) is Done.OK:
            return redirect(f"{SECTION}:act-detail", pk=act.pk)
    return page(
        request, "provision_form.html", {"form": form, "act": act}, 400 if form.errors else 200
    )


@login_required
@require_POST
def act_version_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    perform(
        request,
        None,
        lambda: services.version_create(actor=user, act=act, note=request.POST.get("note", "")),
        success=_("A new version is started."),
    )
    return redirect(f"{SECTION}:act-detail", pk=act.pk)


@login_required
@require_POST
def act_step(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    perform(
        request,
        None,
        lambda: services.act_transition(
            actor=user, act=act, action=request.POST.get("action", ""), version=version
        ),
        success=_("The model act moved on."),
    )
    return redirect(f"{SECTION}:act-detail", pk=act.pk)


@login_required
def act_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions side by side, provision by provision (`?a=1&b=2`)."""
    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    versions = selectors.versions_of(act)
    last = versions[-1].number
    a = selectors.version_of(act, request.GET.get("a", max(last - 1, 1)))
    b = selectors.version_of(act, request.GET.get("b", last))
    texts_a = {p.eid: p.text for p in a.provisions.all()}
    texts_b = {p.eid: p.text for p in b.provisions.all()}
    order = [p.eid for p in b.provisions.order_by("position")]
    return page(
        request,
        "act_compare.html",
        {
            "act": act,
            "a": a,
            "b": b,
            "versions": versions,
            "rows": compare(texts_a, texts_b, order),
        },
    )
