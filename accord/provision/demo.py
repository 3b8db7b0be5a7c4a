"""Demo data of the provision module, through the real services, as the demo users would
enter it (the issue's "Demo data"): two requirements; commitments from three parties, one
passing the legal gate and one refused with its reason; a title-changing delivery and a
contingent-owned one; an inspection with a missing item and its discrepancy report; an
overdue end-use check; a retransfer request awaiting consent; draft UNROCA returns for two
parties and an ATT return for the one ATT party.

It builds on the expertise demo's Kestrel-7 (concluded "lawful with conditions" for
Russia, Belarus and Kazakhstan; Armenia has no conclusion, hence the refusal). Safe to run
twice: nothing is added once the first demo requirement exists.
"""

from __future__ import annotations

import datetime as dt
from typing import IO

from django.utils import timezone

from accord.accounts.models import User
from accord.core.models import Classification, Party, Release
from accord.provision import services
from accord.provision.models import Requirement

FIRST = "DEMO-REQ-1"
SYSTEM = "Kestrel-7 loitering munition (fictional)"
NEEDED = ("sec.officer", "rus.legal", "kaz.legal", "arm.legal")


def load(stdout: IO[str]) -> None:
    from accord.expertise.models import SystemVersion

    if Requirement.objects.filter(reference=FIRST).exists():
        stdout.write("provision: demo already loaded.\n")
        return
    users = {u.username: u for u in User.objects.filter(username__in=NEEDED)}
    version = SystemVersion.objects.filter(system__designation=SYSTEM).order_by("-number").first()
    if len(users) < len(NEEDED) or version is None:
        stdout.write("provision: demo skipped (demo users or the Kestrel-7 missing).\n")
        return
    parties = {p.code: p for p in Party.objects.all()}
    today = timezone.localdate()
    sec, rus, kaz, arm = (users[n] for n in NEEDED)

    first = services.requirement_create(
        actor=sec,
        reference=FIRST,
        capability="Loitering munitions for the rapid-reaction force (fictional)",
        quantity=12,
        needed_by=today + dt.timedelta(days=180),
        justification="The force's mandate calls for a precise, supervised capability.",
        release=Release.MEMBERS,
        receiving_parties=[parties["KAZ"], parties["BLR"]],
    )
    second = services.requirement_create(
        actor=sec,
        reference="DEMO-REQ-2",
        capability="Supervised loitering munitions for the Armenian contingent (fictional)",
        quantity=4,
        needed_by=today + dt.timedelta(days=365),
        release=Release.MEMBERS,
        receiving_parties=[parties["ARM"]],
    )

    # Russia: a title-changing preferential supply to Kazakhstan, through the whole chain.
    supply = services.commitment_create(
        actor=rus,
        requirement=first,
        system_version=version,
        quantity=3,
        terms="preferential",
        title_passes=True,
        title_to=parties["KAZ"],
        price_basis="Preferential price under the agreement",
        classification=Classification.RESTRICTED,
    )
    _papers(rus, supply, parties["KAZ"], today)
    consignment = services.consignment_record(
        actor=rus,
        commitment=supply,
        reference="DEMO-CN-1",
        dispatched_on=today - dt.timedelta(days=20),
    )
    services.line_add(
        actor=rus,
        consignment=consignment,
        identifiers=[{"scheme": "NSN", "value": "1336-01-000-0007"}],
        description="Kestrel-7 loitering munition",
        category="IV",
        quantity=3,
        serials=["K7-0001", "K7-0002", "K7-0003"],
        value="450000.00",
        currency="USD",
        physical_location="Kapchagay training area",
        title_holder=parties["KAZ"],
        operational_controller=parties["KAZ"],
    )
    services.consignment_deliver(
        actor=kaz, consignment=consignment, delivered_on=today - dt.timedelta(days=15)
    )
    inspection = services.inspection_record(
        actor=kaz,
        consignment=consignment,
        inspected_on=today - dt.timedelta(days=14),
        received_serials=["K7-0001", "K7-0002"],
        notes="K7-0003 not in the crates.",
    )
    services.inspection_sign(actor=kaz, inspection=inspection)
    services.inspection_sign(actor=rus, inspection=inspection)
    services.discrepancy_report(
        actor=kaz,
        inspection=inspection,
        kind="documentation",
        description="The packing list names four crates; three arrived with papers.",
    )
    services.check_schedule(
        actor=rus,
        commitment=supply,
        kind="on_site",
        risk="medium",
        due_on=today - dt.timedelta(days=5),
    )
    services.retransfer_request(
        actor=kaz,
        commitment=supply,
        serials=["K7-0001"],
        recipient=parties["BLR"],
        purpose="Joint training with the Belarusian contingent",
    )

    # Russia again: a contingent-owned delivery (title stays with Russia: no return row).
    owned = services.commitment_create(
        actor=rus,
        requirement=first,
        system_version=version,
        quantity=2,
        terms="contingent_owned",
        classification=Classification.RESTRICTED,
    )
    _papers(rus, owned, parties["BLR"], today)
    own_consignment = services.consignment_record(
        actor=rus,
        commitment=owned,
        reference="DEMO-CN-2",
        dispatched_on=today - dt.timedelta(days=10),
    )
    services.line_add(
        actor=rus,
        consignment=own_consignment,
        identifiers=[{"scheme": "national", "value": "RU-K7-77"}],
        description="Kestrel-7 loitering munition",
        category="IV",
        quantity=2,
        serials=["K7-0101", "K7-0102"],
        physical_location="Russian contingent's depot",
        title_holder=parties["RUS"],
        operational_controller=parties["BLR"],
    )
    services.consignment_deliver(
        actor=rus, consignment=own_consignment, delivered_on=today - dt.timedelta(days=8)
    )
    # One of the contingent-owned items goes back to Russia: its obligations close.
    services.disposal_record(
        actor=rus,
        commitment=owned,
        kind="return",
        method="Returned to the supplier's depot by rail (fictional)",
        done_on=today - dt.timedelta(days=2),
        witnesses=[parties["RUS"], parties["BLR"]],
        serials=["K7-0102"],
    )

    # Kazakhstan commits to Armenia's requirement: refused at the gate (no conclusion for
    # Armenia), the reason shown. Armenia commits too, not yet at the gate.
    refused = services.commitment_create(
        actor=kaz, requirement=second, system_version=version, quantity=2, terms="commercial"
    )
    services.commitment_gate(actor=kaz, commitment=refused)
    services.commitment_create(
        actor=arm, requirement=first, system_version=version, quantity=1, terms="loan"
    )

    year = (today - dt.timedelta(days=15)).year
    services.return_prepare(actor=rus, kind="unroca", year=year)
    services.return_prepare(actor=kaz, kind="unroca", year=year)
    services.return_prepare(actor=kaz, kind="att", year=year)
    stdout.write("provision: 2 demo requirements, 4 commitments, 2 deliveries, 3 returns.\n")


