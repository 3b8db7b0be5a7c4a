"""Demo records of: Incidents, their items and entities, correlation, MISP.

Fifteen clearly fictional incidents reported by four parties, through the services. Some
share a serial number (one seized drone is Russia's stolen one: Russia's officers are
notified), some share a courier or a company, several share route segments, and five
carry the placeholder serial "0000" so the correlation page shows a common value flagged
and not linked. Safe to run twice: an incident whose narrative is already stored is
skipped.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from accord.accounts.demo import demo_password
from accord.accounts.models import User
from accord.accounts.services import user_create
from accord.core.models import Classification, Party, Release
from accord.core.roles import Role
from accord.trafficking.models.incidents import Incident
from accord.trafficking.models.items import Item
from accord.trafficking.services import incidents as services
from accord.trafficking.services.items import item_register

C = Classification

# The same officers the tracing and operations demos use (created here if still missing).
OFFICERS = (
    ("rus.customs", "RUS", C.CONFIDENTIAL, "Olga Smirnova"),
    ("kaz.customs", "KAZ", C.CONFIDENTIAL, "Yerlan Abenov"),
    ("blr.customs", "BLR", C.CONFIDENTIAL, "Tatsiana Hrynevich"),
    ("arm.customs", "ARM", C.RESTRICTED, "Karen Sargsyan"),
)
OFFICER_OF = {code: username for username, code, _c, _n in OFFICERS}

STOLEN_SERIAL = "FA-S3-DEMO-7731"

M = Release.MEMBERS
OWN = Release.OWNER


def _item(kind: str, serial: str, make: str = "", model: str = "", marks: str = "") -> dict:
    return {
        "kind": kind,
        "serial_number": serial,
        "manufacturer": make,
        "model": model,
        "other_markings": marks,
        "quantity": 1,
    }


def _who(kind: str, name: str, role: str) -> dict:
    return {"kind": kind, "name": name, "role": role}


COURIER = _who("person", "Demo Courier Ivanov (fictional)", "courier")
COURIER_RU = _who("person", "Иванов Демо Курьер (вымышленный)", "courier")
FREIGHT = _who("organisation", "Fictional Freight Forwarding LLC", "carrier")
BROKER = _who("organisation", "Imaginary Brokerage JSC", "broker")

# party, kind, date, country, locality, route, release, items, entities, narrative
INCIDENTS: tuple[tuple[Any, ...], ...] = (
    (
        "KAZ",
        "seizure",
        dt.date(2025, 9, 3),
        "KAZ",
        "Fictional Pass checkpoint",
        ["CHN", "KAZ", "RUS"],
        M,
        [_item("uncrewed", "fa s3 demo 7731", "Fictional Aero", "Sparrow-3")],
        [COURIER, FREIGHT],
        "Demo: a Sparrow-3 drone in a lorry of fruit; its serial matches a stolen one.",
    ),
    (
        "RUS",
        "theft",
        dt.date(2025, 8, 20),
        "RUS",
        "Fictional depot No. 4",
        ["RUS"],
        M,
        [_item("uncrewed", STOLEN_SERIAL, "Fictional Aero", "Sparrow-3")],
        [],
        "Demo: theft of a Sparrow-3 drone from a fictional storage depot.",
    ),
    (
        "KAZ",
        "interdiction",
        dt.date(2025, 10, 11),
        "KAZ",
        "Fictional river port",
        ["UZB", "KAZ", "RUS"],
        M,
        [_item("electronic_warfare", "JK-77-0031", "Imaginary Systems", "Jammer-K")],
        [COURIER_RU, BROKER],
        "Demo: jammers declared as car radios in a container.",
    ),
    (
        "RUS",
        "seizure",
        dt.date(2025, 10, 30),
        "RUS",
        "Fictional airport",
        ["KAZ", "RUS"],
        M,
        [_item("electronic_warfare", "JK 77 0031", "Imaginary Systems", "Jammer-K")],
        [_who("person", "Demo Passenger Petrova (fictional)", "owner")],
        "Demo: a jammer in a passenger's luggage, same serial as a Kazakh interdiction.",
    ),
    (
        "BLR",
        "attempted_export",
        dt.date(2025, 7, 14),
        "BLR",
        "Fictional rail yard",
        ["RUS", "BLR", "POL"],
        M,
        [_item("laser", "NO-D2-1187", "Nowhere Optics", "Dazzler-2", "Batch B")],
        [BROKER, _who("organisation", "Example Optics Trading LLC", "consignee")],
        "Demo: laser dazzlers declared as measuring instruments.",
    ),
    (
        "BLR",
        "seizure",
        dt.date(2025, 11, 2),
        "BLR",
        "Fictional motorway post",
        ["RUS", "BLR"],
        M,
        [_item("component", "EM4-55021", "Example Motors", "Rotor EM-4")],
        [FREIGHT],
        "Demo: drone motors in a parcel van.",
    ),
    (
        "ARM",
        "interdiction",
        dt.date(2025, 6, 5),
        "ARM",
        "Fictional highway checkpoint",
        ["IRN", "ARM", "GEO"],
        M,
        [_item("dual_use", "SE9-000777", "Sample Electronics", "Controller SE-9", "CE")],
        [_who("vessel", "MV Imaginary Star", "carrier")],
        "Demo: flight controllers without an export licence.",
    ),
    (
        "ARM",
        "loss",
        dt.date(2025, 5, 1),
        "ARM",
        "Fictional training ground",
        [],
        OWN,
        [_item("novel_munition", "PW1-0001", "Placeholder Works", "PW-1")],
        [],
        "Demo: a training item reported lost after an exercise.",
    ),
    (
        "RUS",
        "seizure",
        dt.date(2025, 12, 1),
        "RUS",
        "Fictional market",
        ["KAZ", "RUS"],
        M,
        [_item("uncrewed", "", "Fictional Aero", "Sparrow-5", "serial ground off; stamp FA")],
        [COURIER],
        "Demo: a drone with its serial ground off, sold at a market.",
    ),
    *(
        (
            code,
            "seizure",
            dt.date(2025, 11, 10 + n),
            code,
            "Fictional post",
            ["KAZ", "KGZ"],
            M,
            [_item("component", "0000", "Unknown", "")],
            [],
            f"Demo: components marked only 0000 (placeholder serial), case {n + 1}.",
        )
        for n, code in enumerate(("KAZ", "KAZ", "RUS", "BLR", "ARM"))
    ),
    (
        "KAZ",
        "seizure",
        dt.date(2026, 1, 15),
        "KAZ",
        "Fictional Pass checkpoint",
        ["CHN", "KAZ"],
        OWN,
        [_item("component", "EM4 55021", "Example Motors", "Rotor EM-4")],
        [_who("person", "Ivanov Demo Courier", "courier")],
        "Demo: more drone motors; the same courier name, written the other way round.",
    ),
)


def _officer(username: str, code: str, clearance: int, full_name: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    first, _sep, last = full_name.partition(" ")
    return user_create(
        actor=None,
        username=username,
        party=Party.objects.get(code=code),
        clearance=clearance,
        roles=[Role.CUSTOMS_OFFICER],
        password=demo_password(username),
        first_name=first,
        last_name=last,
    )


def load(stdout: IO[Any]) -> None:
    users = {code: _officer(u, code, c, n) for u, code, c, n in OFFICERS}
    # Russia's stolen drone, in its register (released to the members so the Kazakh
    # seizure shows it), unless the items demo registered it already.
    if not Item.objects.filter(serial_norm="FAS3DEMO7731").exists():
        item_register(
            actor=users["RUS"],
            kind="uncrewed",
            manufacturer="Fictional Aero",
            model="Sparrow-3",
            serial_number=STOLEN_SERIAL,
            status="stolen",
            classification=C.RESTRICTED,
            release=Release.MEMBERS,
        )
    made = 0
    # The theft comes first, so the seizure that follows matches a stolen item.
    ordered = sorted(INCIDENTS, key=lambda row: row[2])
    for code, kind, date, country, locality, route, release, items, entities, text in ordered:
        if Incident.objects.filter(narrative=text).exists():
            continue
        services.incident_report(
            actor=users[code],
            kind=kind,
            occurred_on=date,
            country=country,
            locality=locality,
            route=route,
            release=release,
            classification=C.RESTRICTED,
            narrative=text,
            items=items,
            entities=entities,
        )
        made += 1
    stdout.write(f"  trafficking incidents: {made} new, {len(INCIDENTS)} in the demo\n")
