"""Comments on drafts and ballots on versions: every write.

Who may do what (on top of seeing the standard, which `visible_to` decides):

- **comment** (add, update, withdraw): a standards editor of any *member* party (the
  member states and the Secretariat; observers follow the work but do not comment), while
  the version is a committee draft or in ballot. A comment is updated or withdrawn by an
  editor of the commenting party, and only until it is disposed of.
- **dispose** of a comment: an editor of the standard's owner party, or a Secretariat
  officer (`drafting.is_ballot_officer`), while the version is a committee draft or in
  ballot.
- **open, close, cancel a ballot**: the same ballot officers. Opening moves the version
  to the ballot stage (`version_set_stage`) and notifies the member states' standards
  editors.
- **vote**: a standards editor of a member *state*, between the ballot's opening and
  closing dates. The Secretariat coordinates the ballot and does not vote; observers do
  not vote. A re-vote before the ballot closes replaces the party's vote; the audit trail
  keeps the vote it replaced.
- **closing** computes the result under the ballot's rule (`accord.standards.domain.tally`) and
  records it with its figures. A ballot that passed adopts the version (`version_adopt`,
  which freezes it); a ballot that failed returns the version to the committee draft, so
  that the comments and disapprovals can be resolved and a new ballot held. The votes stay
  on record either way: each party's disapproval remains its stated position.

Every write records an audit event in its own transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import parties_covered, party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.guards import require, require_visible
from accord.core.models import Party
from accord.core.notifications import notify_party
from accord.core.roles import Role
from accord.core.validation import full_clean
from accord.standards.domain.tally import TallyParams, TallyResult, parse_share, tally
from accord.standards.models import Ballot, Clause, Comment, Standard, StandardVersion, Vote
from accord.standards.permissions import (
    is_ballot_officer,
    may_comment,
    may_edit_comment,
    may_vote,
)
from accord.standards.services.drafting import (
    version_adopt,
    version_set_stage,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


Stage = StandardVersion.Stage
COMMENTING_STAGES = (Stage.COMMITTEE_DRAFT, Stage.BALLOT)
COMMENT_FIELDS = ("clause", "type", "line", "paragraph", "comment", "proposed_change")


# --- Who may do what ------------------------------------------------------------------------


def eligible_voters(standard: Standard) -> QuerySet[Party]:
    """The parties that may vote on `standard` if a ballot opened now: the active member
    states (not the Secretariat, which coordinates, nor observers) that may see the
    standard — its owner and the states its release covers (for LISTED, those on its
    list), as `accord.core.access.parties_covered` applies the rule. One query.

    A ballot does not ask this again: its electorate is fixed when it opens
    (`Ballot.electorate`), so a change of the standard's release while the ballot is open
    cannot change who votes or who counts toward the quorum."""
    return (
        parties_covered(standard)
        .filter(kind=Party.Kind.STATE, standing=Party.Standing.MEMBER)
        .order_by("code")
    )


def eligible_codes(standard: Standard) -> list[str]:
    """The codes of the parties that would vote if a ballot opened now."""
    return list(eligible_voters(standard).values_list("code", flat=True))


def electorate(ballot: Ballot) -> QuerySet[Party]:
    """The parties that vote in `ballot`, fixed when it opened."""
    return ballot.electorate.order_by("code")


def _require_commenting_stage(version: StandardVersion) -> None:
    if version.stage not in COMMENTING_STAGES:
        raise Conflict(
            _(
                "Comments are taken on committee drafts and versions in ballot, "
                "not at the stage %(stage)s."
            )
            % {"stage": version.get_stage_display()}
        )


def _text(value: Any) -> str:
    return str(value or "").strip()


def _resolve_clause(version: StandardVersion, clause: Any) -> Clause | None:
    """A clause of `version` (an object or an id), or None for a general comment."""
    if clause in (None, ""):
        return None
    clause_id = clause.pk if isinstance(clause, Clause) else clause
    try:
        found = Clause.objects.filter(version=version, pk=int(clause_id)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise ValidationFailed.single("clause", _("Choose a clause of this version."))
    return found


# --- Comments -------------------------------------------------------------------------------


@transaction.atomic
def comment_add(
    *,
    actor: User,
    version: StandardVersion,
    type: str,
    comment: str,
    clause: Clause | int | None = None,
    proposed_change: str = "",
    line: str = "",
    paragraph: str = "",
) -> Comment:
    """A member party's comment on a committee draft or a version in ballot."""
    require_visible(StandardVersion, version.pk, actor)
    require(may_comment(actor))
    version = StandardVersion.objects.select_related("standard").get(pk=version.pk)
    _require_commenting_stage(version)
    party = party_of(actor)
    assert party is not None
    found = _resolve_clause(version, clause)
    new = Comment(
        standard_version=version,
        clause=found,
        clause_number=found.number if found else "",
        party=party,
        author=actor,
        type=_text(type),
        line=_text(line),
        paragraph=_text(paragraph),
        comment=_text(comment),
        proposed_change=_text(proposed_change),
    )
    full_clean(new)
    new.save()
    record_event(actor=actor, action="standards.comment.add", obj=new, after=snapshot(new))
    return new


