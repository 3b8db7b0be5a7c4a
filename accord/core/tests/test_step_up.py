"""Issue 19: "Signing a conclusion, a ballot vote, an acceptance or a decision asks for the
password or second factor again (step-up), recorded in the audit event."

With ACCORD_STEP_UP_SIGNATURES on (the production default): a vote or a conclusion without
the confirmation, or with a wrong one, is refused on the `confirm` field (page and API),
changes nothing, and the failure is audited; the password or the current one-time code
is accepted, and the audit event of the signature says which."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_step_up_on")]

PASSWORD = "correct-horse-battery-9"
BASE = "/api/v1/standards"


@pytest.fixture
def _step_up_on() -> Any:
    with override_settings(ACCORD_STEP_UP_SIGNATURES=True):
        yield


@pytest.fixture
def ballot(make_user: Any) -> Any:
    from accord.standards.models import StandardVersion
    from accord.standards.services import consultation, drafting
    from accord.standards.tests.conftest import build_tree, make_standard

    editor = make_user("SEC", roles=["secretariat_officer", "standards_editor"])
    standard = make_standard(editor)
    version = standard.versions.get()
    build_tree(editor, version)
    drafting.version_set_stage(
        actor=editor, version=version, stage=StandardVersion.Stage.COMMITTEE_DRAFT
    )
    version.refresh_from_db()
    return consultation.ballot_open(
        actor=editor, version=version, closes_on=timezone.localdate() + dt.timedelta(days=9)
    )


def _vote_event(voter: Any) -> dict[str, Any]:
    event = AuditEvent.objects.filter(action="standards.vote.cast", actor=voter).get()
    return json.loads(event.after)


def test_a_vote_through_the_api_needs_the_password_or_code(
    api_client: Any, make_user: Any, ballot: Any
) -> None:
    from accord.standards.models import Vote

    voter = make_user("KAZ", roles=["standards_editor"])
    client = api_client(voter)
    url = f"{BASE}/ballots/{ballot.pk}/votes/"
    missing = client.post(url, {"vote": "approve"}, format="json")
    assert missing.status_code == 400 and "confirm" in missing.json()["errors"]
    wrong = client.post(url, {"vote": "approve", "confirm": "guess"}, format="json")
    assert wrong.status_code == 400 and "confirm" in wrong.json()["errors"]
    assert not Vote.objects.exists()
    failed = AuditEvent.objects.filter(action="session.step_up_failed", actor=voter)
    assert failed.count() == 1 and failed.get().outcome == "denied"

    ok = client.post(url, {"vote": "approve", "confirm": PASSWORD}, format="json")
    assert ok.status_code == 201, ok.content
    assert "confirm" not in ok.json()
    assert _vote_event(voter)["confirmed_by"] == "password"


def test_a_vote_through_the_page_accepts_the_one_time_code(
    client: Any, make_user: Any, ballot: Any
) -> None:
    from accord.standards.models import Vote

    voter = make_user("ARM", roles=["standards_editor"])
    device = TOTPDevice.objects.create(user=voter, name="phone", confirmed=True)
    client.force_login(voter)
    session = client.session  # signed in with that device (django_otp's session key)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    url = reverse("standards:ballot-vote", kwargs={"pk": ballot.pk})
    page = client.get(reverse("standards:ballot-detail", kwargs={"pk": ballot.pk})).content
    assert b'name="confirm"' in page

    refused = client.post(url, {"vote": "approve", "confirm": "000000x"})
    assert refused.status_code == 400 and not Vote.objects.exists()
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    done = client.post(url, {"vote": "approve", "confirm": code})
    assert done.status_code == 302
    assert _vote_event(voter)["confirmed_by"] == "second_factor"


def test_a_conclusion_needs_the_confirmation_on_the_api(api_client: Any, make_user: Any) -> None:
    from accord.core.tests.marked import BUILDERS
    from accord.expertise.models import Conclusion, Review
    from accord.expertise.services.review import participant_name_reviewers

    owner = make_user("RUS", roles=["legal_adviser", "lead_reviewer"])
    review, _ = BUILDERS["expertise.Review"].build(owner, "stepup")
    participant_name_reviewers(actor=owner, review=review, lead_reviewer=owner, reviewers=[])
    Review.objects.filter(pk=review.pk).update(state=Review.State.DELIBERATION)
    client = api_client(owner)
    url = f"/api/v1/expertise/reviews/{review.pk}/conclusions/"
    body = {"outcome": "lawful", "reasoning": "Checked."}
    refused = client.post(url, body, format="json")
    assert refused.status_code == 400 and "confirm" in refused.json()["errors"]
    assert not Conclusion.objects.exists()
    signed = client.post(url, {**body, "confirm": PASSWORD}, format="json")
    assert signed.status_code == 201, signed.content
    assert Conclusion.objects.get().confirmed_by == "password"
