"""Joint operations, the dashboard, exports."""

from __future__ import annotations

__all__: list[str] = []
