"""Who may do what in provision (reading is the access rule's business).

Accord's roles have no "logistics officer", "licensing authority" or "inspector"; until
they do, the nearest roles stand in for them:

- requirements: Secretariat officers (the collective-force command records through them);
- commitments, consignments, lines, inspections, end-use checks, retransfers, returns:
  a party's *provision officers* (programme, customs, legal and Secretariat officers);
- the legal gate, authorisations and end-user certificates: legal advisers;
- entering delivered items into a register: the title holder's customs officers (the
  trafficking module's own rule).

Writes on a commitment's parts belong to its supplying party; signing an inspection, to
the supplier and to the recipient party (each signs once); consenting to a retransfer, to
the supplier.
"""

from __future__ import annotations

from typing import Any

from accord.core.access import party_of
from accord.core.permissions import has_any_role
from accord.core.roles import Role

REQUIREMENT_EDITORS = (Role.SECRETARIAT_OFFICER, Role.ADMINISTRATOR)
OFFICERS = (
    Role.PROGRAMME_OFFICER,
    Role.CUSTOMS_OFFICER,
    Role.LEGAL_ADVISER,
    Role.SECRETARIAT_OFFICER,
)
LEGAL = (Role.LEGAL_ADVISER,)


def _party_id(user: Any) -> int | None:
    party = party_of(user)
    return party.pk if party is not None else None


def can_record_requirement(user: Any) -> bool:
    return _party_id(user) is not None and has_any_role(user, *REQUIREMENT_EDITORS)


def can_edit_requirement(user: Any, requirement: Any) -> bool:
    return can_record_requirement(user) and requirement.owner_id == _party_id(user)


def is_officer(user: Any) -> bool:
    return _party_id(user) is not None and has_any_role(user, *OFFICERS)


def is_supplier_officer(user: Any, commitment: Any) -> bool:
    return is_officer(user) and commitment.owner_id == _party_id(user)


def is_supplier_legal(user: Any, commitment: Any) -> bool:
    return has_any_role(user, *LEGAL) and commitment.owner_id == _party_id(user)


def recipient_ids(commitment: Any) -> set[int]:
    """The receiving side of a commitment: the receiving contingents' parties and the party
    title passes to."""
    ids = {p.pk for p in commitment.requirement.receiving_parties.all()}
    if commitment.title_to_id:
        ids.add(commitment.title_to_id)
    return ids


def is_recipient_officer(user: Any, commitment: Any) -> bool:
    return is_officer(user) and _party_id(user) in recipient_ids(commitment)


def is_party_officer(user: Any, commitment: Any) -> bool:
    """An officer of the supplier or of the receiving side."""
    return is_supplier_officer(user, commitment) or is_recipient_officer(user, commitment)
