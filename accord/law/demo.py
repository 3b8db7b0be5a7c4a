"""Demo records of the law module: bilateral agreements with different markings, so that
users of different parties see different registers."""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from accord.accounts.models import User
from accord.core.models import Classification, Party, Release
from accord.law.models import BilateralAgreement
from accord.law.services import bilateral_register

AGREEMENTS: tuple[tuple[Any, ...], ...] = (
    # owner user, counterpart, English title, Russian title, status, release, listed, class
    (
        "rus.legal",
        "BLR",
        "Agreement on joint testing of counter-UAS systems",
        "Соглашение о совместных испытаниях систем противодействия БПЛА",
        "in_force",
        Release.MEMBERS,
        [],
        Classification.RESTRICTED,
    ),
    (
        "kaz.legal",
        "KGZ",
        "Memorandum on electronic-warfare training ranges",
        "Меморандум о полигонах для подготовки по радиоэлектронной борьбе",
        "signed",
        Release.OWNER,
        [],
        Classification.CONFIDENTIAL,
    ),
    (
        "arm.legal",
        "RUS",
        "Protocol on legal review cooperation",
        "Протокол о сотрудничестве в области правовой экспертизы",
        "negotiation",
        Release.LISTED,
        ["SEC"],
        Classification.RESTRICTED,
    ),
)


def load(stdout: IO[str]) -> None:
    parties = {p.code: p for p in Party.objects.all()}
    created = 0
    for username, counterpart, title_en, title_ru, status, release, listed, level in AGREEMENTS:
        if BilateralAgreement.objects.filter(title_en=title_en).exists():
            continue
        actor = User.objects.filter(username=username).first()
        if actor is None:
            continue
        bilateral_register(
            actor=actor,
            counterpart=parties[counterpart],
            title_en=title_en,
            title_ru=title_ru,
            status=status,
            signed_on=dt.date(2026, 3, 1) if status != "negotiation" else None,
            classification=level,
            release=release,
            released_to=[parties[c] for c in listed],
        )
        created += 1
    stdout.write(
        f"Law: {created} bilateral agreements added "
        f"({BilateralAgreement.objects.count()} in the register).\n"
    )
