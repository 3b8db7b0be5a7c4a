"""Background work: the e-mail task records failure honestly and retries a bounded number
of times; the outbox row of a participation change is handled by a task, a handler's
failure never reaches the user and is retried; the daily jobs run once however often the
worker looks; the operator page shows all of it to the Secretariat's administrators.

Most tests use the immediate backend (tests/settings.py); those marked "database
backend" queue real task rows and run them with `accord worker --batch`."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from accord.core import outbox, periodic
from accord.core.models import Notification, OutboxMessage, Party, PeriodicJob
from accord.core.notifications import notify_party

pytestmark = pytest.mark.django_db

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
HANDLER = "accord.expertise.services.rereview_on_participation_change"


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every message (as an SMTP server refusing a recipient)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"officer@example.org": (550, b"No such user")})


def flaky_handler(payload):
    """An outbox handler that fails while the setting says so."""
    from django.conf import settings

    if getattr(settings, "TEST_OUTBOX_FAIL", False):
        raise RuntimeError("the handler's service is down")
    Party.objects.filter(code=payload["party_code"]).update(name_en="Handled")


def _message():
    return _("Tracing request %(reference)s received.") % {"reference": "TR-1"}


@pytest.fixture
def officer(make_user, settings):
    settings.ACCORD_NOTIFY_BY_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = make_user("KAZ", roles=["customs_officer"])
    user.email = "officer@example.org"
    user.save(update_fields=["email"])
    return user


def _notify():
    with transaction.atomic():
        return notify_party(
            party=Party.objects.get(code="KAZ"),
            roles=["customs_officer"],
            kind="k",
            message=_message,
        )


# --- E-mail ------------------------------------------------------------------------------------


def test_a_refused_mail_is_not_stamped_and_shows_as_failed(
    officer, settings, api_client, make_user, client, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "accord.core.tests.test_worker.RefusingBackend"
    settings.ACCORD_TASK_MAX_ATTEMPTS = 3
    with django_capture_on_commit_callbacks(execute=True):
        _notify()
    stored = Notification.objects.get()
    assert stored.emailed_at is None
    assert stored.email_attempts == 3  # bounded retries, each recorded
    assert stored.email_failed_at is not None and stored.email_status == "failed"
    assert "SMTPRecipientsRefused" in stored.email_error and "No such user" in stored.email_error

    row = api_client(officer).get("/api/v1/notifications/").json()["results"][0]
    assert row["email_status"] == "failed" and row["emailed_at"] is None

    client.force_login(make_user("SEC", roles=["administrator"]))
    page = client.get(reverse("core:operations"))
    assert page.status_code == 200
    assert f'data-testid="mail-{stored.pk}"' in page.content.decode()


def test_a_delivered_mail_is_stamped(officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify()
    stored = Notification.objects.get()
    assert [m.to for m in mail.outbox] == [["officer@example.org"]]
    assert stored.emailed_at is not None and stored.email_status == "sent"
    assert stored.email_error == "" and stored.email_failed_at is None


@pytest.mark.django_db(transaction=True)
def test_database_backend_the_worker_sends_the_queued_mail(officer, settings):
    settings.TASKS = DATABASE_BACKEND
    settings.ACCORD_PERIODIC_JOBS = {}
    kaz = Party.objects.get(code="KAZ")
    with pytest.raises(RuntimeError), transaction.atomic():
        notify_party(party=kaz, roles=["customs_officer"], kind="k", message=_message)
        raise RuntimeError("the change is rolled back")
    assert not DBTaskResult.objects.exists()  # the task row went with the change
    _notify()
    # Queued, not sent: the request does not wait for the mail server.
    assert mail.outbox == []
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "accord.core.tasks.send_notification_emails"

    call_command("worker", "--batch", verbosity=0)

    assert [m.to for m in mail.outbox] == [["officer@example.org"]]
    assert Notification.objects.get().emailed_at is not None
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_database_backend_a_refused_mail_is_retried_later(officer, settings):
    settings.TASKS = DATABASE_BACKEND
    settings.ACCORD_PERIODIC_JOBS = {}
    settings.EMAIL_BACKEND = "accord.core.tests.test_worker.RefusingBackend"
    _notify()
    call_command("worker", "--batch", verbosity=0)

    stored = Notification.objects.get()
    assert stored.email_attempts == 1 and stored.email_status == "retrying"
    assert stored.emailed_at is None and stored.email_failed_at is None
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now()  # deferred, not hammered

    # When it is due and the server takes mail again, the retry delivers it.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("worker", "--batch", verbosity=0)
    stored.refresh_from_db()
    assert stored.emailed_at is not None and stored.email_attempts == 2
    assert len(mail.outbox) == 1


# --- Outbox ------------------------------------------------------------------------------------


ACCESSION = {
    "party": "RUS",
    "instrument": "APMBC",
    "kind": "accession",
    "date": "2031-03-01",
    "effective_date": "2031-09-01",
    "date_precision": "day",
    "status_confirmed": False,
    "date_confirmed": True,
}


def test_a_handler_failure_does_not_fail_the_request_and_is_retried(
    make_user, api_client, client, settings, django_capture_on_commit_callbacks
):
    settings.ACCORD_OUTBOX_HANDLERS = {
        "law.participation_changed": [HANDLER, "accord.core.tests.test_worker.flaky_handler"]
    }
    settings.TEST_OUTBOX_FAIL = True
    settings.ACCORD_TASK_MAX_ATTEMPTS = 2
    officer = api_client(make_user("SEC", roles=["secretariat_officer"]))
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(reverse("law-api:act-list"), ACCESSION, format="json")
    assert response.status_code == 201, response.content

    good = OutboxMessage.objects.get(handler=HANDLER)
    assert good.state == OutboxMessage.State.DONE and good.attempts == 1
    flaky = OutboxMessage.objects.get(handler__endswith="flaky_handler")
    assert flaky.state == OutboxMessage.State.PENDING and flaky.attempts == 1
    assert "the handler's service is down" in flaky.last_error
    assert flaky.next_attempt_at > timezone.now()
    assert Party.objects.get(code="RUS").name_en != "Handled"

    # Not yet due: the sweep leaves it alone.
    assert outbox.requeue_due() == 0
    # Due, still failing: the last attempt leaves it failed, shown on the operator page.
    assert outbox.requeue_due(now=flaky.next_attempt_at) == 1
    flaky.refresh_from_db()
    assert flaky.state == OutboxMessage.State.FAILED and flaky.attempts == 2

    admin = make_user("SEC", roles=["administrator"])
    client.force_login(admin)
    page = client.get(reverse("core:operations")).content.decode()
    assert f'data-testid="outbox-{flaky.pk}"' in page and "Retry" in page

    # The operator retries once the cause is fixed; the handler's work is done once.
    settings.TEST_OUTBOX_FAIL = False
    response = client.post(reverse("core:outbox-retry", kwargs={"pk": flaky.pk}))
    assert response.status_code == 302
    assert outbox.requeue_due() == 1
    flaky.refresh_from_db()
    assert flaky.state == OutboxMessage.State.DONE and flaky.handled_at is not None
    assert Party.objects.get(code="RUS").name_en == "Handled"
    assert outbox.handle(flaky.pk) == "gone"  # a repeated task does nothing


def test_a_row_whose_task_was_lost_is_delivered_by_the_sweep(db, party):
    """A crash between commit and enqueue loses the task, not the event."""
    with transaction.atomic():
        (row,) = outbox.publish(
            "law.participation_changed",
            {"party_code": "KAZ", "instrument_code": "APMBC", "act_id": 1, "change": "recorded"},
        )
    # (no on-commit callback ran: the pytest transaction never commits)
    assert outbox.requeue_due() == 0  # the on-commit task's lease
    assert outbox.requeue_due(now=timezone.now() + outbox.LEASE) == 1
    row.refresh_from_db()
    assert row.state == OutboxMessage.State.DONE


@pytest.mark.django_db(transaction=True)
def test_publish_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        outbox.publish("law.participation_changed", {})


# --- Daily jobs --------------------------------------------------------------------------------


def test_a_due_job_is_claimed_once(db, settings):
    settings.ACCORD_PERIODIC_JOBS = {
        "expertise.mark-expired": "accord.expertise.services.mark_expired"
    }
    now = timezone.now()
    assert periodic.enqueue_due(now) == ["expertise.mark-expired"]  # run at once (immediate)
    assert periodic.enqueue_due(now) == []  # a second worker looking at the same time
    job = PeriodicJob.objects.get()
    assert job.last_ok is True and job.last_result == "0"
    assert job.next_run_at > now and job.next_run_at - now <= dt.timedelta(days=1)
    assert periodic.enqueue_due(job.next_run_at) == ["expertise.mark-expired"]


def test_a_failing_job_is_recorded_and_due_again_soon(db, settings, client, make_user):
    settings.ACCORD_PERIODIC_JOBS = {"broken": "accord.core.tests.test_worker.no_such_function"}
    now = timezone.now()
    assert periodic.enqueue_due(now) == ["broken"]
    job = PeriodicJob.objects.get()
    assert job.last_ok is False and job.failures == 1 and "no_such_function" in job.last_error
    assert job.next_run_at <= timezone.now() + periodic.RETRY_AFTER_FAILURE
    client.force_login(make_user("SEC", roles=["administrator"]))
    assert 'data-testid="job-failed"' in client.get(reverse("core:operations")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_database_backend_the_worker_runs_the_daily_jobs_once(settings):
    settings.TASKS = DATABASE_BACKEND
    call_command("worker", "--batch", verbosity=0)
    jobs = {job.name: job for job in PeriodicJob.objects.all()}
    assert set(jobs) == {
        "trafficking.remind-tracing",
        "standards.close-ballots",
        "expertise.mark-expired",
        "core.prune-finished-work",
        "provision.recheck-clearances",
        "provision.remind-checks",
    }
    assert all(job.last_ok for job in jobs.values()), {j.name: j.last_error for j in jobs.values()}
    finished = {name: job.last_finished_at for name, job in jobs.items()}
    call_command("worker", "--batch", verbosity=0)  # a second run the same day: nothing due
    assert {j.name: j.last_finished_at for j in PeriodicJob.objects.all()} == finished
    assert DBTaskResult.objects.count() == 6


def test_the_worker_refuses_a_backend_that_is_not_the_database(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("worker", "--batch")


# --- Operator page -----------------------------------------------------------------------------


@pytest.mark.parametrize("roles", [["administrator"], ["secretariat_officer"]])
def test_the_operator_page_is_for_secretariat_administrators(make_user, client, roles):
    client.force_login(make_user("SEC", roles=roles))
    expected = 200 if roles == ["administrator"] else 404
    assert client.get(reverse("core:operations")).status_code == expected


def test_the_operator_page_is_not_for_a_state_administrator(make_user, client):
    client.force_login(make_user("RUS", roles=["administrator"]))
    assert client.get(reverse("core:operations")).status_code == 404
    job = PeriodicJob.objects.create(name="x")
    assert client.post(reverse("core:periodic-run-soon", kwargs={"pk": job.pk})).status_code == 404


# --- Background jobs ---------------------------------------------------------------------------


def broken_runner(**kwargs):
    raise RuntimeError("secret internals")


def test_an_unexpected_job_failure_is_generic_to_the_user_and_listed_for_operators(
    make_user, api_client, client
):
    from accord.core import jobs

    owner = make_user("KAZ", roles=["customs_officer"])
    job = jobs.start(owner=owner, kind="test.broken", runner=f"{__name__}.broken_runner")
    assert job.state == "failed" and job.error_status == 500
    body = api_client(owner).get(f"/api/v1/jobs/{job.pk}/").json()
    assert body["state"] == "failed" and "secret internals" not in str(body)
    assert api_client(make_user("KAZ")).get(f"/api/v1/jobs/{job.pk}/").status_code == 404

    client.force_login(make_user("SEC", roles=["administrator"]))
    page = client.get(reverse("core:operations")).content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "Background work" in title
    assert page.count(f'data-testid="background-job-{job.pk}"') == 1


@pytest.mark.django_db(transaction=True)
def test_database_backend_the_outbox_row_and_its_task_commit_with_the_change(settings):
    from accord.law.models import Instrument
    from accord.law.services import act_record

    settings.TASKS = DATABASE_BACKEND
    settings.ACCORD_PERIODIC_JOBS = {}
    with pytest.raises(RuntimeError), transaction.atomic():
        act_record(
            actor=None,
            party=Party.objects.get(code="KAZ"),
            instrument=Instrument.objects.get(code="APMBC"),
            kind="accession",
            date=dt.date(2026, 9, 1),
        )
        assert OutboxMessage.objects.count() == DBTaskResult.objects.count() == 1
        raise RuntimeError("rolled back")
    assert not OutboxMessage.objects.exists() and not DBTaskResult.objects.exists()

    act_record(
        actor=None,
        party=Party.objects.get(code="KAZ"),
        instrument=Instrument.objects.get(code="APMBC"),
        kind="accession",
        date=dt.date(2026, 9, 1),
    )
    (row,) = OutboxMessage.objects.all()
    assert row.state == OutboxMessage.State.PENDING  # handled by the worker, not the request
    call_command("worker", "--batch", verbosity=0)
    row.refresh_from_db()
    assert row.state == OutboxMessage.State.DONE and row.attempts == 1


# --- Housekeeping -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_old_finished_work_is_pruned_and_failures_are_kept_longer(officer, settings):
    """Successful task results and jobs go after 30 days, failed ones after 90; recent
    ones stay. Runs the real database backend's enqueue and worker."""
    from accord.core import housekeeping
    from accord.core.models import BackgroundJob

    settings.TASKS = DATABASE_BACKEND
    settings.ACCORD_PERIODIC_JOBS = {}
    owner = officer
    now = timezone.now()

    def job(state: str, age_days: int) -> BackgroundJob:
        return BackgroundJob.objects.create(
            kind="test",
            runner="x",
            owner=owner,
            state=state,
            finished_at=now - dt.timedelta(days=age_days),
        )

    old_ok, new_ok = job("done", 31), job("done", 29)
    old_failed, older_failed = job("failed", 31), job("failed", 91)
    _notify()
    call_command("worker", "--batch", verbosity=0)
    results = DBTaskResult.objects.finished()
    assert results.exists()
    results.update(finished_at=now - dt.timedelta(days=31))
    counted = results.count()

    assert housekeeping.prune_finished_work(now=now) == {"task_results": counted, "jobs": 2}
    left = set(BackgroundJob.objects.values_list("pk", flat=True))
    assert left == {new_ok.pk, old_failed.pk}
    assert old_ok.pk not in left and older_failed.pk not in left
    assert not DBTaskResult.objects.finished().exists()
    # Run again: nothing more to do.
    assert housekeeping.prune_finished_work(now=now) == {"task_results": 0, "jobs": 0}


def test_housekeeping_is_one_of_the_daily_jobs():
    from django.conf import settings

    assert (
        settings.ACCORD_PERIODIC_JOBS["core.prune-finished-work"]
        == "accord.core.housekeeping.prune_finished_work"
    )
