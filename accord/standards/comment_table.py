"""The comment table of a version as XLSX, in the ISO/IEC commenting-template layout, and
back.

Columns (one header row, then one row per comment):

    Id | MB/NC | Line number | Clause/Subclause | Paragraph/Figure/Table |
    Type of comment | Comments | Proposed change | Observations of the secretariat

- *Id* is Accord's comment id: empty for a comment added in the spreadsheet.
- *MB/NC* is the commenting party's code. A new row must be the importing user's own
  party (or empty, which means the same): nobody comments in another party's name.
- *Type of comment*: ``ge``, ``te`` or ``ed`` as in the template (the words general,
  technical, editorial, in English or Russian, are read too).
- *Observations of the secretariat*: the disposition and its reasoning,
  ``Accepted in principle: reasoning``. Read back, a changed observation disposes of the
  comment (the editors of the owner party or the Secretariat only).

Import is one transaction: new comments are added, changed comments updated and changed
observations recorded as dispositions, all through the services (so each is checked and
audited as if made on the page); the first bad row rejects the whole file with its row
number and reason, and nothing of it is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accord.core.access import party_of
from accord.core.audit import record_event
from accord.core.errors import ServiceError, ValidationFailed
from accord.reports import tabular
from accord.standards.models import Clause, Comment, StandardVersion
from accord.standards.services import consultation as services

COLUMNS = (
    _("Id"),
    _("MB/NC"),
    _("Line number"),
    _("Clause/Subclause"),
    _("Paragraph/Figure/Table"),
    _("Type of comment"),
    _("Comments"),
    _("Proposed change"),
    _("Observations of the secretariat"),
)
TYPE_CODES = {
    Comment.Type.GENERAL: "ge",
    Comment.Type.TECHNICAL: "te",
    Comment.Type.EDITORIAL: "ed",
}
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


def observation(comment: Comment) -> str:
    """The disposition and reasoning as the observations column shows them."""
    if not comment.disposition:
        return ""
    label = str(comment.get_disposition_display())
    reason = comment.disposition_reason.strip()
    return f"{label}: {reason}" if reason else label


def export_xlsx(*, version: StandardVersion, comments: Any) -> bytes:
    """The comment table of `version` (comments already read through the selectors).
    Comment text is text: the one writer never lets a cell become a live formula in the
    reviewer's spreadsheet, and never alters what was written."""
    rows = (
        (
            comment.pk,
            comment.party.code,
            comment.line,
            comment.clause.number if comment.clause else comment.clause_number,
            comment.paragraph,
            TYPE_CODES.get(comment.type, comment.type),
            comment.comment,
            comment.proposed_change,
            observation(comment),
        )
        for comment in comments
        if not comment.withdrawn
    )
    sheet = tabular.Sheet(
        title=f"{version.standard.code} v{version.number}"[:31].replace("/", "-"),
        columns=[str(title) for title in COLUMNS],
        rows=rows,
        widths=(8, 8, 10, 12, 16, 10, 60, 60, 50),
        wrap=True,
        bold_header=True,
        freeze_header=True,
    )
    return tabular.xlsx_bytes([sheet])


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    disposed: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "added": self.added,
            "updated": self.updated,
            "disposed": self.disposed,
            "unchanged": self.unchanged,
        }


def _labels(choices: Any) -> dict[str, str]:
    """Every way a choice may be written: its code and its label in both languages,
    lower-cased."""
    known: dict[str, str] = {}
    for value, label in choices:
        known[str(value).lower()] = value
        for language in ("en", "ru"):
            with translation.override(language):
                known[str(label).lower()] = value
    return known


def _type_of(text: str) -> str | None:
    text = text.strip().lower()
    codes = {code: value for value, code in TYPE_CODES.items()}
    if text in codes:
        return codes[text]
    return _labels(Comment.Type.choices).get(text)


def _disposition_of(text: str) -> tuple[str, str] | None:
    """(disposition, reasoning) from "Label: reasoning"; None when not recognised."""
    known = _labels(Comment.Disposition.choices)
    head, _sep, rest = text.partition(":")
    value = known.get(head.strip().lower())
    if value is None:
        return None
    return value, rest.strip()


class RowError(Exception):
    def __init__(self, message: Any) -> None:
        self.message = message
        super().__init__(str(message))


def _read_rows(data: bytes) -> list[tuple[int, list[str]]]:
    if len(data) > MAX_BYTES:
        raise ValidationFailed.single("file", _("The file is larger than 5 MB."))
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, values in tabular.read_rows(data, file_format=tabular.XLSX):
            if number == 1:
                continue  # the header row (its titles are in the exporter's language)
            cells = [tabular.text(v) for v in values][: len(COLUMNS)]
            cells += [""] * (len(COLUMNS) - len(cells))
            if not any(cells):
                continue
            rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                raise ValidationFailed.single(
                    "file", _("The file has more than %(n)s rows.") % {"n": MAX_ROWS}
                )
    except tabular.TableError as exc:
        raise ValidationFailed.single("file", exc.message) from None
    return rows


