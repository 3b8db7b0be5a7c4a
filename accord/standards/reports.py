"""The assessment report as PDF (WeasyPrint), in the language of the request: English or
Russian. Score, results per section, the gaps and the improvement plan; the facility's
marking on every page."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import get_language, override

from accord.reports.pdf import render_html, render_pdf
from accord.standards.models import Assessment
from accord.standards.selectors import facilities as selectors
from accord.standards.services import facilities as services


def assessment_report_context(assessment: Assessment) -> dict[str, Any]:
    answered, total = selectors.assessment_progress(assessment)
    return {
        "assessment": assessment,
        "facility": assessment.facility,
        "version": assessment.standard_version,
        "summary": services.assessment_summary(assessment),
        "sections": selectors.section_results(assessment),
        "gaps": list(selectors.gaps(assessment)),
        "actions": list(
            assessment.actions.select_related("answer__clause", "owner_user").order_by(
                "due_date", "id"
            )
        ),
        "answered": answered,
        "total": total,
        "removed_numbers": sorted(
            ((assessment.carry_over or {}).get("removed_numbers") or {}).values()
        ),
        "generated": timezone.now(),
    }


TEMPLATE = "standards/facilities/report/assessment.html"


def _context(assessment: Assessment, language: str) -> dict[str, Any]:
    with override(language):
        return assessment_report_context(assessment)


def assessment_html(assessment: Assessment, language: str | None = None) -> str:
    language = language or get_language() or "en"
    return render_html(TEMPLATE, _context(assessment, language), language=language)


def assessment_pdf(
    assessment: Assessment, *, actor: Any = None, language: str | None = None
) -> bytes:
    """The assessment report as PDF bytes, in `language` (default: the active one)."""
    language = language or get_language() or "en"
    return render_pdf(TEMPLATE, _context(assessment, language), language=language)
