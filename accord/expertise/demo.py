"""Demo records of the expertise module: clearly fictional systems of several parties,
contingent assignments, and joint reviews at every state of the procedure.

Every step goes through the services, as the demo users themselves would take it, so the
audit trail is the real one. Among the reviews: one concluded with a condition of use and
a dissenting opinion (the Kestrel-7), and one where a party concludes "unlawful" because of
a treaty that binds it and not the others (the Steppe Fox mine layer: Belarus is bound by
the Anti-Personnel Mine Ban Convention; Russia is not, and concludes under CCW Amended
Protocol II). Safe to run twice: a system already in the register (by designation) is
left alone.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import IO, Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accord.accounts.demo import demo_password
from accord.accounts.models import User
from accord.accounts.services import user_create
from accord.core.models import Classification, Party, Release
from accord.core.roles import Role
from accord.expertise import services
from accord.expertise.models import Conclusion, Finding, Review, SystemVersion, WeaponSystem
from accord.law.models import Rule

C = Classification

# A lead reviewer for Belarus, which the accounts demo has none of (Belarus concludes on
# two of the reviews below). username, party, clearance, roles, full name.
EXTRA_USERS = (
    (
        "blr.legal",
        "BLR",
        C.CONFIDENTIAL,
        [Role.LEGAL_ADVISER, Role.LEAD_REVIEWER],
        "Alena Marchuk",
    ),
)
NEEDED = ("rus.legal", "kaz.legal", "arm.legal", "sec.officer", "blr.legal")

# Answers every description shares unless it says otherwise: what the item is not.
BASE_ANSWERS: dict[str, Any] = {
    "intended_use": "hostilities",
    "explosive_projectile_under_400g": False,
    "laser_function": "none",
    "incendiary_effect": "none",
    "toxic_chemical": "none",
    "biological_agent": False,
    "nuclear_explosive": False,
    "environmental_effects": [],
    "environmental_modification": False,
    "can_be_directed": True,
    "effects_can_be_limited": True,
    "international_transfer": False,
}


def _answers(**answers: Any) -> dict[str, Any]:
    return {**BASE_ANSWERS, **answers}


def _later(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


class Demo:
    """The demo users and parties, and the steps every scenario takes."""

    def __init__(self, users: dict[str, User], parties: dict[str, Party]) -> None:
        self.users = users
        self.parties = parties

    def __getitem__(self, username: str) -> User:
        return self.users[username]

    # --- the register ----------------------------------------------------------------

    def register(
        self,
        owner: str,
        *,
        designation: str,
        category: str,
        stage: str,
        classification: int,
        release: str,
        description: str,
        answers: dict[str, Any],
        label: str = "",
        evidence: tuple[tuple[str, tuple[str, str], tuple[str, ...]], ...] = (),
        released_to: tuple[str, ...] = (),
        **narrative: str,
    ) -> tuple[WeaponSystem, SystemVersion]:
        """Register a system and describe its first version (the questionnaire, with the
        evidence each answer cites: small text files, given as (name, content))."""
        actor = self[owner]
        system = services.system_register(
            actor=actor,
            designation=designation,
            category=category,
            stage=stage,
            classification=classification,
            release=release,
            description=description,
            released_to=[self.parties[code] for code in released_to],
        )
        version = system.versions.get()
        citations: dict[str, list[int]] = {}
        for title, (file_name, content), cited_by in evidence:
            item = services.evidence_add_file(
                actor=actor,
                version=version,
                title=title,
                upload=SimpleUploadedFile(file_name, content.encode(), "text/plain"),
            )
            for answer in cited_by:
                citations.setdefault(answer, []).append(item.pk)
        services.version_update(
            actor=actor,
            version=version,
            expected_version=version.version,
            label=label,
            characteristics=answers,
            citations=citations,
            **narrative,
        )
        version.refresh_from_db()
        return system, version

    def assign(self, owner: str, version: SystemVersion, *codes: str) -> None:
        for index, code in enumerate(codes):
            services.contingent_assign(
                actor=self[owner],
                version=version,
                party=self.parties[code],
                from_date=dt.date(2026, 3 + index, 1),
                note="Assigned for the collective forces' joint exercises (fictional).",
            )

    # --- the review ------------------------------------------------------------------

    def open(self, initiator: str, version: SystemVersion, **options: Any) -> Review:
        return services.review_open(
            actor=self[initiator], version=version, conflict_type="international", **options
        )

    def name_leads(self, review: Review, *usernames: str) -> None:
        for username in usernames:
            services.participant_name_reviewers(
                actor=self[username], review=review, lead_reviewer=self[username], reviewers=[]
            )

    def to_review(self, submitter: str, review: Review) -> Review:
        services.review_submit(actor=self[submitter], review=review)
        services.review_start(actor=self["sec.officer"], review=review)
        review.refresh_from_db()
        return review

    def deliberate(self, review: Review) -> Review:
        services.review_deliberate(actor=self["sec.officer"], review=review)
        review.refresh_from_db()
        return review

    def findings(
        self,
        review: Review,
        username: str,
        decide: Callable[[dict[str, Any]], tuple[str, str, str]],
    ) -> None:
        """Record the party's finding on every rule the screening engaged for it;
        `decide(screened rule) -> (outcome, reasoning, restriction)`."""
        actor = self[username]
        engaged = {
            item["rule"]: item for item in review.screening["parties"][actor.party.code]["engaged"]
        }
        for code in services.missing_findings(review, actor.party):
            outcome, reasoning, restriction = decide(engaged[code])
            services.finding_record(
                actor=actor,
                review=review,
                rule=Rule.objects.get(code=code),
                outcome=outcome,
                reasoning=reasoning,
                restriction=restriction,
            )

    def sign(
        self, review: Review, username: str, outcome: str, reasoning: str, **more: Any
    ) -> None:
        services.conclusion_sign(
            actor=self[username], review=review, outcome=outcome, reasoning=reasoning, **more
        )


def usual_findings(item: dict[str, Any]) -> tuple[str, str, str]:
    """A reviewer's finding where nothing in the description goes beyond the rule: a
    restriction is observed as the rule states it; an obligation is met by the party's
    ordinary procedures."""
    code, outcome = item["rule"], item["outcome"]
    if outcome == "restricted":
        restriction = item.get("restriction_en") or f"Observe {code} in every use."
        return (
            Finding.Outcome.RESTRICTION,
            f"The description engages {code}; use is lawful only within it (fictional).",
            restriction,
        )
    if outcome == "prohibited":
        return (
            Finding.Outcome.PROHIBITED,
            f"The description engages {code}, which prohibits the item for this party (fictional).",
            "",
        )
    return (
        Finding.Outcome.NO_ISSUE,
        f"{code} attaches obligations that the party's standing procedures meet: records, "
        "marking and post-conflict measures are assigned to the operating unit (fictional).",
        "",
    )


# --- The scenarios ---------------------------------------------------------------------------


def kestrel(demo: Demo) -> None:
    """Concluded with a condition of use, and Kazakhstan's dissenting opinion."""
    _system, version = demo.register(
        "rus.legal",
        designation="Kestrel-7 loitering munition (fictional)",
        category=WeaponSystem.Category.UNCREWED,
        stage=WeaponSystem.Stage.ADOPTION,
        classification=C.RESTRICTED,
        release=Release.MEMBERS,
        description="A fictional loitering munition for the demo of the joint review.",
        answers=_answers(
            intended_targets="materiel",
            weapon_type="uncrewed_system",
            injury_mechanism=["blast", "fragmentation"],
            fragments_detectable_by_xray=True,
            delivery="projectile",
            self_destruction=True,
            self_deactivation=True,
            autonomy="human_on_the_loop",
            cyber_effects_beyond_target="none",
            international_transfer=True,
        ),
        evidence=(
            (
                "Acceptance test summary KT7-AT (fictional)",
                (
                    "kt7-at-summary.txt",
                    "Kestrel-7 acceptance tests KT7-AT: summary for the legal review.\n"
                    "Fictional demo document: no real system, no real data.\n",
                ),
                ("self_destruction", "reliability"),
            ),
        ),
        normal_use=(
            "Launched from a vehicle to attack armoured vehicles and artillery beyond line "
            "of sight (fictional)."
        ),
        area_of_effect="Effects limited to the vehicle attacked (fictional).",
        human_control=(
            "An operator confirms each target and can abort the attack until shortly before "
            "impact; a terminal-guidance mode keeps the confirmed target in view (fictional)."
        ),
        reliability=(
            "Self-destructs at the end of its loiter time; acceptance tests recorded no "
            "failure of the self-destruct (fictional)."
        ),
    )
    demo.assign("rus.legal", version, "KAZ", "BLR")
    review = demo.open("rus.legal", version, expires_on=_later(5 * 365))
    demo.name_leads(review, "rus.legal", "kaz.legal", "blr.legal")
    review = demo.to_review("rus.legal", review)
    request = services.request_ask(
        actor=demo["kaz.legal"],
        review=review,
        question=(
            "How does the operator abort an attack once the terminal-guidance mode is "
            "engaged, and what test evidence shows that it works?"
        ),
        due_date=_later(14),
    )
    services.request_answer(
        actor=demo["rus.legal"],
        request=request,
        answer=(
            "The operator can abort until shortly before impact; the acceptance tests (KT7-AT) "
            "exercised the abort in every flight (fictional)."
        ),
    )
    review = demo.deliberate(review)
    for username in ("rus.legal", "kaz.legal", "blr.legal"):
        demo.findings(review, username, usual_findings)
    condition = (
        "An operator confirms every target as a military objective before the "
        "terminal-guidance mode is engaged, and can abort the attack."
    )
    demo.sign(
        review,
        "rus.legal",
        Conclusion.Outcome.LAWFUL_WITH_CONDITIONS,
        "Lawful in its normal use against materiel under the operator's control (fictional).",
        conditions=[condition],
    )
    demo.sign(
        review,
        "blr.legal",
        Conclusion.Outcome.LAWFUL_WITH_CONDITIONS,
        "Belarus concurs with the condition proposed by the owner (fictional).",
        conditions=[condition],
    )
    demo.sign(
        review,
        "kaz.legal",
        Conclusion.Outcome.LAWFUL_WITH_CONDITIONS,
        "Lawful under the condition; see the dissenting opinion (fictional).",
        conditions=[condition],
        opinion=Conclusion.Opinion.DISSENTING,
        opinion_text=(
            "Kazakhstan dissents from the view that supervision is enough once the "
            "terminal-guidance mode is engaged: in its view the mode should be disabled "
            "in units of its contingent until further tests are shared (fictional)."
        ),
    )


