"""Demo data of the module, through the real services, safe to run twice (what exists is
left alone): two model acts (one adopted after two versions, one still a draft), national
acts of four states (one transposing most provisions, one with changes, one enacted but
not yet in force, one not transposing), the resulting matrix, and IHL implementing
measures linked to treaties of the law base.

The drafters of the Secretariat and Belarus's parliamentary officer are demo users of
this module (created here, through the accounts service, when missing)."""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from accord.accounts.demo import demo_password
from accord.accounts.models import User
from accord.accounts.services import user_create
from accord.core.models import Classification, Party, Release
from accord.core.roles import Role
from accord.law.models import Instrument
from accord.legislation import services
from accord.legislation.models import (
    ConformityCell,
    HarmonisationProgramme,
    ModelAct,
    NationalAct,
    NationalProvision,
)

USERS = (
    ("sec.parliament", "SEC", Classification.CONFIDENTIAL, "Elena Markova"),
    ("sec.assembly", "SEC", Classification.CONFIDENTIAL, "Timur Aliev"),
    ("blr.parliament", "BLR", Classification.RESTRICTED, "Olga Dubrovskaya"),
)

ADOPTED = (
    "12-7",
    "Model law on the legal review of new weapons",
    "Модельный закон о правовой проверке новых видов оружия",
)
V1 = (
    (
        "art_1",
        "1",
        "Scope",
        "Сфера применения",
        "This law applies to the study, development and acquisition of new weapons.",
        "Настоящий закон применяется к изучению, разработке и приобретению новых видов оружия.",
    ),
    ("art_2", "2", "The review duty", "Обязанность проверки", "", ""),
    (
        "art_2__para_1",
        "2(1)",
        "",
        "",
        "Every new weapon is reviewed before adoption.",
        "Каждый новый вид оружия проверяется до принятия на вооружение.",
    ),
    (
        "art_3",
        "3",
        "The reviewing body",
        "Проверяющий орган",
        "A body of legal advisers carries out the review.",
        "Проверку проводит орган правовых советников.",
    ),
)
V2 = (
    (
        "art_2__para_1",
        "2(1)",
        "",
        "",
        "Every new weapon, means or method of warfare is reviewed before its study, "
        "development, acquisition or adoption.",
        "Каждый новый вид оружия, средство или метод ведения войны проверяется до его "
        "изучения, разработки, приобретения или принятия.",
    ),
    (
        "art_4",
        "4",
        "Records",
        "Документы",
        "The conclusions of reviews are kept on record.",
        "Заключения проверок хранятся в документах.",
    ),
)
DRAFT = (
    "14-3",
    "Model law on the marking and tracing of new weapons",
    "Модельный закон о маркировке и отслеживании новых видов оружия",
)
DRAFT_PROVISIONS = (
    (
        "art_1",
        "1",
        "Marking",
        "Маркировка",
        "Every new weapon bears a unique marking.",
        "Каждый новый вид оружия имеет уникальную маркировку.",
    ),
    (
        "art_2",
        "2",
        "Records",
        "Учёт",
        "Records of marked items are kept for thirty years.",
        "Учёт маркированных изделий ведётся тридцать лет.",
    ),
)

# state user, work IRI, title, English title, kind, enacted, in force
NATIONAL = (
    (
        "rus.legal",
        "/akn/ru/act/2024/112",
        "О правовой проверке новых видов оружия",
        "On the legal review of new weapons",
        "law",
        dt.date(2024, 6, 1),
        dt.date(2025, 1, 1),
    ),
    (
        "kaz.legal",
        "/akn/kz/act/2025/45",
        "О правовой экспертизе вооружений",
        "On the legal examination of weapons",
        "law",
        dt.date(2025, 2, 10),
        dt.date(2025, 7, 1),
    ),
    (
        "arm.legal",
        "/akn/am/act/2026/8",
        "Правительственное постановление о проверке оружия",
        "Government decree on weapons review",
        "decree",
        dt.date(2026, 9, 1),
        dt.date(2027, 3, 1),
    ),
)
# state user, {eid: (status, provisions cited, deviation note)}
CELLS = {
    "rus.legal": {
        "art_1": ("transposed", "Art. 1", ""),
        "art_2": ("transposed", "Art. 3", ""),
        "art_2__para_1": ("transposed", "Art. 3(1)", ""),
        "art_3": ("transposed", "Art. 4", ""),
        "art_4": ("partially", "Art. 9", ""),
    },
    "kaz.legal": {
        "art_1": ("transposed", "Art. 1", ""),
        "art_2": ("with_changes", "Art. 2", "The duty covers acquisition only, not development."),
        "art_2__para_1": (
            "with_changes",
            "Art. 2(2)",
            "Means and methods of warfare are not covered.",
        ),
        "art_3": ("transposed", "Art. 5", ""),
        "art_4": ("not_applicable", "", ""),
    },
    "arm.legal": {
        "art_1": ("transposed", "Para. 1", ""),
        "art_2": ("transposed", "Para. 2", ""),
        "art_2__para_1": ("transposed", "Para. 2", ""),
        "art_3": ("partially", "Para. 5", ""),
    },
    "blr.parliament": {
        "art_1": ("not_transposed", "", ""),
        "art_2": ("not_transposed", "", ""),
        "art_2__para_1": ("not_transposed", "", ""),
        "art_3": ("not_transposed", "", ""),
        "art_4": ("unknown", "", ""),
    },
}
MEASURES = (
    ("rus.legal", "weapons_review", "AP-I", "Art. 3"),
    ("kaz.legal", "weapons_review", "AP-I", "Art. 2"),
    ("kaz.legal", "export_control", "ATT", "Art. 11"),
)


