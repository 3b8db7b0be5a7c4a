"""Demo records of: Item registers, makes and models, imports, matching.

A make-and-model reference of twenty fictional makes and models with Latin and Cyrillic
spellings, and registers of a few hundred fictional items in four parties (some lost or
stolen, some released to members or to listed parties). Everything goes through the
services; loading twice adds nothing.

Serials other demos may rely on (stolen or lost, so a match alerts the owner):
KAZ "ZA-KS7-00417" (stolen), BLR "BP-GR2-1001" (lost), ARM "KT-VL5-0088" (stolen).
"""

from __future__ import annotations

import random
from typing import IO, Any

from accord.accounts.models import User
from accord.accounts.services import user_create
from accord.core.models import Classification, Party, Release
from accord.core.roles import Role
from accord.trafficking.models.items import Item, ItemKind, MakeModel
from accord.trafficking.services.items import item_register, make_model_add

C = Classification
K = ItemKind

# manufacturer, manufacturer aliases, model, model aliases, country, kind, serial prefix
MAKES: tuple[tuple[str, list[str], str, list[str], str, str, str], ...] = (
    (
        "Zarya Aeroworks",
        ["Заря Аэроворкс", "Zaria Aero"],
        "Kestrel-7",
        ["Пустельга-7", "Kestrel 7"],
        "RUS",
        K.UNCREWED,
        "ZA-KS7",
    ),
    (
        "Zarya Aeroworks",
        ["Заря Аэроворкс"],
        "Kestrel-9",
        ["Пустельга-9"],
        "RUS",
        K.UNCREWED,
        "ZA-KS9",
    ),
    (
        "Steppe Dynamics",
        ["Степь Дайнэмикс"],
        "Saiga UGV",
        ["Сайга", "Saiga"],
        "KAZ",
        K.UNCREWED,
        "SD-SG",
    ),
    ("Steppe Dynamics", ["Степь Дайнэмикс"], "Tulpar-3", ["Тулпар-3"], "KAZ", K.UNCREWED, "SD-TL3"),
    (
        "Belopole Radio",
        ["Белополе Радио", "Belapolle Radio"],
        "Granit-2 jammer",
        ["Гранит-2", "Granit 2"],
        "BLR",
        K.ELECTRONIC_WARFARE,
        "BP-GR2",
    ),
    (
        "Belopole Radio",
        ["Белополе Радио"],
        "Kupol-M",
        ["Купол-М"],
        "BLR",
        K.ELECTRONIC_WARFARE,
        "BP-KPM",
    ),
    (
        "Ararat Photonics",
        ["Арарат Фотоникс"],
        "Aurora-D",
        ["Аврора-Д", "Avrora D"],
        "ARM",
        K.LASER,
        "AP-AUD",
    ),
    (
        "Ararat Photonics",
        ["Арарат Фотоникс"],
        "Sevan rangefinder",
        ["Севан"],
        "ARM",
        K.DUAL_USE,
        "AP-SVN",
    ),
    (
        "Koitash Technologies",
        ["Койташ Текнолоджис"],
        "Volna-5",
        ["Волна-5"],
        "ARM",
        K.ELECTRONIC_WARFARE,
        "KT-VL5",
    ),
    (
        "Tundra Systems",
        ["Тундра Системс"],
        "Polar Eye",
        ["Полярный глаз"],
        "RUS",
        K.AI_DECISION_SUPPORT,
        "TS-PE",
    ),
    ("Irtysh Motors", ["Иртыш Моторс"], "IM-40 engine", ["ИМ-40"], "KAZ", K.COMPONENT, "IM-40"),
    ("Irtysh Motors", ["Иртыш Моторс"], "IM-60 engine", ["ИМ-60"], "KAZ", K.COMPONENT, "IM-60"),
    ("Neman Optics", ["Неман Оптикс"], "NO-3 gimbal", ["НО-3"], "BLR", K.COMPONENT, "NO-3"),
    ("Neman Optics", ["Неман Оптикс"], "Svityaz camera", ["Свитязь"], "BLR", K.DUAL_USE, "NO-SV"),
    (
        "Volga Munitions",
        ["Волга Мьюнишнс"],
        "Strizh-L",
        ["Стриж-Л"],
        "RUS",
        K.NOVEL_MUNITION,
        "VM-STL",
    ),
    (
        "Volga Munitions",
        ["Волга Мьюнишнс"],
        "Strizh-M",
        ["Стриж-М"],
        "RUS",
        K.NOVEL_MUNITION,
        "VM-STM",
    ),
    ("Pamir Avionics", ["Памир Авионикс"], "PA-7 autopilot", ["ПА-7"], "TJK", K.COMPONENT, "PA-7"),
    (
        "Issyk Signal",
        ["Иссык Сигнал"],
        "Tenir-EW",
        ["Тенир-РЭБ", "Tenir EW"],
        "KGZ",
        K.ELECTRONIC_WARFARE,
        "IS-TN",
    ),
    ("Aral Robotics", ["Арал Роботикс"], "Karakum-2", ["Каракум-2"], "KAZ", K.AUTONOMOUS, "AR-KK2"),
    ("Ladoga Labs", ["Ладога Лабс"], "Mirage dazzler", ["Мираж"], "RUS", K.NON_LETHAL, "LL-MR"),
)

