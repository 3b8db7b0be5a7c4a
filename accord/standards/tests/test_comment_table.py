"""The comment table: XLSX export in the commenting-template layout, and import back."""

# ruff: noqa: F811  (the shared fixtures are imported from test_comments)

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from accord.core.errors import ValidationFailed
from accord.core.models import AuditEvent
from accord.standards import comment_table
from accord.standards.models import Comment, StandardVersion
from accord.standards.services import consultation as services
from accord.standards.tests.test_comments import committee_draft, voters  # noqa: F401

pytestmark = pytest.mark.django_db

HEADER = [
    "Id",
    "MB/NC",
    "Line number",
    "Clause/Subclause",
    "Paragraph/Figure/Table",
    "Type of comment",
    "Comments",
    "Proposed change",
    "Observations of the secretariat",
]


def export(version: StandardVersion) -> bytes:
    return comment_table.export_xlsx(
        version=version, comments=Comment.objects.filter(standard_version=version).order_by("id")
    )


def rows_of(data: bytes) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def workbook(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def commented(voters, committee_draft) -> StandardVersion:
    clause = committee_draft.clauses.get(number="4.1")
    services.comment_add(
        actor=voters["RUS"],
        version=committee_draft,
        clause=clause,
        type="technical",
        line="12",
        paragraph="Table 1",
        comment="Range too short for PC3.",
        proposed_change="Raise it to 4000 m.",
    )
    disposed = services.comment_add(
        actor=voters["KAZ"], version=committee_draft, type="general", comment="Add a glossary."
    )
    services.comment_dispose(
        actor=voters["editor"], comment=disposed, disposition="noted", reason="Next edition."
    )
    return committee_draft


def test_export_layout(commented):
    rows = rows_of(export(commented))
    assert rows[0] == HEADER
    first, second = rows[1], rows[2]
    assert first[1:8] == [
        "RUS",
        "12",
        "4.1",
        "Table 1",
        "te",
        "Range too short for PC3.",
        "Raise it to 4000 m.",
    ]
    assert first[8] in (None, "")
    assert second[1] == "KAZ" and second[3] in (None, "") and second[5] == "ge"
    assert second[8] == "Noted: Next edition."


def test_import_reads_columns_by_position_whatever_the_header_language(voters, commented):
    rows = rows_of(export(commented))
    rows[0] = [
        "№",
        "Сторона",
        "Строка",
        "Пункт",
        "Абзац",
        "Тип",
        "Замечание",
        "Изменение",
        "Решение",
    ]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    summary = comment_table.import_xlsx(
        actor=voters["editor"], version=commented, data=out.getvalue()
    )
    assert summary.unchanged == 2


def test_round_trip_unchanged(voters, commented):
    summary = comment_table.import_xlsx(
        actor=voters["editor"], version=commented, data=export(commented)
    )
    assert summary.as_dict() == {"added": 0, "updated": 0, "disposed": 0, "unchanged": 2}


def test_import_disposes_and_adds(voters, commented):
    rows = rows_of(export(commented))[1:]
    rows[0][8] = "Accepted in principle: Raised to 3500 m."
    summary = comment_table.import_xlsx(
        actor=voters["editor"],
        version=commented,
        data=workbook(
            [*rows, ["", "SEC", "", "5.1", "", "ed", "Quarterly → every three months.", "", ""]]
        ),
    )
    assert summary.disposed == 1 and summary.added == 1 and summary.unchanged == 1
    rus = Comment.objects.get(party__code="RUS")
    assert rus.disposition == "accepted_in_principle"
    assert rus.disposition_reason == "Raised to 3500 m."
    new = Comment.objects.get(party__code="SEC")
    assert new.clause_number == "5.1" and new.type == "editorial"
    assert AuditEvent.objects.filter(action="standards.comment_table.import").count() == 1
    # and the second export shows it all
    again = rows_of(export(commented))
    assert again[1][8] == "Accepted in principle: Raised to 3500 m."


def test_import_by_a_member_party_adds_its_comments(voters, commented):
    data = workbook(
        [["", "", "7", "4.2", "", "te", "Log retention period missing.", "90 days", ""]]
    )
    summary = comment_table.import_xlsx(actor=voters["ARM"], version=commented, data=data)
    assert summary.added == 1
    assert Comment.objects.filter(party__code="ARM", clause_number="4.2").exists()


def test_russian_labels_are_read(voters, commented):
    rows = rows_of(export(commented))[1:]
    rows[0][8] = "Отклонено: Не соответствует области применения."
    rows[0][5] = "te"
    from django.utils import translation

    with translation.override("ru"):
        label = str(Comment.Disposition.REJECTED.label)
    rows[0][8] = f"{label}: Не соответствует области применения."
    comment_table.import_xlsx(actor=voters["editor"], version=commented, data=workbook(rows))
    assert Comment.objects.get(party__code="RUS").disposition == "rejected"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["", "", "", "", "", "xx", "Text", "", ""], "Row 2"),
        (["", "", "", "9.9", "", "te", "Text", "", ""], "9.9"),
        (["", "", "", "", "", "te", "", "", ""], "Row 2"),
        (["", "KAZ", "", "", "", "te", "Text", "", ""], "Row 2"),
        (["99999", "", "", "", "", "te", "Text", "", ""], "99999"),
        (["abc", "", "", "", "", "te", "Text", "", ""], "Row 2"),
        (["", "", "", "", "", "te", "Text", "", "Perhaps: later"], "Row 2"),
    ],
)
def test_bad_row_rejects_the_whole_file(voters, commented, row, expected):
    good = ["", "", "", "", "", "ed", "A good comment", "", ""]
    before = Comment.objects.count()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        comment_table.import_xlsx(
            actor=voters["RUS"], version=commented, data=workbook([good, row])
        )
    message = str(exc.value.errors["file"][0])
    assert "Row 3" in message or expected in message
    assert Comment.objects.count() == before
    assert AuditEvent.objects.count() == events


def test_member_cannot_dispose_through_the_table(voters, commented):
    rows = rows_of(export(commented))[1:]
    rows[0][8] = "Accepted: fine"
    with pytest.raises(ValidationFailed) as exc:
        comment_table.import_xlsx(actor=voters["RUS"], version=commented, data=workbook(rows))
    assert "Row 2" in str(exc.value.errors["file"][0])
    assert Comment.objects.get(party__code="RUS").disposition == ""


def test_not_a_workbook(voters, commented):
    with pytest.raises(ValidationFailed) as exc:
        comment_table.import_xlsx(actor=voters["RUS"], version=commented, data=b"not xlsx")
    assert "file" in exc.value.errors