def _users(stdout: IO[str]) -> None:
    roles = [Role.PARLIAMENTARY_OFFICER]
    for username, code, clearance, full_name in USERS:
        if User.objects.filter(username=username).exists():
            continue
        first, _sp, last = full_name.partition(" ")
        user_create(
            actor=None,
            username=username,
            party=Party.objects.get(code=code),
            clearance=clearance,
            roles=roles,
            password=demo_password(username),
            first_name=first,
            last_name=last,
        )
        stdout.write(
            f"  {username:<15} {demo_password(username):<28} {code}  parliamentary_officer\n"
        )


def _provisions(actor: Any, act: ModelAct, rows: Any) -> None:
    for eid, num, heading_en, heading_ru, text_en, text_ru in rows:
        services.provision_save(
            actor=actor,
            act=act,
            eid=eid,
            num=num,
            heading_en=heading_en,
            heading_ru=heading_ru,
            text_en=text_en,
            text_ru=text_ru,
        )


def _step(actor: Any, act: ModelAct, action: str, on: dt.date | None = None) -> ModelAct:
    act.refresh_from_db()
    return services.act_transition(actor=actor, act=act, action=action, version=act.version, on=on)


def _adopted(first: Any, second: Any) -> ModelAct:
    number, title_en, title_ru = ADOPTED
    act = ModelAct.objects.filter(number=number).first()
    if act is not None:
        return act
    act = services.act_create(
        actor=first,
        number=number,
        title_en=title_en,
        title_ru=title_ru,
        programme_item="Plan 2021–2025, item 7",
        summary="Puts the Article 36 review duty of Additional Protocol I into national law.",
        release=Release.PUBLIC,
        classification=Classification.UNCLASSIFIED,
    )
    _provisions(first, act, V1)
    services.version_create(actor=first, act=act, note="After the commission's second reading")
    _provisions(first, act, V2)
    _step(first, act, "to_commission")
    _step(first, act, "propose")
    _step(second, act, "adopt", on=dt.date(2023, 11, 24))
    return _step(first, act, "send")


def _draft(first: Any) -> None:
    number, title_en, title_ru = DRAFT
    if ModelAct.objects.filter(number=number).exists():
        return
    act = services.act_create(
        actor=first,
        number=number,
        title_en=title_en,
        title_ru=title_ru,
        programme_item="Plan 2026–2030, item 2",
        release=Release.MEMBERS,
        classification=Classification.RESTRICTED,
    )
    _provisions(first, act, DRAFT_PROVISIONS)


def _draft_comments(first: Any, commenter: Any) -> None:
    """On the draft: a comment on the whole act, a suggestion accepted, one still open."""
    act = ModelAct.objects.filter(number=DRAFT[0]).first()
    if act is None or act.comments.exists() or commenter is None:
        return
    services.comment_add(
        actor=commenter,
        act=act,
        text="The act should say which authority keeps the register of markings.",
    )
    accepted = services.comment_add(
        actor=commenter,
        act=act,
        provision_eid="art_1",
        kind="suggestion",
        text="Align with the ATT's wording on marking.",
        language="en",
        suggested_text="Every new weapon bears a unique marking applied at manufacture.",
    )
    services.comment_decide(actor=first, act=act, comment_id=accepted.pk, disposition="accepted")
    services.comment_add(
        actor=commenter,
        act=act,
        provision_eid="art_2",
        kind="suggestion",
        text="Уточнить срок хранения записей.",
        language="ru",
        suggested_text="Записи хранятся не менее двадцати лет.",
    )


