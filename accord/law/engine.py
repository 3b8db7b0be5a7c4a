"""The applicable-law engine: which law binds a party on a date, and what a weapon
description engages under it.

Everything here reads; nothing writes. Every answer carries its reasons — the act a
status rests on, the rule and the basis (a treaty provision the party is bound by, or
custom), the trigger tests that held — and flags the unconfirmed facts it relied on.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accord.core.models import Party
from accord.law.domain.conditions import ConditionError, Evaluation, decisive, evaluate, parse
from accord.law.models import Instrument, ParticipationAct, Rule, RuleException

Kind = ParticipationAct.Kind


class Status(models.TextChoices):
    NOT_PARTY = "not_party", "Not a party"
    SIGNATORY = "signatory", "Signatory"
    PARTY = "party", "Party"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DECLARATION_IN_FORCE = "declaration_in_force", "Declaration in force"
    DECLARATION_WITHDRAWN = "declaration_withdrawn", "Declaration withdrawn"


BOUND = {Status.PARTY, Status.DECLARATION_IN_FORCE}


@dataclass
class StatusAnswer:
    """A party's status in an instrument on a date, and the act it rests on."""

    status: str
    act: ParticipationAct | None = None  # the last act in effect, or the not-party record
    acts: list[ParticipationAct] = field(default_factory=list)  # every act considered
    pending: list[ParticipationAct] = field(default_factory=list)  # done, not yet in effect

    @property
    def bound(self) -> bool:
        return self.status in BOUND

    @property
    def to_verify(self) -> bool:
        return self.act is not None and self.act.to_verify

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])


def _status_labels() -> dict[str, Any]:
    return {
        Status.NOT_PARTY: gettext_lazy("Not a party"),
        Status.SIGNATORY: gettext_lazy("Signatory"),
        Status.PARTY: gettext_lazy("Party"),
        Status.WITHDRAWN: pgettext_lazy("treaty status", "Withdrawn"),
        Status.DECLARATION_IN_FORCE: gettext_lazy("Declaration in force"),
        Status.DECLARATION_WITHDRAWN: gettext_lazy("Declaration withdrawn"),
    }


STATUS_LABELS = _status_labels()


def status_from_acts(
    acts: Iterable[ParticipationAct], on_date: dt.date, instrument: Instrument | None = None
) -> StatusAnswer:
    """Derive the status on `on_date` from a party's acts on one instrument.

    Acts take effect on their effective date (or their date). A binding act before the
    instrument itself entered into force binds only from that entry into force. An act
    whose date the sources do not give is taken to be in effect since the instrument's
    entry into force (and is "to verify" by construction).
    """
    acts = list(acts)
    earliest = (
        instrument.entry_into_force if instrument and instrument.entry_into_force else dt.date.min
    )
    dated = sorted(
        (a for a in acts if a.kind != Kind.NOT_PARTY),
        key=lambda a: (a.in_effect_from or earliest, a.pk or 0),
    )
    answer = StatusAnswer(Status.NOT_PARTY, acts=acts)
    for act in dated:
        starts = act.in_effect_from or earliest
        if (
            act.kind in ParticipationAct.BINDING
            and instrument is not None
            and instrument.entry_into_force
            and instrument.entry_into_force > starts
        ):
            starts = instrument.entry_into_force
        if starts > on_date:
            answer.pending.append(act)
            continue
        if act.kind in ParticipationAct.BINDING:
            answer.status = Status.PARTY
        elif act.kind in ParticipationAct.LEAVING:
            answer.status = Status.WITHDRAWN
        elif act.kind == Kind.SIGNATURE:
            if answer.status in (Status.NOT_PARTY, Status.WITHDRAWN):
                answer.status = Status.SIGNATORY
            else:
                continue  # a signature does not change a party's status
        elif act.kind == Kind.DECLARATION:
            answer.status = Status.DECLARATION_IN_FORCE
        elif act.kind == Kind.DECLARATION_WITHDRAWAL:
            answer.status = Status.DECLARATION_WITHDRAWN
        answer.act = act
    if answer.act is None:
        answer.act = next((a for a in acts if a.kind == Kind.NOT_PARTY), None)
    return answer


