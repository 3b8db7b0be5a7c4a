"""The joint review's workflow: who takes part, allowed and refused transitions, requests
for information, findings completeness, consensus adoption, immutability."""

import pytest

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent
from accord.expertise import selectors, services
from accord.expertise.models import Review
from accord.expertise.tests.conftest import record_all_findings, walk_to_deliberation
from accord.law.models import Rule

S = Review.State


def test_participants_are_owner_contingent_and_coordinator(review):
    roles = {p.party.code: p.role for p in review.participants.select_related("party")}
    assert roles == {"RUS": "owner", "KAZ": "contingent", "SEC": "coordinator"}


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("rus", True),
        ("kaz", True),
        ("sec", True),
        ("arm", False),
        ("blr", False),
        ("rus_low", False),
    ],
)
def test_who_sees_the_review_and_the_system(people, review, who, sees):
    actor = people[who]
    assert selectors.review_list(actor=actor).filter(pk=review.pk).exists() == sees
    if sees:
        assert selectors.system_get(actor=actor, pk=review.subject.system_id)
    else:
        with pytest.raises(NotFound):
            selectors.review_get(actor=actor, pk=review.pk)


def test_submission_attaches_the_screening_and_freezes_the_version(people, review):
    services.review_submit(actor=people["rus"], review=review)
    review.refresh_from_db()
    assert review.state == S.SUBMITTED
    assert set(review.screening["parties"]) == {"RUS", "KAZ"}
    rus_rules = {i["rule"] for i in review.screening["parties"]["RUS"]["engaged"]}
    assert "CCW-APII-6" in rus_rules
    with pytest.raises(Conflict, match="frozen"):
        services.version_update(
            actor=people["rus"],
            version=review.subject,
            expected_version=review.subject.version,
            normal_use="x",
        )


@pytest.mark.parametrize(
    ("step", "state"),
    [
        ("review_start", S.DRAFT),
        ("review_deliberate", S.SUBMITTED),
        ("review_submit", S.IN_REVIEW),
    ],
)
def test_illegal_transitions_are_refused_with_a_clear_message(people, review, step, state):
    Review.objects.filter(pk=review.pk).update(state=state)
    review.refresh_from_db()
    events = AuditEvent.objects.count()
    actor = people["sec"] if step != "review_submit" else people["rus"]
    with pytest.raises(Conflict, match="Not possible while the review is"):
        getattr(services, step)(actor=actor, review=review)
    review.refresh_from_db()
    assert review.state == state and AuditEvent.objects.count() == events


@pytest.mark.parametrize("who", ["rus", "kaz", "arm"])
def test_only_the_secretariat_starts_a_review(people, review, who):
    services.review_submit(actor=people["rus"], review=review)
    error = NotFound if who == "arm" else PermissionDenied
    with pytest.raises(error):
        services.review_start(actor=people[who], review=review)


def test_open_requests_block_deliberation(people, review):
    import datetime as dt

    services.review_submit(actor=people["rus"], review=review)
    services.review_start(actor=people["sec"], review=review)
    request = services.request_ask(
        actor=people["kaz"],
        review=review,
        question="Failure rate of the self-destruct?",
        due_date=dt.date.today() + dt.timedelta(days=14),
    )
    with pytest.raises(Conflict, match="still open"):
        services.review_deliberate(actor=people["sec"], review=review)
    with pytest.raises(PermissionDenied):  # only the owner party answers
        services.request_answer(actor=people["kaz"], request=request, answer="x")
    services.request_answer(actor=people["rus"], request=request, answer="Below 1% (fictional).")
    services.review_deliberate(actor=people["sec"], review=review)
    review.refresh_from_db()
    assert review.state == S.DELIBERATION


def test_a_conclusion_needs_every_finding_and_the_lead_reviewer(people, review):
    review = walk_to_deliberation(people, review)
    services.participant_name_reviewers(
        actor=people["kaz"], review=review, lead_reviewer=people["kaz"], reviewers=[]
    )
    with pytest.raises(ValidationFailed) as error:
        services.conclusion_sign(
            actor=people["kaz"], review=review, outcome="lawful", reasoning="r"
        )
    assert "CIHL-81" in str(error.value.errors["findings"][0])
    record_all_findings(people, review, "kaz")
    with pytest.raises(PermissionDenied):  # not RUS's lead reviewer
        services.conclusion_sign(
            actor=people["rus"], review=review, outcome="lawful", reasoning="r"
        )
    services.conclusion_sign(
        actor=people["kaz"], review=review, outcome="unlawful", reasoning="Prohibited for us."
    )
    review.refresh_from_db()
    assert review.state == S.DELIBERATION  # RUS has not signed


def _conclude(people, review):
    review = walk_to_deliberation(people, review)
    services.participant_name_reviewers(
        actor=people["kaz"], review=review, lead_reviewer=people["kaz"], reviewers=[]
    )
    services.participant_name_reviewers(
        actor=people["rus"],
        review=review,
        lead_reviewer=people["rus_lead"],
        reviewers=[people["rus"]],
    )
    record_all_findings(people, review, "kaz", outcome="prohibited")
    record_all_findings(people, review, "rus", outcome="restriction")
    services.conclusion_sign(
        actor=people["kaz"],
        review=review,
        outcome="unlawful",
        reasoning="The Ottawa Convention does not bind us, but APII does.",
        opinion="dissenting",
        opinion_text="We disagree with RUS.",
    )
    services.conclusion_sign(
        actor=people["rus_lead"],
        review=review,
        outcome="lawful_with_conditions",
        reasoning="Meets APII if fenced.",
        conditions=["Only in marked, monitored and fenced areas."],
    )
    review.refresh_from_db()
    return review


