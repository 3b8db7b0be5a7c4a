"""Issue 17, point 5: one guarded writer for every CSV.

Another party's text reached a user's CSV raw (tracing requests, bulk screening results,
the law module's files): a cell starting with `=` ran as a formula in the reader's
spreadsheet. Every CSV is now written by `accord.reports.tabular`, which guards such
cells. This test fails when a module writes CSV around it (imports the `csv` module or
calls its writers), and checks the writers the issue named (the tracing CSV is checked by
`trafficking/tests`; every CSV response body today comes from `tabular.csv_text/stream`).
"""

from __future__ import annotations

import ast
import types
from pathlib import Path

import accord

ROOT = Path(accord.__file__).parent
# The one writer and reader.
ALLOWED = {"reports/tabular.py"}
FORMULA = "=HYPERLINK(1)"


def _sources() -> list[tuple[str, ast.Module]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{relative}" or relative in ALLOWED or "/migrations/" in relative:
            continue
        found.append((relative, ast.parse(path.read_text(encoding="utf-8"), relative)))
    return found


def _writes_csv_itself(tree: ast.Module) -> list[str]:
    """`import csv`, `from csv import ...`, or a `.writer(` / `.DictWriter(` on `csv`."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name == "csv" for a in node.names):
            found.append(f"line {node.lineno}: import csv")
        elif isinstance(node, ast.ImportFrom) and node.module == "csv":
            found.append(f"line {node.lineno}: from csv import")
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in {"writer", "DictWriter"}
            and isinstance(node.value, ast.Name)
            and node.value.id == "csv"
        ):
            found.append(f"line {node.lineno}: csv.{node.attr}")
    return found


def test_no_module_writes_csv_around_the_kernel_writer() -> None:
    sources = _sources()
    assert len(sources) > 100  # the walk did find Accord's modules
    offenders = {name: hits for name, tree in sources if (hits := _writes_csv_itself(tree))}
    assert offenders == {}


def test_the_check_catches_a_module_that_writes_csv_itself() -> None:
    tree = ast.parse("import csv\nw = csv.writer(out)\n")
    assert _writes_csv_itself(tree) == ["line 1: import csv", "line 2: csv.writer"]


def test_bulk_screening_results_guard_formulas() -> None:
    from accord.trafficking.screening import BulkRow, bulk_rows_csv

    text = bulk_rows_csv([BulkRow(2, FORMULA, "person", "", [], [])])
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_law_files_guard_formulas() -> None:
    from accord.law import csvio

    instrument = types.SimpleNamespace(
        code="X-1",
        parent_id=None,
        short_name_en=FORMULA,
        title_en="-1+1",
        adopted=None,
        entry_into_force=None,
        entry_into_force_year_only=False,
        kind="treaty",
        scope_note_en="@SUM(A1)",
        short_name_ru="",
        title_ru="",
        scope_note_ru="",
        activities=[],
        conflicts=[],
        reciprocity=False,
        forbids_assistance=False,
    )
    text = csvio.write_instruments([instrument])
    assert "'=HYPERLINK" in text and "'-1+1" in text and "'@SUM(A1)" in text
    assert ",=HYPERLINK" not in text