def steppe_fox(demo: Demo) -> None:
    """Belarus concludes "unlawful" under the Ottawa Convention, which binds it alone;
    Russia concludes "lawful with conditions" under CCW Amended Protocol II."""
    _system, version = demo.register(
        "rus.legal",
        designation="Steppe Fox AP mine layer (fictional)",
        category=WeaponSystem.Category.NOVEL_MUNITION,
        stage=WeaponSystem.Stage.ACQUISITION,
        classification=C.CONFIDENTIAL,
        release=Release.OWNER,
        description="A fictional remotely delivered anti-personnel mine system for the demo.",
        answers=_answers(
            intended_targets="personnel",
            weapon_type="anti_personnel_mine",
            injury_mechanism=["blast"],
            fragments_detectable_by_xray=True,
            delivery="remotely_delivered",
            self_destruction=True,
            self_deactivation=True,
            detectable_by_common_equipment=True,
            marked_monitored_area=False,
            autonomy="none",
            international_transfer=True,
        ),
        normal_use="Area denial on the flanks of a defensive position (fictional).",
        area_of_effect="Each mine affects only the person who activates it (fictional).",
        reliability=(
            "Self-destruction and self-deactivation within the periods of the Technical "
            "Annex of Amended Protocol II (fictional)."
        ),
    )
    demo.assign("rus.legal", version, "BLR")
    review = demo.open("rus.legal", version)
    demo.name_leads(review, "rus.legal", "blr.legal")
    review = demo.deliberate(demo.to_review("rus.legal", review))
    demo.findings(review, "rus.legal", usual_findings)

    def belarus(item: dict[str, Any]) -> tuple[str, str, str]:
        if item["rule"].startswith("APMBC"):
            return (
                Finding.Outcome.PROHIBITED,
                "Belarus is a party to the Anti-Personnel Mine Ban Convention: it may never "
                "use, acquire, stockpile or transfer anti-personnel mines (Art. 1).",
                "",
            )
        return usual_findings(item)

    demo.findings(review, "blr.legal", belarus)
    demo.sign(
        review,
        "rus.legal",
        Conclusion.Outcome.LAWFUL_WITH_CONDITIONS,
        "Russia is not bound by the Ottawa Convention; under CCW Amended Protocol II, "
        "remotely delivered anti-personnel mines are lawful when they self-destruct and "
        "self-deactivate and are recorded (fictional).",
        conditions=[
            "Used only with self-destruction and self-deactivation meeting the Technical "
            "Annex of CCW Amended Protocol II.",
            "Every area mined is recorded, marked and cleared after active hostilities "
            "(Amended Protocol II, Art. 9 and 10).",
        ],
    )
    demo.sign(
        review,
        "blr.legal",
        Conclusion.Outcome.UNLAWFUL,
        "The Ottawa Convention, which binds Belarus and not the other participants, "
        "prohibits anti-personnel mines outright (fictional).",
        opinion=Conclusion.Opinion.SEPARATE,
        opinion_text=(
            "Belarus records that, in joint units, it may not assist, encourage or induce "
            "anyone to use this system (Ottawa Convention, Art. 1(1)(c))."
        ),
    )


