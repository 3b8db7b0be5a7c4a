"""Money is exact: no binary floating point anywhere in the module's code."""

from __future__ import annotations

import re
from pathlib import Path

MODULE = Path(__file__).resolve().parents[1]
FLOAT = re.compile(r"\bfloat\s*\(|FloatField|\bfloat\b")


def test_no_float_in_the_module_source():
    offenders = []
    for path in MODULE.rglob("*.py"):
        if "tests" in path.relative_to(MODULE).parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if FLOAT.search(line) and "float-ok" not in line:
                offenders.append(f"{path.relative_to(MODULE)}:{number}: {line.strip()}")
    assert not offenders, offenders


def test_the_grep_finds_a_float():
    assert FLOAT.search("x = float(amount)") and FLOAT.search("models.FloatField()")