def _lock_comment(comment: Comment) -> Comment:
    return (
        Comment.objects.select_for_update()
        .select_related("standard_version__standard")
        .get(pk=comment.pk)
    )


@transaction.atomic
def comment_update(
    *, actor: User, comment: Comment, expected_version: int, data: dict[str, Any]
) -> Comment:
    """Change a comment before it is disposed of (an editor of the commenting party).
    `data` holds the fields to change, among clause, type, line, paragraph, comment and
    proposed_change."""
    fields = dict(data)
    require_visible(StandardVersion, comment.standard_version.pk, actor)
    require(may_edit_comment(actor, comment))
    unknown = set(fields) - set(COMMENT_FIELDS)
    if unknown:
        raise ValidationFailed.single(
            "__all__", _("Unknown field: %(f)s.") % {"f": ", ".join(sorted(unknown))}
        )
    locked = _lock_comment(comment)
    _require_commenting_stage(locked.standard_version)
    if locked.withdrawn or locked.disposition:
        raise Conflict(_("A withdrawn or disposed comment cannot be changed."))
    if locked.version != expected_version:
        raise Conflict()
    before = snapshot(locked)
    if "clause" in fields:
        found = _resolve_clause(locked.standard_version, fields.pop("clause"))
        locked.clause = found
        locked.clause_number = found.number if found else ""
    for name, value in fields.items():
        setattr(locked, name, _text(value))
    full_clean(locked)
    save_versioned(
        locked,
        expected_version=expected_version,
        fields=[
            "clause",
            "clause_number",
            "type",
            "line",
            "paragraph",
            "comment",
            "proposed_change",
        ],
    )
    record_event(
        actor=actor,
        action="standards.comment.update",
        obj=locked,
        before=before,
        after=snapshot(locked),
    )
    return locked


@transaction.atomic
def comment_withdraw(*, actor: User, comment: Comment) -> Comment:
    """The commenting party withdraws its comment (it stays on record, marked withdrawn)."""
    require_visible(StandardVersion, comment.standard_version.pk, actor)
    require(may_edit_comment(actor, comment))
    locked = _lock_comment(comment)
    _require_commenting_stage(locked.standard_version)
    if locked.withdrawn or locked.disposition:
        raise Conflict(_("A withdrawn or disposed comment cannot be withdrawn."))
    locked.withdrawn = True
    save_versioned(locked, expected_version=locked.version, fields=["withdrawn"])
    record_event(actor=actor, action="standards.comment.withdraw", obj=locked)
    return locked


