"""Facility and assessment services: completion rules, score, carry-over across versions,
concurrent answers, the improvement plan and the access matrix."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accord.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.core.models import AuditEvent, Classification, Release
from accord.standards.models import Action, Assessment, AssessmentAnswer, Facility
from accord.standards.services import facilities as services
from accord.standards.tests import test_facilities_world as world

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    return world.make_people(make_user)


@pytest.fixture
def version(db):
    return world.build_standard()


@pytest.fixture
def facility(people):
    return world.register_facility(people["rus"])


def test_facility_is_confidential_and_owner_only_by_default(facility, people):
    assert facility.classification == Classification.CONFIDENTIAL
    assert facility.release == Release.OWNER
    assert Facility.objects.visible_to(people["rus"]).filter(pk=facility.pk).exists()
    for other in ("kaz", "sec", "rus_low"):
        assert not Facility.objects.visible_to(people[other]).filter(pk=facility.pk).exists()


def test_register_needs_the_assessor_role(people):
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.facility_register(
            actor=people["rus_plain"], name="X", sector="water", protection_class="PC1"
        )
    assert Facility.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_start_against_an_adopted_version_at_the_facility_class(facility, people, version):
    assessment = services.assessment_start(
        actor=people["rus"], facility=facility, standard_version=version
    )
    assert assessment.protection_class == "PC2"
    assert assessment.state == Assessment.State.IN_PROGRESS
    with pytest.raises(Conflict):
        services.assessment_start(actor=people["rus"], facility=facility, standard_version=version)


def test_start_refuses_a_draft_and_an_unknown_class(facility, people, version):
    version.stage = "working_draft"
    version.save()
    with pytest.raises(ValidationFailed):
        services.assessment_start(actor=people["rus"], facility=facility, standard_version=version)
    version.stage = "adopted"
    version.save()
    Facility.objects.filter(pk=facility.pk).update(protection_class="PC9")
    facility.refresh_from_db()
    with pytest.raises(ValidationFailed) as exc:
        services.assessment_start(actor=people["rus"], facility=facility, standard_version=version)
    assert "protection_class" in exc.value.errors


def test_other_party_cannot_touch_the_facility(facility, people, version):
    before = AuditEvent.objects.count()
    with pytest.raises(NotFound):
        services.assessment_start(actor=people["kaz"], facility=facility, standard_version=version)
    with pytest.raises(NotFound):
        services.facility_update(actor=people["kaz"], facility=facility, version=1, name="Mine")
    with pytest.raises(PermissionDenied):
        services.facility_update(actor=people["rus_plain"], facility=facility, version=1, name="M")
    facility.refresh_from_db()
    assert facility.name.startswith("Northern")
    assert Assessment.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_not_applicable_needs_a_justification(facility, people, version):
    assessment = services.assessment_start(
        actor=people["rus"], facility=facility, standard_version=version
    )
    clause = services.requirements_of(version)[0]
    with pytest.raises(ValidationFailed) as exc:
        services.answer_save(
            actor=people["rus"], assessment=assessment, clause=clause, status="not_applicable"
        )
    assert "justification" in exc.value.errors
    with pytest.raises(ValidationFailed):
        services.answer_save(
            actor=people["rus"],
            assessment=assessment,
            clause=clause,
            status="implemented",
            maturity=6,
        )


def test_complete_needs_every_requirement_and_scores(facility, people, version):
    actor = people["rus"]
    assessment = services.assessment_start(actor=actor, facility=facility, standard_version=version)
    requirements = list(services.requirements_of(version))
    services.answer_save(
        actor=actor, assessment=assessment, clause=requirements[0], status="implemented"
    )
    with pytest.raises(ValidationFailed) as exc:
        services.assessment_complete(actor=actor, assessment=assessment, version=1)
    assert "1.2" in str(exc.value.errors["__all__"][0])
    # 1.1 shall implemented, 1.2 should not implemented, the rest N/A: 3 / 5 = 60 %
    services.answer_save(
        actor=actor, assessment=assessment, clause=requirements[1], status="not_implemented"
    )
    world.answer_all(actor, assessment, status="not_applicable")
    done = services.assessment_complete(actor=actor, assessment=assessment, version=1)
    assert done.state == Assessment.State.COMPLETE
    assert done.score == Decimal("60.00")
    with pytest.raises(Conflict):
        services.answer_save(
            actor=actor,
            assessment=done,
            clause=requirements[1],
            expected_version=1,
            status="partly",
        )


def test_answer_from_another_version_is_refused(facility, people, version):
    other = world.build_standard("OTHER-1")
    assessment = services.assessment_start(
        actor=people["rus"], facility=facility, standard_version=version
    )
    with pytest.raises(ValidationFailed):
        services.answer_save(
            actor=people["rus"],
            assessment=assessment,
            clause=services.requirements_of(other)[0],
            status="implemented",
        )


def test_a_concurrent_answer_edit_is_not_lost(facility, people, version):
    actor = people["rus"]
    assessment = services.assessment_start(actor=actor, facility=facility, standard_version=version)
    clause = services.requirements_of(version)[0]
    services.answer_save(actor=actor, assessment=assessment, clause=clause, status="partly")
    # Two editors both opened version 1; the first saves, the second gets a Conflict.
    services.answer_save(
        actor=actor, assessment=assessment, clause=clause, expected_version=1, status="implemented"
    )
    with pytest.raises(Conflict):
        services.answer_save(
            actor=actor,
            assessment=assessment,
            clause=clause,
            expected_version=1,
            status="not_implemented",
        )
    # Two editors both starting from "no answer yet".
    with pytest.raises(Conflict):
        services.answer_save(actor=actor, assessment=assessment, clause=clause, status="partly")
    answer = AssessmentAnswer.objects.get(assessment=assessment, clause=clause)
    assert (answer.status, answer.version) == ("implemented", 2)


def test_reassessment_against_a_new_version_carries_unchanged_answers(facility, people, version):
    actor = people["rus"]
    first = services.assessment_start(actor=actor, facility=facility, standard_version=version)
    world.answer_all(actor, first, status="partly", maturity=2)
    services.assessment_complete(actor=actor, assessment=first, version=1)
    v2 = world.next_version(version, change="1.2", remove="2.3", add=True)

    second = services.assessment_reassess(actor=actor, assessment=first)
    assert second.previous == first
    assert second.standard_version == v2
    carry = second.carry_over
    numbers = dict(second.standard_version.clauses.values_list("uid", "number"))
    assert sorted(numbers[u] for u in carry["changed"]) == ["1.2"]
    assert sorted(numbers[u] for u in carry["added"]) == ["1.99"]
    assert list(carry["removed_numbers"].values()) == ["2.3"]
    carried = AssessmentAnswer.objects.filter(assessment=second)
    assert sorted(a.clause.number for a in carried) == ["1.1", "1.3", "2.1", "2.2"]
    assert all(a.carried_over_from_id and a.status == "partly" for a in carried)
    # Only the changed and the added requirement are left to answer.
    with pytest.raises(ValidationFailed) as exc:
        services.assessment_complete(actor=actor, assessment=second, version=1)
    assert "(2)" in str(exc.value.errors["__all__"][0])
    world.answer_all(actor, second, status="implemented")
    assert services.assessment_complete(actor=actor, assessment=second, version=1).score is not None


def test_a_parameter_change_for_another_class_does_not_stale_the_answer(facility, people, version):
    from accord.standards.models import ClauseParameter

    actor = people["rus"]
    first = services.assessment_start(actor=actor, facility=facility, standard_version=version)
    world.answer_all(actor, first)
    services.assessment_complete(actor=actor, assessment=first, version=1)
    v2 = world.next_version(version)
    for number, klass, value in (("1.1", "PC3", 900), ("1.2", "PC2", 500)):
        ClauseParameter.objects.create(
            clause=v2.clauses.get(number=number), protection_class=klass, name="range", value=value
        )
    second = services.assessment_reassess(actor=actor, assessment=first, standard_version=v2)
    numbers = dict(v2.clauses.values_list("uid", "number"))
    assert [numbers[u] for u in second.carry_over["changed"]] == ["1.2"]  # PC2 only


def test_starting_again_after_a_complete_assessment_is_a_reassessment(facility, people, version):
    actor = people["rus"]
    first = services.assessment_start(actor=actor, facility=facility, standard_version=version)
    world.answer_all(actor, first)
    services.assessment_complete(actor=actor, assessment=first, version=1)
    again = services.assessment_start(actor=actor, facility=facility, standard_version=version)
    assert again.previous == first
    assert again.answers.count() == first.answers.count()


def test_improvement_plan_from_gaps_and_status(facility, people, version):
    actor = people["rus"]
    assessment = services.assessment_start(actor=actor, facility=facility, standard_version=version)
    world.answer_all(actor, assessment, status="not_implemented")
    actions = services.plan_from_gaps(actor=actor, assessment=assessment)
    assert len(actions) == 6
    assert services.plan_from_gaps(actor=actor, assessment=assessment) == []
    action = Action.objects.filter(assessment=assessment).first()
    services.action_update(
        actor=actor, action=action, version=1, owner_name="Site security", due_date="2000-01-01"
    )
    action.refresh_from_db()
    assert action.is_overdue
    services.action_set_status(actor=actor, action=action, version=2, status="done")
    action.refresh_from_db()
    assert not action.is_overdue
    with pytest.raises(Conflict):
        services.action_set_status(actor=actor, action=action, version=2, status="open")
    with pytest.raises(NotFound):
        services.action_set_status(actor=people["kaz"], action=action, version=3, status="open")
    with pytest.raises(ValidationFailed):
        services.action_update(actor=actor, action=action, version=3, owner_user=people["kaz"].pk)


def test_evidence_file_is_checked_and_hashed(facility, people, version):
    from django.core.files.uploadedfile import SimpleUploadedFile

    actor = people["rus"]
    assessment = services.assessment_start(actor=actor, facility=facility, standard_version=version)
    answer = services.answer_save(
        actor=actor,
        assessment=assessment,
        clause=services.requirements_of(version)[0],
        status="implemented",
    )
    evidence = services.evidence_add(
        actor=actor, answer=answer, upload=SimpleUploadedFile("plan.txt", b"fence plan")
    )
    assert len(evidence.sha256) == 64 and evidence.size == 10
    with pytest.raises(ValidationFailed):
        services.evidence_add(
            actor=actor, answer=answer, upload=SimpleUploadedFile("fake.pdf", b"not a pdf")
        )
    with pytest.raises(ValidationFailed):
        services.evidence_add(actor=actor, answer=answer, upload=SimpleUploadedFile("x.exe", b"MZ"))


def test_against_a_standard_built_by_the_drafting_services(adopted_version, people):
    """The drafting services number siblings, not the whole document: the assessment
    still walks the requirements in document order, and class parameters apply."""
    numbers = [c.number for c in services.requirements_of(adopted_version)]
    assert numbers == sorted(numbers, key=lambda n: [int(p) for p in n.split(".")])
    codes = adopted_version.standard.protection_class_codes
    facility = services.facility_register(
        actor=people["rus"], name="Drafted (fictional)", sector="energy", protection_class=codes[0]
    )
    assessment = services.assessment_start(
        actor=people["rus"], facility=facility, standard_version=adopted_version
    )
    world.answer_all(people["rus"], assessment, status="partly")
    done = services.assessment_complete(actor=people["rus"], assessment=assessment, version=1)
    assert done.score == 50
