"""The lesson sheet as PDF (`accord.reports.pdf`), in the language asked for, with the
item's classification as a banner at the top and bottom of every page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import override

from accord.knowledge.models import KnowledgeItem
from accord.reports.pdf import render_pdf

TEMPLATE = "knowledge/report/lesson_sheet.html"


def lesson_sheet_pdf(item: KnowledgeItem, *, language: str) -> bytes:
    """`item` must already have been read through `visible_to` by the caller."""
    with override(language):
        banner = str(item.get_classification_display()).upper()
        context: dict[str, Any] = {
            "item": item,
            "actions": list(item.actions.select_related("action_body")),
            "banner": banner.replace('"', ""),
            "LANGUAGE_CODE": language,
        }
    return render_pdf(TEMPLATE, context, language=language)
