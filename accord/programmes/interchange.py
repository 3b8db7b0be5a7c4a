"""The whole-module JSON export of a programme, and its re-import through the services.

The export holds what a programme is made of: its particulars, participants, signed
lifecycle steps, keys with their shares, budgets with their lines, calls for
contributions, contributions (with the rate each was converted at), transactions,
planned disbursements, work packages and earned-value snapshots. Importing it (as
another party's officer, or into another instance) replays the same steps through the
services, so every rule is checked again and every write is audited; the rates the
figures were converted at are entered in the rates table first, so the converted figures
come out the same. Lifecycle records are signed again by the importing user (the export
names the original signers). One transaction: a file that fails anywhere stores nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.errors import ValidationFailed
from accord.core.models import Party
from accord.programmes import services
from accord.programmes.models import Programme

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

FORMAT = "accord-programme/1"


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def export_programme(programme: Programme) -> dict[str, Any]:
    """The programme as plain JSON data (amounts as decimal strings)."""
    return {
        "format": FORMAT,
        "programme": {
            "identifier": programme.identifier,
            "title_en": programme.title_en,
            "title_ru": programme.title_ru,
            "objectives": programme.objectives,
            "lifecycle_areas": programme.lifecycle_areas,
            "funder_reference": programme.funder_reference,
            "currency": programme.currency,
            "planned_start": _day(programme.planned_start),
            "planned_end": _day(programme.planned_end),
            "classification": programme.classification,
            "release": programme.release,
            "released_to": sorted(programme.released_to.values_list("code", flat=True)),
            "owner": programme.owner.code,
        },
        "participants": [
            {"party": p.party.code, "role": p.role}
            for p in programme.participations.select_related("party")
        ],
        "steps": [
            {
                "stage": r.stage,
                "criteria": r.criteria,
                "reasons": r.reasons,
                "decision_rule": r.decision_rule,
                "reference": r.reference,
                "statement": r.statement,
                "signed_by": r.signed_by_name,
                "signed_at": r.signed_at.isoformat(),
            }
            for r in programme.stage_records.filter(supersedes__isnull=True).order_by("id")
        ],
        "keys": [
            {
                "basis": k.basis,
                "indicator": k.indicator,
                "effective_from": _day(k.effective_from),
                "decision_reference": k.decision_reference,
                "shares": [
                    {"party": s.party.code, "percent": str(s.percent), "cap": s.cap and str(s.cap)}
                    for s in k.shares.select_related("party")
                ],
            }
            for k in programme.keys.order_by("number")
        ],
        "budgets": [
            {
                "status": b.status,
                "reason": b.reason,
                "lines": [
                    {
                        "category": line.category,
                        "period_start": _day(line.period_start),
                        "period_end": _day(line.period_end),
                        "amount": str(line.amount),
                    }
                    for line in b.lines.all()
                ],
            }
            for b in programme.budgets.order_by("revision")
        ],
        "assessments": [
            {"due_date": _day(a.due_date), "total": str(a.total), "budget": a.budget.revision}
            for a in programme.assessments.select_related("budget").order_by("number")
        ],
        "contributions": [
            {
                "party": c.party.code,
                "kind": c.kind,
                "amount": str(c.amount),
                "currency": c.currency,
                "value_date": _day(c.value_date),
                "rate": str(c.rate),
                "valuation_method": c.valuation_method,
                "valuer": c.valuer,
                "evidence": c.evidence,
            }
            for c in programme.contributions.select_related("party").order_by("id")
        ],
        "transactions": [
            {
                "type": t.type,
                "amount": str(t.amount),
                "currency": t.currency,
                "value_date": _day(t.value_date),
                "rate": str(t.rate),
                "provider": t.provider.code if t.provider else None,
                "receiver": t.receiver.code if t.receiver else None,
                "description": t.description,
                "category": t.category,
            }
            for t in programme.transactions.select_related("provider", "receiver").order_by("id")
        ],
        "planned_disbursements": [
            {
                "kind": d.kind,
                "period_start": _day(d.period_start),
                "period_end": _day(d.period_end),
                "amount": str(d.amount),
                "currency": d.currency,
                "value_date": _day(d.value_date),
                "rate": str(d.rate),
                "provider": d.provider.code if d.provider else None,
                "receiver": d.receiver.code if d.receiver else None,
            }
            for d in programme.planned_disbursements.select_related(
                "provider", "receiver"
            ).order_by("id")
        ],
        "work_packages": [
            {
                "wbs_code": w.wbs_code,
                "title": w.title,
                "owner": w.owner.code,
                "start": _day(w.start),
                "finish": _day(w.finish),
                "budget_at_completion": str(w.budget_at_completion),
                "milestone": w.milestone,
            }
            for w in programme.work_packages.select_related("owner").order_by("wbs_code")
        ],
        "evm": [
            {
                "period": _day(s.period),
                "pv": str(s.planned_value),
                "ev": str(s.earned_value),
                "ac": str(s.actual_cost),
                "bac": str(s.budget_at_completion),
            }
            for s in programme.evm_snapshots.order_by("period")
        ],
    }


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@transaction.atomic
def import_programme(*, actor: User, data: Any, identifier: str | None = None) -> Programme:
    """Replay an exported programme through the services, led by the actor's party."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationFailed.single("file", _("Not an Accord programme export."))
    try:
        return _replay(actor, data, identifier)
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError, Party.DoesNotExist):
        raise ValidationFailed.single("file", _("The programme export is incomplete.")) from None


