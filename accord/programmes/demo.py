"""Demo data of the module, through the real services (safe to run twice: what exists is
left alone). A joint programme led by the Secretariat with the six member states under a
key, one party (Tajikistan) in arrears, an in-kind contribution with evidence, a payment
in another currency, a revised budget, a baseline and a later slip in dates and cost, six
months of earned value, and a support request of each kind with offers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import IO, Any

from accord.accounts.models import User
from accord.core.models import Classification, Party, Release
from accord.programmes import services
from accord.programmes.models import (
    Assessment,
    Baseline,
    Budget,
    Contribution,
    CostShareKey,
    EvmSnapshot,
    Programme,
    StageRecord,
    SupportKind,
    SupportOffer,
    SupportRequest,
    WorkPackage,
)

IDENTIFIER = "CSTO-NWT-2026-001"
SHARES = {
    "ARM": Decimal("8.5"),
    "BLR": Decimal("14"),
    "KAZ": Decimal("17.5"),
    "KGZ": Decimal("6"),
    "RUS": Decimal("50"),
    "TJK": Decimal("4"),
}
PAYMENTS = (  # party, kind, amount, currency, value date
    ("RUS", "cash", "2500000.00", "RUB", dt.date(2026, 2, 20)),
    ("ARM", "cash", "425000.00", "RUB", dt.date(2026, 2, 27)),
    ("KGZ", "cash", "300000.00", "RUB", dt.date(2026, 3, 10)),
    ("BLR", "cash", "24561.40", "BYN", dt.date(2026, 2, 25)),
)
PACKAGES = (  # WBS, title, owner, start, finish, BAC, milestone
    ("1", "Methodology of joint legal review", "RUS", (2026, 1, 15), (2026, 6, 30), "1800000"),
    ("2", "Training of national experts", "KAZ", (2026, 4, 1), (2026, 10, 31), "2200000"),
    ("3", "Shared register of reviews", "BLR", (2026, 3, 1), (2026, 12, 15), "1000000"),
)
SUPPORT = {
    SupportKind.ORGANISATIONAL: ("Hosting a joint working group", "Проведение рабочей группы"),
    SupportKind.TECHNICAL: ("Secure video conferencing", "Защищённая видеосвязь"),
    SupportKind.ECONOMIC: ("Co-financing of translation", "Софинансирование перевода"),
    SupportKind.SCIENTIFIC: ("Expert opinion on sensors", "Экспертное заключение"),
    SupportKind.METHODOLOGICAL: ("Review methodology course", "Курс по методике экспертизы"),
    SupportKind.INFORMATIONAL: ("Digest of national practice", "Обзор национальной практики"),
}
COUNTED = (
    Programme,
    StageRecord,
    CostShareKey,
    Budget,
    Assessment,
    Contribution,
    WorkPackage,
    Baseline,
    EvmSnapshot,
    SupportRequest,
    SupportOffer,
)


def _programme(officer: Any, parties: dict[str, Party]) -> None:
    programme = services.programme_create(
        actor=officer,
        identifier=IDENTIFIER,
        title_en="Joint methodology for the legal review of new weapons",
        title_ru="Совместная методика правовой экспертизы новых видов оружия",
        objectives="A common method, trained experts and a shared register of reviews.",
        lifecycle_areas="development, use",
        currency="RUB",
        planned_start=dt.date(2026, 1, 15),
        planned_end=dt.date(2026, 12, 15),
        classification=Classification.RESTRICTED,
        release=Release.MEMBERS,
    )
    for code in SHARES:
        services.participant_add(
            actor=officer, programme=programme, party=parties[code], role="funding"
        )
    services.participant_add(
        actor=officer, programme=programme, party=parties["KAZ"], role="implementing"
    )
    steps: tuple[tuple[str, dict[str, str]], ...] = (
        ("eligibility", {"criteria": "Article 6 of the agreement", "reasons": "In scope"}),
        ("decided", {"decision_rule": "consensus", "reference": "Council decision 2026/3"}),
        ("implementation", {}),
    )
    for version, (stage, record) in enumerate(steps, start=1):
        services.programme_advance(
            actor=officer, programme=programme, version=version, stage=stage, **record
        )
    key = services.key_propose(
        actor=officer,
        programme=programme,
        basis="fixed",
        effective_from=dt.date(2026, 1, 1),
        shares={parties[c]: v for c, v in SHARES.items()},
    )
    services.key_decide(actor=officer, key=key, decision_reference="Council decision 2026/3")
    line = {"category": "services", "period_start": dt.date(2026, 1, 1)}
    services.budget_set(
        actor=officer,
        programme=programme,
        status="committed",
        lines=[{**line, "period_end": dt.date(2026, 12, 31), "amount": "5000000.00"}],
    )
    services.assessment_issue(actor=officer, programme=programme, due_date=dt.date(2026, 3, 1))
    services.budget_set(
        actor=officer,
        programme=programme,
        status="committed",
        reason="Training moved to a second city; register hosting costs higher.",
        lines=[
            {**line, "period_end": dt.date(2026, 12, 31), "amount": "5000000.00"},
            {
                **line,
                "category": "travel",
                "period_end": dt.date(2026, 12, 31),
                "amount": "400000.00",
            },
        ],
    )
    services.rate_set(
        actor=officer, currency="BYN", quote="RUB", rate_date=dt.date(2026, 1, 1), rate="28.50"
    )
    for code, kind, amount, currency, day in PAYMENTS:
        services.contribution_record(
            actor=officer,
            programme=programme,
            party=parties[code],
            kind=kind,
            amount=amount,
            currency=currency,
            value_date=day,
        )
    services.contribution_record(
        actor=officer,
        programme=programme,
        party=parties["KAZ"],
        kind="in_kind",
        amount="875000.00",
        currency="RUB",
        value_date=dt.date(2026, 3, 15),
        valuation_method="Cost of the training centre at published rates",
        valuer="Joint valuation panel",
        evidence="Acceptance act No. 14 of 15 March 2026",
    )
    # Planned disbursements by quarter, and what was committed, disbursed and spent
    # under the budget's cost categories (budget vs actual per line).
    for quarter, amount in enumerate(("1200000.00", "1500000.00", "1500000.00", "800000.00")):
        services.planned_disbursement_add(
            actor=officer,
            programme=programme,
            period_start=dt.date(2026, 1 + 3 * quarter, 1),
            period_end=dt.date(2026, 3 + 3 * quarter, 30 if quarter in (1, 2) else 31),
            amount=amount,
            currency="RUB",
            provider=parties["RUS"],
            receiver=parties["KAZ"],
        )
    for flow, category, amount, day, text in (
        (2, "services", "4000000.00", dt.date(2026, 1, 20), "Contract with the training centre"),
        (3, "services", "1100000.00", dt.date(2026, 3, 10), "First instalment"),
        (3, "services", "1350000.00", dt.date(2026, 5, 12), "Second instalment"),
        (4, "travel", "185000.00", dt.date(2026, 4, 2), "Instructors' travel"),
    ):
        services.transaction_record(
            actor=officer,
            programme=programme,
            type=flow,
            category=category,
            amount=amount,
            currency="RUB",
            value_date=day,
            provider=parties["RUS"],
            receiver=parties["KAZ"],
            description=text,
        )
    # Tajikistan has not paid: it is in arrears (computed; nobody else's share moves).
    for code, title, owner, start, finish, bac in PACKAGES:
        services.work_package_add(
            actor=officer,
            programme=programme,
            wbs_code=code,
            title=title,
            owner=parties[owner],
            start=dt.date(*start),
            finish=dt.date(*finish),
            budget_at_completion=bac,
        )
    services.baseline_take(actor=officer, programme=programme, name="Approved plan")
    slipped = programme.work_packages.get(wbs_code="2")
    services.work_package_reschedule(
        actor=officer,
        package=slipped,
        start=dt.date(2026, 5, 1),
        finish=dt.date(2026, 12, 15),
        budget_at_completion="2500000",
    )
    total = Decimal("5000000")
    for month in range(1, 7):
        pv = total * month / 12
        ev = pv * Decimal("0.9") if month > 3 else pv
        ac = ev * Decimal("1.08")
        services.evm_record(
            actor=officer,
            programme=programme,
            period=dt.date(2026, month, 1),
            pv=pv.quantize(Decimal("0.01")),
            ev=ev.quantize(Decimal("0.01")),
            ac=ac.quantize(Decimal("0.01")),
            bac=total,
        )


def _support(asker: Any, giver: Any) -> int:
    created = 0
    for index, (kind, (title_en, title_ru)) in enumerate(SUPPORT.items()):
        if SupportRequest.objects.filter(title_en=title_en).exists():
            continue
        request = services.support_request_create(
            actor=asker,
            kind=kind,
            title_en=title_en,
            title_ru=title_ru,
            description="For the joint methodology programme.",
            release=Release.MEMBERS,
            classification=Classification.UNCLASSIFIED,
        )
        offer = services.offer_make(
            actor=giver,
            request=request,
            form="Experts and facilities of the Secretariat",
            value=f"{(index + 1) * 100000}.00",
        )
        if index % 2 == 0:
            services.offer_accept(actor=asker, offer=offer)
        if index % 4 == 0:
            services.offer_deliver(actor=asker, offer=offer, delivered_on=dt.date(2026, 4, 1))
        created += 1
    return created


def load(stdout: IO[str]) -> None:
    parties = {p.code: p for p in Party.objects.all()}
    officer = User.objects.filter(username="sec.officer").first()
    asker = User.objects.filter(username="blr.finance").first()
    if officer is None or any(code not in parties for code in SHARES):
        stdout.write("programmes: the demo users or parties are missing; nothing loaded.\n")
        return
    made = 0
    if not Programme.objects.filter(identifier=IDENTIFIER).exists():
        _programme(officer, parties)
        made += 1
    requests = _support(asker, officer) if asker is not None else 0
    stdout.write(f"programmes: {made} demo programme, {requests} support requests.\n")
