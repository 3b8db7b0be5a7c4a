"""Comments on drafts and ballots on versions.

Comments and ballots are not marked records of their own: whoever sees the standard sees
its versions' comments and ballots (the selectors resolve the standard through
`visible_to`). A ballot is legally significant: it is never deleted, only closed with its
result recorded; each party's vote stays on record as that party's position.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.models import Party, VersionedModel

if TYPE_CHECKING:
    from accord.standards.domain.tally import TallyParams

__all__ = ["Ballot", "Comment", "Vote", "ballot_default"]


def ballot_default(name: str) -> str:
    """A rule parameter's default, from settings `ACCORD_BALLOT_<NAME>` when set.

    Shares are written as exact fractions ("1/2", "2/3") or decimals ("0.25").
    ACCORD_BALLOT_RULE: "consensus" or "qualified_majority"; ACCORD_BALLOT_QUORUM: share
    of the member parties that must vote (abstentions count) for the ballot to be valid;
    ACCORD_BALLOT_APPROVE_SHARE and ACCORD_BALLOT_DISAPPROVE_SHARE: the qualified
    majority's thresholds over the votes cast.
    """
    defaults = {
        "RULE": "consensus",
        "QUORUM": "1/2",
        "APPROVE_SHARE": "2/3",
        "DISAPPROVE_SHARE": "1/4",
    }
    return str(getattr(settings, f"ACCORD_BALLOT_{name}", defaults[name]))


def _default_rule() -> str:
    return ballot_default("RULE")


def _default_quorum() -> str:
    return ballot_default("QUORUM")


def _default_approve_share() -> str:
    return ballot_default("APPROVE_SHARE")


def _default_disapprove_share() -> str:
    return ballot_default("DISAPPROVE_SHARE")


def validate_share(value: str) -> None:
    from django.core.exceptions import ValidationError

    from accord.standards.domain.tally import parse_share

    try:
        parse_share(value)
    except ValueError as exc:
        raise ValidationError(
            _("Write a share between 0 and 1, such as 1/2, 2/3 or 0.25.")
        ) from exc


class _ByStandardQuerySet(models.QuerySet):
    """Comments and ballots are seen by whoever sees the standard."""

    def visible_to(self, user: Any) -> Any:
        from accord.standards.models.drafting import Standard

        return self.filter(
            standard_version__standard__in=Standard.objects.visible_to(user).values("pk")
        )


class Comment(VersionedModel):
    """A party's comment on a draft version, in the ISO/IEC commenting-template shape:
    the clause it is on (none for a general comment), its type, the comment and the
    proposed change; the editor's disposition with its reasoning."""

    class Type(models.TextChoices):
        GENERAL = "general", pgettext_lazy("comment type", "General")
        TECHNICAL = "technical", pgettext_lazy("comment type", "Technical")
        EDITORIAL = "editorial", pgettext_lazy("comment type", "Editorial")

    class Disposition(models.TextChoices):
        ACCEPTED = "accepted", pgettext_lazy("disposition", "Accepted")
        ACCEPTED_IN_PRINCIPLE = (
            "accepted_in_principle",
            pgettext_lazy("disposition", "Accepted in principle"),
        )
        REJECTED = "rejected", pgettext_lazy("disposition", "Rejected")
        NOTED = "noted", pgettext_lazy("disposition", "Noted")

    standard_version = models.ForeignKey(
        "standards.StandardVersion",
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("standard version"),
    )
    clause = models.ForeignKey(
        "standards.Clause",
        null=True,
        blank=True,
        # A committee draft's clauses may still be edited away; the comment stays, with
        # the clause number it was made on.
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("clause"),
        help_text=_("Empty for a general comment on the whole draft."),
    )
    clause_number = models.CharField(
        _("clause/subclause"),
        max_length=32,
        blank=True,
        help_text=_("The clause's number when the comment was made."),
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("commenting party")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    type = models.CharField(_("type of comment"), max_length=12, choices=Type.choices)
    line = models.CharField(_("line number"), max_length=20, blank=True)
    paragraph = models.CharField(_("paragraph, figure or table"), max_length=50, blank=True)
    comment = models.TextField(_("comment"))
    proposed_change = models.TextField(_("proposed change"), blank=True)
    disposition = models.CharField(
        _("disposition"), max_length=24, choices=Disposition.choices, blank=True
    )
    disposition_reason = models.TextField(_("reasoning of the disposition"), blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("disposed by"),
    )
    disposed_at = models.DateTimeField(_("disposed"), null=True, blank=True)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = _ByStandardQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["standard_version", "id"]
        indexes = [models.Index(fields=["standard_version", "party"], name="std_comment_party")]

    def __str__(self) -> str:
        return str(_("Comment %(id)s") % {"id": self.pk})

    @property
    def classification(self) -> int:
        """The standard's classification: audit events about the comment carry it."""
        return int(self.standard_version.standard.classification)

    @property
    def is_disposed(self) -> bool:
        return bool(self.disposition)


class Ballot(models.Model):
    """A ballot of the member parties on one version, with its adoption rule.

    The rule and its parameters are stored on the ballot (defaults from settings when it
    opens), so a later change of settings never changes how a past ballot was decided.
    """

    class Rule(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus")
        QUALIFIED_MAJORITY = "qualified_majority", _("Qualified majority")

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("ballot state", "Open")
        CLOSED = "closed", pgettext_lazy("ballot state", "Closed")
        CANCELLED = "cancelled", pgettext_lazy("ballot state", "Cancelled")

    class Secrecy(models.TextChoices):
        SECRET_UNTIL_CLOSE = "secret_until_close", _("Votes secret until the ballot closes")
        OPEN = "open", _("Votes shown to every party while the ballot is open")

    class Result(models.TextChoices):
        ADOPTED = "adopted", pgettext_lazy("ballot result", "Adopted")
        NOT_ADOPTED = "not_adopted", pgettext_lazy("ballot result", "Not adopted")

    standard_version = models.ForeignKey(
        "standards.StandardVersion",
        on_delete=models.PROTECT,
        related_name="ballots",
        verbose_name=_("standard version"),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    rule = models.CharField(
        _("adoption rule"), max_length=20, choices=Rule.choices, default=_default_rule
    )
    quorum = models.CharField(
        _("quorum"),
        max_length=16,
        validators=[validate_share],
        default=_default_quorum,
        help_text=_("Share of the member parties that must vote (abstentions count)."),
    )
    approve_share = models.CharField(
        _("approval threshold"),
        max_length=16,
        validators=[validate_share],
        default=_default_approve_share,
        help_text=_("Qualified majority: least share of the votes cast that approve."),
    )
    disapprove_share = models.CharField(
        _("disapproval limit"),
        max_length=16,
        validators=[validate_share],
        default=_default_disapprove_share,
        help_text=_("Qualified majority: greatest share of the votes cast that disapprove."),
    )
    secrecy = models.CharField(
        _("secrecy of the votes"),
        max_length=20,
        choices=Secrecy.choices,
        default=Secrecy.SECRET_UNTIL_CLOSE,
        help_text=_(
            "Secret until close: while the ballot is open each party sees only its own vote "
            "and how many have voted, not how the others voted."
        ),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    result = models.CharField(_("result"), max_length=12, choices=Result.choices, blank=True)
    figures = models.JSONField(_("figures of the tally"), default=dict, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opened by"),
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("closed by"),
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    electorate = models.ManyToManyField(
        "core.Party",
        blank=True,
        related_name="+",
        verbose_name=_("electorate"),
        help_text=_(
            "The member states that vote, fixed when the ballot opens: a later change of "
            "the standard's release does not change who votes or counts toward the quorum."
        ),
    )

    objects = _ByStandardQuerySet.as_manager()

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard_version"],
                condition=models.Q(state="open"),
                name="std_ballot_one_open_per_version",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="std_ballot_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Ballot on %(version)s") % {"version": self.standard_version})

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def votes_hidden(self) -> bool:
        """Whether the other parties' votes (and the tally so far) are withheld now."""
        return self.state == self.State.OPEN and self.secrecy == self.Secrecy.SECRET_UNTIL_CLOSE

    @property
    def classification(self) -> int:
        return int(self.standard_version.standard.classification)

    def tally_params(self) -> TallyParams:
        from accord.standards.domain.tally import TallyParams

        return TallyParams.of(self.quorum, self.approve_share, self.disapprove_share)


class Vote(models.Model):
    """A member party's vote in a ballot; one per party. A re-vote before the ballot
    closes replaces it (the audit trail keeps what it replaced)."""

    class Choice(models.TextChoices):
        APPROVE = "approve", _("Approve")
        APPROVE_WITH_COMMENTS = "approve_with_comments", _("Approve with comments")
        DISAPPROVE = "disapprove", _("Disapprove")
        ABSTAIN = "abstain", _("Abstain")

    ballot = models.ForeignKey(
        Ballot, on_delete=models.PROTECT, related_name="votes", verbose_name=_("ballot")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    vote = models.CharField(_("vote"), max_length=24, choices=Choice.choices)
    reasons = models.TextField(
        _("reasons"),
        blank=True,
        help_text=_("For a disapproval: what would resolve it."),
    )
    comments = models.TextField(_("comments"), blank=True)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("voter"),
    )
    cast_at = models.DateTimeField(_("cast"))

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["ballot", "party__code"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "party"], name="std_vote_one_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.party.code}: {self.get_vote_display()}"

    @property
    def classification(self) -> int:
        return int(self.ballot.standard_version.standard.classification)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.vote == self.Choice.DISAPPROVE and not (self.reasons or "").strip():
            raise ValidationError({"reasons": _("State what would resolve the disapproval.")})