def test_consensus_adopts_the_joint_conclusion(people, review):
    review = _conclude(people, review)
    assert review.state == S.CONCLUDED and review.concluded_at is not None
    event = AuditEvent.objects.get(action="expertise.review.concluded", object_id=str(review.pk))
    assert review.conclusion_event_hash == event.hash
    assert event.after_data["conclusions"] == {"KAZ": "unlawful", "RUS": "lawful_with_conditions"}


def test_a_concluded_review_is_immutable(people, review):
    review = _conclude(people, review)
    with pytest.raises(Conflict):
        services.finding_record(
            actor=people["kaz"],
            review=review,
            rule=Rule.objects.get(code="CCW-APII-6"),
            outcome="no_issue",
            reasoning="changed my mind",
        )
    with pytest.raises(Conflict):
        services.review_withdraw(actor=people["sec"], review=review, reason="x")
    with pytest.raises(Conflict):
        services.conclusion_sign(
            actor=people["kaz"], review=review, outcome="lawful", reasoning="again"
        )


def test_the_matrix_and_the_gate(people, review, party):
    review = _conclude(people, review)
    version = review.subject
    assert selectors.clearance_for(version, party("KAZ")).status == "unlawful"
    rus = selectors.clearance_for(version, party("RUS"))
    assert rus.status == "lawful_with_conditions"
    assert rus.conditions == ["Only in marked, monitored and fenced areas."]
    assert selectors.clearance_for(version, party("ARM")).status == "not_reviewed"
    _versions, _parties, cells = selectors.matrix(actor=people["kaz"])
    assert cells[(version.pk, party("KAZ").pk)].status == "unlawful"


def test_a_new_version_marks_re_review(people, review, party):
    review = _conclude(people, review)
    services.version_create(actor=people["rus"], system=review.subject.system, label="v2")
    review.refresh_from_db()
    assert review.rereview_marked_at is not None and "new version" in review.rereview_reason
    assert selectors.clearance_for(review.subject, party("RUS")).status == "needs_rereview"
    assert review in selectors.dashboard(actor=people["kaz"])["rereview"]


def test_a_participation_change_marks_re_review(
    people, review, party, django_capture_on_commit_callbacks
):
    import datetime as dt

    from accord.law.models import Instrument
    from accord.law.services import act_record

    review = _conclude(people, review)
    with django_capture_on_commit_callbacks(execute=True):
        act_record(
            actor=None,
            party=party("KAZ"),
            instrument=Instrument.objects.get(code="APMBC"),
            kind="accession",
            date=dt.date(2026, 9, 1),
        )
    review.refresh_from_db()
    assert "KAZ" in review.rereview_reason and "APMBC" in review.rereview_reason


def test_an_unrelated_participation_change_does_not(
    people, review, party, django_capture_on_commit_callbacks
):
    import datetime as dt

    from accord.law.models import Instrument
    from accord.law.services import act_record

    review = _conclude(people, review)
    with django_capture_on_commit_callbacks(execute=True):
        act_record(
            actor=None,
            party=party("KAZ"),
            instrument=Instrument.objects.get(code="AP-I-ART90-DECL"),
            kind="declaration",
            date=dt.date(2026, 9, 1),
        )
    review.refresh_from_db()
    assert review.rereview_marked_at is None


def test_expiry_marks_re_review(people, review):
    import datetime as dt

    review = _conclude(people, review)
    Review.objects.filter(pk=review.pk).update(expires_on=dt.date(2026, 1, 1))
    assert services.mark_expired(today=dt.date(2026, 1, 2)) == 1
    review.refresh_from_db()
    assert "2026-01-01" in review.rereview_reason


def test_internal_notes_stay_with_their_party(people, review):
    services.note_add(actor=people["kaz"], review=review, text="KAZ only: weak evidence.")
    services.note_add(actor=people["rus"], review=review, text="RUS only.")
    assert [n.text for n in selectors.notes_for(actor=people["kaz"], review=review)] == [
        "KAZ only: weak evidence."
    ]
    assert [n.text for n in selectors.notes_for(actor=people["rus"], review=review)] == [
        "RUS only."
    ]
    assert not selectors.notes_for(actor=people["sec"], review=review).exists()


def test_reviewers_must_be_cleared_for_the_review(people, review, make_user):
    low = make_user("KAZ", clearance=0, roles=["lead_reviewer"], username="kaz.low")
    with pytest.raises(ValidationFailed) as error:
        services.participant_name_reviewers(
            actor=people["kaz"], review=review, lead_reviewer=low, reviewers=[]
        )
    assert "cleared" in str(error.value.errors["reviewers"][0])
    assert review.participants.get(party__code="KAZ").lead_reviewer is None


def test_withdrawal_keeps_its_reason(people, review):
    services.review_withdraw(actor=people["sec"], review=review, reason="Duplicate file.")
    review.refresh_from_db()
    assert review.state == S.WITHDRAWN and review.withdrawal_reason == "Duplicate file."
    assert review.rereview_reason == ""