PROGRAMMES = (
    (
        "Harmonisation programme 2021–2025",
        "Программа гармонизации 2021–2025",
        2021,
        2025,
        (
            ("Model law on arms trade control", "Модельный закон о контроле торговли оружием"),
            ("Model law on the emblems", "Модельный закон об эмблемах"),
            (ADOPTED[1], ADOPTED[2]),
        ),
        ADOPTED[0],
    ),
    (
        "Harmonisation programme 2026–2030",
        "Программа гармонизации 2026–2030",
        2026,
        2030,
        (
            ("Model law on autonomous weapon systems", "Модельный закон об автономных системах"),
            (DRAFT[1], DRAFT[2]),
        ),
        DRAFT[0],
    ),
)


def _programmes(first: Any) -> None:
    """Two programmes; the last item of each is linked to the model act drafted from it."""
    for title_en, title_ru, first_year, last_year, items, act_number in PROGRAMMES:
        if HarmonisationProgramme.objects.filter(title_en=title_en).exists():
            continue
        programme = services.programme_create(
            actor=first,
            title_en=title_en,
            title_ru=title_ru,
            first_year=first_year,
            last_year=last_year,
            adopted_on=dt.date(first_year - 1, 11, 20),
        )
        for n, (item_en, item_ru) in enumerate(items):
            item = services.item_save(
                actor=first,
                programme=programme,
                title_en=item_en,
                title_ru=item_ru,
                planned_year=first_year + n,
            )
        act = ModelAct.objects.filter(number=act_number).first()
        if act is not None:
            services.item_link(actor=first, item=item, act=act)


NATIONAL_PROVISIONS = (
    (
        "art_3",
        "3",
        "Статья 3. Правовая проверка",
        "Новые виды оружия проходят правовую проверку до принятия на вооружение.",
        dt.date(2025, 1, 1),
    ),
    (
        "art_3",
        "3",
        "Статья 3. Правовая проверка",
        "Новые виды оружия, средства и методы ведения войны проходят правовую проверку "
        "на стадиях разработки, приобретения и принятия на вооружение.",
        dt.date(2026, 3, 1),
    ),
)


def _national_provisions(actor: Any, act: NationalAct | None) -> None:
    """Two wordings of Article 3 of the Russian law: as enacted, and as amended in 2026."""
    if actor is None or act is None or NationalProvision.objects.filter(act=act).exists():
        return
    for eid, num, heading, text, valid_from in NATIONAL_PROVISIONS:
        services.national_provision_save(
            actor=actor,
            act=act,
            eid=eid,
            num=num,
            heading=heading,
            text=text,
            valid_from=valid_from,
        )


def load(stdout: IO[str]) -> None:
    _users(stdout)
    users = {
        u.username: u
        for u in User.objects.filter(username__in=[*CELLS, "sec.parliament", "sec.assembly"])
    }
    first, second = users.get("sec.parliament"), users.get("sec.assembly")
    if first is None or second is None:
        return
    act = _adopted(first, second)
    _draft(first)
    _draft_comments(first, User.objects.filter(username="blr.parliament").first())
    _programmes(first)
    national: dict[str, NationalAct] = {}
    for username, iri, title, title_en, kind, enacted, in_force in NATIONAL:
        actor = users.get(username)
        if actor is None:
            continue
        found = NationalAct.objects.filter(frbr_work=iri).first()
        national[username] = found or services.national_create(
            actor=actor,
            kind=kind,
            title=title,
            title_en=title_en,
            title_ru=title,
            language="ru",
            frbr_work=iri,
            gazette=f"Gazette {enacted.year}, No. {enacted.month}",
            enacted_on=enacted,
            in_force_on=in_force,
            release=Release.PUBLIC,
            classification=Classification.UNCLASSIFIED,
        )
    _national_provisions(users.get("rus.legal"), national.get("rus.legal"))
    created = 0
    for username, cells in CELLS.items():
        actor = users.get(username)
        if actor is None:
            continue
        for eid, (status, cited, note) in cells.items():
            if ConformityCell.objects.filter(
                act=act, provision_eid=eid, owner=actor.party
            ).exists():
                continue
            fields: dict[str, Any] = {
                "status": status,
                "national_provisions": cited,
                "deviation_note": note,
            }
            if username in national and status in ("transposed", "with_changes", "partially"):
                fields["national_act"] = national[username]
            services.cell_save(actor=actor, act=act, provision_eid=eid, **fields)
            created += 1
    for username, area, code, cited in MEASURES:
        act_of_state = national.get(username)
        if (
            act_of_state is None
            or act_of_state.measures.filter(area=area, instrument__code=code).exists()
        ):
            continue
        services.measure_add(
            actor=users[username],
            act=act_of_state,
            area=area,
            instrument=Instrument.objects.get(code=code),
            provisions=cited,
        )
    stdout.write(
        f"legislation: 2 model acts, {len(national)} national acts, {created} new matrix cells.\n"
    )
