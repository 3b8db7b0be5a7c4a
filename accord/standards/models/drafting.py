"""Standards, versions, clauses, comments, ballots, comparisons."""

from __future__ import annotations

__all__: list[str] = []
