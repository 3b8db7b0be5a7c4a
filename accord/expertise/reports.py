"""The bilingual PDF report of a concluded review.

The report is the printed record of a joint conclusion: subject, description, the
screening each party was given, findings, conclusions and conditions, opinions,
signatures, and the audit hashes that let a reader check a printed copy against the
system. It is one document in two working languages: every label, heading and coded value
(vocabulary answers, outcomes, party names, rule titles) is given in English and in
Russian; the text people wrote (reasoning, conditions, opinions, narrative answers)
appears once, as signed, so that there is never a second version of it to disagree with.

`review_report_context()` gathers the data (reads only, through the selectors);
`review_pdf()` renders `templates/expertise/report/review.html` with the one PDF renderer
(`accord.reports.pdf`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import get_language, override, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accord.core.errors import Conflict
from accord.core.models import AuditEvent, Classification, Party, Release
from accord.expertise import selectors
from accord.expertise.models import (
    Conclusion,
    Evidence,
    Finding,
    InformationRequest,
    Review,
    ReviewParticipant,
    SystemVersion,
    WeaponSystem,
)
from accord.law.domain.vocabulary import BOOL, BY_CODE, SET, VOCABULARY
from accord.law.engine import OUTCOME_LABELS, SUMMARY_LABELS, basis_phrase, snapshot_summary
from accord.law.models import ParticipationAct, Rule
from accord.reports.pdf import render_html, render_pdf

LANGUAGES = ("en", "ru")


@dataclass(frozen=True)
class Both:
    """A text in English and in Russian. Renders in a template as both, marked up by
    language (or once, when the two are the same)."""

    en: str
    ru: str

    @property
    def same(self) -> bool:
        return self.en == self.ru

    def __html__(self) -> SafeString:
        if self.same:
            return format_html('<span class="both">{}</span>', self.en)
        return format_html(
            '<span class="en" lang="en">{}</span> <span class="ru" lang="ru">{}</span>',
            self.en,
            self.ru,
        )

    def __str__(self) -> str:
        return self.__html__()


def both(text: Any, **params: Any) -> Both:
    """A translatable text (lazy, or a choice label) in both languages; `params` fill its
    named placeholders (each may itself be translatable)."""
    values = []
    for language in LANGUAGES:
        with override(language):
            filled = {k: str(v) for k, v in params.items()}
            values.append(str(text) % filled if params else str(text))
    return Both(*values)


def pair(en: str, ru: str) -> Both:
    """A record's own bilingual fields; Russian falls back to English when empty."""
    return Both(en, ru or en)


def joined(items: list[Both], separator: str = ", ") -> Both:
    return Both(
        separator.join(i.en for i in items),
        separator.join(i.ru for i in items),
    )


# --- Labels --------------------------------------------------------------------------------
# Headings and labels of the report. Field names come from the models' verbose names.

LABELS: dict[str, Promise] = {
    "document": _("Joint legal review of a new weapon or technology"),
    "report": _("Report of the joint conclusion"),
    "review_no": _("Review No."),
    "subject": _("Subject of the review"),
    "procedure": _("Procedure"),
    "participants": _("Participating parties"),
    "description": _("Description of the version reviewed"),
    "description_note": _(
        "The answers to the legal review questionnaire, as frozen when the review was submitted."
    ),
    "characteristic": _("Characteristic"),
    "answer": _("Answer"),
    "not_answered": _("Not answered"),
    "not_set": _("Not set"),
    "narrative": _("Narrative answers"),
    "no_evidence": _("No evidence was recorded."),
    "screening": _("Screening against each party's law"),
    "screening_note": _(
        "The rules the description engages under the law binding each party on the date "
        "applied, as attached to the file on submission."
    ),
    "no_rule_engaged": _("No specific rule is engaged."),
    "summary": _("Summary: the answer for each party"),
    "party": _("Party"),
    "summary_answer": _("Answer"),
    "summary_basis": _("Basis"),
    "exceptions": _("Exceptions applied"),
    "not_engaged": _("Rules considered and not engaged"),
    "basis": _("Legal basis"),
    "engaged_by": _("Engaged by"),
    "conditions_of_law": _("Conditions attached"),
    "pending": _("Rules waiting for information"),
    "missing": _("Missing answers"),
    "general": _("General rules considered in every review"),
    "cross_party": _("Notes across parties"),
    "unconfirmed": _(
        "The screening relies on participation facts not yet verified against the depositary."
    ),
    "customary": _("customary international law"),
    "to_verify": _("to verify"),
    "date_unknown": _("date unknown"),
    "no_findings": _("No findings were recorded."),
    "conclusions": _("Conclusions of the parties"),
    "signatures": _("Signatures"),
    "audit_entry": _("Audit trail entry"),
    "verification": _("Checking this copy against the system"),
    "conclusion_hash": _("Audit hash of the joint conclusion"),
    "generated": _("Generated"),
    "none": _("none"),
    "yes": _("yes"),
    "no": _("no"),
}