def statuses(
    parties: Sequence[Party], on_date: dt.date, instruments: Sequence[Instrument] | None = None
) -> dict[tuple[int, int], StatusAnswer]:
    """(party id, instrument id) -> status, for every pair, in two queries."""
    instruments = list(instruments if instruments is not None else Instrument.objects.all())
    acts: dict[tuple[int, int], list[ParticipationAct]] = defaultdict(list)
    for act in ParticipationAct.objects.filter(
        party__in=parties, instrument__in=instruments
    ).select_related("verified_by", "instrument"):
        acts[(act.party_id, act.instrument_id)].append(act)
    return {
        (party.pk, instrument.pk): status_from_acts(
            acts[(party.pk, instrument.pk)], on_date, instrument
        )
        for party in parties
        for instrument in instruments
    }


# --- Obligations ---------------------------------------------------------------------------


@dataclass
class Basis:
    """Why a rule binds a party: a provision of an instrument it is bound by, or custom."""

    customary: bool
    instrument: Instrument | None = None
    provision: str = ""
    status: StatusAnswer | None = None

    @property
    def to_verify(self) -> bool:
        return self.status is not None and self.status.to_verify

    def describe(self) -> str:
        if self.customary:
            return _("customary international law (binds every party)")
        assert self.instrument is not None and self.status is not None
        act = self.status.act
        when = (
            act.date.year
            if act and act.date and act.date_precision == "year"
            else (act.date.isoformat() if act and act.date else "?")
        )
        return _("%(instrument)s %(provision)s — %(act)s, %(when)s") % {
            "instrument": self.instrument.code,
            "provision": self.provision,
            "act": act.get_kind_display() if act else "?",
            "when": when,
        }


@dataclass
class Obligation:
    rule: Rule
    bases: list[Basis]
    conditions: list[str] = field(default_factory=list)

    @property
    def customary_only(self) -> bool:
        """Bound by custom alone, although the rule also has treaty bases."""
        return all(b.customary for b in self.bases) and self.rule_has_treaty_basis

    @property
    def rule_has_treaty_basis(self) -> bool:
        return bool(_bases_of(self.rule))

    @property
    def to_verify(self) -> bool:
        return any(b.to_verify for b in self.bases)


def _bases_of(rule: Rule) -> list[Any]:
    return list(rule.bases.all())


def _rules(*, with_exceptions: bool = False) -> list[Rule]:
    rules = Rule.objects.filter(active=True).prefetch_related("bases__instrument__parent")
    if with_exceptions:  # only the screening reads them: one more query there, none elsewhere
        rules = rules.prefetch_related("exceptions")
    return list(rules.order_by("code"))


def _covers(
    instrument: Instrument, conflict_type: str | None, extended: dict[int, set[str]]
) -> bool:
    """Whether the instrument applies in this conflict type for the party (its own terms,
    or an amendment the party is bound by that extends its framework)."""
    if conflict_type is None or not instrument.conflicts:
        return True
    if conflict_type in instrument.conflicts:
        return True
    framework = instrument.parent_id or instrument.pk
    return conflict_type in extended.get(framework, set())


