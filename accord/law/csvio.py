"""CSV in the reference format: parsing (pure: text in, validated rows or row errors out)
and writing. Services store what this parses, in one transaction per file; the data
migration loads the shipped reference files with the same parser.

Instruments: id,parent,short_name,title,adopted,entry_into_force,kind,scope_note
  [,short_name_ru,title_ru,scope_note_ru,activities,conflicts,reciprocity,forbids_assistance]
Participation: party,instrument,status,year,status_confirmed,year_confirmed,source_url
  [,act,date,effective_date,reservations,declarations,source_note]
Rules: code,kind,title_en,title_ru,summary_en,summary_ru,restriction_en,restriction_ru,
  activities,conflicts,customary,customary_reference,bases,trigger
Bracketed columns are optional on import and always written on export, so every export
imports back unchanged. The encoding (UTF-8 with BOM and CRLF on export; UTF-8 or
Windows-1251, `,` or `;` on import; formula-like cells guarded) is `accord.reports.tabular`'s.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from accord.law.domain.conditions import ConditionError, parse
from accord.reports import tabular

INSTRUMENT_REQUIRED = [
    "id",
    "parent",
    "short_name",
    "title",
    "adopted",
    "entry_into_force",
    "kind",
    "scope_note",
]
INSTRUMENT_OPTIONAL = [
    "short_name_ru",
    "title_ru",
    "scope_note_ru",
    "activities",
    "conflicts",
    "reciprocity",
    "forbids_assistance",
]
PARTICIPATION_REQUIRED = [
    "party",
    "instrument",
    "status",
    "year",
    "status_confirmed",
    "year_confirmed",
    "source_url",
]
PARTICIPATION_OPTIONAL = [
    "act",
    "date",
    "effective_date",
    "reservations",
    "declarations",
    "source_note",
]
RULE_REQUIRED = ["code", "kind", "title_en", "summary_en", "customary", "bases", "trigger"]
RULE_OPTIONAL = [
    "title_ru",
    "summary_ru",
    "restriction_en",
    "restriction_ru",
    "activities",
    "conflicts",
    "customary_reference",
]
RULE_COLUMNS = [
    "code",
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
    "bases",
    "trigger",
]

INSTRUMENT_KINDS = {"treaty", "convention", "protocol", "amendment", "declaration"}
ACTIVITIES = {
    "use",
    "development",
    "production",
    "acquisition",
    "stockpiling",
    "transfer",
    "assistance",
}
CONFLICTS = {"international", "non_international"}
RULE_KINDS = {"general_prohibition", "specific_prohibition", "restriction", "obligation"}
ACT_KINDS = {
    "signature",
    "ratification",
    "accession",
    "acceptance",
    "approval",
    "succession",
    "consent",
    "withdrawal",
    "denunciation",
    "declaration",
    "declaration_withdrawal",
    "not_party",
}
# The reference format's status, and the act each implies when no act column is given.
STATUS_TO_ACT = {
    "party": "consent",
    "signatory": "signature",
    "not_party": "not_party",
    "withdrawn": "withdrawal",
    "declaration_in_force": "declaration",
    "declaration_withdrawn": "declaration_withdrawal",
}
ACT_TO_STATUS = {
    "signature": "signatory",
    "not_party": "not_party",
    "withdrawal": "withdrawn",
    "denunciation": "withdrawn",
    "declaration": "declaration_in_force",
    "declaration_withdrawal": "declaration_withdrawn",
}
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
MAX_BYTES = 5 * 1024 * 1024


class CsvError(ValueError):
    """A file that cannot be imported: each error names its row (1 = the header)."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        super().__init__("; ".join(f"row {row}: {message}" for row, message in errors))
        self.errors = errors


@dataclass
class Row:
    number: int
    data: dict[str, Any]