def _replay(actor: User, data: dict[str, Any], identifier: str | None) -> Programme:
    parties = {p.code: p for p in Party.objects.all()}
    head = data["programme"]
    fields = {
        name: head[name]
        for name in (
            "title_en",
            "title_ru",
            "objectives",
            "lifecycle_areas",
            "funder_reference",
            "currency",
            "classification",
            "release",
        )
    }
    programme = services.programme_create(
        actor=actor,
        identifier=identifier or head["identifier"],
        planned_start=_date(head.get("planned_start")),
        planned_end=_date(head.get("planned_end")),
        released_to=[parties[c] for c in head.get("released_to", [])],
        **fields,
    )
    for row in data["participants"]:
        if not programme.participations.filter(party__code=row["party"], role=row["role"]).exists():
            services.participant_add(
                actor=actor, programme=programme, party=parties[row["party"]], role=row["role"]
            )
    for step in data["steps"]:
        record = {
            name: step[name]
            for name in ("criteria", "reasons", "decision_rule", "reference", "statement")
            if step.get(name)
        }
        services.programme_advance(
            actor=actor,
            programme=programme,
            version=programme.version,
            stage=step["stage"],
            **record,
        )
    for key in data["keys"]:
        made = services.key_propose(
            actor=actor,
            programme=programme,
            basis=key["basis"],
            indicator=key["indicator"],
            effective_from=dt.date.fromisoformat(key["effective_from"]),
            shares={parties[s["party"]]: Decimal(s["percent"]) for s in key["shares"]},
            caps={parties[s["party"]]: s["cap"] for s in key["shares"] if s.get("cap")},
        )
        if key["decision_reference"]:
            services.key_decide(actor=actor, key=made, decision_reference=key["decision_reference"])
    budgets = data["budgets"]
    calls = list(data["assessments"])
    for revision, budget in enumerate(budgets, start=1):
        services.budget_set(
            actor=actor,
            programme=programme,
            status=budget["status"],
            reason=budget["reason"],
            lines=[
                {
                    **line,
                    "period_start": _date(line["period_start"]),
                    "period_end": _date(line["period_end"]),
                }
                for line in budget["lines"]
            ],
        )
        for call in [c for c in calls if c["budget"] == revision]:
            services.assessment_issue(
                actor=actor,
                programme=programme,
                due_date=dt.date.fromisoformat(call["due_date"]),
                total=call["total"],
            )
    planned = data.get("planned_disbursements", [])
    for flow in [*data["contributions"], *data["transactions"], *planned]:
        day = dt.date.fromisoformat(flow["value_date"])
        if flow["currency"] != programme.currency:
            services.rate_set(
                actor=actor,
                currency=flow["currency"],
                quote=programme.currency,
                rate_date=day,
                rate=flow["rate"],
            )
    for c in data["contributions"]:
        services.contribution_record(
            actor=actor,
            programme=programme,
            party=parties[c["party"]],
            kind=c["kind"],
            amount=c["amount"],
            currency=c["currency"],
            value_date=dt.date.fromisoformat(c["value_date"]),
            valuation_method=c["valuation_method"],
            valuer=c["valuer"],
            evidence=c["evidence"],
        )
    for t in data["transactions"]:
        services.transaction_record(
            actor=actor,
            programme=programme,
            type=t["type"],
            amount=t["amount"],
            currency=t["currency"],
            value_date=dt.date.fromisoformat(t["value_date"]),
            provider=parties[t["provider"]] if t.get("provider") else None,
            receiver=parties[t["receiver"]] if t.get("receiver") else None,
            description=t["description"],
            category=t.get("category", ""),
        )
    for d in planned:
        services.planned_disbursement_add(
            actor=actor,
            programme=programme,
            kind=d["kind"],
            period_start=dt.date.fromisoformat(d["period_start"]),
            period_end=dt.date.fromisoformat(d["period_end"]),
            amount=d["amount"],
            currency=d["currency"],
            value_date=dt.date.fromisoformat(d["value_date"]),
            provider=parties[d["provider"]] if d.get("provider") else None,
            receiver=parties[d["receiver"]] if d.get("receiver") else None,
        )
    for w in data["work_packages"]:
        services.work_package_add(
            actor=actor,
            programme=programme,
            wbs_code=w["wbs_code"],
            title=w["title"],
            owner=parties[w["owner"]],
            start=dt.date.fromisoformat(w["start"]),
            finish=dt.date.fromisoformat(w["finish"]),
            budget_at_completion=w["budget_at_completion"],
            milestone=w["milestone"],
        )
    for s in data["evm"]:
        services.evm_record(
            actor=actor,
            programme=programme,
            period=dt.date.fromisoformat(s["period"]),
            pv=s["pv"],
            ev=s["ev"],
            ac=s["ac"],
            bac=s["bac"],
        )
    programme.refresh_from_db()
    return programme