def obligations(
    party: Party,
    on_date: dt.date,
    conflict_type: str | None = None,
    *,
    rules: list[Rule] | None = None,
    instruments: list[Instrument] | None = None,
    status_map: dict[tuple[int, int], StatusAnswer] | None = None,
) -> list[Obligation]:
    """Every rule binding `party` on `on_date` (in `conflict_type`, if given), each with
    its bases and the conditions attached (reciprocity clauses, reservations)."""
    rules = rules if rules is not None else _rules()
    instruments = instruments if instruments is not None else list(Instrument.objects.all())
    by_id = {i.pk: i for i in instruments}
    status_map = status_map or statuses([party], on_date, instruments)
    extended: dict[int, set[str]] = defaultdict(set)
    for instrument in instruments:
        if (
            instrument.kind == Instrument.Kind.AMENDMENT
            and instrument.parent_id
            and status_map[(party.pk, instrument.pk)].bound
        ):
            extended[instrument.parent_id].update(instrument.conflicts)
    result = []
    for rule in rules:
        # The type of conflict matters to rules on use; duties on development, transfer or
        # stockpiling (the review duty, transfer bans) bind whatever the conflict.
        about_use = not rule.activities or "use" in rule.activities
        conflict = conflict_type if about_use else None
        if conflict and rule.conflicts and conflict not in rule.conflicts:
            continue
        bases: list[Basis] = []
        conditions: list[str] = []
        for basis in rule.bases.all():
            instrument = by_id[basis.instrument_id]
            status = status_map[(party.pk, instrument.pk)]
            if not status.bound or not _covers(instrument, conflict, extended):
                continue
            bases.append(Basis(False, instrument, basis.provision, status))
            if instrument.reciprocity:
                conditions.append(
                    _(
                        "%(instrument)s binds only in a war between parties to it "
                        "(reciprocity clause)."
                    )
                    % {"instrument": instrument.code}
                )
            for act in status.acts:
                if act.reservations.strip():
                    conditions.append(
                        _("Reservation to %(instrument)s: %(text)s")
                        % {"instrument": instrument.code, "text": act.reservations.strip()}
                    )
        if rule.customary:
            bases.append(Basis(True))
        if bases:
            result.append(Obligation(rule, bases, list(dict.fromkeys(conditions))))
    return result


# --- Screening -----------------------------------------------------------------------------


class Outcome(models.TextChoices):
    PROHIBITED = "prohibited", "prohibited"
    RESTRICTED = "restricted", "restricted"
    OBLIGATIONS = "obligations", "obligations attached"
    INFORMATION_NEEDED = "information_needed", "information needed"


OUTCOME_LABELS: dict[str, Any] = {}


def _outcome_labels() -> dict[str, Any]:
    return {
        Outcome.PROHIBITED: gettext_lazy("Prohibited"),
        Outcome.RESTRICTED: pgettext_lazy("screening outcome", "Restricted"),
        Outcome.OBLIGATIONS: gettext_lazy("Obligations attached"),
        Outcome.INFORMATION_NEEDED: gettext_lazy("Information needed"),
    }


OUTCOME_LABELS.update(_outcome_labels())


class Summary(models.TextChoices):
    """A party's answer in one word, for the summary matrix: the worst outcome engaged,
    else permitted under an exception, else not reached by any rule of the catalogue."""

    PROHIBITED = "prohibited", "prohibited"
    RESTRICTED = "restricted", "restricted"
    OBLIGATIONS = "obligations", "obligations attached"
    INFORMATION_NEEDED = "information_needed", "information needed"
    PERMITTED_EXCEPTION = "permitted_exception", "permitted under an exception"
    NOT_REACHED = "not_reached", "no specific rule engaged"


SUMMARY_LABELS: dict[str, Any] = {}


def _summary_labels() -> dict[str, Any]:
    return {
        **_outcome_labels(),
        Summary.PERMITTED_EXCEPTION: gettext_lazy("Permitted under an exception"),
        Summary.NOT_REACHED: gettext_lazy("No specific rule engaged"),
    }


SUMMARY_LABELS.update(_summary_labels())


@lru_cache(maxsize=1024)
def _parsed(trigger: str) -> Any:
    return parse(trigger)


@dataclass
class ScreenedRule:
    obligation: Obligation
    outcome: str
    evaluation: Evaluation

    @property
    def rule(self) -> Rule:
        return self.obligation.rule

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])


@dataclass
class AppliedException:
    """An exception of a rule binding the party, and whether the description meets it."""

    obligation: Obligation
    exception: RuleException
    evaluation: Evaluation

    @property
    def rule(self) -> Rule:
        return self.obligation.rule

    @property
    def provision(self) -> str:
        return self.exception.provision


@dataclass
class NotEngaged:
    """A rule binding the party that the description does not engage, and why: the tests
    of its trigger that failed, or the exception that lifts it."""

    obligation: Obligation
    failed: list[str]
    exception: AppliedException | None = None

    @property
    def rule(self) -> Rule:
        return self.obligation.rule


