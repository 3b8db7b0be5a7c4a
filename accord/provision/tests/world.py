"""A small provision world for the tests: a Russian system cleared for Kazakhstan's
contingent, a Secretariat requirement, and helpers that walk a commitment along the chain
through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from accord.core.models import Party, Release
from accord.provision import services

TODAY = dt.date(2026, 6, 1)


def concluded_review(version: Any, outcomes: dict[str, tuple[str, list[str]]], signer: Any) -> Any:
    """A concluded joint review of `version` with one conclusion per party code. Written
    directly: the review procedure is the expertise module's, tested there; here only its
    outcome matters (what `clearance_for` reads)."""
    from accord.expertise.models import Conclusion, Review

    review = Review.objects.create(
        owner=version.system.owner,
        subject=version,
        initiating_party=version.system.owner,
        state=Review.State.CONCLUDED,
        law_date=timezone.localdate(),
        conflict_type="international",
        concluded_at=timezone.now(),
    )
    for code, (outcome, conditions) in outcomes.items():
        Conclusion.objects.create(
            review=review,
            party=Party.objects.get(code=code),
            outcome=outcome,
            conditions=conditions,
            reasoning="Assessed.",
            signed_by=signer,
            signed_at=timezone.now(),
        )
    return review


class World:
    def __init__(self, make_user: Any) -> None:
        from accord.expertise import services as expertise

        self.sec = make_user("SEC", roles=["secretariat_officer"], username="w.sec")
        self.rus_legal = make_user("RUS", roles=["legal_adviser"], username="w.rus.legal")
        self.rus = make_user("RUS", roles=["programme_officer"], username="w.rus.officer")
        self.kaz = make_user("KAZ", roles=["programme_officer"], username="w.kaz.officer")
        self.kaz_customs = make_user("KAZ", roles=["customs_officer"], username="w.kaz.customs")
        self.arm = make_user("ARM", roles=["programme_officer"], username="w.arm.officer")
        self.system = expertise.system_register(
            actor=self.rus_legal,
            designation="Kestrel test drone (fictional)",
            category="uncrewed",
            release=Release.MEMBERS,
        )
        self.version = self.system.versions.get()
        self.requirement = services.requirement_create(
            actor=self.sec,
            capability="Reconnaissance drones for the rapid-reaction force",
            quantity=10,
            needed_by=dt.date(2026, 12, 1),
            justification="Mandate of the force.",
            release=Release.MEMBERS,
            receiving_parties=[Party.objects.get(code="KAZ")],
        )

    def clear(self, outcome: str = "lawful_with_conditions") -> Any:
        return concluded_review(
            self.version, {"KAZ": (outcome, ["Only under human control."])}, self.rus_legal
        )

    def commit(self, **fields: Any) -> Any:
        data = {
            "quantity": 3,
            "terms": "preferential",
            "title_passes": True,
            "title_to": Party.objects.get(code="KAZ"),
        }
        data.update(fields)
        return services.commitment_create(
            actor=self.rus, requirement=self.requirement, system_version=self.version, **data
        )

    def authorise(self, commitment: Any) -> Any:
        services.commitment_gate(actor=self.rus_legal, commitment=commitment)
        services.authorisation_record(
            actor=self.rus_legal,
            commitment=commitment,
            number="RU-EXP-1",
            authority="Federal service",
            valid_from=dt.date(2026, 1, 1),
            valid_until=dt.date(2027, 12, 31),
            items="3 drones",
            risk_assessment="Low risk.",
            decision="granted",
            reasons="Agreement obligations.",
        )
        services.certificate_record(
            actor=self.rus_legal,
            commitment=commitment,
            register_number="EUC-1",
            issued_on=dt.date(2026, 1, 10),
            expires_on=dt.date(2027, 12, 31),
            issuing_authority="Ministry of Defence of Kazakhstan",
            signatory="Colonel A.",
            end_user=Party.objects.get(code="KAZ"),
            end_user_unit="Peacekeeping brigade",
            end_use_statement="For the collective forces only.",
            reexport_clause="No re-export without consent.",
            consent_to_checks=True,
        )
        commitment.refresh_from_db()
        return commitment

    def deliver(self, commitment: Any, serials: list[str], title_holder: str = "KAZ") -> Any:
        consignment = services.consignment_record(
            actor=self.rus, commitment=commitment, reference="CN-1", dispatched_on=TODAY
        )
        services.line_add(
            actor=self.rus,
            consignment=consignment,
            identifiers=[{"scheme": "NSN", "value": "1550-01-000-0001"}],
            description="Reconnaissance drone",
            category="IV",
            quantity=len(serials),
            serials=serials,
            value="150000.00",
            currency="USD",
            physical_location="Base A",
            title_holder=Party.objects.get(code=title_holder),
            operational_controller=Party.objects.get(code="KAZ"),
        )
        return services.consignment_deliver(
            actor=self.kaz, consignment=consignment, delivered_on=TODAY + dt.timedelta(days=3)
        )
