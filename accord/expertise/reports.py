"""The bilingual PDF report of a concluded review (to be filled in)."""

from __future__ import annotations

from typing import Any


def review_pdf(review: Any) -> bytes:
    raise NotImplementedError
