"""Demo records of the module, through the real service: records of different markings,
so that users of different parties see different lists. Safe to run twice."""

from __future__ import annotations

from typing import IO, Any

from accord.accounts.models import User
from accord.core.models import Classification, Party, Release
from accord.legislation.models import Record
from accord.legislation.services import record_create

RECORDS: tuple[tuple[Any, ...], ...] = (
    # owner user, English title, Russian title, release, listed, classification
    (
        "sec.officer",
        "A record every member sees",
        "Запись, которую видят все члены",
        Release.MEMBERS,
        [],
        Classification.RESTRICTED,
    ),
    (
        "sec.officer",
        "A record released to Kazakhstan only",
        "Запись, переданная только Казахстану",
        Release.LISTED,
        ["KAZ"],
        Classification.RESTRICTED,
    ),
)


def load(stdout: IO[str]) -> None:
    parties = {p.code: p for p in Party.objects.all()}
    created = 0
    for username, title_en, title_ru, release, listed, level in RECORDS:
        if Record.objects.filter(title_en=title_en).exists():
            continue
        actor = User.objects.filter(username=username).first()
        if actor is None:
            continue
        record_create(
            actor=actor,
            title_en=title_en,
            title_ru=title_ru,
            release=release,
            classification=level,
            released_to=[parties[code] for code in listed if code in parties],
        )
        created += 1
    stdout.write(f"legislation: {created} demo records.\n")