@dataclass
class PartyScreening:
    party: Party
    engaged: list[ScreenedRule] = field(default_factory=list)
    pending: list[ScreenedRule] = field(default_factory=list)  # depends on missing answers
    general: list[Obligation] = field(default_factory=list)  # general rules always assessed
    flags: list[str] = field(default_factory=list)
    not_engaged: list[NotEngaged] = field(default_factory=list)
    exceptions: list[AppliedException] = field(default_factory=list)  # met: the reason
    possible_exceptions: list[AppliedException] = field(default_factory=list)  # unanswered

    @property
    def considered(self) -> list[Obligation]:
        """Every rule binding the party that the screening went through, by code."""
        items = (
            [s.obligation for s in self.engaged + self.pending]
            + [n.obligation for n in self.not_engaged]
            + self.general
        )
        return sorted(items, key=lambda o: o.rule.code)

    @property
    def facts_to_verify(self) -> list[ParticipationAct]:
        """The unconfirmed participation facts the answer rests on, once each."""
        acts: dict[int, ParticipationAct] = {}
        for obligation in self.considered:
            for basis in obligation.bases:
                act = basis.status.act if basis.status else None
                if basis.to_verify and act is not None:
                    acts.setdefault(act.pk, act)
        return sorted(acts.values(), key=lambda a: (a.instrument.code, a.pk))

    @property
    def summary(self) -> str:
        if self.worst:
            return self.worst
        return Summary.PERMITTED_EXCEPTION if self.exceptions else Summary.NOT_REACHED

    @property
    def summary_label(self) -> str:
        return str(SUMMARY_LABELS[self.summary])

    @property
    def basis_items(self) -> list[str]:
        """What the summary outcome rests on, language-neutral (rule codes and provisions),
        so a frozen copy can be phrased later in either language."""
        outcome = self.summary
        if outcome == Summary.NOT_REACHED:
            return []
        if outcome == Summary.PERMITTED_EXCEPTION:
            return list(dict.fromkeys(e.provision for e in self.exceptions))
        items = [s for s in self.engaged + self.pending if s.outcome == outcome]
        if outcome == Outcome.INFORMATION_NEEDED:
            return [s.rule.code for s in items]
        out = []
        for item in items:
            treaty = [b for b in item.obligation.bases if not b.customary and b.instrument]
            where = (
                f"{treaty[0].instrument.code} {treaty[0].provision}".strip()
                if treaty and treaty[0].instrument is not None
                else (item.rule.customary_reference or "CIL")
            )
            out.append(f"{item.rule.code} ({where})")
        return out

    @property
    def basis_phrase(self) -> str:
        """The basis of the summary outcome in one phrase."""
        return basis_phrase(self.summary, self.basis_items)

    @property
    def no_specific_rule(self) -> bool:
        return not self.engaged and not self.pending

    @property
    def worst(self) -> str | None:
        order = [
            Outcome.PROHIBITED,
            Outcome.RESTRICTED,
            Outcome.OBLIGATIONS,
            Outcome.INFORMATION_NEEDED,
        ]
        outcomes = {s.outcome for s in self.engaged} | {s.outcome for s in self.pending}
        return next((o for o in order if o in outcomes), None)

    @property
    def relies_on_unconfirmed(self) -> bool:
        items = [s.obligation for s in self.engaged + self.pending] + self.general
        return any(o.to_verify for o in items)


def basis_phrase(summary: str, items: list[str]) -> str:
    """The basis of a summary outcome in one phrase, in the active language."""
    if summary == Summary.NOT_REACHED or not items:
        return _("no rule of the catalogue reaches this description")
    if summary == Summary.PERMITTED_EXCEPTION:
        return "; ".join(items)
    if summary == Outcome.INFORMATION_NEEDED:
        return _("pending: %(rules)s") % {"rules": ", ".join(items)}
    if len(items) > 1:
        return _("%(first)s and %(more)s more") % {"first": items[0], "more": len(items) - 1}
    return items[0]


def snapshot_summary(entry: dict[str, Any]) -> tuple[str, list[str]]:
    """The summary outcome and its basis items of a party's frozen screening; a copy
    frozen before the summary existed is summarised from its engaged rules."""
    if entry.get("summary"):
        return entry["summary"], list(entry.get("basis_items") or [])
    order = [Outcome.PROHIBITED, Outcome.RESTRICTED, Outcome.OBLIGATIONS]
    outcomes = [i.get("outcome") for i in entry.get("engaged", [])]
    worst = next((o for o in order if o in outcomes), None)
    if worst:
        return worst, [i["rule"] for i in entry.get("engaged", []) if i.get("outcome") == worst]
    if entry.get("pending"):
        return Outcome.INFORMATION_NEEDED, [i["rule"] for i in entry["pending"]]
    return Summary.NOT_REACHED, []