@transaction.atomic
def comment_dispose(
    *,
    actor: User,
    comment: Comment,
    disposition: str,
    reason: str = "",
    expected_version: int | None = None,
) -> Comment:
    """The editor's disposition of a comment, with its reasoning (required unless the
    comment is accepted as proposed). A disposition may be revised while commenting lasts."""
    require_visible(StandardVersion, comment.standard_version.pk, actor)
    require(is_ballot_officer(actor, comment.standard_version.standard))
    locked = _lock_comment(comment)
    _require_commenting_stage(locked.standard_version)
    if locked.withdrawn:
        raise Conflict(_("This comment was withdrawn by its party."))
    if expected_version is not None and locked.version != expected_version:
        raise Conflict()
    if disposition not in Comment.Disposition.values:
        raise ValidationFailed.single("disposition", _("Choose a disposition."))
    reason = _text(reason)
    if disposition != Comment.Disposition.ACCEPTED and not reason:
        raise ValidationFailed.single(
            "disposition_reason", _("Give the reasoning of the disposition.")
        )
    before = snapshot(locked, ["disposition", "disposition_reason", "disposed_by"])
    locked.disposition = disposition
    locked.disposition_reason = reason
    locked.disposed_by = actor
    locked.disposed_at = timezone.now()
    full_clean(locked)
    save_versioned(
        locked,
        expected_version=locked.version,
        fields=["disposition", "disposition_reason", "disposed_by", "disposed_at"],
    )
    record_event(
        actor=actor,
        action="standards.comment.dispose",
        obj=locked,
        before=before,
        after=snapshot(locked, ["disposition", "disposition_reason", "disposed_by"]),
    )
    return locked


# --- Ballots --------------------------------------------------------------------------------


def _share(field: str, value: Any) -> str:
    try:
        parse_share(value)
    except ValueError:
        raise ValidationFailed.single(
            field, _("Write a share between 0 and 1, such as 1/2, 2/3 or 0.25.")
        ) from None
    return str(value).strip()


def ballot_url(ballot: Ballot) -> str:
    return reverse("standards:ballot-detail", kwargs={"pk": ballot.pk})


@transaction.atomic
def ballot_open(
    *,
    actor: User,
    version: StandardVersion,
    closes_on: dt.date,
    rule: str | None = None,
    quorum: Any = None,
    approve_share: Any = None,
    disapprove_share: Any = None,
    opens_on: dt.date | None = None,
    secrecy: str | None = None,
) -> Ballot:
    """Put a committee draft to ballot: the version moves to the ballot stage and the
    member states' standards editors are notified. Unset rule parameters take their
    defaults from settings (`ACCORD_BALLOT_*`)."""
    require_visible(StandardVersion, version.pk, actor)
    require(is_ballot_officer(actor, version.standard))
    today = timezone.localdate()
    opens_on = opens_on or today
    if opens_on < today:
        raise ValidationFailed.single("opens_on", _("A ballot cannot open in the past."))
    if closes_on <= opens_on:
        raise ValidationFailed.single(
            "closes_on", _("The closing date must be after the opening date.")
        )
    if Ballot.objects.filter(standard_version=version, state=Ballot.State.OPEN).exists():
        raise Conflict(_("This version already has an open ballot."))
    ballot = Ballot(
        standard_version=version, opens_on=opens_on, closes_on=closes_on, opened_by=actor
    )
    if rule:
        ballot.rule = rule
    if secrecy:
        ballot.secrecy = secrecy
    if quorum not in (None, ""):
        ballot.quorum = _share("quorum", quorum)
    if approve_share not in (None, ""):
        ballot.approve_share = _share("approve_share", approve_share)
    if disapprove_share not in (None, ""):
        ballot.disapprove_share = _share("disapprove_share", disapprove_share)
    full_clean(ballot)
    voters = list(eligible_voters(version.standard))
    ballot.figures = {"eligible_parties": [party.code for party in voters]}
    version_set_stage(actor=actor, version=version, stage=Stage.BALLOT)
    try:
        with transaction.atomic():
            ballot.save()
    except IntegrityError:
        raise Conflict(_("This version already has an open ballot.")) from None
    ballot.electorate.set(voters)
    record_event(actor=actor, action="standards.ballot.open", obj=ballot, after=snapshot(ballot))
    code = version.standard.code
    number = version.number
    closes = closes_on.isoformat()
    for party in voters:
        notify_party(
            party=party,
            roles=[Role.STANDARDS_EDITOR],
            kind="standards.ballot.open",
            message=lambda: (
                _("Ballot opened on %(code)s version %(number)s; vote by %(date)s.")
                % {"code": code, "number": number, "date": closes}
            ),
            link=ballot_url(ballot),
            obj=ballot,
        )
    return ballot


