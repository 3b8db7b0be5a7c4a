"""Facilities, assessments, improvement plans, aggregates."""

from __future__ import annotations

__all__: list[str] = []
