"""The knowledge pages: the index (the desk, the search with its facets, the results),
an item with its lifecycle chain, actions and related items, its forms, and the
lifecycle's steps (POST only). Every write goes through `core.web.perform`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accord.core.access import party_of
from accord.core.api.filters import page_filters
from accord.core.audit import record_view
from accord.core.errors import PermissionDenied
from accord.core.models import Party
from accord.core.permissions import acting_user
from accord.core.selectors import party_list
from accord.core.web import Done, perform, render_page
from accord.knowledge import selectors, services
from accord.knowledge.api.filters import ItemFilter, criteria_of
from accord.knowledge.domain import lifecycle
from accord.knowledge.domain.lifecycle import Stage
from accord.knowledge.forms import (
    ActionCloseForm,
    ActionForm,
    ClauseLinkForm,
    DisseminationForm,
    IdentifyForm,
    ItemForm,
    RejectForm,
    ValidateForm,
    VersionForm,
)
from accord.knowledge.models import KnowledgeItem, RemedialAction, StageChoice
from accord.knowledge.permissions import (
    can_cancel_action,
    can_close_action,
    can_edit,
    can_publish,
    can_submit,
    manages,
)

SECTION = "knowledge"
CHAIN = [Stage.SUBMITTED, Stage.VERIFIED, Stage.IDENTIFIED, Stage.LEARNED]


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> Any:
    return render_page(
        request, f"{SECTION}/{template}", SECTION, {"ns": SECTION, **context}, status
    )


def _others(user: Any) -> Any:
    own = party_of(user)
    return party_list().exclude(pk=own.pk) if own else Party.objects.none()


def _item_form(request: HttpRequest, **kwargs: Any) -> ItemForm:
    user = acting_user(request)
    data = request.POST if request.method == "POST" else None
    return ItemForm(
        data,
        clearance=user.clearance,
        parties=_others(user),
        may_publish=can_publish(user),
        **kwargs,
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The desk (what awaits the user), then the search: words, facets, results."""
    user = acting_user(request)
    filters = page_filters(ItemFilter, request)
    criteria = criteria_of(filters)
    results = selectors.item_search(actor=user, criteria=criteria)
    page = Paginator(results, 25).get_page(request.GET.get("page"))
    chosen = {k: v for k, v in request.GET.items() if k in ItemFilter.parameters() and v}
    return _page(
        request,
        "index.html",
        {
            "desk": selectors.desk(actor=user),
            "facets": selectors.item_facets(actor=user, criteria=criteria),
            "page": page,
            "chosen": chosen,
            "text": criteria.text,
            "may_submit": can_submit(user),
        },
    )


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    item = selectors.item_get(actor=user, pk=pk)
    record_view(actor=user, obj=item)
    actions = list(item.actions.select_related("action_body"))
    manager = manages(user, item)
    steps = lifecycle.steps_from(item.stage) if manager else []
    version = {"version": item.version}
    chain = [
        {"label": StageChoice(stage).label, "current": item.stage == stage, "stage": stage}
        for stage in CHAIN
    ]
    return _page(
        request,
        "item_detail.html",
        {
            "item": item,
            "chain": chain,
            "actions": [
                {
                    "action": a,
                    "may_close": a.status == RemedialAction.Status.OPEN
                    and item.stage == Stage.IDENTIFIED
                    and can_close_action(user, a),
                    "may_cancel": a.status == RemedialAction.Status.OPEN
                    and item.stage == Stage.IDENTIFIED
                    and can_cancel_action(user, a),
                }
                for a in actions
            ],
            "related": selectors.item_related(actor=user, item=item),
            "clause": selectors.linked_clause(actor=user, item=item),
            "disseminations": selectors.dissemination_log(actor=user, item=item),
            "dissemination_form": DisseminationForm(parties=party_list().exclude(pk=item.owner_id))
            if manager and item.stage not in (Stage.SUBMITTED, Stage.REJECTED)
            else None,
            "clause_form": ClauseLinkForm(
                initial={"version": item.version, "clause": item.guideline_clause_id},
                clauses=selectors.clause_choices(actor=user),
            )
            if manager and item.stage != Stage.REJECTED
            else None,
            "may_edit": can_edit(user, item),
            "steps": [str(step) for step in steps],
            "verify_form": VersionForm(initial=version),
            "reject_form": RejectForm(initial=version),
            "identify_form": IdentifyForm(initial=version),
            "validate_form": ValidateForm(initial=version),
            "action_form": ActionForm(parties=party_list()) if manager else None,
            "open_for_actions": manager and item.stage == Stage.IDENTIFIED,
            "not_learned": lifecycle.why_not_learned(
                [a.status for a in actions], bool(item.validation_result)
            ),
        },
    )


