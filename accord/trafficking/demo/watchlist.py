"""Demo records of: Watchlist entities and screening.

About fifty clearly fictional entities — persons, companies, vessels and aircraft — on the
watchlists of five parties, written in Cyrillic or Latin with aliases in the other script,
identifiers, and markings from "own party only" to "members and observers". Screening
"Romashka LLC", "Sergei Ivanov" or "Kapitan Belousov" finds them. Everything goes through
the services; loading twice adds nothing (an entity is known by its party and name).
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from accord.accounts.models import User
from accord.accounts.services import user_create
from accord.core.models import Classification, Party, Release
from accord.core.roles import Role
from accord.trafficking.models import Entity
from accord.trafficking.services.watchlist import entity_create

C = Classification
R = Release

OFFICERS = (
    ("rus.customs", "RUS", C.CONFIDENTIAL, [Role.CUSTOMS_OFFICER], "Olga Smirnova"),
    ("kaz.customs", "KAZ", C.CONFIDENTIAL, [Role.CUSTOMS_OFFICER], "Yerlan Abenov"),
    ("blr.customs", "BLR", C.CONFIDENTIAL, [Role.CUSTOMS_OFFICER], "Tatsiana Hrynevich"),
    ("arm.customs", "ARM", C.RESTRICTED, [Role.CUSTOMS_OFFICER], "Karen Sargsyan"),
    ("sec.officer", "SEC", C.CONFIDENTIAL, [Role.SECRETARIAT_OFFICER], "Pavel Orlov"),
)

# party, kind, name, aliases, nationality, identifiers, release, classification
ENTITIES: tuple[tuple[str, str, str, list[str], str, list[tuple[str, str]], str, int], ...] = (
    # Russia
    (
        "RUS",
        "person",
        "Сергей Иванов",
        ["Sergei Ivanov", "Серж Иванофф"],
        "RUS",
        [("passport", "72 0000001")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    ("RUS", "person", "Фёдор Щукин", ["Fyodor Shchukin"], "RUS", [], R.OWNER, C.RESTRICTED),
    (
        "RUS",
        "person",
        "Евгений Григорьев",
        ["Yevgeny Grigoryev"],
        "RUS",
        [("passport", "72 0000002")],
        R.MEMBERS,
        C.CONFIDENTIAL,
    ),
    ("RUS", "person", "Юлия Хачатрян", ["Iuliia Khachatrian"], "ARM", [], R.MEMBERS, C.RESTRICTED),
    (
        "RUS",
        "organisation",
        "ООО «Ромашка»",
        ["Romashka LLC"],
        "RUS",
        [("tax_id", "7700000001")],
        R.MEMBERS_OBSERVERS,
        C.UNCLASSIFIED,
    ),
    (
        "RUS",
        "organisation",
        "АО «Вектор-Демо»",
        ["Vektor-Demo JSC"],
        "RUS",
        [("registration", "1027700000001")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "RUS",
        "organisation",
        "ЗАО «Алмаз-Трейд»",
        ["Almaz-Trade CJSC"],
        "RUS",
        [],
        R.OWNER,
        C.RESTRICTED,
    ),
    (
        "RUS",
        "organisation",
        "ПАО «Нефтегазстрой-Демо»",
        ["Neftegazstroy-Demo PJSC"],
        "RUS",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "RUS",
        "organisation",
        "ООО «Тайга Электроникс»",
        ["Taiga Electronics Ltd"],
        "RUS",
        [("tax_id", "7700000002")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "RUS",
        "vessel",
        "Капитан Белоусов",
        ["Kapitan Belousov"],
        "PAN",
        [("imo", "IMO 9000001")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "RUS",
        "vessel",
        "Волга-3",
        ["Volga-3"],
        "RUS",
        [("imo", "IMO 9000002")],
        R.OWNER,
        C.RESTRICTED,
    ),
    (
        "RUS",
        "aircraft",
        "Беркут Авиа",
        ["Berkut Avia"],
        "KGZ",
        [("tail", "EX-00001")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    # Kazakhstan
    (
        "KAZ",
        "person",
        "Нурлан Абенов-Демо",
        ["Nurlan Abenov-Demo"],
        "KAZ",
        [("passport", "N00000001")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    ("KAZ", "person", "Айгуль Сейткали", ["Aigul Seitkali"], "KAZ", [], R.OWNER, C.RESTRICTED),
    (
        "KAZ",
        "person",
        "Ержан Тулеуов",
        ["Yerzhan Tuleuov", "Erzhan Tuleuov"],
        "KAZ",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "KAZ",
        "organisation",
        "ТОО «Беркут Транс Сервис»",
        ["Berkut Trans Service LLP"],
        "KAZ",
        [("tax_id", "BIN 000000000001")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "KAZ",
        "organisation",
        "ТОО «Алтын Логистик»",
        ["Altyn Logistics LLP"],
        "KAZ",
        [],
        R.LISTED,
        C.RESTRICTED,
    ),
    (
        "KAZ",
        "organisation",
        "АО «Степь Дайнэмикс Демо»",
        ["Steppe Dynamics Demo JSC"],
        "KAZ",
        [],
        R.OWNER,
        C.RESTRICTED,
    ),
    (
        "KAZ",
        "vessel",
        "Каспий-7",
        ["Kaspiy-7", "Caspiy 7"],
        "KAZ",
        [("imo", "IMO 9000003")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "KAZ",
        "aircraft",
        "Сункар Эйр Демо",
        ["Sunkar Air Demo"],
        "KAZ",
        [("tail", "UP-00001")],
        R.MEMBERS_OBSERVERS,
        C.UNCLASSIFIED,
    ),
    (
        "KAZ",
        "person",
        "Дамир Жаксыбеков",
        ["Damir Zhaksybekov"],
        "KAZ",
        [],
        R.MEMBERS,
        C.CONFIDENTIAL,
    ),
    # Belarus
    (
        "BLR",
        "person",
        "Алесь Крывiцкi",
        ["Ales Kryvitski", "Алесь Кривицкий"],
        "BLR",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "BLR",
        "person",
        "Наталья Соколова-Демо",
        ["Natalia Sokolova-Demo"],
        "BLR",
        [("passport", "MP0000001")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "BLR",
        "organisation",
        "ОДО «Белополе Радио Демо»",
        ["Belopole Radio Demo ALC"],
        "BLR",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "BLR",
        "organisation",
        "ЧУП «Неман-Импэкс»",
        ["Neman-Impex PUE"],
        "BLR",
        [("tax_id", "UNP 100000001")],
        R.OWNER,
        C.RESTRICTED,
    ),
    (
        "BLR",
        "organisation",
        "ОАО «Север-Демо»",
        ["Sever-Demo OJSC"],
        "BLR",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "BLR",
        "aircraft",
        "Полесье Карго",
        ["Polesye Cargo"],
        "BLR",
        [("tail", "EW-00001")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    ("BLR", "vessel", "Припять", ["Pripyat", "Prypiac"], "BLR", [], R.OWNER, C.RESTRICTED),
    ("BLR", "person", "Виктор Цой-Демо", ["Victor Tsoi-Demo"], "BLR", [], R.MEMBERS, C.RESTRICTED),
    # Armenia
    (
        "ARM",
        "person",
        "Арам Ованнисян",
        ["Aram Hovhannisyan"],
        "ARM",
        [("passport", "AM0000001")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    ("ARM", "person", "Ануш Геворгян", ["Anush Gevorgyan"], "ARM", [], R.OWNER, C.RESTRICTED),
    (
        "ARM",
        "organisation",
        "ООО «Арарат Технолоджис Демо»",
        ["Ararat Technologies Demo LLC"],
        "ARM",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "ARM",
        "organisation",
        "ЗАО «Севан Трейдинг»",
        ["Sevan Trading CJSC"],
        "ARM",
        [],
        R.MEMBERS_OBSERVERS,
        C.UNCLASSIFIED,
    ),
    (
        "ARM",
        "aircraft",
        "Арагац Авиа",
        ["Aragats Avia"],
        "ARM",
        [("tail", "EK-00001")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "ARM",
        "person",
        "Тигран Мартиросян-Демо",
        ["Tigran Martirosyan-Demo"],
        "ARM",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    # The Secretariat (a consolidated list released to all members)
    (
        "SEC",
        "organisation",
        "Orion Dual-Use Trading FZE (fictional)",
        ["Орион Дуал-Юз Трейдинг"],
        "ARE",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "SEC",
        "organisation",
        "Polar Star Components Ltd (fictional)",
        ["Полар Стар Компонентс"],
        "GBR",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "SEC",
        "organisation",
        "Blue Lotus Electronics Co (fictional)",
        ["Блю Лотус Электроникс"],
        "HKG",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "SEC",
        "vessel",
        "Sea Falcon (fictional)",
        ["Си Фалкон"],
        "PAN",
        [("imo", "IMO 9000004")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "SEC",
        "vessel",
        "Northern Light (fictional)",
        ["Нордерн Лайт"],
        "LBR",
        [("imo", "IMO 9000005")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "SEC",
        "aircraft",
        "Silk Route Air Cargo (fictional)",
        ["Силк Рут Эйр Карго"],
        "ARE",
        [("tail", "A6-00001")],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    ("SEC", "person", "John Demo-Smith", ["Джон Демо-Смит"], "GBR", [], R.MEMBERS, C.RESTRICTED),
    ("SEC", "person", "Marco Finto", ["Марко Финто"], "ITA", [], R.MEMBERS, C.RESTRICTED),
    ("SEC", "person", "Li Shadow-Wei", ["Ли Шэдоу-Вэй"], "CHN", [], R.MEMBERS, C.RESTRICTED),
    (
        "SEC",
        "organisation",
        "Caspian Gateway Logistics LLC (fictional)",
        ["ООО «Каспиан Гейтвэй Логистикс»"],
        "AZE",
        [],
        R.MEMBERS_OBSERVERS,
        C.UNCLASSIFIED,
    ),
    (
        "SEC",
        "vessel",
        "Akademik Fyodorov-Demo",
        ["Академик Фёдоров-Демо"],
        "RUS",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "SEC",
        "organisation",
        "Helix Optics GmbH (fictional)",
        ["Хеликс Оптикс"],
        "DEU",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "SEC",
        "person",
        "Ahmad Fictional-Rahimi",
        ["Ахмад Фикшнл-Рахими"],
        "IRN",
        [],
        R.MEMBERS_OBSERVERS,
        C.UNCLASSIFIED,
    ),
    (
        "SEC",
        "aircraft",
        "Desert Hawk Aviation (fictional)",
        ["Дезерт Хок Авиэйшн"],
        "ARE",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
    (
        "SEC",
        "organisation",
        "Tundra Components PJSC (fictional)",
        ["ПАО «Тундра Компонентс»"],
        "RUS",
        [],
        R.MEMBERS,
        C.RESTRICTED,
    ),
)

REASONS = {
    "person": "Fictional demo record: suspected broker of controlled uncrewed-system components.",
    "organisation": "Fictional demo record: front company in attempted illicit exports.",
    "vessel": "Fictional demo record: vessel used in an interdicted shipment.",
    "aircraft": "Fictional demo record: operator of flights carrying seized items.",
}


def _officers(stdout: IO[Any]) -> dict[str, Any]:
    from accord.accounts.demo import demo_password

    parties = {p.code: p for p in Party.objects.all()}
    users: dict[str, Any] = {}
    for username, code, clearance, roles, full_name in OFFICERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            first, last = full_name.split(" ", 1)
            user = user_create(
                actor=None,
                username=username,
                party=parties[code],
                clearance=clearance,
                roles=roles,
                password=demo_password(username),
                first_name=first,
                last_name=last,
                email=f"{username}@demo.accord.invalid",
            )
            stdout.write(f"  {username:<15} {demo_password(username):<28} {code}  customs\n")
        users[code] = user
    return users


def load(stdout: IO[Any]) -> None:
    users = _officers(stdout)
    parties = {p.code: p for p in Party.objects.all()}
    created = 0
    for index, (code, kind, name, aliases, nationality, identifiers, release, level) in enumerate(
        ENTITIES
    ):
        actor = users[code]
        if Entity.objects.filter(owner=parties[code], name=name).exists():
            continue
        entity_create(
            actor=actor,
            kind=kind,
            name=name,
            aliases=aliases,
            nationality=nationality,
            reason=REASONS[kind],
            listed_on=dt.date(2025, 1, 1) + dt.timedelta(days=7 * index),
            identifiers=identifiers,
            release=release,
            classification=min(level, actor.clearance),
            released_to=[parties["ARM"], parties["BLR"]] if release == R.LISTED else [],
        )
        created += 1
    stdout.write(f"  watchlist: {created} entities listed ({len(ENTITIES)} in the demo)\n")
