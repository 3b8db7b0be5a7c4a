"""Who may do what in the trafficking module: the role and party predicates the services,
selectors, pages and API use. The services still enforce them (a page only uses them to
show or hide a control); the record-level rule stays `accord.core.access`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from accord.core.access import party_of
from accord.core.permissions import has_any_role
from accord.core.roles import Role

if TYPE_CHECKING:
    from accord.trafficking.models import Incident, Operation

# --- Item registers ---------------------------------------------------------------------------

# Who works with the registers at all: customs and law-enforcement officers, and the
# Secretariat's officers who hold the joint registers. Others are refused the area (403)
# and any single item answers 404, as if it did not exist.
READER_ROLES = (Role.CUSTOMS_OFFICER, Role.SECRETARIAT_OFFICER)


def may_read_registers(actor: Any) -> bool:
    return has_any_role(actor, *READER_ROLES)


def may_keep_register(actor: Any, owner_id: int | None = None) -> bool:
    """Customs officers of the owner party keep its register."""
    party = party_of(actor)
    return (
        party is not None
        and has_any_role(actor, Role.CUSTOMS_OFFICER)
        and (owner_id is None or party.pk == owner_id)
    )


def may_edit_reference(actor: Any) -> bool:
    """Makes and models (the shared reference) are kept by customs and Secretariat officers."""
    return has_any_role(actor, Role.CUSTOMS_OFFICER, Role.SECRETARIAT_OFFICER)


# --- Watchlist and screening ------------------------------------------------------------------

WATCHLIST_EDITORS = (Role.CUSTOMS_OFFICER, Role.SECRETARIAT_OFFICER)
SCREENERS = (Role.CUSTOMS_OFFICER, Role.SECRETARIAT_OFFICER)


def can_edit_watchlist(actor: Any, party_id: int | None = None) -> bool:
    """Whether `actor` edits the watchlist of `party_id` (their own party's by default)."""
    party = party_of(actor)
    return (
        party is not None
        and (party_id is None or party.pk == party_id)
        and has_any_role(actor, *WATCHLIST_EDITORS)
    )


def can_screen(actor: Any) -> bool:
    return has_any_role(actor, *SCREENERS)


# --- Incidents --------------------------------------------------------------------------------


def is_incident_officer(user: Any) -> bool:
    """Customs officers report incidents (and import them from MISP)."""
    return has_any_role(user, Role.CUSTOMS_OFFICER)


def may_edit_incident(user: Any, incident: Incident) -> bool:
    """An officer of the reporting party edits the incident and its rows."""
    party = party_of(user)
    return is_incident_officer(user) and party is not None and party.pk == incident.owner_id


# --- Tracing ------------------------------------------------------------------------------------

TRACING_OFFICERS = (Role.CUSTOMS_OFFICER,)  # as `services.tracing.OFFICERS`


def may_send_tracing(actor: Any) -> bool:
    """Customs officers send tracing requests (the pages hide "Send a tracing request"
    from everyone else)."""
    return has_any_role(actor, *TRACING_OFFICERS)


# --- Joint operations -------------------------------------------------------------------------

OFFICERS = (Role.CUSTOMS_OFFICER,)


def is_officer(user: Any) -> bool:
    return has_any_role(user, *OFFICERS)


def is_lead_officer(user: Any, operation: Operation) -> bool:
    """An officer of the party leading (owning) the operation."""
    party = party_of(user)
    return party is not None and party.pk == operation.owner_id and is_officer(user)


def is_participant_officer(user: Any, operation: Operation) -> bool:
    """An officer of a party taking part in the operation (the lead party included)."""
    party = party_of(user)
    return (
        party is not None
        and is_officer(user)
        and (
            party.pk == operation.owner_id
            or operation.participants.filter(party_id=party.pk).exists()
        )
    )
