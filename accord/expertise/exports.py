"""CSV and JSON exports of the register and the interoperability matrix (to be filled in)."""

from __future__ import annotations

from typing import Any


def register_csv(systems: Any) -> str:
    raise NotImplementedError


def register_json(systems: Any) -> dict[str, Any]:
    raise NotImplementedError


def matrix_csv(versions: Any, parties: Any, cells: Any) -> str:
    raise NotImplementedError


def matrix_json(versions: Any, parties: Any, cells: Any) -> dict[str, Any]:
    raise NotImplementedError