def _papers(actor: User, commitment: object, end_user: Party, today: dt.date) -> None:
    services.commitment_gate(actor=actor, commitment=commitment)  # type: ignore[arg-type]
    services.authorisation_record(
        actor=actor,
        commitment=commitment,  # type: ignore[arg-type]
        number=f"RU-AUTH-{commitment.pk}",  # type: ignore[attr-defined]
        authority="Federal Service for Military-Technical Cooperation (fictional)",
        valid_from=today - dt.timedelta(days=60),
        valid_until=today + dt.timedelta(days=365),
        items="Kestrel-7 loitering munitions",
        risk_assessment="Recipient within the collective forces; low diversion risk.",
        decision="granted",
        reasons="Obligations under the agreement.",
    )
    services.certificate_record(
        actor=actor,
        commitment=commitment,  # type: ignore[arg-type]
        register_number=f"EUC-{commitment.pk}",  # type: ignore[attr-defined]
        issued_on=today - dt.timedelta(days=50),
        expires_on=today + dt.timedelta(days=365),
        issuing_authority=f"Ministry of Defence of {end_user.name_en}",
        signatory="Chief of logistics (fictional)",
        end_user=end_user,
        end_user_unit="Contingent of the collective rapid-reaction force",
        end_use_statement="For the collective forces' mandate only.",
        reexport_clause="No re-export or retransfer without the supplier's written consent.",
        consent_to_checks=True,
    )