def _read(content: bytes | str, required: list[str], optional: list[str]) -> list[Row]:
    if isinstance(content, bytes) and len(content) > MAX_BYTES:
        raise CsvError([(0, _("The file is larger than 5 MB."))])
    try:
        table = tabular.read_table(content, required=required, optional=optional)
        rows = [Row(row.number, {k: v.strip() for k, v in row.data.items()}) for row in table]
    except tabular.TableError as exc:
        raise CsvError([(exc.row, str(exc.message))]) from exc
    if not rows:
        raise CsvError([(1, _("The file has no rows."))])
    return rows


def _bool(value: str, column: str, errors: list[str]) -> bool:
    if value.lower() in YES:
        return True
    if value.lower() in NO:
        return False
    errors.append(_("%(col)s must be yes or no.") % {"col": column})
    return False


def _date(value: str, column: str, errors: list[str]) -> tuple[dt.date | None, bool]:
    """A date (YYYY-MM-DD) or a bare year (YYYY, taken as 1 January, flagged)."""
    if not value:
        return None, False
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 1, 1), True
    try:
        return dt.date.fromisoformat(value), False
    except ValueError:
        errors.append(_("%(col)s must be a date (YYYY-MM-DD) or a year.") % {"col": column})
        return None, False


def _codes(value: str, allowed: set[str], column: str, errors: list[str]) -> list[str]:
    codes = [c.strip() for c in value.split(";") if c.strip()]
    bad = [c for c in codes if c not in allowed]
    if bad:
        errors.append(_("%(col)s: unknown value %(bad)s.") % {"col": column, "bad": ", ".join(bad)})
    return codes


def _collect(rows: list[Row], parse_row: Any) -> list[dict[str, Any]]:
    parsed: list[dict[str, Any]] = []
    problems: list[tuple[int, str]] = []
    for row in rows:
        errors: list[str] = []
        result = parse_row(row.data, errors)
        if errors:
            problems.extend((row.number, message) for message in errors)
        else:
            result["row"] = row.number
            parsed.append(result)
    if problems:
        raise CsvError(problems)
    return parsed


def parse_instruments(
    content: bytes | str, *, known_codes: set[str] | None = None
) -> list[dict[str, Any]]:
    """Instruments from CSV; a parent must be in the file or among `known_codes`."""
    rows = _read(content, INSTRUMENT_REQUIRED, INSTRUMENT_OPTIONAL)
    ids = {row.data["id"] for row in rows} | (known_codes or set())

    def parse_row(data: dict[str, str], errors: list[str]) -> dict[str, Any]:
        if not re.fullmatch(r"[A-Z0-9][A-Z0-9-]{0,31}", data["id"]):
            errors.append(_("id must be upper-case letters, digits and dashes."))
        if data["kind"] not in INSTRUMENT_KINDS:
            errors.append(
                _("kind must be one of: %(kinds)s.")
                % {"kinds": ", ".join(sorted(INSTRUMENT_KINDS))}
            )
        if not data["short_name"] or not data["title"]:
            errors.append(_("short_name and title are required."))
        adopted, _year = _date(data["adopted"], "adopted", errors)
        in_force, year_only = _date(data["entry_into_force"], "entry_into_force", errors)
        return {
            "code": data["id"],
            "parent": data["parent"] or None,
            "kind": data["kind"],
            "short_name_en": data["short_name"],
            "title_en": data["title"],
            "scope_note_en": data["scope_note"],
            "short_name_ru": data.get("short_name_ru", ""),
            "title_ru": data.get("title_ru", ""),
            "scope_note_ru": data.get("scope_note_ru", ""),
            "adopted": adopted,
            "entry_into_force": in_force,
            "entry_into_force_year_only": year_only,
            "activities": _codes(data.get("activities", ""), ACTIVITIES, "activities", errors),
            "conflicts": _codes(data.get("conflicts", ""), CONFLICTS, "conflicts", errors),
            "reciprocity": _bool(data.get("reciprocity", ""), "reciprocity", errors),
            "forbids_assistance": _bool(
                data.get("forbids_assistance", ""), "forbids_assistance", errors
            ),
        }

    parsed = _collect(rows, parse_row)
    problems = []
    for row, item in zip(rows, parsed, strict=True):
        if item["parent"] and item["parent"] not in ids:
            problems.append((row.number, _("parent %(p)s is unknown.") % {"p": item["parent"]}))
    seen: set[str] = set()
    for row, item in zip(rows, parsed, strict=True):
        if item["code"] in seen:
            problems.append((row.number, _("id %(id)s appears twice.") % {"id": item["code"]}))
        seen.add(item["code"])
    if problems:
        raise CsvError(problems)
    return parsed


