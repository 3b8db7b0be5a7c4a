"""Comments and suggestions on a draft model act: the list with the form to add one,
and the drafters' decision on each."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accord.core.permissions import acting_user
from accord.core.web import Done, perform
from accord.legislation import selectors, services
from accord.legislation.forms import CommentForm, DecideForm
from accord.legislation.models import Disposition
from accord.legislation.permissions import can_comment, can_edit_act
from accord.legislation.views.common import SECTION, page


@login_required
def act_comments(request: HttpRequest, pk: int) -> HttpResponse:
    """The comments on the act (all versions); a commenter adds one (POST)."""
    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    version = services.current_version(act)
    provisions = list(version.provisions.order_by("position", "id"))
    open_ = act.stage in services.acts.EDITABLE_STAGES
    may_comment = open_ and can_comment(user)
    initial = {"provision_eid": request.GET.get("eid", "")}
    form = CommentForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        provisions=provisions,
    )
    if request.method == "POST":

        def save() -> Any:
            data = {name: form.cleaned_data.get(name) or "" for name in services.COMMENT_FIELDS}
            return services.comment_add(actor=user, act=act, **data)

        done = perform(
            request, form, save, refusal_on_form=True, success=_("Your comment is recorded.")
        )
        if done is Done.OK:
            return redirect(f"{SECTION}:act-comments", pk=act.pk)
    comments = list(selectors.comments_of(act))
    texts = {p.eid: p for p in provisions}
    return page(
        request,
        "comments.html",
        {
            "act": act,
            "form": form,
            "may_comment": may_comment,
            "may_decide": open_ and can_edit_act(user, act),
            "rows": [(c, texts.get(c.provision_eid)) for c in comments],
            "decide_form": DecideForm(),
            "open_value": Disposition.OPEN.value,
        },
        400 if form.errors else 200,
    )


@login_required
@require_POST
def act_comment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    act = selectors.act_get(actor=user, pk=pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(_("Choose a comment and a decision.")))
    else:
        data = form.cleaned_data
        perform(
            request,
            None,
            lambda: services.comment_decide(
                actor=user,
                act=act,
                comment_id=data["comment"],
                disposition=data["disposition"],
                note=data["note"],
            ),
            success=_("The decision is recorded."),
        )
    return redirect(f"{SECTION}:act-comments", pk=act.pk)