OFFICERS = (
    ("rus.customs", "RUS", C.CONFIDENTIAL, "Olga Smirnova"),
    ("kaz.customs", "KAZ", C.CONFIDENTIAL, "Yerlan Abenov"),
    ("blr.customs", "BLR", C.CONFIDENTIAL, "Tatsiana Hrynevich"),
    ("arm.customs", "ARM", C.RESTRICTED, "Karen Sargsyan"),
)

ITEMS_PER_PARTY = 75
KNOWN = {
    "KAZ": [("ZA-KS7-00417", Item.Status.STOLEN, Release.OWNER)],
    "BLR": [("BP-GR2-1001", Item.Status.LOST, Release.MEMBERS)],
    "ARM": [("KT-VL5-0088", Item.Status.STOLEN, Release.OWNER)],
}


def _officers(stdout: IO[Any]) -> dict[str, Any]:
    from accord.accounts.demo import demo_password

    parties = {p.code: p for p in Party.objects.all()}
    users: dict[str, Any] = {}
    for username, code, clearance, full_name in OFFICERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            first, last = full_name.split(" ", 1)
            user = user_create(
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
            stdout.write(f"  {username:<15} {demo_password(username):<28} {code}  customs\n")
        users[code] = user
    return users


def _makes(actor: Any) -> dict[str, MakeModel]:
    by_prefix: dict[str, MakeModel] = {}
    for maker, maker_aliases, model, model_aliases, country, kind, prefix in MAKES:
        entry = MakeModel.objects.filter(manufacturer=maker, model=model).first()
        if entry is None:
            entry = make_model_add(
                actor=actor,
                manufacturer=maker,
                model=model,
                manufacturer_aliases=maker_aliases,
                model_aliases=model_aliases,
                country=country,
                kind=kind,
            )
        by_prefix[prefix] = entry
    return by_prefix


def load(stdout: IO[Any]) -> None:
    users = _officers(stdout)
    makes = _makes(users["RUS"])
    rng = random.Random(5)  # the same registers every time  # noqa: S311
    added = 0
    in_registers = 0  # the demo's own items, whether added now or by an earlier run
    statuses = [Item.Status.IN_SERVICE] * 12 + [
        Item.Status.LOST,
        Item.Status.STOLEN,
        Item.Status.TRANSFERRED,
        Item.Status.DESTROYED,
        Item.Status.SEIZED,
    ]
    others = list(Party.objects.filter(code__in=["RUS", "KAZ", "BLR", "ARM"]))
    for code, actor in users.items():
        existing = set(
            Item.objects.filter(owner=actor.party).values_list("serial_number", flat=True)
        )
        planned: list[dict[str, Any]] = [
            {"serial": serial, "prefix": prefix_of(serial), "status": status, "release": release}
            for serial, status, release in KNOWN.get(code, [])
        ]
        for n in range(ITEMS_PER_PARTY):
            prefix = rng.choice([m[6] for m in MAKES])
            planned.append(
                {
                    "serial": f"{prefix}-{rng.randint(0, 99999):05d}",
                    "prefix": prefix,
                    "status": statuses[(n * 7) % len(statuses)],
                    "release": rng.choice(
                        [Release.OWNER] * 5 + [Release.MEMBERS] * 3 + [Release.LISTED]
                    ),
                }
            )
        for plan in planned:  # every draw made before any is skipped: same plan each run
            plan["lot"] = rng.randint(1, 40)
            plan["year"] = rng.randint(2015, 2025)
            plan["classification"] = rng.choice([C.UNCLASSIFIED, C.RESTRICTED, C.RESTRICTED])
        in_registers += len({plan["serial"] for plan in planned})
        for plan in planned:
            if plan["serial"] in existing:
                continue
            existing.add(plan["serial"])
            entry = makes[plan["prefix"]]
            item_register(
                actor=actor,
                kind=entry.kind or ItemKind.OTHER,
                manufacturer=entry.manufacturer,
                model=entry.model,
                serial_number=plan["serial"],
                other_markings=f"LOT {plan['lot']} / {entry.country} (fictional)",
                country_of_manufacture=entry.country,
                year_of_manufacture=plan["year"],
                status=plan["status"],
                classification=plan["classification"],
                release=plan["release"],
                released_to=[p for p in others if p.pk != actor.party_id][:2]
                if plan["release"] == Release.LISTED
                else None,
            )
            added += 1
    stdout.write(
        f"Trafficking items: {MakeModel.objects.count()} makes and models, "
        f"{added} items added ({in_registers} in the demo registers).\n"
    )


def prefix_of(serial: str) -> str:
    return serial.rsplit("-", 1)[0]
