"""Every write to the law base and the bilateral register."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.core.access import can_see, party_of
from accord.core.audit import record_event, snapshot
from accord.core.concurrency import save_versioned
from accord.core.errors import NotFound, PermissionDenied, ValidationFailed
from accord.core.guards import within_clearance
from accord.core.models import Party
from accord.core.validation import full_clean, reject_unknown
from accord.law import csvio
from accord.law.events import ParticipationChanged, participation_changed
from accord.law.models import BilateralAgreement, Instrument, ParticipationAct, Rule, RuleBasis
from accord.law.permissions import (
    can_edit_bilateral,
    can_register_bilateral,
    can_verify_facts,
    require_law_editor,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def _row_failed(row: int, exc: ValidationFailed) -> ValidationFailed:
    """A row that parsed but that the model refused, with its row number."""
    messages = [
        _("Row %(row)s: %(field)s: %(message)s") % {"row": row, "field": field, "message": m}
        if field != "__all__"
        else _("Row %(row)s: %(message)s") % {"row": row, "message": m}
        for field, items in exc.errors.items()
        for m in items
    ] or [_("Row %(row)s: %(message)s") % {"row": row, "message": exc.message}]
    return ValidationFailed(
        {"file": messages}, message=_("The file was not imported; nothing of it was stored.")
    )


def _csv_failed(exc: csvio.CsvError) -> ValidationFailed:
    """Row errors as a validation error on the `file` field, one message per row."""
    return ValidationFailed(
        {
            "file": [
                _("Row %(row)s: %(message)s") % {"row": row, "message": message}
                for row, message in exc.errors
            ]
        },
        message=_("The file was not imported; nothing of it was stored."),
    )


# --- Instruments ---------------------------------------------------------------------------

INSTRUMENT_FIELDS = (
    "kind",
    "short_name_en",
    "short_name_ru",
    "title_en",
    "title_ru",
    "adopted",
    "entry_into_force",
    "entry_into_force_year_only",
    "activities",
    "conflicts",
    "reciprocity",
    "forbids_assistance",
    "scope_note_en",
    "scope_note_ru",
)


def _instrument_upsert(actor: User, data: dict[str, Any], parents: dict[str, Instrument]) -> bool:
    instrument = Instrument.objects.filter(code=data["code"]).first()
    before = snapshot(instrument) if instrument else None
    if instrument is None:
        instrument = Instrument(code=data["code"])
    for name in INSTRUMENT_FIELDS:
        setattr(instrument, name, data[name])
    instrument.parent = parents.get(data["parent"]) if data["parent"] else None
    full_clean(instrument)
    after = snapshot(instrument)
    if before is not None and {k: v for k, v in before.items() if k != "id"} == {
        k: v for k, v in after.items() if k != "id"
    }:
        return False
    instrument.save()
    record_event(
        actor=actor,
        action="law.instrument.save",
        obj=instrument,
        before=before,
        after=snapshot(instrument),
    )
    return True


@transaction.atomic
def instruments_import(*, actor: User, content: bytes | str) -> int:
    """Create or update instruments from CSV; the whole file or nothing. Returns the
    number of instruments created or changed."""
    require_law_editor(actor)
    try:
        rows = csvio.parse_instruments(
            content, known_codes=set(Instrument.objects.values_list("code", flat=True))
        )
    except csvio.CsvError as exc:
        raise _csv_failed(exc) from exc
    parents: dict[str, Instrument] = {i.code: i for i in Instrument.objects.all()}
    changed = 0
    # Framework instruments first, so protocols find their parent.
    for data in sorted(rows, key=lambda d: d["parent"] is not None):
        row = data.pop("row")
        try:
            if _instrument_upsert(actor, data, parents):
                changed += 1
        except ValidationFailed as exc:
            raise _row_failed(row, exc) from exc
        parents[data["code"]] = Instrument.objects.get(code=data["code"])
    return changed


# --- Participation ---------------------------------------------------------------------------

ACT_FIELDS = (
    "kind",
    "date",
    "effective_date",
    "date_precision",
    "reservations",
    "declarations",
    "source_url",
    "source_note",
    "status_confirmed",
    "date_confirmed",
)


def _changed(act: ParticipationAct, change: str) -> None:
    participation_changed(ParticipationChanged(act.party.code, act.instrument.code, act.pk, change))


@transaction.atomic
def act_record(
    *, actor: User, party: Party, instrument: Instrument, **fields: Any
) -> ParticipationAct:
    """Record a party's act on an instrument (a new accession, a withdrawal, ...)."""
    require_law_editor(actor)
    reject_unknown(fields, ACT_FIELDS)
    act = ParticipationAct(party=party, instrument=instrument, **fields)
    full_clean(act, exclude=["verified_by"])
    act.save()
    record_event(actor=actor, action="law.act.record", obj=act, after=snapshot(act))
    _changed(act, "recorded")
    return act


