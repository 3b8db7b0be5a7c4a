"""The operator page: the daily jobs, the outbox and the e-mails that failed, for the
Secretariat's administrators (anyone else: 404, as for a record they may not see)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord.core import periodic, services
from accord.core.models import BackgroundJob, Notification, OutboxMessage, PeriodicJob
from accord.core.permissions import acting_user


def _require_operator(request: HttpRequest) -> None:
    from accord.core.permissions import is_secretariat_administrator

    if not is_secretariat_administrator(request.user):
        raise Http404


@login_required
def operations(request: HttpRequest) -> HttpResponse:
    _require_operator(request)
    periodic.ensure_rows()
    outbox = OutboxMessage.objects.order_by("-id")
    mail = Notification.objects.filter(email_attempts__gt=0, emailed_at__isnull=True)
    return render(
        request,
        "core/operations.html",
        {
            "jobs": PeriodicJob.objects.filter(name__in=list(periodic.jobs())),
            "outbox_failed": outbox.filter(state=OutboxMessage.State.FAILED)[:100],
            "outbox_pending": outbox.filter(state=OutboxMessage.State.PENDING)[:100],
            "outbox_done": outbox.filter(state=OutboxMessage.State.DONE)[:20],
            "mail_failed": mail.select_related("recipient").order_by("-id")[:100],
            "jobs_failed": BackgroundJob.objects.filter(state=BackgroundJob.State.FAILED)
            .select_related("owner")
            .order_by("-id")[:50],
        },
    )


@login_required
@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    _require_operator(request)
    message = get_object_or_404(OutboxMessage, pk=pk)
    services.outbox_retry(actor=acting_user(request), message=message)
    messages.success(request, _("The event will be handled again."))
    return redirect("core:operations")


@login_required
@require_POST
def periodic_run_soon(request: HttpRequest, pk: int) -> HttpResponse:
    _require_operator(request)
    job = get_object_or_404(PeriodicJob, pk=pk)
    services.periodic_job_run_soon(actor=acting_user(request), job=job)
    messages.success(request, _("The worker will run the job within a minute."))
    return redirect("core:operations")
