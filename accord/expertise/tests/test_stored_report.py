"""The review report is rendered once, by a task, and stored: the page and the API answer
at once with the stored file, or "being prepared" (202) with a link that works when the
worker has made it."""

import hashlib

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accord.core.models import AuditEvent, Classification
from accord.expertise.models import Review, ReviewReport
from accord.expertise.tests.test_report import conclude

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _page(review):
    return reverse("expertise:report-pdf", kwargs={"pk": review.pk})


def _api(review):
    return reverse("expertise-api:review-report", kwargs={"pk": review.pk})


def test_the_report_is_made_once_and_served_as_stored(client, people, review):
    concluded = conclude(people, review)
    client.force_login(people["kaz"])
    first = client.get(_page(concluded))
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    (stored,) = ReviewReport.objects.all()
    assert stored.state == ReviewReport.State.READY and stored.language == "en"
    assert stored.sha256 == hashlib.sha256(first.content).hexdigest()
    assert first["ETag"] == f'"{stored.sha256}"'

    second = client.get(_page(concluded))
    assert second.content == first.content  # the same bytes: not rendered again
    assert ReviewReport.objects.count() == 1
    assert ReviewReport.objects.get().ready_at == stored.ready_at

    # A new marking prints differently, so it is a new report.
    Review.objects.filter(pk=concluded.pk).update(classification=Classification.CONFIDENTIAL)
    third = client.get(_page(concluded))
    assert third.status_code == 200 and ReviewReport.objects.count() == 2
    assert third["ETag"] != first["ETag"]


def test_a_report_that_failed_is_tried_again(client, people, review):
    concluded = conclude(people, review)
    client.force_login(people["kaz"])
    client.get(_page(concluded))
    ReviewReport.objects.update(state=ReviewReport.State.FAILED, file="", error="boom")
    again = client.get(_page(concluded))
    assert again.status_code == 200 and again.content.startswith(b"%PDF")
    assert ReviewReport.objects.get().state == ReviewReport.State.READY


@pytest.mark.django_db(transaction=True)
def test_database_backend_being_prepared_then_served(client, people, review, settings, api_client):
    settings.TASKS = DATABASE_BACKEND
    settings.ACCORD_PERIODIC_JOBS = {}
    concluded = conclude(people, review)
    client.force_login(people["kaz"])

    waiting = client.get(_page(concluded))
    assert waiting.status_code == 202
    assert 'data-testid="report-preparing"' in waiting.content.decode()
    assert _page(concluded) in waiting.content.decode()  # the link that works when done
    assert "no-store" in waiting["Cache-Control"]
    assert not AuditEvent.objects.filter(action="view").exists()  # nothing read yet

    api = api_client(people["kaz"])
    pending = api.get(_api(concluded))
    assert pending.status_code == 202
    assert pending.json()["state"] == "preparing" and pending.json()["url"].endswith(
        _api(concluded)
    )
    assert DBTaskResult.objects.count() == 1  # asked twice, rendered once

    call_command("worker", "--batch", verbosity=0)

    ready = client.get(_page(concluded))
    assert ready.status_code == 200 and ready.content.startswith(b"%PDF")
    from_api = api.get(_api(concluded))
    assert from_api.status_code == 200 and from_api["Content-Type"] == "application/pdf"
    assert from_api.content == ready.content
    assert ReviewReport.objects.get().sha256 == hashlib.sha256(ready.content).hexdigest()


def test_the_api_report_follows_the_review_access_rule(people, review, api_client):
    concluded = conclude(people, review)
    assert api_client(people["arm"]).get(_api(concluded)).status_code == 404
    assert api_client(people["kaz"]).get(_api(review)).status_code == 200


def test_the_api_report_of_a_review_not_concluded_is_409(people, review, api_client):
    assert api_client(people["rus"]).get(_api(review)).status_code == 409
    assert not ReviewReport.objects.exists()
