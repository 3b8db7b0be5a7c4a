"""Validation of OSCAL JSON documents against NIST's official OSCAL JSON schemas.

The schemas in `schema/` are NIST's release artefacts (public domain), copied unchanged
from the OSCAL 1.2.0 release as vendored by compliance-trestle (`release-schemas/`).
They write token patterns with Unicode property classes (`\\p{L}`, `\\p{N}`), which
Python's `re` does not know; `_python_pattern` rewrites them to their `re` equivalents
(`[^\\W\\d_]` for letters, `\\d` for Unicode decimal digits — `\\p{N}` also admits other
numerals such as superscripts, which no identifier we write contains).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, validators
from jsonschema.exceptions import ValidationError

SCHEMA_DIR = Path(__file__).parent / "schema"

_UNICODE_CLASSES = {r"\p{L}": r"[^\W\d_]", r"\p{N}": r"\d"}


def _python_pattern(pattern: str) -> str:
    for oscal, python in _UNICODE_CLASSES.items():
        pattern = pattern.replace(oscal, python)
    return pattern


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(_python_pattern(pattern))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


OscalValidator = validators.extend(Draft7Validator, {"pattern": _pattern})


@functools.lru_cache(maxsize=8)
def schema(name: str) -> dict[str, Any]:
    """A schema of `schema/`, e.g. schema("oscal_catalog_schema.json")."""
    with (SCHEMA_DIR / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def errors(document: Any, schema_name: str) -> list[str]:
    """Every way `document` breaks the schema, as "path: message" lines (empty if valid)."""
    validator = OscalValidator(schema(schema_name))
    found = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        path = "/".join(str(p) for p in error.absolute_path) or "(document)"
        found.append(f"{path}: {error.message}")
    return found