def _lock_ballot(ballot: Ballot) -> Ballot:
    return (
        Ballot.objects.select_for_update()
        .select_related("standard_version__standard")
        .get(pk=ballot.pk)
    )


@transaction.atomic
def vote_cast(
    *, actor: User, ballot: Ballot, vote: str, reasons: str = "", comments: str = ""
) -> Vote:
    """The actor's party's vote; a second vote before closing replaces the first.

    Reasons belong to a disapproval only (what would resolve it): any other vote stores
    none, so a party that moves from disapprove to approve is no longer shown with the
    objections it withdrew (the page's form keeps the old reasons in its text box).
    """
    require_visible(StandardVersion, ballot.standard_version.pk, actor)
    require(may_vote(actor), _("Only the standards editors of member states vote."))
    locked = _lock_ballot(ballot)
    party = party_of(actor)
    assert party is not None
    if not locked.electorate.filter(pk=party.pk).exists():
        raise PermissionDenied(
            _("Only the member states that may see this standard vote in its ballot.")
        )
    if not locked.is_open:
        raise Conflict(_("This ballot is closed."))
    today = timezone.localdate()
    if today < locked.opens_on:
        raise Conflict(_("This ballot is not open for voting yet."))
    if today > locked.closes_on:
        raise Conflict(_("The closing date of this ballot has passed."))
    existing = Vote.objects.filter(ballot=locked, party=party).first()
    before = snapshot(existing, ["vote", "reasons", "comments", "voter"]) if existing else None
    row = existing or Vote(ballot=locked, party=party)
    row.vote = _text(vote)
    row.reasons = _text(reasons) if row.vote == Vote.Choice.DISAPPROVE else ""
    row.comments = _text(comments)
    row.voter = actor
    row.cast_at = timezone.now()
    full_clean(row)
    row.save()
    record_event(
        actor=actor,
        action="standards.vote.replace" if existing else "standards.vote.cast",
        obj=row,
        before=before,
        after={"party": party.code, **snapshot(row, ["vote", "reasons", "comments", "voter"])},
    )
    return row


def current_tally(ballot: Ballot) -> TallyResult:
    """The tally of a ballot's votes so far (or at closing) under its rule."""
    eligible = list(ballot.electorate.values_list("pk", flat=True))
    votes = dict(Vote.objects.filter(ballot=ballot).values_list("party_id", "vote"))
    params: TallyParams = ballot.tally_params()
    return tally(votes, eligible, ballot.rule, params)


@transaction.atomic
def ballot_close(*, actor: User | None, ballot: Ballot, early: bool = False) -> Ballot:
    """Close a ballot and record its result. Before the closing date a ballot closes only
    when asked to close early (`early=True`) and every eligible party has voted.

    `actor=None` is the system (the `accord standards close-ballots` command): it closes
    only a ballot whose closing date has passed — no judgement is involved then, the rule
    decides — and the audit trail records the closing without a user."""
    if actor is not None:
        require_visible(StandardVersion, ballot.standard_version.pk, actor)
        require(is_ballot_officer(actor, ballot.standard_version.standard))
    locked = _lock_ballot(ballot)
    if not locked.is_open:
        raise Conflict(_("This ballot is closed."))
    if actor is None and timezone.localdate() <= locked.closes_on:
        raise Conflict(_("The ballot closes on %(date)s.") % {"date": locked.closes_on.isoformat()})
    if timezone.localdate() <= locked.closes_on:
        voters = locked.electorate.all()
        voted = Vote.objects.filter(ballot=locked, party__in=voters).count()
        if not (early and voted >= voters.count()):
            raise Conflict(
                _(
                    "The ballot closes on %(date)s; before then it closes only "
                    "when every member state has voted."
                )
                % {"date": locked.closes_on.isoformat()}
            )
    result = current_tally(locked)
    positions = dict(
        Vote.objects.filter(ballot=locked)
        .order_by("party__code")
        .values_list("party__code", "vote")
    )
    locked.state = Ballot.State.CLOSED
    locked.result = Ballot.Result.ADOPTED if result.passed else Ballot.Result.NOT_ADOPTED
    locked.figures = {
        **result.as_dict(),
        "votes": positions,
        "eligible_parties": list(electorate(locked).values_list("code", flat=True)),
    }
    locked.closed_by = actor
    locked.closed_at = timezone.now()
    locked.save(update_fields=["state", "result", "figures", "closed_by", "closed_at"])
    record_event(
        actor=actor,
        action="standards.ballot.close",
        obj=locked,
        before={"state": Ballot.State.OPEN},
        after={"state": locked.state, "result": locked.result, "figures": locked.figures},
    )
    version = locked.standard_version
    if result.passed:
        version_adopt(actor=actor, version=version)
    else:
        version_set_stage(actor=actor, version=version, stage=Stage.COMMITTEE_DRAFT)
    _notify_result(locked)
    return locked


