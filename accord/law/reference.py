"""Loading the shipped reference data (instruments, participation, rules) from
`accord/law/reference/`. Used by the data migration with the historical models, so that
it keeps working as the models change; later corrections go through the services (the
pages, the API or `accord law import`), which audit every change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accord.law import csvio

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"


def load_reference(apps: Any) -> None:
    Party = apps.get_model("core", "Party")
    Instrument = apps.get_model("law", "Instrument")
    ParticipationAct = apps.get_model("law", "ParticipationAct")
    Rule = apps.get_model("law", "Rule")
    RuleBasis = apps.get_model("law", "RuleBasis")

    instruments = csvio.parse_instruments((REFERENCE_DIR / "instruments.csv").read_text("utf-8"))
    by_code: dict[str, Any] = {}
    for data in sorted(instruments, key=lambda d: d["parent"] is not None):
        data.pop("row")
        parent = data.pop("parent")
        code = data.pop("code")
        obj, _created = Instrument.objects.update_or_create(
            code=code, defaults={**data, "parent": by_code.get(parent) if parent else None}
        )
        by_code[code] = obj

    parties = {p.code: p for p in Party.objects.all()}
    acts = csvio.parse_participation(
        (REFERENCE_DIR / "participation.csv").read_text("utf-8"),
        party_codes=set(parties),
        instrument_codes=set(by_code),
    )
    for data in acts:
        data.pop("row")
        party, instrument = parties[data.pop("party")], by_code[data.pop("instrument")]
        ParticipationAct.objects.update_or_create(
            party=party, instrument=instrument, kind=data["kind"], date=data["date"], defaults=data
        )

    rules_file = REFERENCE_DIR / "rules.csv"
    if not rules_file.exists():
        return
    for data in csvio.parse_rules(rules_file.read_text("utf-8"), instrument_codes=set(by_code)):
        data.pop("row")
        bases = data.pop("bases")
        rule, _created = Rule.objects.update_or_create(code=data.pop("code"), defaults=data)
        RuleBasis.objects.filter(rule=rule).delete()
        RuleBasis.objects.bulk_create(
            RuleBasis(rule=rule, instrument=by_code[c], provision=p) for c, p in bases
        )