@dataclass
class Screening:
    on_date: dt.date
    conflict_type: str | None
    description: dict[str, Any]
    parties: list[PartyScreening]
    cross_party_flags: list[str] = field(default_factory=list)


def _outcome(rule: Rule) -> str:
    if rule.kind in (Rule.Kind.GENERAL_PROHIBITION, Rule.Kind.SPECIFIC_PROHIBITION):
        return Outcome.PROHIBITED
    if rule.kind == Rule.Kind.RESTRICTION:
        return Outcome.RESTRICTED
    return Outcome.OBLIGATIONS


def screen(
    description: dict[str, Any],
    parties: Sequence[Party],
    on_date: dt.date,
    conflict_type: str | None = None,
) -> Screening:
    """For each party, the rules `description` engages under the law binding it."""
    description = dict(description)
    if conflict_type and description.get("conflict_type") is None:
        description["conflict_type"] = conflict_type
    rules = _rules(with_exceptions=True)
    instruments = list(Instrument.objects.all())
    status_map = statuses(parties, on_date, instruments)
    results = []
    for party in parties:
        screening = PartyScreening(party)
        for obligation in obligations(
            party,
            on_date,
            conflict_type,
            rules=rules,
            instruments=instruments,
            status_map=status_map,
        ):
            trigger = obligation.rule.trigger.strip()
            if not trigger:
                screening.general.append(obligation)
                continue
            try:
                tree = _parsed(trigger)
            except ConditionError as exc:
                # A stored trigger the vocabulary no longer reads: never dropped in silence.
                # The rule is considered, pending, and the answer says why.
                screening.pending.append(
                    ScreenedRule(obligation, Outcome.INFORMATION_NEEDED, Evaluation(None))
                )
                screening.flags.append(
                    _(
                        "%(rule)s: its trigger cannot be read (%(error)s); consider the rule "
                        "by hand and ask the Secretariat to correct it."
                    )
                    % {"rule": obligation.rule.code, "error": exc}
                )
                continue
            evaluation = evaluate(tree, description)
            met, open_ = _exceptions(obligation, description, screening.flags)
            if met:
                # The rule's own text lifts it: the exception is the reason, whatever the
                # trigger says (a rule whose trigger already leaves the case out still
                # cites the provision that makes it lawful).
                screening.exceptions.extend(met)
                screening.not_engaged.append(
                    NotEngaged(obligation, decisive(tree, description, False), met[0])
                )
            elif evaluation.value is True:
                screening.engaged.append(
                    ScreenedRule(obligation, _outcome(obligation.rule), evaluation)
                )
                screening.possible_exceptions.extend(open_)
            elif evaluation.value is None:
                screening.pending.append(
                    ScreenedRule(obligation, Outcome.INFORMATION_NEEDED, evaluation)
                )
                screening.possible_exceptions.extend(open_)
            else:
                screening.not_engaged.append(
                    NotEngaged(obligation, decisive(tree, description, False))
                )
        for item in screening.engaged:
            if item.obligation.customary_only:
                screening.flags.append(
                    _(
                        "%(rule)s: no treaty regime binds %(party)s here; only customary law "
                        "applies."
                    )
                    % {"rule": item.rule.code, "party": party.code}
                )
        results.append(screening)
    _mine_protocols_flags(results, parties, instruments, status_map)
    return Screening(
        on_date, conflict_type, description, results, _assistance_flags(results, status_map)
    )