@login_required
def item_new(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not can_submit(user):
        raise PermissionDenied()
    form = _item_form(request, initial={"kind": request.GET.get("kind", "observation")})
    created: list[KnowledgeItem] = []
    if request.method == "POST":
        done = perform(
            request,
            form,
            lambda: created.append(services.item_create(actor=user, **form.service_arguments())),
            refusal_on_form=True,
            success=_("The item is saved."),
        )
        if done is Done.OK:
            return redirect(f"{SECTION}:item-detail", pk=created[0].pk)
    return _page(
        request, "item_form.html", {"form": form, "item": None}, 400 if form.errors else 200
    )


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    item = selectors.item_get(actor=user, pk=pk)
    if not can_edit(user, item):
        raise PermissionDenied()
    initial: dict[str, Any] = {name: getattr(item, name) for name in services.ITEM_FIELDS}
    initial.update(
        areas=item.area_list,
        released_to=[p.pk for p in item.released_to.all()],
        version=item.version,
    )
    form = _item_form(request, initial=initial, versioned=True)
    if request.method == "POST":

        def save() -> KnowledgeItem:
            data = form.service_arguments()
            version = data.pop("version")
            return services.item_update(actor=user, item=item, version=version, **data)

        done = perform(request, form, save, refusal_on_form=True, success=_("The item is saved."))
        if done is Done.OK:
            return redirect(f"{SECTION}:item-detail", pk=item.pk)
    return _page(
        request, "item_form.html", {"form": form, "item": item}, 400 if form.errors else 200
    )


def _step(
    form_class: type[forms.Form], call: Callable[..., Any], success: Any
) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        user = acting_user(request)
        item = selectors.item_get(actor=user, pk=pk)
        form = form_class(request.POST)
        done = perform(
            request, form, lambda: call(actor=user, item=item, **form.cleaned_data), success=success
        )
        if done is Done.INVALID:
            for errors in form.errors.values():
                for error in errors:
                    from django.contrib import messages

                    messages.error(request, str(error))
        return redirect(f"{SECTION}:item-detail", pk=item.pk)

    return view


item_verify = _step(VersionForm, services.item_verify, _("The observation is verified."))
item_reject = _step(
    RejectForm, services.item_reject, _("The observation is rejected and archived.")
)
item_identify = _step(IdentifyForm, services.item_identify, _("The lesson is identified."))
item_validate = _step(ValidateForm, services.item_validate, _("The validation result is recorded."))
item_learn = _step(VersionForm, services.item_learn, _("The lesson is learned."))


@login_required
@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    item = selectors.item_get(actor=user, pk=pk)
    form = ActionForm(request.POST, parties=party_list())
    perform(
        request,
        form,
        lambda: services.action_add(actor=user, lesson=item, **form.cleaned_data),
        success=_("The remedial action is tasked."),
    )
    if form.errors:
        from django.contrib import messages

        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(f"{SECTION}:item-detail", pk=item.pk)


@login_required
@require_POST
def action_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    action = selectors.action_get(actor=user, pk=pk)
    form = ActionCloseForm(request.POST)
    perform(
        request,
        form,
        lambda: services.action_close(actor=user, action=action, **form.cleaned_data),
        success=_("The remedial action is closed."),
    )
    return redirect(f"{SECTION}:item-detail", pk=action.lesson_id)


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    page = Paginator(selectors.overdue_actions(actor=user), 50).get_page(request.GET.get("page"))
    return _page(request, "overdue.html", {"page": page})


@login_required
@require_POST
def item_disseminate(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    item = selectors.item_get(actor=user, pk=pk)
    form = DisseminationForm(request.POST, parties=party_list().exclude(pk=item.owner_id))
    perform(
        request,
        form,
        lambda: services.item_disseminate(
            actor=user,
            item=item,
            recipients=list(form.cleaned_data["recipients"]),
            note=form.cleaned_data["note"],
        ),
        success=_("The dissemination is recorded."),
    )
    return redirect(f"{SECTION}:item-detail", pk=item.pk)
