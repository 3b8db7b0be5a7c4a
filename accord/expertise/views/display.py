"""The questionnaire's answers and the screening attached to a review, put into words for
people; shared by the version page and the review file.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accord.expertise import selectors
from accord.expertise.forms import QUESTIONNAIRE, narrative_label
from accord.expertise.models import Review, SystemVersion
from accord.law.domain.conditions import ConditionError, Test, parse
from accord.law.domain.vocabulary import BY_CODE, SET
from accord.law.models import ParticipationAct

OUTCOME_ORDER = ("prohibited", "restricted", "obligations", "information_needed")


def _word(code: str, value: Any) -> str:
    """One answer to a characteristic, for people."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    characteristic = BY_CODE[code]
    if characteristic.kind == SET and isinstance(value, list | tuple | set):
        return ", ".join(str(characteristic.choice_label(v)) for v in value) or _("none")
    return str(characteristic.choice_label(value))


def _explain(test_text: str, description: dict[str, Any]) -> str:
    """A trigger test that held, in words: the answer that made it hold."""
    try:
        test = parse(test_text)
    except ConditionError:
        return test_text
    if not isinstance(test, Test) or test.field not in BY_CODE:
        return test_text
    names = {"characteristic": BY_CODE[test.field].label}
    if test.op == "known":
        return _("%(characteristic)s: answered") % names
    if test.op == "unknown":
        return _("%(characteristic)s: not answered") % names
    if test.op == "has":
        value = _word(test.field, test.values[0])
        return _("%(characteristic)s: includes %(value)s") % {**names, "value": value}
    value = _word(test.field, description.get(test.field, test.values[0]))
    return _("%(characteristic)s: %(value)s") % {**names, "value": value}


def _bilingual(item: dict[str, Any], field: str) -> str:
    ru = (get_language() or "en").startswith("ru")
    return (item.get(f"{field}_ru") if ru else "") or item.get(f"{field}_en") or ""


def _basis(basis: dict[str, Any]) -> str:
    if basis.get("customary"):
        return _("customary international law (binds every party)")
    act = str(basis.get("act") or "?")
    kinds: dict[str, Any] = dict(ParticipationAct.Kind.choices)
    return _("%(instrument)s %(provision)s — %(act)s, %(when)s") % {
        "instrument": basis.get("instrument") or "?",
        "provision": basis.get("provision") or "",
        "act": kinds.get(act, act),
        "when": basis.get("date") or "?",
    }


def _reasons(held: list[str], description: dict[str, Any]) -> list[tuple[str, str]]:
    """Each held test explained once (two tests can read the same in words)."""
    seen: dict[str, str] = {}
    for test in held:
        seen.setdefault(_explain(test, description), test)
    return list(seen.items())


def _screened(item: dict[str, Any], description: dict[str, Any]) -> dict[str, Any]:
    from accord.law.engine import OUTCOME_LABELS

    return {
        "rule": item["rule"],
        "title": _bilingual(item, "title"),
        "restriction": _bilingual(item, "restriction"),
        "outcome": item.get("outcome", ""),
        "outcome_label": OUTCOME_LABELS.get(item.get("outcome", ""), item.get("outcome", "")),
        "bases": [(_basis(b), b.get("to_verify")) for b in item.get("bases", [])],
        "conditions": item.get("conditions", []),
        "reasons": _reasons(item.get("held", []), description),
        "missing": [BY_CODE[c].label for c in item.get("missing", []) if c in BY_CODE],
    }


def screening_columns(review: Review, own_party_id: int | None = None) -> list[dict[str, Any]]:
    """The screening attached on submission, one column per concluding party, the user's
    own party first; each opens with its summary (issue 12, point 6)."""
    from accord.law.engine import OUTCOME_LABELS, SUMMARY_LABELS, basis_phrase, snapshot_summary

    snapshot = review.screening or {}
    description = snapshot.get("characteristics") or {}
    parties = {p.party.code: p.party for p in review.participants.all()}
    columns = []
    for code, entry in (snapshot.get("parties") or {}).items():
        engaged = sorted(
            entry.get("engaged", []),
            key=lambda i: (
                OUTCOME_ORDER.index(i["outcome"]) if i.get("outcome") in OUTCOME_ORDER else 9
            ),
        )
        worst = engaged[0].get("outcome") if engaged else ""
        summary, items = snapshot_summary(entry)
        party = parties.get(code)
        columns.append(
            {
                "code": code,
                "party": party,
                "own": party is not None and party.pk == own_party_id,
                "summary": summary,
                "summary_label": SUMMARY_LABELS.get(summary, summary),
                "basis": basis_phrase(summary, items),
                "exceptions": [
                    {**e, "title": _bilingual(e, "title")} for e in entry.get("exceptions", [])
                ],
                "not_engaged": entry.get("not_engaged", []),
                "worst": worst,
                "worst_label": OUTCOME_LABELS.get(worst, "") if worst else "",
                "engaged": [_screened(i, description) for i in engaged],
                "pending": [_screened(i, description) for i in entry.get("pending", [])],
                "general": entry.get("general", []),
                "flags": entry.get("flags", []),
                "relies_on_unconfirmed": entry.get("relies_on_unconfirmed", False),
            }
        )
    columns.sort(key=lambda c: not c["own"])
    return columns


def answers(version: SystemVersion) -> list[dict[str, Any]]:
    """The version's answers for people: label, answer, evidence cited."""
    answers = version.characteristics or {}
    citations = version.citations or {}
    evidence = {e.pk: e for e in selectors.version_evidence(version)}
    rows = []
    for characteristic in QUESTIONNAIRE:
        value = answers.get(characteristic.code)
        rows.append(
            {
                "code": characteristic.code,
                "label": characteristic.label,
                "answer": _word(characteristic.code, value) if value is not None else None,
                "cited": [
                    evidence[i] for i in citations.get(characteristic.code, []) if i in evidence
                ],
            }
        )
    for name in SystemVersion.NARRATIVE_FIELDS:
        rows.append(
            {
                "code": name,
                "label": narrative_label(name),
                "answer": getattr(version, name) or None,
                "narrative": True,
                "cited": [evidence[i] for i in citations.get(name, []) if i in evidence],
            }
        )
    return rows


def legal_basis(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The rules the screening engaged for a party, each with its basis for that party."""
    return [
        {
            "rule": item["rule"],
            "title": _bilingual(item, "title"),
            "bases": [_basis(b) for b in item.get("bases", [])],
        }
        for item in entry.get("engaged", [])
    ]
