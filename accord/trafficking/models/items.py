"""Item registers, makes and models, imports, matching."""

from __future__ import annotations

__all__: list[str] = []
