"""Demo records of: Tracing requests between parties.

Clearly fictional items and firms. Requests between several parties in every state (sent,
acknowledged, answered fully, partially and "cannot trace", closed, withdrawn), one of
them overdue. Every step goes through the services; only the overdue one's dates are
moved back afterwards (a service refuses a due date in the past), to show how an overdue
request looks. Safe to run twice: a request already there (by its demo key in the
circumstances) is left alone.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from django.utils import timezone

from accord.accounts.demo import demo_password
from accord.accounts.models import User
from accord.accounts.services import user_create
from accord.core.models import Classification, Party
from accord.core.roles import Role
from accord.trafficking.models.tracing import TracingRequest
from accord.trafficking.services import tracing as services

C = Classification

# Customs officers the accounts demo has none of. username, party, clearance, full name.
EXTRA_USERS = (
    ("kaz.customs", "KAZ", C.CONFIDENTIAL, "Yerlan Abenov"),
    ("blr.customs", "BLR", C.CONFIDENTIAL, "Tatsiana Hrynevich"),
    ("arm.customs", "ARM", C.RESTRICTED, "Karen Sargsyan"),
)

OFFICER_OF = {
    "RUS": "rus.customs",
    "KAZ": "kaz.customs",
    "BLR": "blr.customs",
    "ARM": "arm.customs",
}

# key, from, to, item, final state, outcome, overdue
REQUESTS: tuple[dict[str, Any], ...] = (
    {
        "key": "DEMO-TR-1",
        "from": "RUS",
        "to": "KAZ",
        "item": ("uncrewed", "Fictional Aero", "Sparrow-3", "SP3-004512", "Lot 12"),
        "place": "a lorry at the Fictional Pass border crossing",
        "until": "closed",
        "outcome": "full",
    },
    {
        "key": "DEMO-TR-2",
        "from": "KAZ",
        "to": "RUS",
        "item": ("electronic_warfare", "Imaginary Systems", "Jammer-K", "JK-77-0031", ""),
        "place": "the luggage of a passenger at a fictional airport",
        "until": "answered",
        "outcome": "partial",
    },
    {
        "key": "DEMO-TR-3",
        "from": "RUS",
        "to": "BLR",
        "item": ("laser", "Nowhere Optics", "Dazzler-2", "NO-D2-1187", "Batch B"),
        "place": "a parcel at a fictional sorting office",
        "until": "acknowledged",
    },
    {
        "key": "DEMO-TR-4",
        "from": "BLR",
        "to": "KAZ",
        "item": ("component", "Example Motors", "Rotor EM-4", "EM4-55021", ""),
        "place": "a warehouse inspected during a fictional joint operation",
        "until": "sent",
    },
    {
        "key": "DEMO-TR-5",
        "from": "KAZ",
        "to": "ARM",
        "item": ("dual_use", "Sample Electronics", "Controller SE-9", "SE9-000777", "CE"),
        "place": "a container at a fictional river port",
        "until": "sent",
        "overdue": True,
    },
    {
        "key": "DEMO-TR-6",
        "from": "ARM",
        "to": "RUS",
        "item": ("novel_munition", "Placeholder Works", "PW-1", "PW1-0001", ""),
        "place": "an abandoned vehicle near a fictional village",
        "until": "withdrawn",
    },
    {
        "key": "DEMO-TR-7",
        "from": "RUS",
        "to": "KAZ",
        "item": ("uncrewed", "Fictional Aero", "Sparrow-5", "", "serial ground off; stamp 'FA'"),
        "place": "a fictional market",
        "until": "answered",
        "outcome": "cannot_trace",
    },
)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _ensure_users(stdout: IO[Any]) -> None:
    for username, code, clearance, full_name in EXTRA_USERS:
        if User.objects.filter(username=username).exists():
            continue
        first, last = full_name.split(" ", 1)
        user_create(
            actor=None,
            username=username,
            party=Party.objects.get(code=code),
            clearance=clearance,
            roles=[Role.CUSTOMS_OFFICER],
            password=demo_password(username),
            first_name=first,
            last_name=last,
        )
        stdout.write(f"  demo user {username} ({code}, customs officer)\n")


def _walk(spec: dict[str, Any]) -> TracingRequest:
    sender, receiver = _user(OFFICER_OF[spec["from"]]), _user(OFFICER_OF[spec["to"]])
    kind, manufacturer, model, serial, markings = spec["item"]
    request = services.tracing_request_send(
        actor=sender,
        requested_party=Party.objects.get(code=spec["to"]),
        items=[
            {
                "kind": kind,
                "manufacturer": manufacturer,
                "model": model,
                "serial_number": serial,
                "other_markings": markings,
            }
        ],
        circumstances=f"[{spec['key']}] Found in {spec['place']} (fictional demo data).",
        grounds="Carried without the export licence or end-user certificate required.",
        intended_use="Criminal investigation of the attempted illicit export.",
        legal_basis="Article 5 of the agreement; the parties' mutual legal assistance rules.",
        requested_information="Manufacture, export licences, last legal holder, transfers.",
        confidentiality="For law-enforcement use only; not to be passed to third parties.",
    )
    until = spec["until"]
    if until == "withdrawn":
        services.tracing_request_withdraw(
            actor=sender, request=request, reason="The item was identified otherwise."
        )
        return request
    if until == "sent":
        return request
    services.tracing_request_acknowledge(actor=receiver, request=request)
    if until == "acknowledged":
        return request
    outcome = spec["outcome"]
    transfers = []
    holder = ""
    if outcome == "full":
        holder = "Fictional Trading LLC (licensed dealer)"
        transfers = [
            {
                "date": "2021-03-01",
                "from_holder": manufacturer,
                "to_holder": "Fictional Trading LLC",
                "document_reference": "EL-12/2021",
            },
            {
                "date": "2022-07-15",
                "from_holder": "Fictional Trading LLC",
                "to_holder": "Unnamed buyer abroad (licence expired)",
                "document_reference": "INV-2022-0715",
            },
        ]
    elif outcome == "partial":
        holder = "Imaginary Systems (manufacturer)"
        transfers = [
            {
                "date": "2020-11-02",
                "from_holder": manufacturer,
                "to_holder": "A distributor (records incomplete)",
                "document_reference": "",
            }
        ]
    services.tracing_request_answer(
        actor=receiver,
        request=request,
        outcome=outcome,
        answer={
            "full": "The item was manufactured in 2020 and exported under licence.",
            "partial": "Manufacture confirmed; the records after the first sale are missing.",
            "cannot_trace": "Without a legible serial number the item cannot be traced.",
        }[outcome],
        last_legal_holder=holder,
        transfers=transfers,
    )
    if until == "closed":
        services.tracing_request_close(actor=sender, request=request)
    return request


def load(stdout: IO[Any]) -> None:
    _ensure_users(stdout)
    created = 0
    for spec in REQUESTS:
        if TracingRequest.objects.filter(circumstances__startswith=f"[{spec['key']}]").exists():
            continue
        request = _walk(spec)
        if spec.get("overdue"):
            now = timezone.now()
            TracingRequest.objects.filter(pk=request.pk).update(
                sent_at=now - dt.timedelta(days=45),
                due_date=timezone.localdate() - dt.timedelta(days=15),
            )
        created += 1
    stdout.write(f"  tracing requests: {created} created\n")
