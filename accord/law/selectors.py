"""Reads of the law base. Instruments, participation and rules are public reference
data every signed-in user reads; bilateral agreements are marked and go through
`visible_to`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from accord.core.models import Party
from accord.core.selectors import get_visible
from accord.law import engine
from accord.law.models import BilateralAgreement, Instrument, ParticipationAct, Rule, RuleBasis

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def instrument_list() -> QuerySet[Instrument]:
    return Instrument.objects.select_related("parent").order_by("adopted", "code")


def instrument_get(*, code: str) -> Instrument:
    from accord.core.errors import NotFound

    instrument = Instrument.objects.select_related("parent").filter(code=code).first()
    if instrument is None:
        raise NotFound()
    return instrument


def acts_for(
    *, instrument: Instrument | None = None, party: Party | None = None
) -> QuerySet[ParticipationAct]:
    acts = ParticipationAct.objects.select_related("party", "instrument", "verified_by")
    if instrument is not None:
        acts = acts.filter(instrument=instrument)
    if party is not None:
        acts = acts.filter(party=party)
    return acts.order_by("instrument__code", "party__code", "date", "id")


def act_get(*, pk: int) -> ParticipationAct:
    from accord.core.errors import NotFound

    act = acts_for().filter(pk=pk).first()
    if act is None:
        raise NotFound()
    return act


def party_get(*, code: str) -> Party:
    """A party by code (parties are reference data every signed-in user may read)."""
    from accord.core.errors import NotFound

    party = Party.objects.filter(code=code).first()
    if party is None:
        raise NotFound()
    return party


def treaty_parties() -> list[Party]:
    """The parties whose participation the law base tracks: states (member and observer)."""
    return list(Party.objects.filter(active=True, kind=Party.Kind.STATE).order_by("code"))


def instrument_participation(
    *, instrument: Instrument, on_date: dt.date
) -> list[tuple[Party, engine.StatusAnswer]]:
    parties = treaty_parties()
    statuses = engine.statuses(parties, on_date, [instrument])
    return [(party, statuses[(party.pk, instrument.pk)]) for party in parties]


def matrix(
    *, on_date: dt.date
) -> tuple[list[Party], list[Instrument], dict[tuple[int, int], engine.StatusAnswer]]:
    parties = treaty_parties()
    instruments = list(instrument_list())
    return parties, instruments, engine.statuses(parties, on_date, instruments)


def rule_list(
    *,
    include_inactive: bool = False,
    kind: str | None = None,
    customary: bool | None = None,
    instrument: str | None = None,
) -> QuerySet[Rule]:
    """The rules catalogue, optionally filtered by kind, customary status and an
    instrument among its bases (a subquery, so a rule with two bases comes back once)."""
    rules = Rule.objects.prefetch_related(
        Prefetch("bases", queryset=RuleBasis.objects.select_related("instrument"))
    ).order_by("code")
    if not include_inactive:
        rules = rules.filter(active=True)
    if kind:
        rules = rules.filter(kind=kind)
    if customary is not None:
        rules = rules.filter(customary=customary)
    if instrument:
        rules = rules.filter(
            pk__in=RuleBasis.objects.filter(instrument__code=instrument).values("rule_id")
        )
    return rules


def rule_get(*, code: str) -> Rule:
    from accord.core.errors import NotFound

    rule = rule_list(include_inactive=True).filter(code=code).first()
    if rule is None:
        raise NotFound()
    return rule


def bilateral_list(*, actor: User) -> QuerySet[BilateralAgreement]:
    return (
        BilateralAgreement.objects.visible_to(actor)
        .select_related("owner", "counterpart")
        .prefetch_related("released_to")
        .order_by("-signed_on", "-id")
    )


def bilateral_get(*, actor: User, pk: int) -> BilateralAgreement:
    return get_visible(bilateral_list(actor=actor), actor, pk=pk)


def obligations_for(
    *, party: Party, on_date: dt.date, conflict_type: str | None = None
) -> list[engine.Obligation]:
    """Every rule binding `party` on `on_date`, with its bases and conditions."""
    return engine.obligations(party, on_date, conflict_type)


def screening(
    *,
    description: dict[str, Any],
    parties: list[Party],
    on_date: dt.date,
    conflict_type: str | None = None,
) -> engine.Screening:
    """Screen a weapon description against each party's law. Invalid descriptions are
    refused with the characteristic named."""
    from accord.core.errors import ValidationFailed
    from accord.law.domain.vocabulary import validate_description

    errors = validate_description(description)
    if errors:
        raise ValidationFailed(errors)
    if not parties:
        raise ValidationFailed.single("parties", _("Choose at least one party."))
    return engine.screen(description, parties, on_date, conflict_type)
