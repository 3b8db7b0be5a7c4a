"""The assessment report as PDF (WeasyPrint), in the language of the request: English or
Russian. Score, results per section, the gaps and the improvement plan; the facility's
marking on every page."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, override

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


def assessment_html(assessment: Assessment, language: str | None = None) -> str:
    with override(language or get_language() or "en"):
        return render_to_string(
            "standards/facilities/report/assessment.html", assessment_report_context(assessment)
        )


def assessment_pdf(
    assessment: Assessment, *, actor: Any = None, language: str | None = None
) -> bytes:
    """The assessment report as PDF bytes, in `language` (default: the active one)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = assessment_html(assessment, language)
    # The report is self-contained: it fetches nothing, whatever the text in it says.
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()), base_url=None)
    pdf = document.write_pdf()
    assert pdf is not None
    return bytes(pdf)