def _clause_by_number(version: StandardVersion, number: str) -> Clause | None:
    if not number:
        return None
    clause = Clause.objects.filter(version=version, number=number).first()
    if clause is None:
        raise RowError(_("no clause %(number)s in this version") % {"number": number})
    return clause


def _import_row(
    actor: Any, version: StandardVersion, cells: list[str], summary: ImportSummary
) -> None:
    ident, party_code, line, clause_no, paragraph, type_text, text, proposed, notes = cells
    type_value = _type_of(type_text)
    if type_value is None:
        raise RowError(
            _("the type of comment must be ge, te or ed, not “%(value)s”") % {"value": type_text}
        )
    clause = _clause_by_number(version, clause_no)
    disposition = _disposition_of(notes) if notes else None
    if notes and disposition is None:
        raise RowError(
            _(
                "the observations must start with a disposition (Accepted, Accepted in "
                "principle, Rejected or Noted), not “%(value)s”"
            )
            % {"value": notes[:40]}
        )
    if not ident:
        party = party_of(actor)
        if party_code and (party is None or party_code.upper() != party.code):
            raise RowError(
                _("a new comment must be your own party's (%(code)s)")
                % {"code": party.code if party else ""}
            )
        comment = services.comment_add(
            actor=actor,
            version=version,
            clause=clause,
            type=type_value,
            line=line,
            paragraph=paragraph,
            comment=text,
            proposed_change=proposed,
        )
        summary.added += 1
        if disposition is not None:
            services.comment_dispose(
                actor=actor, comment=comment, disposition=disposition[0], reason=disposition[1]
            )
            summary.disposed += 1
        return
    try:
        key = int(ident)
    except ValueError:
        raise RowError(_("the id “%(value)s” is not a number") % {"value": ident}) from None
    found = (
        Comment.objects.filter(standard_version=version, pk=key)
        .select_related("party", "clause", "standard_version__standard")
        .first()
    )
    if found is None:
        raise RowError(_("no comment %(id)s on this version") % {"id": key})
    comment = found
    if party_code and party_code.upper() != comment.party.code:
        raise RowError(
            _("comment %(id)s is not the party %(code)s's") % {"id": key, "code": party_code}
        )
    changes: dict[str, Any] = {}
    current_clause = comment.clause.number if comment.clause else comment.clause_number
    if clause_no != current_clause:
        changes["clause"] = clause
    for name, value in (
        ("line", line),
        ("paragraph", paragraph),
        ("type", type_value),
        ("comment", text),
        ("proposed_change", proposed),
    ):
        if value != getattr(comment, name):
            changes[name] = value
    changed = False
    if changes:
        comment = services.comment_update(
            actor=actor, comment=comment, expected_version=comment.version, data=changes
        )
        summary.updated += 1
        changed = True
    if disposition is not None and (
        disposition[0] != comment.disposition or disposition[1] != comment.disposition_reason
    ):
        services.comment_dispose(
            actor=actor, comment=comment, disposition=disposition[0], reason=disposition[1]
        )
        summary.disposed += 1
        changed = True
    if not changed:
        summary.unchanged += 1


def _reason(exc: ServiceError) -> str:
    if isinstance(exc, ValidationFailed) and exc.errors:
        return "; ".join(
            f"{field}: {m}" if field != "__all__" else str(m)
            for field, messages in exc.errors.items()
            for m in messages
        )
    return str(exc.message)


def import_xlsx(*, actor: Any, version: StandardVersion, data: bytes) -> ImportSummary:
    """Read a comment table back into `version` (one transaction; see the module doc)."""
    rows = _read_rows(data)
    summary = ImportSummary()
    with transaction.atomic():
        for number, cells in rows:
            try:
                with transaction.atomic():
                    _import_row(actor, version, cells, summary)
            except RowError as exc:
                raise ValidationFailed.single(
                    "file", _("Row %(row)s: %(reason)s.") % {"row": number, "reason": exc.message}
                ) from None
            except ServiceError as exc:
                # A hidden or forbidden record says the same as on the page, with its row.
                raise ValidationFailed.single(
                    "file", _("Row %(row)s: %(reason)s") % {"row": number, "reason": _reason(exc)}
                ) from None
        record_event(
            actor=actor,
            action="standards.comment_table.import",
            obj=version,
            after=summary.as_dict(),
        )
    return summary


def import_message(summary: ImportSummary) -> str:
    return (
        gettext(
            "Comment table read. Comments added: %(added)s; updated: %(updated)s; "
            "disposed: %(disposed)s; unchanged: %(unchanged)s."
        )
        % summary.as_dict()
    )
