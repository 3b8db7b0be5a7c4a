"""The review report as a stored document: rendered once, by a task, then served as is.

`review_report(review=..., language=...)` returns the stored `ReviewReport` for what the
review is now (its fingerprint), creating it and queueing the rendering task when there
is none; the page (and the API) answer at once: the file when it is ready, "being
prepared" otherwise. The rendering itself is `reports.review_pdf`, called in one place
(`render`), so a change of renderer touches nothing here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import traceback

from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accord.core.errors import Conflict
from accord.expertise.models import Review, ReviewReport

logger = logging.getLogger(__name__)

# A report still "being prepared" after this long lost its task (a worker crash): queue
# it again.
STALE = dt.timedelta(minutes=10)


def fingerprint(review: Review) -> str:
    """What the report prints that may change after the conclusion."""
    parts = [
        review.pk,
        review.classification,
        review.release,
        sorted(review.released_to.values_list("pk", flat=True)),
        review.concluded_at.isoformat() if review.concluded_at else "",
        review.rereview_marked_at.isoformat() if review.rereview_marked_at else "",
        review.conclusion_event_hash,
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def review_report(*, review: Review, language: str) -> ReviewReport:
    """The stored report of `review` in `language` (Conflict unless concluded); queues
    its rendering when it is new, failed, or lost its task."""
    if review.state != Review.State.CONCLUDED:
        raise Conflict(_("Only a concluded review has a report; this one is not concluded."))
    now = timezone.now()
    report, created = ReviewReport.objects.get_or_create(
        review=review,
        language=language,
        fingerprint=fingerprint(review),
        defaults={"requested_at": now},
    )
    again = report.state == ReviewReport.State.FAILED or (
        report.state == ReviewReport.State.PREPARING and report.requested_at < now - STALE
    )
    if again:
        claimed = ReviewReport.objects.filter(pk=report.pk, state=report.state).update(
            state=ReviewReport.State.PREPARING, requested_at=now
        )
        again = bool(claimed)
    if created or again:
        from accord.expertise.tasks import render_review_report

        # Queued in the caller's transaction: with the database backend the task row
        # commits with the report row (the page's request is not atomic: at once).
        render_review_report.enqueue(report.pk)
        report.refresh_from_db()
    return report


def file_response(report: ReviewReport) -> HttpResponse:
    """The stored file as a download (the same bytes every time; its SHA-256 as ETag)."""
    with report.file.open("rb") as stored:
        content = stored.read()
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="review-{report.review_id}.pdf"'
    response["ETag"] = f'"{report.sha256}"'
    return response


def render(report_id: int) -> str:
    """Render and store one report (the task's body); returns the state reached."""
    from accord.expertise import reports

    report = ReviewReport.objects.select_related("review").filter(pk=report_id).first()
    if report is None or report.state == ReviewReport.State.READY:
        return "gone" if report is None else report.state
    try:
        with translation.override(report.language):
            pdf = reports.review_pdf(report.review)
    except Exception as exc:
        logger.exception("Rendering the report of review %s failed", report.review_id)
        ReviewReport.objects.filter(pk=report.pk).update(
            state=ReviewReport.State.FAILED,
            error="".join(traceback.format_exception(exc))[-4000:],
        )
        return ReviewReport.State.FAILED
    digest = hashlib.sha256(pdf).hexdigest()
    report.file.save(
        f"review-{report.review_id}-{report.language}-{digest[:16]}.pdf",
        ContentFile(pdf),
        save=False,
    )
    report.sha256 = digest
    report.size = len(pdf)
    report.state = ReviewReport.State.READY
    report.ready_at = timezone.now()
    report.error = ""
    report.save(update_fields=["file", "sha256", "size", "state", "ready_at", "error"])
    return report.state