def parse_participation(
    content: bytes | str, *, party_codes: set[str], instrument_codes: set[str]
) -> list[dict[str, Any]]:
    rows = _read(content, PARTICIPATION_REQUIRED, PARTICIPATION_OPTIONAL)

    def parse_row(data: dict[str, str], errors: list[str]) -> dict[str, Any]:
        if data["party"] not in party_codes:
            errors.append(_("party %(code)s is unknown.") % {"code": data["party"]})
        if data["instrument"] not in instrument_codes:
            errors.append(_("instrument %(code)s is unknown.") % {"code": data["instrument"]})
        act = data.get("act") or STATUS_TO_ACT.get(data["status"], "")
        if data["status"] not in STATUS_TO_ACT:
            errors.append(_("status must be one of: %(s)s.") % {"s": ", ".join(STATUS_TO_ACT)})
        elif act not in ACT_KINDS:
            errors.append(_("act must be one of: %(s)s.") % {"s": ", ".join(sorted(ACT_KINDS))})
        date_text = data.get("date") or data["year"]
        date, year_only = _date(date_text, "date" if data.get("date") else "year", errors)
        effective, _y = _date(data.get("effective_date", ""), "effective_date", errors)
        source = data["source_url"]
        if source and not re.match(r"https?://", source):
            errors.append(_("source_url must start with http:// or https://."))
        return {
            "party": data["party"],
            "instrument": data["instrument"],
            "kind": act,
            "date": date,
            "date_precision": "year" if year_only else ("day" if date else "unknown"),
            "effective_date": effective,
            "status_confirmed": _bool(data["status_confirmed"], "status_confirmed", errors),
            "date_confirmed": _bool(data["year_confirmed"], "year_confirmed", errors),
            "source_url": source,
            "reservations": data.get("reservations", ""),
            "declarations": data.get("declarations", ""),
            "source_note": data.get("source_note", ""),
        }

    return _collect(rows, parse_row)


_BASIS = re.compile(r"^(?P<instrument>[A-Z0-9][A-Z0-9-]*)(?:\s+(?P<provision>.+))?$")


def parse_rules(content: bytes | str, *, instrument_codes: set[str]) -> list[dict[str, Any]]:
    rows = _read(content, RULE_REQUIRED, RULE_OPTIONAL)

    def parse_row(data: dict[str, str], errors: list[str]) -> dict[str, Any]:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}", data["code"]):
            errors.append(_("code must be letters, digits, dots and dashes."))
        if data["kind"] not in RULE_KINDS:
            errors.append(_("kind must be one of: %(k)s.") % {"k": ", ".join(sorted(RULE_KINDS))})
        if not data["title_en"]:
            errors.append(_("title_en is required."))
        bases = []
        for part in [p.strip() for p in data["bases"].split(";") if p.strip()]:
            match = _BASIS.match(part)
            if not match or match["instrument"] not in instrument_codes:
                errors.append(
                    _("basis %(b)r does not start with a known instrument id.") % {"b": part}
                )
            else:
                basis = (match["instrument"], (match["provision"] or "").strip())
                if basis in bases:
                    errors.append(_("basis %(b)r is listed twice.") % {"b": part})
                bases.append(basis)
        customary = _bool(data["customary"], "customary", errors)
        if not customary and not bases:
            errors.append(_("a rule needs a treaty basis or must be customary."))
        if data["trigger"]:
            try:
                parse(data["trigger"])
            except ConditionError as exc:
                errors.append(_("trigger: %(err)s") % {"err": exc})
        return {
            "code": data["code"],
            "kind": data["kind"],
            "title_en": data["title_en"],
            "title_ru": data.get("title_ru", ""),
            "summary_en": data["summary_en"],
            "summary_ru": data.get("summary_ru", ""),
            "restriction_en": data.get("restriction_en", ""),
            "restriction_ru": data.get("restriction_ru", ""),
            "activities": _codes(data.get("activities", ""), ACTIVITIES, "activities", errors),
            "conflicts": _codes(data.get("conflicts", ""), CONFLICTS, "conflicts", errors),
            "customary": customary,
            "customary_reference": data.get("customary_reference", ""),
            "trigger": data["trigger"],
            "bases": bases,
        }

    parsed = _collect(rows, parse_row)
    seen: dict[str, int] = {}
    problems = []
    for row, item in zip(rows, parsed, strict=True):
        if item["code"] in seen:
            problems.append((row.number, _("code %(c)s appears twice.") % {"c": item["code"]}))
        seen[item["code"]] = row.number
    if problems:
        raise CsvError(problems)
    return parsed


