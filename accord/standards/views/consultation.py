"""Pages of the consultation: the commenting page of a version (comments by clause,
filters, adding inline, disposing inline with htmx), the comment table as XLSX, and the
ballot page with the tally. Every write goes to the consultation services; a hidden
version, comment or ballot answers 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accord.core.access import party_of
from accord.core.api.filters import page_filters
from accord.core.errors import NotFound, ServiceError, ValidationFailed
from accord.core.models import Party
from accord.core.permissions import acting_user
from accord.core.web import Done, add_service_errors, attempt, perform
from accord.standards import comment_table, permissions
from accord.standards.api.filters import CommentFilter
from accord.standards.forms import (
    BallotOpenForm,
    CancelForm,
    CommentForm,
    DisposeForm,
    UploadForm,
    VoteForm,
)
from accord.standards.models import Ballot, Comment, StandardVersion
from accord.standards.permissions import is_ballot_officer
from accord.standards.selectors import consultation as selectors
from accord.standards.services import consultation as services

FAILURE_TEXT = {
    "quorum_not_met": gettext_lazy("The quorum was not met."),
    "disapproved": gettext_lazy("A member state disapproved."),
    "no_approval": gettext_lazy("No member state approved."),
    "no_votes_cast": gettext_lazy("No votes were cast (only abstentions)."),
    "approval_below_threshold": gettext_lazy("Approvals fell short of the threshold."),
    "disapproval_above_limit": gettext_lazy("Disapprovals exceeded the limit."),
}


# --- Helpers --------------------------------------------------------------------------------


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _version_link(version: StandardVersion) -> str | None:
    """The drafting part's page of the version, when it serves one."""
    for name in ("standards:version-detail", "standards:version"):
        try:
            return reverse(name, kwargs={"pk": version.pk})
        except NoReverseMatch:
            continue
    return None


def _comments_url(version: StandardVersion) -> str:
    return reverse("standards:comments", kwargs={"pk": version.pk})


# --- The commenting page --------------------------------------------------------------------


def _grouped(version: StandardVersion, comments: list[Comment]) -> list[dict[str, Any]]:
    """Comments by clause, in the version's clause order; general comments first and
    comments on clauses since removed last."""
    by_clause: dict[int | None, list[Comment]] = {}
    for comment in comments:
        by_clause.setdefault(comment.clause_id, []).append(comment)
    groups: list[dict[str, Any]] = []
    if None in by_clause:
        groups.append({"clause": None, "comments": by_clause.pop(None)})
    for clause in selectors.clause_choices(version):
        if clause.pk in by_clause:
            groups.append({"clause": clause, "comments": by_clause.pop(clause.pk)})
    return groups


def _row_context(user: Any, comment: Comment, form: DisposeForm | None = None) -> dict[str, Any]:
    version = comment.standard_version
    open_stage = version.stage in services.COMMENTING_STAGES
    may_dispose = open_stage and not comment.withdrawn and is_ballot_officer(user, version.standard)
    return {
        "comment": comment,
        "may_dispose": may_dispose,
        "may_withdraw": open_stage
        and not comment.withdrawn
        and not comment.disposition
        and permissions.may_edit_comment(user, comment),
        "dispose_form": form
        or DisposeForm(
            initial={"disposition": comment.disposition, "reason": comment.disposition_reason}
        ),
    }


@login_required
@require_GET
def comments_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    version = selectors.version_get(actor=user, pk=pk)
    filterset = page_filters(CommentFilter, request)
    filters: dict[str, Any] = {"party": "", "type": "", "disposition": ""}
    filters.update(filterset.selector_arguments())
    comments = list(
        filterset.filter_queryset(selectors.comment_list(actor=user, version=version, **filters))
    )
    commenting = version.stage in services.COMMENTING_STAGES
    rows = {c.pk: _row_context(user, c) for c in comments}
    groups = _grouped(version, comments)
    for group in groups:
        group["rows"] = [rows[c.pk] for c in group["comments"]]
    return render(
        request,
        "standards/consultation/comments.html",
        {
            "section": "standards",
            "version": version,
            "standard": version.standard,
            "version_link": _version_link(version),
            "groups": groups,
            "filters": filters,
            "parties": Party.objects.filter(standing=Party.Standing.MEMBER).order_by("code"),
            "types": Comment.Type.choices,
            "dispositions": Comment.Disposition.choices,
            "summary": selectors.comment_summary(actor=user, version=version),
            "commenting": commenting,
            "may_comment": commenting and permissions.may_comment(user),
            "may_run_ballot": is_ballot_officer(user, version.standard),
            "form": CommentForm(version=version),
            "upload_form": UploadForm(),
            "open_ballot": selectors.open_ballot_of(actor=user, version=version),
            "ballots": selectors.ballot_list(actor=user, version=version),
        },
    )


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    version = selectors.version_get(actor=user, pk=pk)
    form = CommentForm(request.POST, version=version)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: services.comment_add(actor=user, version=version, **form.cleaned_data),
            success=_("Your comment was added."),
        )
        if done is not Done.INVALID:
            return redirect(_comments_url(version))
    for errors in form.errors.values():
        for text in errors:
            messages.error(request, str(text))
    return redirect(_comments_url(version))


