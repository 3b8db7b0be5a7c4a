"""A small world for review tests: a Russian system used by Kazakhstan's contingent."""

import datetime as dt

import pytest

from accord.core.models import Classification, Release
from accord.expertise import services

MINE = {
    "weapon_type": "anti_personnel_mine",
    "delivery": "remotely_delivered",
    "self_destruction": False,
    "self_deactivation": False,
    "intended_targets": "personnel",
    "intended_use": "hostilities",
}


@pytest.fixture
def people(make_user):
    return {
        "rus": make_user("RUS", roles=["legal_adviser"], username="rus.adviser"),
        "rus_lead": make_user("RUS", roles=["lead_reviewer"], username="rus.lead"),
        "kaz": make_user("KAZ", roles=["legal_adviser", "lead_reviewer"], username="kaz.lead"),
        "blr": make_user("BLR", roles=["legal_adviser", "lead_reviewer"], username="blr.lead"),
        "arm": make_user("ARM", roles=["legal_adviser"], username="arm.adviser"),
        "sec": make_user("SEC", roles=["secretariat_officer"], username="sec.officer"),
        "rus_low": make_user(
            "RUS",
            clearance=Classification.UNCLASSIFIED,
            roles=["legal_adviser"],
            username="rus.low",
        ),
    }


@pytest.fixture
def system(people):
    system = services.system_register(
        actor=people["rus"],
        designation="Test Mine Layer (fictional)",
        category="novel_munition",
        classification=Classification.RESTRICTED,
        release=Release.OWNER,
    )
    version = system.versions.get()
    services.version_update(
        actor=people["rus"],
        version=version,
        expected_version=1,
        characteristics=MINE,
        normal_use="Area denial (fictional).",
    )
    return system


@pytest.fixture
def version(system):
    return system.versions.get()


@pytest.fixture
def review(people, version, party):
    services.contingent_assign(
        actor=people["rus"], version=version, party=party("KAZ"), from_date=dt.date(2026, 1, 1)
    )
    return services.review_open(actor=people["rus"], version=version, conflict_type="international")


def walk_to_deliberation(people, review):
    services.review_submit(actor=people["rus"], review=review)
    services.review_start(actor=people["sec"], review=review)
    services.review_deliberate(actor=people["sec"], review=review)
    review.refresh_from_db()
    return review


def record_all_findings(people, review, who, outcome="no_issue"):
    from accord.expertise.services import missing_findings
    from accord.law.models import Rule

    actor = people[who]
    for code in missing_findings(review, actor.party):
        services.finding_record(
            actor=actor,
            review=review,
            rule=Rule.objects.get(code=code),
            outcome=outcome,
            reasoning=f"Assessed {code}.",
            restriction="Marked, monitored and fenced areas only."
            if outcome == "restriction"
            else "",
        )
