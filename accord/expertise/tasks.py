"""Background tasks of the expertise module (run by `accord worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def render_review_report(report_id: int) -> str:
    """Render a concluded review's PDF report once and store it."""
    from accord.expertise import stored_reports

    return stored_reports.render(report_id)