def ballots_due(today: dt.date | None = None) -> QuerySet[Ballot]:
    """Open ballots whose closing date has passed (all of them: the system's view)."""
    today = today or timezone.localdate()
    return (
        Ballot.objects.filter(state=Ballot.State.OPEN, closes_on__lt=today)
        .select_related("standard_version__standard")
        .order_by("closes_on", "pk")
    )


def ballots_close_due(*, actor: User | None = None) -> list[Ballot]:
    """Close every open ballot whose closing date has passed, each in its own transaction,
    and return those this call closed. `actor=None` closes as the system; a user closes
    only the ballots they may close (others are left open and not reported). Running it
    twice closes each ballot once: a ballot closed meanwhile is skipped."""
    closed: list[Ballot] = []
    for ballot in ballots_due():
        try:
            closed.append(ballot_close(actor=actor, ballot=ballot))
        except (Conflict, NotFound, PermissionDenied):
            continue
    return closed


def _notify_result(ballot: Ballot) -> None:
    """Tell the member states' standards editors how the ballot ended."""
    code = ballot.standard_version.standard.code
    number = ballot.standard_version.number
    adopted = ballot.result == Ballot.Result.ADOPTED
    for party in electorate(ballot):
        notify_party(
            party=party,
            roles=[Role.STANDARDS_EDITOR],
            kind="standards.ballot.close",
            message=lambda: (
                (
                    _("Ballot closed: %(code)s version %(number)s is adopted.")
                    if adopted
                    else _("Ballot closed: %(code)s version %(number)s is not adopted.")
                )
                % {"code": code, "number": number}
            ),
            link=ballot_url(ballot),
            obj=ballot,
        )


@transaction.atomic
def ballot_cancel(*, actor: User, ballot: Ballot, reason: str) -> Ballot:
    """Cancel an open ballot (e.g. opened on the wrong text): no result is recorded, the
    votes stay on record, and the version returns to the committee draft."""
    require_visible(StandardVersion, ballot.standard_version.pk, actor)
    require(is_ballot_officer(actor, ballot.standard_version.standard))
    locked = _lock_ballot(ballot)
    if not locked.is_open:
        raise Conflict(_("This ballot is closed."))
    reason = _text(reason)
    if not reason:
        raise ValidationFailed.single("reason", _("Give the reason for cancelling."))
    locked.state = Ballot.State.CANCELLED
    locked.cancel_reason = reason
    locked.closed_by = actor
    locked.closed_at = timezone.now()
    locked.save(update_fields=["state", "cancel_reason", "closed_by", "closed_at"])
    record_event(
        actor=actor,
        action="standards.ballot.cancel",
        obj=locked,
        before={"state": Ballot.State.OPEN},
        after={"state": locked.state, "reason": reason},
    )
    version_set_stage(actor=actor, version=locked.standard_version, stage=Stage.COMMITTEE_DRAFT)
    return locked
