"""Builders of provision's marked models for the access meta-test and the URL sweep
(`accord/core/tests/marked.py`). Each carries the marker in a text its detail shows.

The commitment is walked along the whole chain (gate, papers, a delivered consignment, a
signed inspection with a discrepancy, a rated check with its hold), so that the sweep has
a real id for every part. Its system is cleared by a concluded review written directly
(`world.concluded_review`): the review procedure is the expertise module's."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from accord.core.models import Classification, Party, Release

_n = itertools.count(1)
RECIPIENT = "BLR"


def _helper(party: Party, roles: list[str]) -> Any:
    from accord.accounts.services import user_create

    return user_create(
        actor=None,
        username=f"provision.helper{next(_n)}",
        party=party,
        clearance=Classification.SECRET,
        roles=roles,
    )


def _requirement(owner: Any, capability: str) -> Any:
    from accord.provision import services

    return services.requirement_create(
        actor=_helper(owner.party, ["secretariat_officer"]),
        capability=capability,
        quantity=5,
        needed_by=dt.date(2027, 1, 1),
        classification=Classification.UNCLASSIFIED,
        release=Release.MEMBERS,
        receiving_parties=[Party.objects.get(code=RECIPIENT)],
    )


def requirement(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    return _requirement(owner, f"Capability {marker}"), frozenset()


def commitment(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.expertise import services as expertise
    from accord.provision import services
    from accord.provision.tests.world import concluded_review

    recipient = Party.objects.get(code=RECIPIENT)
    legal = _helper(owner.party, ["legal_adviser"])
    officer = _helper(owner.party, ["programme_officer"])
    receiving = _helper(recipient, ["programme_officer"])
    system = expertise.system_register(
        actor=legal,
        designation=f"Provision system {next(_n)}",
        category="uncrewed",
        classification=Classification.UNCLASSIFIED,
    )
    version = system.versions.get()
    concluded_review(version, {RECIPIENT: ("lawful", [])}, legal)
    req = _requirement(owner, f"Requirement {next(_n)}")
    made = services.commitment_create(
        actor=officer,
        requirement=req,
        system_version=version,
        quantity=2,
        terms="preferential",
        title_passes=True,
        title_to=recipient,
        price_basis=f"Price {marker}",
        classification=Classification.UNCLASSIFIED,
    )
    services.commitment_gate(actor=legal, commitment=made)
    services.authorisation_record(
        actor=legal,
        commitment=made,
        number="A-1",
        authority="Authority",
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date(2099, 1, 1),
        items="Items",
        risk_assessment="Risk",
        decision="granted",
        reasons="Reasons",
    )
    services.certificate_record(
        actor=legal,
        commitment=made,
        register_number="E-1",
        issued_on=dt.date(2020, 1, 1),
        expires_on=dt.date(2099, 1, 1),
        issuing_authority="MoD",
        signatory="Signatory",
        end_user=recipient,
        end_user_unit="Unit",
        end_use_statement="Statement",
        reexport_clause="Clause",
    )
    made.refresh_from_db()
    today = dt.date.today()
    consignment = services.consignment_record(
        actor=officer, commitment=made, reference=f"CN-{next(_n)}", dispatched_on=today
    )
    services.line_add(
        actor=officer,
        consignment=consignment,
        identifiers=[{"scheme": "NSN", "value": "1"}],
        description="Item",
        category="IV",
        quantity=2,
        serials=[f"S{next(_n)}", f"S{next(_n)}"],
        title_holder=recipient,
        operational_controller=recipient,
    )
    services.consignment_deliver(actor=officer, consignment=consignment, delivered_on=today)
    inspection = services.inspection_record(
        actor=officer, consignment=consignment, inspected_on=today, received_serials=[]
    )
    services.inspection_sign(actor=officer, inspection=inspection)
    services.inspection_sign(actor=receiving, inspection=inspection)
    check = services.check_schedule(
        actor=officer, commitment=made, kind="routine", risk="low", due_on=today
    )
    services.check_rate(
        actor=officer, check=check, rating="unfavourable", justification="J", done_on=today
    )
    # Lifted at once, or the next record built would find its deliveries held.
    services.hold_lift(actor=legal, hold=check.hold, reason="Lifted for the next build.")
    made.refresh_from_db()
    return made, frozenset()


def retransfer(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    """Written directly on a bare commitment: the request's owner must be a holder of
    delivered items, which would take a second whole chain per record."""
    from accord.provision.models import RetransferRequest

    made, _parties = commitment_bare(owner)
    return (
        RetransferRequest.objects.create(
            owner=owner.party,
            commitment=made,
            serials=["X-1"],
            recipient=Party.objects.get(code="ARM"),
            purpose=f"Purpose {marker}",
        ),
        frozenset(),
    )


def commitment_bare(owner: Any) -> tuple[Any, frozenset[str]]:
    from accord.expertise import services as expertise
    from accord.provision import services

    legal = _helper(owner.party, ["legal_adviser"])
    system = expertise.system_register(
        actor=legal, designation=f"Provision system {next(_n)}", category="uncrewed"
    )
    req = _requirement(owner, f"Requirement {next(_n)}")
    made = services.commitment_create(
        actor=legal,
        requirement=req,
        system_version=system.versions.get(),
        quantity=1,
        terms="loan",
    )
    return made, frozenset()


def annual_return(owner: Any, marker: str) -> tuple[Any, frozenset[str]]:
    from accord.provision import services

    return (
        services.return_prepare(
            actor=_helper(owner.party, ["programme_officer"]),
            kind="unroca",
            year=1900 + next(_n),
            remarks=f"Remarks {marker}",
        ),
        frozenset(),
    )