@transaction.atomic
def act_update(*, actor: User, act: ParticipationAct, **fields: Any) -> ParticipationAct:
    """Correct an act. A corrected fact needs verifying again."""
    require_law_editor(actor)
    reject_unknown(fields, ACT_FIELDS)
    if all(getattr(act, name) == value for name, value in fields.items()):
        return act  # nothing changes: the fact keeps its verification
    before = snapshot(act)
    for name, value in fields.items():
        setattr(act, name, value)
    act.verified_by = None
    act.verified_at = None
    full_clean(act, exclude=["verified_by"])
    act.save()
    record_event(actor=actor, action="law.act.update", obj=act, before=before, after=snapshot(act))
    _changed(act, "updated")
    return act


@transaction.atomic
def act_verify(*, actor: User, act: ParticipationAct, note: str = "") -> ParticipationAct:
    """An administrator confirms a fact against the depositary: it stops being 'to verify'."""
    if not can_verify_facts(actor):
        raise PermissionDenied(_("Only the Secretariat's administrators verify facts."))
    before = snapshot(act)
    act.verified_by = actor
    act.verified_at = timezone.now()
    if note.strip():
        act.source_note = (act.source_note + "\n" if act.source_note else "") + note.strip()
    act.save()
    record_event(actor=actor, action="law.act.verify", obj=act, before=before, after=snapshot(act))
    _changed(act, "verified")
    return act


@transaction.atomic
def participation_import(*, actor: User, content: bytes | str) -> int:
    """Record acts from CSV (reference format); an act already recorded (same party,
    instrument, act and date) is updated. The whole file or nothing. Returns how many
    acts were created or changed."""
    require_law_editor(actor)
    parties = {p.code: p for p in Party.objects.all()}
    instruments = {i.code: i for i in Instrument.objects.all()}
    try:
        rows = csvio.parse_participation(
            content, party_codes=set(parties), instrument_codes=set(instruments)
        )
    except csvio.CsvError as exc:
        raise _csv_failed(exc) from exc
    changed = 0
    for data in rows:
        row = data.pop("row")
        party, instrument = parties[data.pop("party")], instruments[data.pop("instrument")]
        act = ParticipationAct.objects.filter(
            party=party, instrument=instrument, kind=data["kind"], date=data["date"]
        ).first()
        try:
            if act is None:
                act_record(actor=actor, party=party, instrument=instrument, **data)
                changed += 1
            elif any(getattr(act, k) != v for k, v in data.items()):
                act_update(actor=actor, act=act, **data)
                changed += 1
        except ValidationFailed as exc:
            raise _row_failed(row, exc) from exc
    return changed


# --- Rules ---------------------------------------------------------------------------------

RULE_FIELDS = (
    "kind",
    "title_en",
    "title_ru",
    "summary_en",
    "summary_ru",
    "restriction_en",
    "restriction_ru",
    "activities",
    "conflicts",
    "customary",
    "customary_reference",
    "trigger",
    "active",
)


@transaction.atomic
def rule_save(
    *, actor: User, code: str, bases: list[tuple[str, str]], rule: Rule | None = None, **fields: Any
) -> Rule:
    """Create or change a rule and its legal bases ((instrument code, provision) pairs).
    The trigger is validated against the vocabulary before anything is stored."""
    return _rule_save(actor=actor, code=code, bases=bases, rule=rule, **fields)[0]


