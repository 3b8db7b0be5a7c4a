"""Notifications: who receives them, in which languages, and when e-mail goes out."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accord.core.models import Notification, Party
from accord.core.notifications import notify_party

pytestmark = pytest.mark.django_db


def _message():
    return _("Tracing request %(reference)s received.") % {"reference": "TR-1"}


def test_party_users_with_the_role_are_notified_in_both_languages(make_user):
    officer = make_user("KAZ", roles=["customs_officer"])
    make_user("KAZ", roles=["legal_adviser"])  # no role: not notified
    make_user("RUS", roles=["customs_officer"])  # other party: not notified
    away = make_user("KAZ", roles=["customs_officer"])
    away.is_active = False  # an inactive account: not notified
    away.save(update_fields=["is_active"])

    rows = notify_party(
        party=Party.objects.get(code="KAZ"),
        roles=["customs_officer"],
        kind="tracing.received",
        message=_message,
        link="/trafficking/tracing/1/",
    )

    assert [n.recipient for n in rows] == [officer]
    stored = Notification.objects.get()
    assert stored.message_en == "Tracing request TR-1 received."
    assert stored.message_ru and stored.message_ru != stored.message_en
    assert stored.read_at is None and stored.link == "/trafficking/tracing/1/"


@pytest.mark.django_db(transaction=True)
def test_email_goes_out_only_after_commit_and_only_when_configured(make_user, settings):
    settings.ACCORD_NOTIFY_BY_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    officer = make_user("KAZ", roles=["customs_officer"])
    officer.email = "officer@example.org"
    officer.save(update_fields=["email"])
    kaz = Party.objects.get(code="KAZ")

    with pytest.raises(RuntimeError), transaction.atomic():
        notify_party(party=kaz, roles=["customs_officer"], kind="k", message=_message)
        raise RuntimeError("the change is rolled back")
    assert mail.outbox == [] and not Notification.objects.exists()

    with transaction.atomic():
        notify_party(party=kaz, roles=["customs_officer"], kind="k", message=_message)
        assert mail.outbox == []
    assert [m.to for m in mail.outbox] == [["officer@example.org"]]
    assert Notification.objects.get().emailed_at is not None

    settings.ACCORD_NOTIFY_BY_EMAIL = False
    notify_party(party=kaz, roles=["customs_officer"], kind="k", message=_message)
    assert len(mail.outbox) == 1


def test_api_list_is_paginated_and_bounded(make_user, api_client):
    officer = make_user("KAZ", roles=["customs_officer"])
    notify_party(
        party=Party.objects.get(code="KAZ"), roles=["customs_officer"], kind="k", message=_message
    )
    client = api_client(officer)
    body = client.get("/api/v1/notifications/", {"limit": "99999999999999999999"}).json()
    assert body["count"] == 1 and len(body["results"]) == 1
    # A limit that is not a whole number is a 400 naming it (issue 17's fuzz run), not the
    # default page.
    assert client.get("/api/v1/notifications/", {"limit": "x"}).status_code == 400
