"""Incidents, their items and entities, correlation, MISP."""

from __future__ import annotations

__all__: list[str] = []
