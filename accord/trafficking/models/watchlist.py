"""Watchlist entities and screening."""

from __future__ import annotations

__all__: list[str] = []
