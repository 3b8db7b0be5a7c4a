"""Demo records of the consultation: the drafting demo's second version (a committee
draft) gets ten comments from three member states — some disposed of by the Secretariat's
editor — and is put to ballot under the consensus rule; four member states have voted so
far (one disapproves, with what would resolve it) and the ballot is still open.

Everything goes through the services; running it twice changes nothing (a version that
already has a ballot is left alone). Names and texts are fictional.
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
from accord.standards.demo.drafting import CODE, EDITOR
from accord.standards.models import Ballot, Clause, StandardVersion
from accord.standards.services import consultation as services

# Member states' standards editors: (username, party, full name). kaz.standards comes
# with the accounts demo; the others are created here when missing.
EDITORS = (
    ("rus.editor", "RUS", "Elena Sokolova"),
    ("blr.editor", "BLR", "Andrei Lukashyk"),
    ("arm.editor", "ARM", "Gor Sargsyan"),
)

# (party, clause number or "", type, line, paragraph, comment, proposed change,
#  disposition, reasoning)
COMMENTS = (
    (
        "RUS",
        "4.1",
        "technical",
        "14",
        "Table 2",
        "A detection range of 6000 m for PC3 is not achievable in built-up areas with the "
        "sensors most operators hold.",
        "Keep 5000 m for PC3 and allow 6000 m as a recommendation.",
        "accepted_in_principle",
        "PC3 stays at 6000 m in open terrain; a note allows 5000 m where buildings mask the "
        "approach.",
    ),
    (
        "RUS",
        "4.5",
        "technical",
        "31",
        "",
        "“Classified” is not defined: by type, by payload, or by intent?",
        "Say “classified by type and flight behaviour”.",
        "accepted",
        "",
    ),
    (
        "RUS",
        "",
        "general",
        "",
        "",
        "The draft should state how it relates to national aviation rules on restricting "
        "airspace over facilities.",
        "Add an informative note in the scope.",
        "",
        "",
    ),
    (
        "KAZ",
        "6.8",
        "technical",
        "88",
        "",
        "Three exercises a year, one under jamming, is heavy for PC1 facilities.",
        "Make the jamming exercise required for PC2 and PC3 only.",
        "rejected",
        "Jamming is the commonest way attacks begin; every class needs to have rehearsed it "
        "once a year.",
    ),
    (
        "KAZ",
        "6.11",
        "editorial",
        "102",
        "",
        "“Anonymised” should be “depersonalised” to match the term in the parties' data laws.",
        "Replace the term.",
        "",
        "",
    ),
    (
        "KAZ",
        "",
        "general",
        "",
        "",
        "A table mapping each requirement to the protection classes it applies to would help "
        "operators.",
        "Add an annex with the mapping.",
        "noted",
        "Will be produced as a companion document after adoption.",
    ),
    (
        "KAZ",
        "4.2",
        "editorial",
        "19",
        "Figure 1",
        "The figure's legend uses “UAV”; the text uses “uncrewed aircraft”.",
        "Use one term throughout.",
        "",
        "",
    ),
    (
        "BLR",
        "4.1",
        "technical",
        "15",
        "Table 2",
        "The PC2 value of 3500 m should be tied to the warning time, not set independently.",
        "Derive the range from the warning time and the fastest expected approach speed.",
        "",
        "",
    ),
    (
        "BLR",
        "6.11",
        "technical",
        "103",
        "",
        "Sharing incident data should be “shall” for PC3 facilities.",
        "Split the requirement by class.",
        "",
        "",
    ),
    (
        "BLR",
        "",
        "editorial",
        "",
        "",
        "The Russian text of section 5 uses two different terms for “delay”.",
        "Use «задержка» throughout.",
        "accepted",
        "",
    ),
)

# (party, vote, reasons, comments)
VOTES = (
    ("KAZ", "approve_with_comments", "", "Our editorial comments stand; none blocks adoption."),
    ("ARM", "abstain", "", ""),
    (
        "RUS",
        "disapprove",
        "Resolve the PC3 detection range in built-up areas (our comment on 4.1) and define "
        "“classified” in 4.5.",
        "",
    ),
    ("BLR", "approve", "", ""),
)


# The first edition's ballot, closed long ago in the story (here: opened, voted by every
# member state and closed early on the day the demo loads). (party, vote, comments)
FIRST_EDITION_VOTES = (
    ("ARM", "approve", ""),
    ("BLR", "approve", ""),
    ("KAZ", "approve_with_comments", "Editorial remarks to be taken up in the next revision."),
    ("KGZ", "approve", ""),
    ("RUS", "approve", ""),
    ("TJK", "abstain", ""),
)
# Editors of the member states that do not comment on the draft but vote on the first
# edition: (username, party, full name).
MORE_EDITORS = (
    ("kgz.editor", "KGZ", "Bakyt Asanov"),
    ("tjk.editor", "TJK", "Farrukh Rahimov"),
)


def _editor(username: str, code: str, full_name: str, stdout: IO[Any]) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        first, last = full_name.split(" ", 1)
        user = user_create(
            actor=None,
            username=username,
            party=Party.objects.get(code=code),
            clearance=Classification.RESTRICTED,
            roles=[Role.STANDARDS_EDITOR],
            password=demo_password(username),
            first_name=first,
            last_name=last,
            email=f"{username}@demo.accord.invalid",
        )
        stdout.write(f"  {username:<15} {demo_password(username):<28} {code}  standards editor\n")
    return user


def _people(stdout: IO[Any]) -> dict[str, User]:
    people = {code: _editor(name, code, full, stdout) for name, code, full in EDITORS}
    kaz = User.objects.filter(username="kaz.standards").first()
    people["KAZ"] = kaz or _editor("kaz.editor", "KAZ", "Aigerim Sadykova", stdout)
    people["SEC"] = User.objects.get(username=EDITOR[0])
    return people


def adopt_by_ballot(version: StandardVersion, stdout: IO[Any]) -> Ballot:
    """Put the first edition (a committee draft) to ballot, let every member state vote
    and close the ballot: it passes by consensus and adopts (freezes) the version. Called
    by the drafting demo, which makes its second version from the adopted first."""
    people = _people(stdout)
    for name, code, full in MORE_EDITORS:
        people[code] = _editor(name, code, full, stdout)
    ballot = services.ballot_open(
        actor=people["SEC"],
        version=version,
        closes_on=timezone.localdate() + dt.timedelta(days=30),
    )
    voted = set()
    for code, choice, remarks in FIRST_EDITION_VOTES:
        if code in people:
            services.vote_cast(actor=people[code], ballot=ballot, vote=choice, comments=remarks)
            voted.add(code)
    for party in services.electorate(ballot).exclude(code__in=voted):
        # A member state the demo does not name (should the reference data grow).
        user = _editor(f"{party.code.lower()}.editor", party.code, "Demo Editor", stdout)
        services.vote_cast(actor=user, ballot=ballot, vote="approve")
    ballot = services.ballot_close(actor=people["SEC"], ballot=ballot, early=True)
    stdout.write(f"  {CODE} v{version.number}: ballot closed, {ballot.get_result_display()}\n")
    return ballot


def load(stdout: IO[Any]) -> None:
    version = (
        StandardVersion.objects.filter(standard__code=CODE, number=2)
        .select_related("standard")
        .first()
    )
    if version is None:
        return
    ballot = Ballot.objects.filter(standard_version=version).order_by("pk").first()
    if ballot is not None:
        stdout.write(
            f"  {CODE} v2: already loaded ({version.comments.count()} comments, ballot "
            f"{ballot.get_state_display()} with {ballot.votes.count()} votes)\n"
        )
        return
    if version.stage != StandardVersion.Stage.COMMITTEE_DRAFT:
        return
    people = _people(stdout)
    clauses = {c.number: c for c in Clause.objects.filter(version=version)}
    disposed = 0
    for (
        code,
        number,
        kind,
        line,
        paragraph,
        text,
        proposed,
        disposition,
        reason,
    ) in COMMENTS:
        comment = services.comment_add(
            actor=people[code],
            version=version,
            clause=clauses.get(number) if number else None,
            type=kind,
            line=line,
            paragraph=paragraph,
            comment=text,
            proposed_change=proposed,
        )
        if disposition:
            services.comment_dispose(
                actor=people["SEC"], comment=comment, disposition=disposition, reason=reason
            )
            disposed += 1
    ballot = services.ballot_open(
        actor=people["SEC"],
        version=version,
        closes_on=timezone.localdate() + dt.timedelta(days=21),
    )
    for code, choice, reasons, remarks in VOTES:
        services.vote_cast(
            actor=people[code], ballot=ballot, vote=choice, reasons=reasons, comments=remarks
        )
    stdout.write(
        f"  {CODE} v2: {len(COMMENTS)} comments ({disposed} disposed), ballot open until "
        f"{ballot.closes_on.isoformat()} with {len(VOTES)} votes\n"
    )