def aurora(demo: Demo) -> None:
    """In review, with Russia's request for information still open."""
    _system, version = demo.register(
        "kaz.legal",
        designation="Aurora dazzler (fictional)",
        category=WeaponSystem.Category.LASER,
        stage=WeaponSystem.Stage.DEVELOPMENT,
        classification=C.RESTRICTED,
        release=Release.MEMBERS,
        description="A fictional laser dazzler for the demo.",
        answers=_answers(
            intended_use="both",
            intended_targets="personnel",
            weapon_type="laser_weapon",
            injury_mechanism=["laser"],
            delivery="other",
            laser_function="dazzling",
            autonomy="none",
        ),
        normal_use="Warning and temporary dazzling at checkpoints (fictional).",
        human_control="Aimed and fired by hand by a trained operator (fictional).",
    )
    demo.assign("kaz.legal", version, "RUS")
    review = demo.open("kaz.legal", version)
    demo.name_leads(review, "kaz.legal", "rus.legal")
    review = demo.to_review("kaz.legal", review)
    services.request_ask(
        actor=demo["rus.legal"],
        review=review,
        question=(
            "Provide the test evidence that, in normal use, the dazzling function cannot "
            "cause permanent blindness at the shortest expected distance (CCW Protocol IV)."
        ),
        due_date=_later(21),
    )


