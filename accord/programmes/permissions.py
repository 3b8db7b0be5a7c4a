"""Who may do what in the programmes module (reading is the access rule's business).

- A programme officer (or a Secretariat officer) creates programmes for their party and
  manages those their party leads: participants, lifecycle steps, schedule, EVM.
- A finance officer (or a Secretariat officer) of the lead party keeps the money: keys,
  budgets, assessments, transactions, any party's contribution; a participating party's
  finance officer records its own party's contributions; finance officers keep the rates
  table.
- Cost detail (budget lines, transactions, planned disbursements, individual
  contributions, budget vs actual per line) is shown to finance officers, auditors and
  the Secretariat among those who see the programme; other readers see totals.
- Any party's programme officer may ask for support; another party's programme officer
  who sees a request may offer; the requester accepts and records delivery.
"""

from __future__ import annotations

from typing import Any

from accord.core.access import party_of
from accord.core.permissions import has_any_role
from accord.core.roles import Role

PROGRAMME_ROLES = (Role.PROGRAMME_OFFICER, Role.SECRETARIAT_OFFICER, Role.ADMINISTRATOR)
FINANCE_ROLES = (Role.FINANCE_OFFICER, Role.SECRETARIAT_OFFICER, Role.ADMINISTRATOR)
COST_DETAIL_ROLES = (Role.FINANCE_OFFICER, Role.AUDITOR, Role.SECRETARIAT_OFFICER)


def _has(user: Any, roles: tuple[str, ...]) -> bool:
    return party_of(user) is not None and (
        getattr(user, "is_superuser", False) or has_any_role(user, *roles)
    )


def _leads(user: Any, programme: Any) -> bool:
    party = party_of(user)
    return party is not None and programme.owner_id == party.pk


def can_create(user: Any) -> bool:
    return _has(user, PROGRAMME_ROLES)


def can_manage(user: Any, programme: Any) -> bool:
    return _leads(user, programme) and _has(user, PROGRAMME_ROLES)


def can_finance(user: Any, programme: Any) -> bool:
    return _leads(user, programme) and _has(user, FINANCE_ROLES)


def can_contribute(user: Any, programme: Any, party: Any) -> bool:
    """The lead's finance officers record anyone's contribution; a participant's, its own."""
    own = party_of(user)
    if own is None or not _has(user, FINANCE_ROLES):
        return False
    return programme.owner_id == own.pk or (
        party is not None
        and party.pk == own.pk
        and programme.participations.filter(party=own).exists()
    )


def can_see_cost_detail(user: Any) -> bool:
    """Whether the reader of a programme (seen through the access rule) sees its cost
    detail, or its totals only."""
    return _has(user, COST_DETAIL_ROLES)


def can_keep_rates(user: Any) -> bool:
    return _has(user, FINANCE_ROLES)


def can_request_support(user: Any) -> bool:
    return _has(user, PROGRAMME_ROLES)


def can_offer(user: Any, request: Any) -> bool:
    party = party_of(user)
    return party is not None and request.owner_id != party.pk and _has(user, PROGRAMME_ROLES)


def can_answer_offers(user: Any, request: Any) -> bool:
    party = party_of(user)
    return party is not None and request.owner_id == party.pk and _has(user, PROGRAMME_ROLES)
