"""`accord demo` run twice: the second run changes nothing (the number of rows of every
model stays the same) and says so, and every section still reports what is there (the
item total, the incidents linked to each operation, the standards and facilities)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from accord.core.management.commands.demo import record_counts

pytestmark = pytest.mark.django_db


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def line(output: str, pattern: str) -> str:
    found = re.search(pattern, output, re.MULTILINE)
    assert found is not None, (pattern, output)
    return found.group(0)


def test_the_second_demo_run_changes_nothing_and_says_so() -> None:
    first = run_demo()
    counts = record_counts()
    second = run_demo()
    assert record_counts() == counts
    assert "Demo data loaded:" in first and "Nothing changed" not in first
    assert second.rstrip().endswith("Nothing changed: the demo data was already loaded.")
    # the same totals, whichever run added the records
    total = r"^Trafficking items: .*\((\d+) in the demo registers\)\.$"
    assert re.search(total, first, re.M).group(1) == re.search(total, second, re.M).group(1)  # type: ignore[union-attr]
    for code in ("DEMO-OP-SILENT-STEPPE", "DEMO-OP-CASPIAN-GATE"):
        linked = rf"^  operation {code}: \w+, (\d+) incidents linked$"
        assert line(first, linked) == line(second, linked)
        assert re.search(linked, second, re.M).group(1) != "0"  # type: ignore[union-attr]
    # the standards section reports the standard, its ballot and the facilities
    assert line(second, r"^  standard ACC-PS 1: already loaded \(v1 .*, v2 .*\)$")
    assert line(second, r"^  ACC-PS 1 v2: already loaded \(10 comments, ballot .* 4 votes\)$")
    facilities = re.findall(r"^  facility (.*?):", first, re.M)
    assert len(facilities) == 4
    assert re.findall(r"^  facility (.*?): already loaded$", second, re.M) == facilities