@login_required
@require_POST
def comment_dispose(request: HttpRequest, pk: int) -> HttpResponse:
    """Dispose of a comment; with htmx the comment's row comes back, re-rendered."""
    user = acting_user(request)
    comment = selectors.comment_get(actor=user, pk=pk)
    form = DisposeForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            comment = services.comment_dispose(
                actor=user,
                comment=comment,
                disposition=form.cleaned_data["disposition"],
                reason=form.cleaned_data["reason"],
            )
            form = None  # type: ignore[assignment]
        except NotFound:
            raise
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        except ServiceError as exc:
            error = str(exc.message)
    comment = selectors.comment_get(actor=user, pk=pk)
    if _is_htmx(request):
        context = _row_context(user, comment, form)
        context["error"] = error
        return render(request, "standards/consultation/_comment.html", context)
    if error:
        messages.error(request, error)
    elif form is not None and form.errors:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
    else:
        messages.success(request, _("The disposition was recorded."))
    return redirect(_comments_url(comment.standard_version))


@login_required
@require_POST
def comment_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    comment = selectors.comment_get(actor=user, pk=pk)
    perform(
        request,
        None,
        lambda: services.comment_withdraw(actor=user, comment=comment),
        success=_("The comment was withdrawn."),
    )
    return redirect(_comments_url(comment.standard_version))