# Labels that are the models' own field names, or (None) their plural names: the pages
# use the same words.
FIELD_LABELS: dict[str, tuple[Any, str | None]] = {
    "system": (SystemVersion, "system"),
    "version": (SystemVersion, "number"),
    "label": (SystemVersion, "label"),
    "owner": (WeaponSystem, "owner"),
    "category": (WeaponSystem, "category"),
    "stage": (WeaponSystem, "stage"),
    "system_description": (WeaponSystem, "description"),
    "classification": (Review, "classification"),
    "release": (Review, "release"),
    "state": (Review, "state"),
    "initiating_party": (Review, "initiating_party"),
    "law_date": (Review, "law_date"),
    "conflict_type": (Review, "conflict_type"),
    "opened": (Review, "created_at"),
    "submitted": (Review, "submitted_at"),
    "concluded": (Review, "concluded_at"),
    "expires_on": (Review, "expires_on"),
    "rereview": (Review, "rereview_marked_at"),
    "party": (ReviewParticipant, "party"),
    "role": (ReviewParticipant, "role"),
    "lead_reviewer": (ReviewParticipant, "lead_reviewer"),
    "reviewers": (ReviewParticipant, "reviewers"),
    "evidence": (Finding, "evidence"),
    "evidence_kind": (Evidence, "kind"),
    "rule": (Finding, "rule"),
    "outcome": (Finding, "outcome"),
    "restriction": (Finding, "restriction"),
    "reasoning": (Finding, "reasoning"),
    "author": (Finding, "author"),
    "question": (InformationRequest, "question"),
    "asked_by": (InformationRequest, "asked_by"),
    "due": (InformationRequest, "due_date"),
    "answered_by": (InformationRequest, "answered_by"),
    "conclusion": (Conclusion, "outcome"),
    "conditions": (Conclusion, "conditions"),
    "opinion": (Conclusion, "opinion"),
    "signed_by": (Conclusion, "signed_by"),
    "signed_at": (Conclusion, "signed_at"),
    "audit_hash": (Review, "conclusion_event_hash"),
    "evidence_cited": (SystemVersion, "citations"),
    "requests": (InformationRequest, None),
    "findings": (Finding, None),
}


def _labels() -> dict[str, Both]:
    labels = {key: both(text) for key, text in LABELS.items()}
    for key, (model, name) in FIELD_LABELS.items():
        meta = model._meta
        text = meta.verbose_name_plural if name is None else meta.get_field(name).verbose_name
        labels[key] = both(capfirst(text))
    return labels


# The screening's outcomes, as the law engine names them; "Restricted" in its sense of
# "restricted use", not the classification level of the same English word.
SCREENING_OUTCOMES: dict[str, Any] = {
    **OUTCOME_LABELS,
    "restricted": pgettext_lazy("screening outcome", "Restricted"),
}


def _verification_text(event: AuditEvent | None, review: Review) -> Both:
    if event is None:
        return both(
            _(
                "The audit trail entry of the joint conclusion was not found. Run "
                "“accord audit verify” and ask the Secretariat to check review No. %(review)s."
            ),
            review=review.pk,
        )
    return both(
        _(
            "The joint conclusion was recorded in the audit trail as entry No. %(event)s "
            "(action “expertise.review.concluded”, review No. %(review)s). To check a printed "
            "copy: open that entry in the audit trail and compare its hash with the hash "
            "printed above, and each party's signature entry with the hash printed with the "
            "signature; then run “accord audit verify”, which recomputes the hash of every "
            "entry in the chain and names the first one that does not hold. Equal hashes and "
            "an intact chain mean that the conclusions and signatures stored in the system "
            "are those printed here."
        ),
        event=event.pk,
        review=review.pk,
    )


# --- Values --------------------------------------------------------------------------------


