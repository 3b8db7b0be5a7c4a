"""Demo users: several parties, different roles and clearances. Demo passwords only."""

from __future__ import annotations

from typing import IO

from accord.accounts.models import User
from accord.accounts.services import user_create
from accord.core.models import Classification, Party
from accord.core.roles import Role

C = Classification
# username, party, clearance, roles, full name
DEMO_USERS = (
    (
        "sec.admin",
        "SEC",
        C.SECRET,
        [Role.ADMINISTRATOR, Role.SECRETARIAT_OFFICER],
        "Aigerim Sadykova",
    ),
    (
        "sec.officer",
        "SEC",
        C.CONFIDENTIAL,
        [Role.SECRETARIAT_OFFICER, Role.PROGRAMME_OFFICER],
        "Pavel Orlov",
    ),
    ("sec.auditor", "SEC", C.SECRET, [Role.AUDITOR], "Nina Vartanyan"),
    ("rus.legal", "RUS", C.SECRET, [Role.LEGAL_ADVISER, Role.LEAD_REVIEWER], "Ivan Petrov"),
    ("rus.customs", "RUS", C.CONFIDENTIAL, [Role.CUSTOMS_OFFICER], "Olga Smirnova"),
    ("rus.auditor", "RUS", C.SECRET, [Role.AUDITOR], "Sergei Volkov"),
    (
        "kaz.legal",
        "KAZ",
        C.CONFIDENTIAL,
        [Role.LEGAL_ADVISER, Role.LEAD_REVIEWER],
        "Dana Nurlanovna",
    ),
    (
        "kaz.standards",
        "KAZ",
        C.RESTRICTED,
        [Role.STANDARDS_EDITOR, Role.FACILITY_ASSESSOR],
        "Arman Bekov",
    ),
    ("arm.legal", "ARM", C.CONFIDENTIAL, [Role.LEGAL_ADVISER], "Anna Hakobyan"),
    (
        "blr.finance",
        "BLR",
        C.RESTRICTED,
        [Role.FINANCE_OFFICER, Role.PROGRAMME_OFFICER],
        "Maksim Kovalenko",
    ),
    ("irn.observer", "IRN", C.UNCLASSIFIED, [Role.KNOWLEDGE_EDITOR], "Reza Tehrani"),
)


def demo_password(username: str) -> str:
    return f"demo-{username}-2026"


def load(stdout: IO[str]) -> None:
    parties = {p.code: p for p in Party.objects.all()}
    stdout.write("Demo accounts (demo passwords — never use them anywhere else):\n")
    for username, code, clearance, roles, full_name in DEMO_USERS:
        first, last = full_name.split(" ", 1)
        created = not User.objects.filter(username=username).exists()
        if created:
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