def _rule_save(
    *, actor: User, code: str, bases: list[tuple[str, str]], rule: Rule | None, **fields: Any
) -> tuple[Rule, bool]:
    require_law_editor(actor)
    reject_unknown(fields, RULE_FIELDS)
    if len(set(bases)) != len(bases):
        raise ValidationFailed.single("bases", _("The same basis is listed twice."))
    rule = rule or Rule.objects.filter(code=code).first() or Rule(code=code)
    before = None
    if rule.pk:
        before = snapshot(rule)
        before["bases"] = sorted(
            f"{b.instrument.code} {b.provision}".strip()
            for b in rule.bases.select_related("instrument")
        )
    for name, value in fields.items():
        setattr(rule, name, value)
    rule.code = code
    full_clean(rule)
    instruments = {i.code: i for i in Instrument.objects.filter(code__in=[c for c, _p in bases])}
    missing = sorted({c for c, _p in bases} - set(instruments))
    if missing:
        raise ValidationFailed.single(
            "bases", _("Unknown instrument: %(codes)s.") % {"codes": ", ".join(missing)}
        )
    if not rule.customary and not bases:
        raise ValidationFailed.single(
            "bases", _("A rule needs a treaty basis or must be customary.")
        )
    after = snapshot(rule)
    after["bases"] = sorted(f"{c} {p}".strip() for c, p in bases)
    if before is not None:
        after["id"] = before["id"]
        if before == after:
            return rule, False
    rule.save()
    after["id"] = rule.pk
    if before is None or before["bases"] != after["bases"]:
        rule.bases.all().delete()
        RuleBasis.objects.bulk_create(
            RuleBasis(rule=rule, instrument=instruments[c], provision=p) for c, p in bases
        )
    record_event(actor=actor, action="law.rule.save", obj=rule, before=before, after=after)
    return rule, True


@transaction.atomic
def rules_import(*, actor: User, content: bytes | str) -> int:
    """Create or update rules from CSV; the whole file or nothing."""
    require_law_editor(actor)
    try:
        rows = csvio.parse_rules(
            content, instrument_codes=set(Instrument.objects.values_list("code", flat=True))
        )
    except csvio.CsvError as exc:
        raise _csv_failed(exc) from exc
    changed = 0
    for data in rows:
        row = data.pop("row")
        try:
            changed += _rule_save(actor=actor, rule=None, **data)[1]
        except ValidationFailed as exc:
            raise _row_failed(row, exc) from exc
    return changed


# --- Bilateral agreements --------------------------------------------------------------------

BILATERAL_FIELDS = (
    "counterpart",
    "title_en",
    "title_ru",
    "subject",
    "signed_on",
    "in_force_from",
    "in_force_until",
    "status",
    "document_reference",
    "classification",
    "release",
)


def _bilateral_snapshot(agreement: BilateralAgreement) -> dict[str, Any]:
    data = snapshot(agreement)
    data["released_to"] = sorted(agreement.released_to.values_list("code", flat=True))
    return data


@transaction.atomic
def bilateral_register(
    *, actor: User, released_to: list[Party] | None = None, **fields: Any
) -> BilateralAgreement:
    """Register a bilateral agreement of the actor's party with another party, and notify
    the Secretariat (recorded in the audit trail). The register records; it does not
    approve."""
    party = party_of(actor)
    if party is None or not can_register_bilateral(actor):
        raise PermissionDenied()
    reject_unknown(fields, BILATERAL_FIELDS)
    agreement = BilateralAgreement(owner=party, **fields)
    within_clearance(actor, agreement.classification)
    agreement.notified_at = timezone.now()
    full_clean(agreement)
    agreement.save()
    agreement.released_to.set(released_to or [])
    record_event(
        actor=actor,
        action="law.bilateral.register",
        obj=agreement,
        after=_bilateral_snapshot(agreement),
    )
    return agreement


@transaction.atomic
def bilateral_update(
    *,
    actor: User,
    agreement: BilateralAgreement,
    version: int,
    released_to: list[Party] | None = None,
    **fields: Any,
) -> BilateralAgreement:
    """Change a registered agreement (its status, dates, marking); owner party only."""
    if not can_see(actor, agreement):
        raise NotFound()
    if not can_edit_bilateral(actor, agreement):
        raise PermissionDenied()
    reject_unknown(fields, BILATERAL_FIELDS)
    before = _bilateral_snapshot(agreement)
    for name, value in fields.items():
        setattr(agreement, name, value)
    within_clearance(actor, agreement.classification)
    full_clean(agreement)
    save_versioned(agreement, expected_version=version, fields=list(fields))
    if released_to is not None:
        agreement.released_to.set(released_to)
    record_event(
        actor=actor,
        action="law.bilateral.update",
        obj=agreement,
        before=before,
        after=_bilateral_snapshot(agreement),
    )
    return agreement
