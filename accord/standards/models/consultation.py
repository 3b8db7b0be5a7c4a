"""Comments on drafts and ballots on versions."""

from __future__ import annotations

__all__: list[str] = []
