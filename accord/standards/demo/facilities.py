"""Demo records of: facilities, assessments, improvement plans (run after the drafting demo).

Facilities of two parties assessed against the demo standard's adopted version:

- Russia: a hydro power plant assessed twice (the first assessment a year back, then a
  reassessment with its answers carried over and improved: a score history), with an
  improvement plan (one action overdue); a water treatment works half assessed;
- Kazakhstan: a rail junction and a data exchange centre, both complete.

Three facilities complete against the version: enough for the Secretariat's dashboard to
show figures (it suppresses those drawn from fewer).

Everything goes through the services; running it twice changes nothing. All names are
fictional.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from django.utils import timezone

from accord.accounts.demo import demo_password
from accord.accounts.models import User
from accord.accounts.services import user_create
from accord.core.models import Classification, Party
from accord.core.roles import Role
from accord.standards.models import Assessment, Facility, StandardVersion
from accord.standards.services import facilities as services

STANDARD_CODE = "ACC-PS 1"
USERS = (
    ("rus.facilities", "RUS", "Pavel Orlov"),
    ("kaz.facilities", "KAZ", "Aigerim Sadykova"),
)
NA_REASON = "No such installation on this site (demo)."


def _user(username: str, code: str, full_name: str, stdout: IO[Any]) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        first, last = full_name.split(" ", 1)
        user = user_create(
            actor=None,
            username=username,
            party=Party.objects.get(code=code),
            clearance=Classification.CONFIDENTIAL,
            roles=[Role.FACILITY_ASSESSOR],
            password=demo_password(username),
            first_name=first,
            last_name=last,
            email=f"{username}@demo.accord.invalid",
        )
        stdout.write(f"  {username:<15} {demo_password(username):<28} {code}  facility assessor\n")
    return user


def _status(index: int, seed: int) -> tuple[str, int]:
    """A deterministic, plausible spread of answers (`seed` shifts it per facility)."""
    n = index + seed
    if n % 11 == 0:
        return "not_applicable", 0
    if n % 7 == 0:
        return "not_implemented", 0
    if n % 4 == 0:
        return "partly", 2
    return "implemented", 3 + n % 3


def _answer(actor: User, assessment: Assessment, seed: int, limit: int | None = None) -> None:
    answered = set(assessment.answers.values_list("clause_id", flat=True))
    for index, clause in enumerate(services.requirements_of(assessment.standard_version_id)):
        if limit is not None and index >= limit:
            break
        if clause.pk in answered:
            continue
        status, maturity = _status(index, seed)
        services.answer_save(
            actor=actor,
            assessment=assessment,
            clause=clause,
            status=status,
            maturity=maturity,
            justification=NA_REASON if status == "not_applicable" else "",
            notes="Checked on site during the demo walk-through." if index % 9 == 0 else "",
        )


def _facility(actor: User, name: str, **fields: Any) -> tuple[Facility, bool]:
    existing = Facility.objects.filter(owner_id=actor.party_id, name=name).first()
    if existing is not None:
        return existing, False
    return services.facility_register(actor=actor, name=name, **fields), True


def load(stdout: IO[Any]) -> None:
    version = (
        StandardVersion.objects.filter(
            standard__code=STANDARD_CODE, stage=StandardVersion.Stage.ADOPTED
        )
        .order_by("-number")
        .first()
    )
    if version is None:
        stdout.write("Facilities: demo skipped, no adopted demo standard.\n")
        return
    rus = _user(*USERS[0], stdout=stdout)
    kaz = _user(*USERS[1], stdout=stdout)
    today = timezone.localdate()

    plant, new = _facility(
        rus,
        "Northern Hydro Power Plant (fictional)",
        sector="energy",
        protection_class="PC3",
        region="North-West",
        country="Russian Federation",
    )
    if new:
        first = services.assessment_start(actor=rus, facility=plant, standard_version=version)
        _answer(rus, first, seed=1)
        first = services.assessment_complete(actor=rus, assessment=first, version=first.version)
        # Demo history: the first assessment dates from a year ago, so the score chart
        # shows time passing (a direct update of its dates, for the demo only).
        year_ago = timezone.now() - dt.timedelta(days=365)
        Assessment.objects.filter(pk=first.pk).update(
            started_at=year_ago - dt.timedelta(days=14), completed_at=year_ago
        )
        services.plan_from_gaps(actor=rus, assessment=first, due_date=today - dt.timedelta(days=30))
        second = services.assessment_reassess(actor=rus, assessment=first)
        # Some gaps were closed since: answer them again, better.
        for answer in second.answers.filter(status__in=("partly", "not_implemented"))[:5]:
            services.answer_save(
                actor=rus,
                assessment=second,
                clause=answer.clause_id,
                expected_version=answer.version,
                status="implemented",
                maturity=3,
                notes="Closed since the last assessment (demo).",
            )
        second = services.assessment_complete(actor=rus, assessment=second, version=second.version)
        for index, action in enumerate(first.actions.order_by("id")):
            if index < 5:
                services.action_set_status(
                    actor=rus, action=action, version=action.version, status="done"
                )
            elif index == 5:
                services.action_update(
                    actor=rus,
                    action=action,
                    version=action.version,
                    owner_name="Site security service",
                    due_date=today + dt.timedelta(days=60),
                )
                action.refresh_from_db()
                services.action_set_status(
                    actor=rus, action=action, version=action.version, status="in_progress"
                )
        stdout.write(f"  facility {plant.name}: scores {first.score} → {second.score}\n")
    else:
        stdout.write(f"  facility {plant.name}: already loaded\n")

    works, new = _facility(
        rus,
        "Volga Water Treatment Works (fictional)",
        sector="water",
        protection_class="PC2",
        region="Volga",
        country="Russian Federation",
    )
    if new:
        assessment = services.assessment_start(actor=rus, facility=works, standard_version=version)
        _answer(rus, assessment, seed=3, limit=20)
        stdout.write(f"  facility {works.name}: assessment in progress\n")
    else:
        stdout.write(f"  facility {works.name}: already loaded\n")

    junction, new = _facility(
        kaz,
        "Steppe Rail Junction (fictional)",
        sector="transport",
        protection_class="PC1",
        region="Central",
        country="Kazakhstan",
    )
    if new:
        assessment = services.assessment_start(
            actor=kaz, facility=junction, standard_version=version
        )
        _answer(kaz, assessment, seed=5)
        assessment = services.assessment_complete(
            actor=kaz, assessment=assessment, version=assessment.version
        )
        services.action_create(
            actor=kaz,
            assessment=assessment,
            title="Install a second radio-frequency detector (demo)",
            owner_name="Junction operations",
            due_date=today + dt.timedelta(days=90),
        )
        stdout.write(f"  facility {junction.name}: score {assessment.score}\n")
    else:
        stdout.write(f"  facility {junction.name}: already loaded\n")

    centre, new = _facility(
        kaz,
        "Steppe Data Exchange Centre (fictional)",
        sector="communications",
        protection_class="PC2",
        region="South",
        country="Kazakhstan",
    )
    if new:
        assessment = services.assessment_start(actor=kaz, facility=centre, standard_version=version)
        _answer(kaz, assessment, seed=2)
        assessment = services.assessment_complete(
            actor=kaz, assessment=assessment, version=assessment.version
        )
        stdout.write(f"  facility {centre.name}: score {assessment.score}\n")

    else:
        stdout.write(f"  facility {centre.name}: already loaded\n")