def _when(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M %Z")


def _person(user: Any) -> str:
    if user is None:
        return ""
    name = user.get_full_name()
    return f"{name} ({user.username})" if name else user.username


def _party(party: Party) -> Both:
    return Both(f"{party.code} — {party.name_en}", party.name_ru or party.name_en)


def _choice(choices: Any, value: Any) -> Both:
    return both(dict(choices).get(value, value))


def _answer(code: str, value: Any) -> Both:
    """One questionnaire answer, in words, in both languages."""
    characteristic = BY_CODE.get(code)
    if characteristic is None:
        return Both(str(value), str(value))
    if characteristic.kind == BOOL or isinstance(value, bool):
        return both(LABELS["yes"] if value else LABELS["no"])
    if characteristic.kind == SET:
        values = list(value or [])
        if not values:
            return both(LABELS["none"])
        return joined([both(characteristic.choice_label(v)) for v in values])
    return both(characteristic.choice_label(value))


def _field_label(model: Any, name: str) -> Both:
    return both(capfirst(model._meta.get_field(name).verbose_name))


# --- Sections ------------------------------------------------------------------------------


def _subject(review: Review) -> dict[str, Any]:
    version: SystemVersion = review.subject
    system: WeaponSystem = version.system
    return {
        "system": system,
        "version": version,
        "owner": _party(system.owner),
        "category": _choice(WeaponSystem.Category.choices, system.category),
        "stage": _choice(WeaponSystem.Stage.choices, system.stage),
    }


def _participants(review: Review) -> list[dict[str, Any]]:
    rows = []
    for participant in review.participants.all():
        rows.append(
            {
                "participant": participant,
                "party": _party(participant.party),
                "role": _choice(ReviewParticipant.Role.choices, participant.role),
                "lead_reviewer": _person(participant.lead_reviewer),
                "reviewers": ", ".join(_person(u) for u in participant.reviewers.all()),
            }
        )
    return rows


def _evidence_numbers(evidence: list[Evidence]) -> dict[int, str]:
    return {e.pk: f"E{index}" for index, e in enumerate(evidence, start=1)}


def _cited(citations: dict[str, Any], key: str, numbers: dict[int, str]) -> str:
    return ", ".join(numbers[i] for i in citations.get(key) or [] if i in numbers)


def _description(review: Review, numbers: dict[int, str]) -> dict[str, Any]:
    version = review.subject
    answers = version.characteristics or {}
    citations = version.citations or {}
    items = []
    for characteristic in VOCABULARY:
        value = answers.get(characteristic.code)
        if value is None and characteristic.code == "conflict_type":
            continue  # the review states the type of conflict it applies
        items.append(
            {
                "label": both(characteristic.label),
                "answer": _answer(characteristic.code, value)
                if value is not None
                else both(LABELS["not_answered"]),
                "answered": value is not None,
                "cited": _cited(citations, characteristic.code, numbers),
            }
        )
    narrative = [
        {
            "label": _field_label(SystemVersion, name),
            "text": getattr(version, name),
            "cited": _cited(citations, name, numbers),
        }
        for name in SystemVersion.NARRATIVE_FIELDS
        if getattr(version, name).strip()
    ]
    return {"items": items, "narrative": narrative}


def _when_bound(basis: dict[str, Any]) -> Both:
    """When the act a basis rests on took place. The snapshot keeps the act's date; most
    sources give only the year, so the day is printed only where it is known to be."""
    date = basis.get("date")
    if not date:
        return both(LABELS["date_unknown"])
    if basis.get("date_precision") == ParticipationAct.DatePrecision.DAY:
        return Both(date, date)
    return Both(date[:4], date[:4])


def _bases(bases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The legal bases of an engaged rule, the provisions of one instrument (bound by one
    act) together: "CCW-APII Art. 3; Art. 7(3) — Ratification, 2004"."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for basis in bases:
        if basis.get("customary"):
            groups.setdefault(("customary",), {"customary": True})
            continue
        act = basis.get("act")
        key = (basis.get("instrument"), act, basis.get("date"), bool(basis.get("to_verify")))
        group = groups.setdefault(
            key,
            {
                "customary": False,
                "instrument": basis.get("instrument") or "",
                "provisions": [],
                "act": both(ParticipationAct.Kind(act).label)
                if act in ParticipationAct.Kind.values
                else None,
                "when": _when_bound(basis),
                "to_verify": bool(basis.get("to_verify")),
            },
        )
        if basis.get("provision"):
            group["provisions"].append(basis["provision"])
    for group in groups.values():
        group["provisions"] = "; ".join(group.get("provisions", []))
    # Treaty bases first, custom last, as the screening lists them.
    return sorted(groups.values(), key=lambda g: g["customary"])


def _rule_title(item: dict[str, Any], rules: dict[str, Rule]) -> Both:
    if item.get("title_en"):
        return pair(item["title_en"], item.get("title_ru", ""))
    rule = rules.get(item["rule"])
    return pair(rule.title_en, rule.title_ru) if rule else Both(item["rule"], item["rule"])


def _engaged_by(item: dict[str, Any], description: dict[str, Any]) -> list[Both]:
    """The answers that made the rule's trigger hold ("Delivery: Remotely delivered")."""
    reasons = []
    seen = set()
    for test in item.get("held") or []:
        code = test.split(" ", 1)[0]
        if code in seen or code not in BY_CODE or description.get(code) is None:
            continue
        seen.add(code)
        label, answer = both(BY_CODE[code].label), _answer(code, description[code])
        reasons.append(Both(f"{label.en}: {answer.en}", f"{label.ru}: {answer.ru}"))
    return reasons


def _summary(entry: dict[str, Any]) -> dict[str, Any]:
    """A party's answer in one word and its basis in one phrase, in both languages."""
    summary, items = snapshot_summary(entry)
    phrases = []
    for language in LANGUAGES:
        with override(language):
            phrases.append(basis_phrase(summary, items))
    return {
        "summary": both(SUMMARY_LABELS.get(summary, summary)),
        "summary_code": summary,
        "basis_phrase": Both(*phrases),
    }


def _screening(review: Review, participants: list[ReviewParticipant]) -> dict[str, Any]:
    snapshot = review.screening or {}
    description = dict(snapshot.get("characteristics") or review.subject.characteristics or {})
    if snapshot.get("conflict_type") and description.get("conflict_type") is None:
        description["conflict_type"] = snapshot["conflict_type"]
    by_party = snapshot.get("parties") or {}
    codes = {
        item["rule"]
        for entry in by_party.values()
        for key in ("engaged", "pending")
        for item in entry.get(key, [])
    } | {code for entry in by_party.values() for code in entry.get("general", [])}
    rules = {r.code: r for r in Rule.objects.filter(code__in=codes)}
    parties = []
    for participant in participants:
        entry = by_party.get(participant.party.code)
        if entry is None:
            continue
        engaged = [
            {
                "code": item["rule"],
                "title": _rule_title(item, rules),
                "kind": _choice(Rule.Kind.choices, item.get("kind")),
                "outcome": both(SCREENING_OUTCOMES.get(item.get("outcome"), item.get("outcome"))),
                "restriction": pair(item.get("restriction_en", ""), item.get("restriction_ru", "")),
                "bases": _bases(item.get("bases", [])),
                "conditions": item.get("conditions", []),
                "engaged_by": _engaged_by(item, description),
            }
            for item in entry.get("engaged", [])
        ]
        pending = [
            {
                "code": item["rule"],
                "title": _rule_title(item, rules),
                "missing": joined(
                    [both(BY_CODE[c].label) for c in item.get("missing", []) if c in BY_CODE]
                ),
            }
            for item in entry.get("pending", [])
        ]
        general = [
            {
                "code": code,
                "title": pair(rules[code].title_en, rules[code].title_ru)
                if code in rules
                else Both(code, code),
            }
            for code in entry.get("general", [])
        ]
        parties.append(
            {
                "party": _party(participant.party),
                "code": participant.party.code,
                **_summary(entry),
                "exceptions": [
                    {
                        "rule": e.get("rule", ""),
                        "provision": e.get("provision", ""),
                        "title": pair(e.get("title_en", ""), e.get("title_ru", "")),
                    }
                    for e in entry.get("exceptions", [])
                ],
                "not_engaged": [n.get("rule", "") for n in entry.get("not_engaged", [])],
                "engaged": engaged,
                "pending": pending,
                "general": general,
                "flags": entry.get("flags", []),
                "relies_on_unconfirmed": entry.get("relies_on_unconfirmed", False),
            }
        )
    law_date = snapshot.get("law_date") or review.law_date.isoformat()
    conflict = snapshot.get("conflict_type", review.conflict_type)
    return {
        "law_date": law_date,
        "conflict_type": _choice(Review._meta.get_field("conflict_type").choices, conflict)
        if conflict
        else None,
        "parties": parties,
        "cross_party_flags": snapshot.get("cross_party_flags", []),
    }


def _findings(
    review: Review, participants: list[ReviewParticipant], numbers: dict[int, str]
) -> list[dict[str, Any]]:
    findings: list[Finding] = list(selectors.findings_of(review))
    groups = []
    for participant in participants:
        rows = [
            {
                "finding": f,
                "code": f.rule.code,
                "title": pair(f.rule.title_en, f.rule.title_ru),
                "outcome": _choice(Finding.Outcome.choices, f.outcome),
                "author": _person(f.author),
                "evidence": ", ".join(
                    numbers.get(e.pk, e.title) for e in sorted(f.evidence.all(), key=lambda e: e.pk)
                ),
            }
            for f in findings
            if f.party_id == participant.party_id
        ]
        groups.append({"party": _party(participant.party), "rows": rows})
    return groups


def _requests(review: Review) -> list[dict[str, Any]]:
    return [
        {
            "request": r,
            "asking_party": _party(r.asking_party),
            "asked_by": _person(r.asked_by),
            "state": _choice(InformationRequest.State.choices, r.state),
            "answered_by": _person(r.answered_by),
            "answered_at": _when(r.answered_at),
            "asked_at": _when(r.created_at),
        }
        for r in selectors.requests_of(review)
    ]


def _sign_events(conclusions: list[Conclusion]) -> dict[str, AuditEvent]:
    """The audit entries of the signatures (the trail copies each conclusion whole)."""
    events = AuditEvent.objects.filter(
        action="expertise.conclusion.sign",
        object_type=Conclusion._meta.label_lower,
        object_id__in=[str(c.pk) for c in conclusions],
    ).order_by("id")
    return {e.object_id: e for e in events}


def _conclusions(review: Review, participants: list[ReviewParticipant]) -> list[dict[str, Any]]:
    conclusions = {c.party_id: c for c in selectors.conclusions_of(review)}
    events = _sign_events(list(conclusions.values()))
    rows = []
    for participant in participants:
        conclusion = conclusions.get(participant.party_id)
        if conclusion is None:
            continue
        event = events.get(str(conclusion.pk))
        rows.append(
            {
                "conclusion": conclusion,
                "party": _party(participant.party),
                "code": participant.party.code,
                "outcome": _choice(Conclusion.Outcome.choices, conclusion.outcome),
                "unlawful": conclusion.outcome == Conclusion.Outcome.UNLAWFUL,
                "opinion": _choice(Conclusion.Opinion.choices, conclusion.opinion)
                if conclusion.opinion
                else None,
                "signed_by": _person(conclusion.signed_by),
                "signed_at": _when(conclusion.signed_at),
                "event": event,
                "event_hash": event.hash if event else "",
            }
        )
    return rows


def review_report_context(review: Review) -> dict[str, Any]:
    """Everything the report prints, each label and coded value in both languages."""
    if review.state != Review.State.CONCLUDED:
        raise Conflict(_("Only a concluded review has a report; this one is not concluded."))
    participants = list(
        review.participants.select_related("party", "lead_reviewer").prefetch_related("reviewers")
    )
    concluding = [p for p in participants if p.concludes]
    evidence = list(selectors.version_evidence(review.subject))
    numbers = _evidence_numbers(evidence)
    event = (
        AuditEvent.objects.filter(hash=review.conclusion_event_hash).first()
        if review.conclusion_event_hash
        else None
    )
    return {
        "L": _labels(),
        "review": review,
        "marking": both(Classification(review.classification).label),
        "release": both(Release(review.release).label),
        "state": _choice(Review.State.choices, review.state),
        "initiating_party": _party(review.initiating_party),
        "subject": _subject(review),
        "participants": _participants(review),
        "description": _description(review, numbers),
        "evidence": [
            {
                "number": numbers[e.pk],
                "evidence": e,
                "kind": _choice(Evidence.Kind.choices, e.kind),
            }
            for e in evidence
        ],
        "screening": _screening(review, concluding),
        "findings": _findings(review, concluding, numbers),
        "requests": _requests(review),
        "conclusions": _conclusions(review, concluding),
        "opened": _when(review.created_at),
        "submitted": _when(review.submitted_at),
        "concluded": _when(review.concluded_at),
        "rereview_marked": _when(review.rereview_marked_at),
        "conclusion_event": event,
        "conclusion_event_at": _when(event.created_at) if event else "",
        "verification": _verification_text(event, review),
        "generated": _when(timezone.now()),
    }


TEMPLATE = "expertise/report/review.html"


def review_html(review: Review, *, language: str | None = None) -> str:
    return render_html(TEMPLATE, review_report_context(review), language=_language(language))


def review_pdf(review: Review, *, language: str | None = None) -> bytes:
    """The report of a concluded review as PDF bytes (Conflict for any other review)."""
    return render_pdf(TEMPLATE, review_report_context(review), language=_language(language))


def _language(language: str | None) -> str:
    # By default the active language, as before (labels and coded values are `Both`); a
    # background task passes the language of the user who asked.
    return language or get_language() or "en"