# --- Writing -------------------------------------------------------------------------------


def _write(columns: list[str], rows: Iterable[dict[str, Any]]) -> str:
    return tabular.csv_text(columns, rows)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _iso(value: dt.date | None, year_only: bool = False) -> str:
    if value is None:
        return ""
    return str(value.year) if year_only else value.isoformat()


def write_instruments(instruments: Iterable[Any]) -> str:
    return _write(
        INSTRUMENT_REQUIRED + INSTRUMENT_OPTIONAL,
        (
            {
                "id": i.code,
                "parent": i.parent.code if i.parent_id else "",
                "short_name": i.short_name_en,
                "title": i.title_en,
                "adopted": _iso(i.adopted),
                "entry_into_force": _iso(i.entry_into_force, i.entry_into_force_year_only),
                "kind": i.kind,
                "scope_note": i.scope_note_en,
                "short_name_ru": i.short_name_ru,
                "title_ru": i.title_ru,
                "scope_note_ru": i.scope_note_ru,
                "activities": ";".join(i.activities),
                "conflicts": ";".join(i.conflicts),
                "reciprocity": _yes(i.reciprocity),
                "forbids_assistance": _yes(i.forbids_assistance),
            }
            for i in instruments
        ),
    )


def write_participation(acts: Iterable[Any]) -> str:
    rows = []
    for act in acts:
        year_only = act.date_precision == "year"
        rows.append(
            {
                "party": act.party.code,
                "instrument": act.instrument.code,
                "status": ACT_TO_STATUS.get(act.kind, "party"),
                "year": str(act.date.year) if act.date else "",
                "status_confirmed": _yes(act.status_confirmed),
                "year_confirmed": _yes(act.date_confirmed) if act.date else "",
                "source_url": act.source_url,
                "act": act.kind,
                "date": _iso(act.date, year_only),
                "effective_date": _iso(act.effective_date),
                "reservations": act.reservations,
                "declarations": act.declarations,
                "source_note": act.source_note,
            }
        )
    return _write(PARTICIPATION_REQUIRED + PARTICIPATION_OPTIONAL, rows)


def write_rules(rules: Iterable[Any]) -> str:
    return _write(
        RULE_COLUMNS,
        (
            {
                "code": r.code,
                "kind": r.kind,
                "title_en": r.title_en,
                "title_ru": r.title_ru,
                "summary_en": r.summary_en,
                "summary_ru": r.summary_ru,
                "restriction_en": r.restriction_en,
                "restriction_ru": r.restriction_ru,
                "activities": ";".join(r.activities),
                "conflicts": ";".join(r.conflicts),
                "customary": _yes(r.customary),
                "customary_reference": r.customary_reference,
                "bases": "; ".join(
                    f"{b.instrument.code} {b.provision}".strip() for b in r.bases.all()
                ),
                "trigger": r.trigger,
            }
            for r in rules
        ),
    )