def granite(demo: Demo) -> None:
    """A review withdrawn when the system was modified, and a draft of the new version."""
    system, version = demo.register(
        "arm.legal",
        designation="Granite EW jammer (fictional)",
        category=WeaponSystem.Category.ELECTRONIC_WARFARE,
        stage=WeaponSystem.Stage.DEVELOPMENT,
        classification=C.RESTRICTED,
        release=Release.LISTED,
        released_to=("SEC",),
        description="A fictional electronic-warfare jammer for the demo.",
        answers=_answers(
            intended_targets="materiel",
            weapon_type="electronic_warfare",
            injury_mechanism=["electromagnetic"],
            delivery="other",
            autonomy="human_in_the_loop",
        ),
        normal_use="Jamming of enemy drone control links (fictional).",
        area_of_effect="Limited to the frequencies and sector set by the operator (fictional).",
    )
    first = demo.open("arm.legal", version)
    services.review_submit(actor=demo["arm.legal"], review=first)
    services.review_withdraw(
        actor=demo["arm.legal"],
        review=first,
        reason="The emission profile is being changed; the new version will be reviewed.",
    )
    second = services.version_create(actor=demo["arm.legal"], system=system, label="Block 2")
    services.version_update(
        actor=demo["arm.legal"],
        version=second,
        expected_version=second.version,
        area_of_effect=(
            "Limited to the frequencies and sector set by the operator; civilian "
            "navigation bands excluded (fictional)."
        ),
    )
    demo.open("arm.legal", second)


