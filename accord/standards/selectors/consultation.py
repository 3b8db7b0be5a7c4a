"""Comments on drafts and ballots on versions: reads, always from `visible_to(user)`
(whoever sees the standard sees its comments, ballots and votes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet

from accord.core.access import party_of
from accord.core.errors import NotFound
from accord.standards.models import Ballot, Clause, Comment, StandardVersion, Vote

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def version_get(*, actor: User, pk: Any) -> StandardVersion:
    """A version of a standard the actor sees, or NotFound."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    version = (
        StandardVersion.objects.visible_to(actor)
        .select_related("standard", "standard__owner")
        .filter(pk=key)
        .first()
    )
    if version is None:
        raise NotFound()
    return version


def comment_list(
    *,
    actor: User,
    version: StandardVersion,
    party: str = "",
    type: str = "",
    disposition: str = "",
    include_withdrawn: bool = True,
) -> QuerySet[Comment]:
    """The comments on a version, in clause order (general comments first). `party` is a
    party code; `disposition` may be "open" for comments not yet disposed of."""
    comments = (
        Comment.objects.visible_to(actor)
        .filter(standard_version=version)
        .select_related("party", "author", "disposed_by", "clause", "standard_version__standard")
    )
    if party:
        comments = comments.filter(party__code=party)
    if type:
        comments = comments.filter(type=type)
    if disposition == "open":
        comments = comments.filter(disposition="", withdrawn=False)
    elif disposition:
        comments = comments.filter(disposition=disposition)
    if not include_withdrawn:
        comments = comments.filter(withdrawn=False)
    return comments.order_by("clause__order", "clause_id", "id")


def comment_get(*, actor: User, pk: Any) -> Comment:
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    comment = (
        Comment.objects.visible_to(actor)
        .select_related("party", "standard_version__standard", "clause")
        .filter(pk=key)
        .first()
    )
    if comment is None:
        raise NotFound()
    return comment


def comment_summary(*, actor: User, version: StandardVersion) -> dict[str, int]:
    """How many comments, how many still open, disposed, withdrawn."""
    figures = (
        Comment.objects.visible_to(actor)
        .filter(standard_version=version)
        .aggregate(
            total=Count("pk"),
            open=Count("pk", filter=Q(disposition="", withdrawn=False)),
            disposed=Count("pk", filter=~Q(disposition="")),
            withdrawn=Count("pk", filter=Q(withdrawn=True)),
        )
    )
    return {key: int(value or 0) for key, value in figures.items()}


def clause_choices(version: StandardVersion) -> QuerySet[Clause]:
    """The clauses of a version a comment may be on (the caller has seen the version)."""
    return Clause.objects.filter(version=version).order_by("order", "id")


def ballot_list(*, actor: User, version: StandardVersion | None = None) -> QuerySet[Ballot]:
    ballots = Ballot.objects.visible_to(actor).select_related(
        "standard_version", "standard_version__standard"
    )
    if version is not None:
        ballots = ballots.filter(standard_version=version)
    return ballots.order_by("-created_at", "-id")


def ballot_get(*, actor: User, pk: Any) -> Ballot:
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    ballot = (
        ballot_list(actor=actor).select_related("opened_by", "closed_by").filter(pk=key).first()
    )
    if ballot is None:
        raise NotFound()
    return ballot


def open_ballot_of(*, actor: User, version: StandardVersion) -> Ballot | None:
    return ballot_list(actor=actor, version=version).filter(state=Ballot.State.OPEN).first()


def reads_every_vote(actor: User, ballot: Ballot) -> bool:
    """Whether `actor` reads every vote of `ballot` now (not secret, or a Secretariat
    ballot officer)."""
    from accord.standards.permissions import is_ballot_officer

    if not ballot.votes_hidden:
        return True
    party = party_of(actor)
    return (
        party is not None
        and party.is_secretariat
        and is_ballot_officer(actor, ballot.standard_version.standard)
    )


def ballot_votes_for(*, actor: User, ballot: Ballot) -> QuerySet[Vote]:
    """The votes of a ballot (already resolved through `ballot_get`) that `actor` may read:
    all of them, except while a ballot secret until close is open: then the actor's own
    party's vote only. The Secretariat's ballot officers, who run the ballot and do not
    vote, read every vote throughout."""
    votes = ballot_votes(ballot)
    if reads_every_vote(actor, ballot):
        return votes
    party = party_of(actor)
    return votes.filter(party_id=party.pk) if party is not None else votes.none()


def ballot_votes(ballot: Ballot) -> QuerySet[Vote]:
    """The votes of a ballot the caller has already resolved through `ballot_get`."""
    return (
        Vote.objects.filter(ballot=ballot).select_related("party", "voter").order_by("party__code")
    )
