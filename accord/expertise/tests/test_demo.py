"""The expertise demo: loaded through the real services, safe to run twice, with reviews at
every state — one concluded with a condition and a dissent, one where a party concludes
"unlawful" under a treaty that binds it alone — and an audit trail that verifies."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from accord.accounts.demo import demo_password
from accord.accounts.models import User
from accord.core.models import AuditEvent, Party
from accord.expertise.models import (
    Conclusion,
    ContingentAssignment,
    Finding,
    InformationRequest,
    Review,
    WeaponSystem,
)
from accord.law.engine import statuses
from accord.law.models import Instrument

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            WeaponSystem,
            Review,
            Finding,
            Conclusion,
            InformationRequest,
            ContingentAssignment,
            AuditEvent,
            User,
        )
    }


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the demo's evidence files
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_the_demo_runs_twice_without_duplicates(demo):
    assert "Expertise: 6 demo systems added" in demo
    assert "blr.legal" in demo and demo_password("blr.legal") in demo
    before = _counts()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "Expertise: 0 demo systems added" in out.getvalue()
    assert _counts() == before  # nothing added, not even an audit event
    designations = list(WeaponSystem.objects.values_list("designation", flat=True))
    assert len(designations) == len(set(designations))
    assert all("(fictional)" in d for d in designations)
    call_command("audit", "verify", stdout=io.StringIO())  # raises when the chain is broken


def test_reviews_exist_at_every_state(demo):
    states = set(Review.objects.values_list("state", flat=True))
    assert states == set(Review.State.values)
    in_review = Review.objects.get(state=Review.State.IN_REVIEW)
    assert in_review.requests.filter(state=InformationRequest.State.OPEN).exists()
    # Owners differ, and contingents are assigned.
    assert WeaponSystem.objects.values("owner").distinct().count() >= 4
    assert ContingentAssignment.objects.exists()


def test_the_demo_users_can_sign_in(demo):
    user = User.objects.get(username="blr.legal")
    assert user.party.code == "BLR" and user.check_password(demo_password("blr.legal"))
    assert user.has_role("lead_reviewer")


def test_one_concluded_review_has_a_condition_and_a_dissent(demo):
    dissents = Conclusion.objects.filter(
        review__state=Review.State.CONCLUDED, opinion=Conclusion.Opinion.DISSENTING
    )
    assert dissents.exists()
    review = dissents.first().review
    assert any(c.conditions for c in review.conclusions.all())
    assert review.conclusion_event_hash


def test_a_party_concludes_unlawful_under_a_treaty_binding_it_alone(demo):
    unlawful = Conclusion.objects.select_related("review", "party").get(outcome="unlawful")
    review, party = unlawful.review, unlawful.party
    assert review.state == Review.State.CONCLUDED
    prohibited = [
        item
        for item in review.screening["parties"][party.code]["engaged"]
        if item["outcome"] == "prohibited"
    ]
    codes = {b["instrument"] for item in prohibited for b in item["bases"] if b["instrument"]}
    assert codes, "the unlawful conclusion rests on a treaty rule the screening engaged"
    others = [
        p.party
        for p in review.participants.select_related("party")
        if p.concludes and p.party_id != party.pk
    ]
    assert others
    instruments = list(Instrument.objects.filter(code__in=codes))
    bound = statuses([party, *others], review.law_date, instruments)
    # A treaty that binds this party and none of the others...
    assert any(
        bound[(party.pk, i.pk)].bound and not any(bound[(o.pk, i.pk)].bound for o in others)
        for i in instruments
    )
    # ...while another party concludes that the system is lawful (with conditions).
    assert (
        review.conclusions.exclude(pk=unlawful.pk).filter(outcome="lawful_with_conditions").exists()
    )
    assert party.code in {"BLR", "TJK"} and Party.objects.get(code="RUS") in others


def test_every_engaged_rule_has_its_finding(demo):
    from accord.expertise.services import missing_findings

    for review in Review.objects.filter(state=Review.State.CONCLUDED):
        for participant in review.participants.select_related("party"):
            if participant.concludes:
                assert missing_findings(review, participant.party) == []


def test_the_demo_report_renders_and_expired_conclusions_are_marked(demo):
    from pypdf import PdfReader

    from accord.expertise.reports import review_pdf

    unlawful = Conclusion.objects.get(outcome="unlawful")
    content = review_pdf(unlawful.review)
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )
    assert "Steppe Fox" in text and "APMBC" in text and "Unlawful" in text

    out = io.StringIO()
    far = (dt.date.today() + dt.timedelta(days=10 * 365)).isoformat()
    call_command("expertise", "mark-expired", "--date", far, stdout=out)
    assert "1 concluded review marked as needing re-review." in out.getvalue()
    kestrel = Review.objects.get(subject__system__designation__startswith="Kestrel-7")
    assert kestrel.rereview_marked_at is not None
    out = io.StringIO()
    call_command("expertise", "mark-expired", "--date", far, stdout=out)
    assert "0 concluded reviews marked" in out.getvalue()