def tundra(demo: Demo) -> None:
    """Submitted: the screening is attached, the Secretariat has not started it."""
    _system, version = demo.register(
        "rus.legal",
        designation="Tundra Watch AI decision support (fictional)",
        category=WeaponSystem.Category.AI_DECISION_SUPPORT,
        stage=WeaponSystem.Stage.STUDY,
        classification=C.CONFIDENTIAL,
        release=Release.OWNER,
        description="A fictional decision-support tool that proposes, never decides.",
        answers=_answers(
            intended_targets="both",
            weapon_type="other",
            injury_mechanism=[],
            delivery="other",
            autonomy="human_in_the_loop",
        ),
        normal_use="Sorting sensor reports for a human staff officer (fictional).",
        human_control="Every proposal is reviewed and decided by a human (fictional).",
    )
    demo.assign("rus.legal", version, "KAZ")
    review = demo.open("rus.legal", version)
    services.review_submit(actor=demo["rus.legal"], review=review)


def altai(demo: Demo) -> None:
    """In deliberation: Russia has signed, Belarus has not yet."""
    _system, version = demo.register(
        "blr.legal",
        designation="Altai Lynx uncrewed ground vehicle (fictional)",
        category=WeaponSystem.Category.UNCREWED,
        stage=WeaponSystem.Stage.DEVELOPMENT,
        classification=C.RESTRICTED,
        release=Release.MEMBERS,
        description="A fictional remotely operated ground vehicle for the demo.",
        answers=_answers(
            intended_targets="both",
            weapon_type="uncrewed_system",
            injury_mechanism=["penetration", "blast", "fragmentation"],
            fragments_detectable_by_xray=True,
            delivery="projectile",
            self_destruction=False,
            self_deactivation=False,
            autonomy="human_in_the_loop",
        ),
        normal_use="Remotely operated fire support of infantry (fictional).",
        human_control="Every shot is fired by the remote operator (fictional).",
    )
    demo.assign("blr.legal", version, "RUS")
    review = demo.open("blr.legal", version)
    demo.name_leads(review, "blr.legal", "rus.legal")
    review = demo.deliberate(demo.to_review("blr.legal", review))
    demo.findings(review, "blr.legal", usual_findings)
    demo.findings(review, "rus.legal", usual_findings)
    demo.sign(
        review,
        "rus.legal",
        Conclusion.Outcome.LAWFUL,
        "Lawful in its normal use under remote human control (fictional).",
    )


SCENARIOS: tuple[tuple[str, Callable[[Demo], None]], ...] = (
    ("Kestrel-7 loitering munition (fictional)", kestrel),
    ("Steppe Fox AP mine layer (fictional)", steppe_fox),
    ("Aurora dazzler (fictional)", aurora),
    ("Granite EW jammer (fictional)", granite),
    ("Tundra Watch AI decision support (fictional)", tundra),
    ("Altai Lynx uncrewed ground vehicle (fictional)", altai),
)


def _extra_users(parties: dict[str, Party], stdout: IO[str]) -> None:
    stdout.write("Expertise demo accounts (demo passwords — never use them anywhere else):\n")
    for username, code, clearance, roles, full_name in EXTRA_USERS:
        created = not User.objects.filter(username=username).exists()
        if created:
            first, last = full_name.split(" ", 1)
            user_create(
                actor=None,
                username=username,
                party=parties[code],
                clearance=clearance,
                roles=roles,
                password=demo_password(username),
                first_name=first,
                last_name=last,
                email=f"{username}@demo.accord.invalid",
            )
        stdout.write(
            f"  {username:<15} {demo_password(username):<28} {code}  "
            f"{C(clearance).name:<13} {', '.join(roles)}{'' if created else '  (existing)'}\n"
        )


def load(stdout: IO[str]) -> None:
    parties = {p.code: p for p in Party.objects.all()}
    _extra_users(parties, stdout)
    users = {u.username: u for u in User.objects.filter(username__in=NEEDED)}
    missing = sorted(set(NEEDED) - set(users))
    if missing:
        stdout.write(f"Expertise: demo skipped, users missing: {', '.join(missing)}.\n")
        return
    demo = Demo(users, parties)
    added = 0
    for designation, scenario in SCENARIOS:
        if WeaponSystem.objects.filter(designation=designation).exists():
            continue
        scenario(demo)
        added += 1
    states = Counter(
        Review.objects.filter(subject__system__designation__in=[d for d, _s in SCENARIOS])
        .values_list("state", flat=True)
        .order_by()
    )
    summary = ", ".join(f"{state} {states.get(state, 0)}" for state in Review.State.values)
    stdout.write(
        f"Expertise: {added} demo systems added ({WeaponSystem.objects.count()} in the "
        f"register); demo reviews by state: {summary}.\n"
    )