@login_required
@require_GET
def comment_table_download(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    version = selectors.version_get(actor=user, pk=pk)
    data = comment_table.export_xlsx(
        version=version, comments=selectors.comment_list(actor=user, version=version)
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"{version.standard.code}-v{version.number}-comments.xlsx".replace(" ", "_")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def comment_table_upload(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    version = selectors.version_get(actor=user, pk=pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the XLSX file of the comment table."))
        return redirect(_comments_url(version))
    outcome = attempt(
        request,
        None,
        lambda: comment_table.import_xlsx(
            actor=user, version=version, data=form.cleaned_data["file"].read()
        ),
    )
    if outcome.ok:
        messages.success(request, comment_table.import_message(outcome.value))
    return redirect(_comments_url(version))


# --- Ballots --------------------------------------------------------------------------------


@login_required
def ballot_open(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    version = selectors.version_get(actor=user, pk=pk)
    from accord.standards.models import ballot_default

    initial = {
        "closes_on": timezone.localdate() + dt.timedelta(days=30),
        "rule": ballot_default("RULE"),
        "quorum": ballot_default("QUORUM"),
        "approve_share": ballot_default("APPROVE_SHARE"),
        "disapprove_share": ballot_default("DISAPPROVE_SHARE"),
    }
    form = BallotOpenForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        outcome = attempt(
            request,
            form,
            lambda: services.ballot_open(actor=user, version=version, **form.cleaned_data),
            refusal_on_form=True,
            success=_("The ballot is open."),
        )
        if outcome.ok:
            return redirect("standards:ballot-detail", pk=outcome.value.pk)
        status = 400
    return render(
        request,
        "standards/consultation/ballot_open.html",
        {
            "section": "standards",
            "version": version,
            "standard": version.standard,
            "form": form,
            "may_run_ballot": is_ballot_officer(user, version.standard),
        },
        status=status,
    )


def _figures_table(ballot: Ballot, figures: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """(label, value, what the rule requires) rows of the tally."""
    rows: list[tuple[str, Any, str]] = [
        (_("Member states eligible to vote"), figures["eligible"], ""),
        (
            _("Voted (abstentions included)"),
            figures["voted"],
            _("at least %(n)s (quorum %(share)s)")
            % {"n": figures["quorum_required"], "share": figures["quorum"]},
        ),
        (_("Approve"), figures["approve"], ""),
        (_("Approve with comments"), figures["approve_with_comments"], ""),
        (
            _("Disapprove"),
            figures["disapprove"],
            _("none") if figures["rule"] == "consensus" else "",
        ),
        (_("Abstain"), figures["abstain"], ""),
        (_("Votes cast (abstentions excluded)"), figures["cast"], ""),
    ]
    if figures["rule"] == "qualified_majority":
        rows += [
            (
                _("Share approving"),
                figures["approve_ratio"] or "—",
                _("at least %(share)s") % {"share": figures["approve_share"]},
            ),
            (
                _("Share disapproving"),
                figures["disapprove_ratio"] or "—",
                _("at most %(share)s") % {"share": figures["disapprove_share"]},
            ),
        ]
    return rows


def _ballot_context(user: Any, ballot: Ballot, **extra: Any) -> dict[str, Any]:
    version = ballot.standard_version
    all_votes = list(selectors.ballot_votes(ballot))
    votes = list(selectors.ballot_votes_for(actor=user, ballot=ballot))
    if ballot.state == Ballot.State.CLOSED and ballot.figures:
        figures = ballot.figures
    else:
        figures = services.current_tally(ballot).as_dict()
    voted = {v.party_id for v in all_votes}
    eligible = list(services.electorate(ballot))
    not_voted = [p for p in eligible if p.pk not in voted]
    party = party_of(user)
    own_vote = next((v for v in votes if party is not None and v.party_id == party.pk), None)
    today = timezone.localdate()
    may_vote = (
        ballot.is_open
        and permissions.may_vote(user)
        and party is not None
        and any(p.pk == party.pk for p in eligible)
        and ballot.opens_on <= today <= ballot.closes_on
    )
    officer = is_ballot_officer(user, version.standard)
    return {
        "section": "standards",
        "ballot": ballot,
        "version": version,
        "standard": version.standard,
        "votes": votes,
        "votes_cast": len(all_votes),
        "votes_hidden": not selectors.reads_every_vote(user, ballot),
        # While secret: the parties that voted, without how (the reader's own vote is shown).
        "secret_voters": [v.party for v in all_votes if v not in votes]
        if not selectors.reads_every_vote(user, ballot)
        else [],
        "not_voted": not_voted,
        "figures": figures,
        "figure_rows": _figures_table(ballot, figures),
        "failures": [FAILURE_TEXT.get(code, code) for code in figures.get("failures", [])],
        "own_vote": own_vote,
        "may_vote": may_vote,
        "vote_form": extra.pop("vote_form", None)
        or VoteForm(
            initial={
                "vote": own_vote.vote,
                "reasons": own_vote.reasons,
                "comments": own_vote.comments,
            }
            if own_vote
            else None
        ),
        "may_close": ballot.is_open and officer,
        "closing_date_passed": today > ballot.closes_on,
        "cancel_form": extra.pop("cancel_form", None) or CancelForm(),
        "comments_url": _comments_url(version),
        **extra,
    }


@login_required
@require_GET
def ballot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    ballot = selectors.ballot_get(actor=user, pk=pk)
    return render(request, "standards/consultation/ballot.html", _ballot_context(user, ballot))


@login_required
@require_POST
def ballot_vote(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    ballot = selectors.ballot_get(actor=user, pk=pk)
    form = VoteForm(request.POST)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: services.vote_cast(actor=user, ballot=ballot, **form.cleaned_data),
            success=_("Your party's vote was recorded."),
        )
        if done is not Done.INVALID:
            return redirect("standards:ballot-detail", pk=ballot.pk)
    return render(
        request,
        "standards/consultation/ballot.html",
        _ballot_context(user, ballot, vote_form=form),
        status=400,
    )


@login_required
@require_POST
def ballot_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    ballot = selectors.ballot_get(actor=user, pk=pk)
    outcome = attempt(
        request,
        None,
        lambda: services.ballot_close(
            actor=user, ballot=ballot, early=request.POST.get("early") == "1"
        ),
    )
    if outcome.ok:
        if outcome.value.result == Ballot.Result.ADOPTED:
            messages.success(request, _("The ballot is closed: the version is adopted."))
        else:
            messages.warning(
                request,
                _(
                    "The ballot is closed: the version is not adopted and returns to the "
                    "committee draft."
                ),
            )
    return redirect("standards:ballot-detail", pk=ballot.pk)


@login_required
@require_POST
def ballot_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    ballot = selectors.ballot_get(actor=user, pk=pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        perform(
            request,
            None,
            lambda: services.ballot_cancel(
                actor=user, ballot=ballot, reason=form.cleaned_data["reason"]
            ),
            success=_("The ballot was cancelled."),
        )
    else:
        messages.error(request, _("Give the reason for cancelling."))
    return redirect("standards:ballot-detail", pk=ballot.pk)
