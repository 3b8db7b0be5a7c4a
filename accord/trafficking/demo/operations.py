"""Demo records of: Joint operations, the dashboard, exports.

Two clearly fictional joint operations, through the services as the officers would plan
them: "Silent Steppe" (led by Russia with Kazakhstan and Belarus, concluded, with an
after-action summary) and "Caspian Gate" (led by Kazakhstan with Russia and Armenia,
active). The incidents the incidents demo reported during each operation's period by a
participating party are linked to it, each by an officer who may do so. Safe to run
twice: an operation already there (by reference) is left alone, and an incident already
linked is skipped.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from accord.accounts.demo import demo_password
from accord.accounts.models import User
from accord.accounts.services import user_create
from accord.core.access import party_of
from accord.core.errors import ServiceError
from accord.core.models import Classification, Party, Release
from accord.core.roles import Role
from accord.trafficking.models import Incident, Operation
from accord.trafficking.services import operations as services

C = Classification

# Customs officers the operations need besides the accounts demo's `rus.customs`
# (the incidents demo may have created them already). username, party, clearance, name.
OFFICERS = (
    ("kaz.customs", "KAZ", C.CONFIDENTIAL, "Aigerim Nurlanova"),
    ("blr.customs", "BLR", C.CONFIDENTIAL, "Pavel Kavalenka"),
    ("arm.customs", "ARM", C.CONFIDENTIAL, "Narek Hovhannisyan"),
)

OPERATIONS: tuple[dict[str, Any], ...] = (
    {
        "lead": "rus.customs",
        "fields": {
            "code": "DEMO-OP-SILENT-STEPPE",
            "name": "Silent Steppe (fictional demo operation)",
            "starts_on": dt.date(2025, 9, 1),
            "ends_on": dt.date(2025, 11, 13),
            "area": "Fictional border crossings between the participating parties.",
            "objectives": (
                "Interdict shipments of uncrewed-system components and electronic-warfare "
                "equipment; trace every seized item back to its last legal holder."
            ),
            "classification": C.RESTRICTED,
            "release": Release.OWNER,
        },
        "agencies": {
            "RUS": "Federal customs service (fictional unit 7)",
            "KAZ": "State revenue committee, customs control (fictional)",
            "BLR": "State customs committee, border posts (fictional)",
        },
        "status": ["active", "concluded"],
        "summary": (
            "Fictional demo summary: joint checks at three crossings; the figures below are "
            "computed from the incidents linked to the operation."
        ),
    },
    {
        "lead": "kaz.customs",
        "fields": {
            "code": "DEMO-OP-CASPIAN-GATE",
            "name": "Caspian Gate (fictional demo operation)",
            "starts_on": dt.date(2025, 11, 14),
            "ends_on": None,
            "area": "Fictional sea ports and rail terminals.",
            "objectives": "Screen consignees against the watchlist; stop dual-use transfers.",
            "classification": C.RESTRICTED,
            "release": Release.MEMBERS,
        },
        "agencies": {
            "KAZ": "Border service (fictional maritime unit)",
            "RUS": "Transport police (fictional)",
            "ARM": "State revenue committee (fictional)",
        },
        "status": ["active"],
        "summary": "",
    },
)


def _officers(parties: dict[str, Party], stdout: IO[Any]) -> None:
    for username, code, clearance, full_name in OFFICERS:
        if User.objects.filter(username=username).exists():
            continue
        first, last = full_name.split(" ", 1)
        user_create(
            actor=None,
            username=username,
            party=parties[code],
            clearance=clearance,
            roles=[Role.CUSTOMS_OFFICER],
            password=demo_password(username),
            first_name=first,
            last_name=last,
            email=f"{username}@demo.accord.invalid",
        )
        stdout.write(f"  {username:<15} {demo_password(username):<28} {code}  customs_officer\n")


def _link_incidents(operation: Operation, officers: dict[str, User]) -> int:
    """Link the incidents reported during the operation by its participants, each by an
    officer of the reporting party (or the lead's, for what it may see)."""
    period = {"occurred_on__gte": operation.starts_on}
    if operation.ends_on:
        period["occurred_on__lte"] = operation.ends_on
    parties = list(operation.participants.values_list("party_id", flat=True))
    candidates = Incident.objects.filter(
        operation__isnull=True, owner_id__in=parties, **period
    ).order_by("occurred_on", "pk")
    by_party = {user.party_id: user for user in officers.values() if party_of(user)}
    linked = 0
    for incident in candidates:
        actor = by_party.get(incident.owner_id)
        if actor is None:
            continue
        try:
            services.operation_link_incident(actor=actor, operation=operation, incident=incident)
        except ServiceError:
            continue  # e.g. the officer's clearance is below the incident's marking
        linked += 1
    return linked


def _trace_one(operation: Operation, officers: dict[str, User]) -> None:
    """One tracing request about an item of a linked incident, sent by the reporting
    party to another participant and answered (unless one exists already)."""
    from accord.trafficking.models import TracingRequest
    from accord.trafficking.services import tracing

    if TracingRequest.objects.filter(incident__operation=operation).exists():
        return
    by_party = {user.party_id: user for user in officers.values()}
    incident = (
        Incident.objects.filter(operation=operation, items__isnull=False)
        .exclude(items__serial_number="")
        .order_by("occurred_on", "pk")
        .first()
    )
    if incident is None or incident.owner_id not in by_party:
        return
    other = (
        operation.participants.exclude(party_id=incident.owner_id)
        .filter(party_id__in=list(by_party))
        .order_by("party__code")
        .first()
    )
    if other is None:
        return
    item = incident.items.exclude(serial_number="").order_by("pk").first()
    assert item is not None
    try:
        request = tracing.tracing_request_send(
            actor=by_party[incident.owner_id],
            requested_party=other.party,
            incident=incident,
            items=[
                {
                    "kind": item.kind,
                    "manufacturer": item.manufacturer,
                    "model": item.model,
                    "serial_number": item.serial_number,
                    "incident_item": item.pk,
                }
            ],
            circumstances=f"Fictional demo: found during operation {operation.code}.",
            grounds="Fictional demo: no export licence was presented.",
            requested_information="Last known legal holder and transfer history.",
        )
        tracing.tracing_request_answer(
            actor=by_party[other.party_id],
            request=request,
            outcome="partial",
            answer="Fictional demo answer: exported under licence in 2023, then resold.",
            last_legal_holder="Example Trading LLC (fictional)",
        )
    except ServiceError:
        return


def load(stdout: IO[Any]) -> None:
    parties = {p.code: p for p in Party.objects.all()}
    _officers(parties, stdout)
    usernames = ["rus.customs", *(o[0] for o in OFFICERS)]
    officers = {u.username: u for u in User.objects.filter(username__in=usernames)}
    if "rus.customs" not in officers:
        stdout.write("Trafficking operations demo skipped: load the accounts demo first.\n")
        return
    for spec in OPERATIONS:
        lead = officers[spec["lead"]]
        operation = Operation.objects.filter(code=spec["fields"]["code"]).first()
        if operation is None:
            operation = services.operation_create(
                actor=lead,
                agencies=spec["agencies"][lead.party.code],
                **spec["fields"],
            )
            for code, agencies in spec["agencies"].items():
                if code != lead.party.code:
                    services.participant_add(
                        actor=lead, operation=operation, party=parties[code], agencies=agencies
                    )
        _link_incidents(operation, officers)
        # the incidents linked in all, by this run or an earlier one
        linked = Incident.objects.filter(operation=operation).count()
        _trace_one(operation, officers)
        for status in spec["status"]:
            if status in services.TRANSITIONS[operation.status]:
                operation = services.operation_set_status(
                    actor=lead, operation=operation, status=status
                )
        if spec["summary"] and not operation.after_action_summary:
            services.operation_summarise(
                actor=lead,
                operation=operation,
                after_action_summary=spec["summary"],
                version=operation.version,
            )
        stdout.write(
            f"  operation {operation.code}: {operation.status}, {linked} incidents linked\n"
        )