def _exceptions(
    obligation: Obligation, description: dict[str, Any], flags: list[str]
) -> tuple[list[AppliedException], list[AppliedException]]:
    """The rule's exceptions the description meets, and those it may meet once answered."""
    met, open_ = [], []
    for exception in obligation.rule.exceptions.all():
        try:
            tree = _parsed(exception.trigger.strip())
        except ConditionError as exc:
            flags.append(
                _("%(rule)s: the trigger of exception %(code)s cannot be read (%(error)s).")
                % {"rule": obligation.rule.code, "code": exception.code, "error": exc}
            )
            continue
        evaluation = evaluate(tree, description)
        if evaluation.value is True:
            met.append(AppliedException(obligation, exception, evaluation))
        elif evaluation.value is None:
            open_.append(AppliedException(obligation, exception, evaluation))
    return met, open_


def _mine_protocols_flags(
    results: list[PartyScreening],
    parties: Sequence[Party],
    instruments: list[Instrument],
    status_map: dict[tuple[int, int], StatusAnswer],
) -> None:
    """A party bound by both the 1980 mine protocol and Amended Protocol II is told which
    governs towards whom (Amended Protocol II Art. 1(6) and Vienna Convention Art. 30(4)):
    the amended protocol between parties to it, the 1980 protocol only towards parties
    bound by it alone (issue 12, point 4)."""
    codes = {i.code: i for i in instruments}
    old, amended = codes.get("CCW-PII"), codes.get("CCW-APII")
    if old is None or amended is None:
        return

    def bound(party: Party, instrument: Instrument) -> bool:
        return status_map[(party.pk, instrument.pk)].bound

    to_amended = [p.code for p in parties if bound(p, amended)]
    to_old_only = [p.code for p in parties if bound(p, old) and not bound(p, amended)]
    none = _("no other party screened")
    for screening in results:
        party = screening.party
        if not (bound(party, old) and bound(party, amended)):
            continue
        touched = any(
            b.instrument is not None and b.instrument.pk in (old.pk, amended.pk)
            for item in screening.engaged + screening.pending
            for b in item.obligation.bases
        )
        if not touched:
            continue
        screening.flags.append(
            _(
                "%(party)s is bound by both the 1980 Protocol II and Amended Protocol II: "
                "the amended protocol governs in relations with %(amended)s; the 1980 "
                "protocol only towards %(old)s."
            )
            % {
                "party": party.code,
                "amended": ", ".join(c for c in to_amended if c != party.code) or none,
                "old": ", ".join(to_old_only) or none,
            }
        )


def own_party_first(screening: Screening, party_id: int | None) -> Screening:
    """The user's own party first, the others in their order: the answer a reader looks
    for is never off screen (issue 12, point 6)."""
    screening.parties.sort(key=lambda s: s.party.pk != party_id)
    return screening


def _assistance_flags(
    results: list[PartyScreening], status_map: dict[tuple[int, int], StatusAnswer]
) -> list[str]:
    """Where a party's instrument forbids assisting others and another party in the same
    unit may use the item, say so: the first may not assist the second's use."""
    flags = []
    prohibited_for: dict[int, set[int]] = defaultdict(set)  # instrument id -> parties
    instruments: dict[int, Instrument] = {}
    for screening in results:
        for item in screening.engaged:
            if item.outcome != Outcome.PROHIBITED:
                continue
            for basis in item.obligation.bases:
                if basis.instrument is not None and basis.instrument.forbids_assistance:
                    prohibited_for[basis.instrument.pk].add(screening.party.pk)
                    instruments[basis.instrument.pk] = basis.instrument
    for instrument_id, bound_parties in prohibited_for.items():
        instrument = instruments[instrument_id]
        others = [
            s.party
            for s in results
            if s.party.pk not in bound_parties
            and not any(
                i.outcome == Outcome.PROHIBITED
                for i in s.engaged
                if any(
                    b.instrument is not None and b.instrument.pk == instrument_id
                    for b in i.obligation.bases
                )
            )
            and not status_map[(s.party.pk, instrument_id)].bound
        ]
        if not others:
            continue
        for screening in results:
            if screening.party.pk in bound_parties:
                flags.append(
                    _(
                        "%(party)s is bound by %(instrument)s, which forbids assisting anyone in "
                        "a prohibited activity; %(others)s may use this item: in a joint unit, "
                        "%(party)s may not assist that use."
                    )
                    % {
                        "party": screening.party.code,
                        "instrument": instrument.code,
                        "others": ", ".join(p.code for p in others),
                    }
                )
    return flags
